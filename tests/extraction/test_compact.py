"""The compact stores a long text's extraction keeps (issue 23 item 3, memory): the block map
as integer columns (none for a field no block says), clauses and paragraphs as two columns,
tasks that cut their text from the document's, one message for the warnings about one
unknown body, and a JSON built by letting go of its context. Each must give back exactly
what was put in."""

from __future__ import annotations

from pathlib import Path

from theodoi.extraction import pipeline, read_source, schema
from theodoi.extraction.model import Task
from theodoi.extraction.pipeline import Context
from theodoi.extraction.source import Block, BlockMap, SourceText, TextBuilder, of_kind
from theodoi.extraction.stages import STAGES, agencies
from theodoi.extraction.stages.clauses import Spans
from theodoi.extraction.stages.paragraphs import document_paragraphs

BLOCKS = [
    Block(0, 12, kind="line", paragraph=0),
    Block(13, 13, kind="cell", table=0, row=0, col=1, merged=True),  # an empty merged cell
    Block(14, 40, kind="paragraph", page=3),
    Block(41, 52, kind="cell", paragraph=7, table=2, row=5, col=0),
]


def test_a_block_map_gives_back_the_blocks_put_in() -> None:
    blocks = BlockMap()
    for block in BLOCKS:
        blocks.append(block)
    blocks.add_line(53, 60, 9)
    assert list(blocks) == [*BLOCKS, Block(53, 60, kind="line", paragraph=9)]
    assert blocks[2] == Block(14, 40, kind="paragraph", page=3)
    assert blocks[1:3] == BLOCKS[1:3]
    assert list(of_kind(blocks, "cell")) == [BLOCKS[1], BLOCKS[3]]
    assert list(of_kind(blocks, "heading")) == []


def test_blocks_copied_between_maps_keep_their_kinds() -> None:
    source, copy = BlockMap(), BlockMap()
    for block in BLOCKS:
        source.append(block)
    copy.append(Block(0, 5, kind="cell", table=1, row=0, col=0))  # "cell" first here
    copy.extend_from(source, 1, 4)
    assert list(copy) == [Block(0, 5, kind="cell", table=1, row=0, col=0), *BLOCKS[1:4]]


def test_a_map_of_lines_holds_no_column_for_what_no_line_says() -> None:
    lines, mixed = BlockMap(), BlockMap()
    for blocks in (lines, mixed):
        blocks.add_line(0, 4, 0)
        blocks.add_line(5, 9, 2)
    assert [c is None for c in lines.columns] == [False, False, False, True, False, True,
                                                  True, True, True]  # page, table … merged
    mixed.append(BLOCKS[1])  # a merged cell: its table, row, col and merge are said now
    mixed.extend_from(lines, 0, 2)  # lines again, from a map without those columns
    assert list(mixed) == [Block(0, 4, kind="line", paragraph=0),
                           Block(5, 9, kind="line", paragraph=2), BLOCKS[1],
                           Block(0, 4, kind="line", paragraph=0),
                           Block(5, 9, kind="line", paragraph=2)]
    copy = BlockMap()
    copy.extend_from(lines, 0, 2)  # lines copied: still no column for a cell's fields
    assert (copy.columns[5], list(copy)) == (None, list(lines))


def test_lines_added_at_once_are_the_lines_added_one_by_one() -> None:
    """`add_lines` fills a line's columns directly: the same map as `add_line` for each line,
    after blocks that made columns of their own (a page, a merged cell) or none."""
    rows = [(0, 4, 0), (5, 9, 2), (10, 30, 3)]
    for before in ([], BLOCKS[:1], BLOCKS[1:3], BLOCKS):
        one, all_at_once = BlockMap(), BlockMap()
        for blocks in (one, all_at_once):
            for block in before:
                blocks.append(block)
        for row in rows:
            one.add_line(*row)
        all_at_once.add_lines(iter(rows))
        all_at_once.add_lines(iter(()))  # nothing: no column made
        assert list(all_at_once) == list(one)
        assert [c is None for c in all_at_once.columns] == [c is None for c in one.columns]
        assert all_at_once.kinds == one.kinds


PAGE_LINES = [
    [],
    [(1, 0, "")],  # an empty line alone: no break, no block
    [(1, 0, ""), (1, 1, ""), (1, 2, "Ke\u0302\u0301 hoa\u0323ch"), (1, 3, ""),
     (2, 0, "\uf0b7 Thu nhập"), (2, 7, "tail")],  # empty lines before, between; NFC; a bullet
    [(1, 4, "a"), (3, 1, "hai\ndòng"), (3, 2, "")],  # a line break inside: one by one
    [(1, 0, "1\t2\t3"), (1, 1, " ")],
]


def test_page_lines_added_at_once_are_the_lines_added_one_by_one() -> None:
    """`TextBuilder.add_page_lines` (a PDF's lines): the same text and block map as
    `raw("\n")` and `add(…)` for each line, after nothing, a text, or blocks that made
    columns of their own."""
    for before in ([], ["Mở đầu"], [""], ["x", "\uf0a7 y"]):
        for lines in PAGE_LINES:
            one, all_at_once = TextBuilder(), TextBuilder()
            for builder in (one, all_at_once):
                for n, piece in enumerate(before):
                    builder.add(piece, kind="cell", table=0, row=n, col=0, merged=n == 1)
            for page, index, text in lines:
                if one.length:
                    one.raw("\n")
                one.add(text, kind="line", page=page, paragraph=index)
            all_at_once.add_page_lines(lines)
            assert all_at_once.length == one.length
            assert all_at_once.text() == one.text()
            assert list(all_at_once.blocks) == list(one.blocks)
            assert [c is None for c in all_at_once.blocks.columns] == [
                c is None for c in one.blocks.columns]
            assert all_at_once.blocks.kinds == one.blocks.kinds


def test_a_task_cuts_its_text_from_the_document_until_it_keeps_its_own() -> None:
    whole = "I. NHIỆM VỤ\n1. Rà soát hộ nghèo cuối năm.\n"
    task = Task(id="k1", label=None, section=None, span=(12, 41), title="Rà soát",
                whole=whole)
    assert task.text == "1. Rà soát hộ nghèo cuối năm."
    assert task.own_text is None  # no copy held while the stages run
    task.keep_text()
    assert (task.text, task.whole) == ("1. Rà soát hộ nghèo cuối năm.", "")


def test_the_stages_tasks_share_the_document_text(samples: Path) -> None:
    data = sorted(samples.glob("*.txt"))[0].read_bytes()
    ctx = pipeline.run(STAGES, read_source(data, "kh.txt", memory_mb=0)[0])
    assert ctx.tasks
    assert all(t.whole is ctx.text and t.own_text is None for t in ctx.tasks)
    assert [t.text for t in ctx.tasks] == [ctx.text[t.span[0]:t.span[1]] for t in ctx.tasks]


def test_spans_give_back_the_spans_put_in() -> None:
    spans = Spans()
    for span in ((0, 5), (7, 30), (31, 31)):
        spans.append(span)
    assert list(spans) == [(0, 5), (7, 30), (31, 31)]
    assert (len(spans), spans[1], spans[1:]) == (3, (7, 30), [(7, 30), (31, 31)])


def test_json_built_by_letting_go_of_the_context_is_the_same(samples: Path) -> None:
    data = sorted(samples.glob("*.txt"))[0].read_bytes()
    kept, let_go = (pipeline.run(STAGES, read_source(data, "kh.txt", memory_mb=0)[0])
                    for _ in range(2))
    expected = schema.to_json(kept, "kh.txt", "0")
    assert expected["tasks"] and expected["outline"]  # a plan with items, so it compares
    assert schema.to_json(let_go, "kh.txt", "0", consume=True) == expected
    assert (let_go.text, let_go.outline, let_go.targets, let_go.tasks, let_go.warnings) == (
        "", [], [], [], [])


def test_a_documents_paragraphs_are_kept_as_two_columns() -> None:
    text = ("I. NHIỆM VỤ\n1. Rà soát hộ nghèo\n  cuối năm 2026.\n\n"
            "2. Phòng Văn hóa - Xã hội chủ trì.\n")
    ctx = Context(source=SourceText(text, "txt"))
    found = document_paragraphs(ctx)
    assert isinstance(found, Spans) and ctx.memo["paragraphs"] is found  # worked out once
    # the item's second line runs on in lower case: one paragraph of two lines
    assert list(found) == [(0, 11), (12, 48), (50, 84)]
    assert (found[1], text[found[1][0]:found[1][1]]) == (
        (12, 48), "1. Rà soát hộ nghèo\n  cuối năm 2026.")
    assert document_paragraphs(ctx) is found


def test_warnings_about_one_unknown_body_share_its_message() -> None:
    ctx = Context(source=SourceText("x" * 90, "txt"))
    ctx.tasks = [Task(id=f"k{i}", label=None, section=None, span=(10 * i, 10 * i + 9),
                      title="x", whole=ctx.text, lead_agency=lead)
                 for i, lead in enumerate(["Hợp tác xã Thành Công", "Hợp tác xã Thành Công",
                                           "Công an xã", "Ban Kinh tế",
                                           "Hợp tác xã Thành Công"])]
    agencies.run(ctx)
    assert [(w.code, w.message, w.span) for w in ctx.warnings] == [
        ("W401", 'Cơ quan "Hợp tác xã Thành Công" không có trong danh mục; cần xác nhận.',
         (0, 9)),
        ("W401", 'Cơ quan "Hợp tác xã Thành Công" không có trong danh mục; cần xác nhận.',
         (10, 19)),
        ("W401", 'Cơ quan "Ban Kinh tế" không có trong danh mục; cần xác nhận.', (30, 39)),
        ("W401", 'Cơ quan "Hợp tác xã Thành Công" không có trong danh mục; cần xác nhận.',
         (40, 49))]
    first, second, _, last = ctx.warnings
    assert first.message is second.message is last.message  # one string, not one each
