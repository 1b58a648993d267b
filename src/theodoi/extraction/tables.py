"""Tables as rows of cells with spans, whatever the format they came in.

A DOCX reader emits one "cell" block per Word table cell. A text export of a Word file
writes a table row as its cells joined by " | " or by tabs (one row a line), and a crawl
or an export of merged rows may put a whole table on one line, rows apart by an empty cell
("TT | Nội dung | Cơ quan chủ trì | | 1 | Tổ chức … | Sở … | | 2 | …"). `text_cell_blocks`
turns such a line into cell blocks, so the table stages read every format the same way;
`tables` groups the cell blocks of a source into `Table`s, and `columns` names each column
from its header rows (two-level headers, "Kế hoạch 2026" over "Lượng | Giá trị").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from theodoi.domain.text import squash
from theodoi.extraction.labels import CELL_LABEL
from theodoi.extraction.source import Block, BlockMap, of_kind

CELL_SEP = " | "
# the cell separators, each a literal the engine skips to (" \| |\t" tried both at every space)
BAR = re.compile(r" \| ")
TAB = re.compile("\t")
MIN_SEPARATORS = 2          # "a | b" may be prose; a row has at least three cells
WORDY = re.compile(r"[^\W\d_]{2}")  # two letters in a row: a name, not a figure
SHORT_ROW_COST = 1          # a row narrower than the table: merged cells, a section title
EMPTY_START_COST = 1        # a narrow row that starts with an empty cell is rarer still


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's span in the text (empty cells have start == end) and its text, spaces folded."""

    start: int
    end: int
    text: str


@dataclass
class Table:
    """The rows of one table, each a list of cells in column order."""

    id: int
    rows: list[list[Cell]]


def _tokens(line: str, offset: int, sep: str = "|") -> list[tuple[int, int]]:
    """Spans of the cells of a ' | ' (or tab) line, trimmed; an empty cell is zero-length."""
    spans = []
    pos = 0
    for piece in line.split(sep):
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        start = offset + pos + (lead if body else 0)
        spans.append((start, start + len(body)))
        pos += len(piece) + 1
    return spans


def _width(texts: list[str]) -> int:
    """The table's usual row width: the commonest length of the rows that a row number
    after an empty cell starts, a name after it ('| | 3 | Chanh leo | 2.200'; a figure
    '400' after an empty cell is no row number), as a first guess before rows are cut."""
    lengths, current = [], 1
    for i in range(1, len(texts)):
        if (texts[i - 1] == "" and CELL_LABEL.match(texts[i]) and current > 2
                and i + 1 < len(texts) and WORDY.search(texts[i + 1])):
            lengths.append(current - 1)
            current = 1
        else:
            current += 1
    lengths.append(current)
    # the header's rows are often narrower (merged cells); the data rows set the width
    common = Counter(n for n in (lengths[1:] or lengths) if n >= MIN_SEPARATORS + 1)
    return common.most_common(1)[0][0] if common else len(texts)


def segment_rows(texts: list[str]) -> list[tuple[int, int]]:
    """Cut a one-line table into rows: [(first token, end token)], rows apart by one empty
    token. Full-width rows cost nothing, narrower or wider ones cost more, and the cheapest
    cut wins (dynamic programming, linear in tokens times the width), so an empty cell
    inside a row is not taken for a row break when a full row reads better."""
    n, width = len(texts), _width(texts)
    if n <= width:
        return [(0, n)]
    inf = float("inf")
    best = [inf] * (n + 1)   # best[i]: cost of the rows before token i, where a row starts
    back = [(0, 0)] * (n + 1)  # (start, end) of the last row before i
    best[0] = 0
    ends = [j for j, t in enumerate(texts) if t == ""] + [n]  # where a row may end
    for i in range(n):
        if best[i] == inf:
            continue
        k = bisect_right(ends, i)
        while k < len(ends) and ends[k] <= i + 2 * width:  # a row is tokens i..j-1
            j = ends[k]
            k += 1
            nxt = min(j + 1, n)
            cost = best[i] + _row_cost(texts, i, j, width)
            if cost < best[nxt]:
                best[nxt], back[nxt] = cost, (i, j)
    if best[n] == inf:
        return [(0, n)]  # no cut fits (rows wider than twice the usual): one row
    rows, end = [], n
    while end > 0:
        start, stop = back[end]
        rows.append((start, stop))
        end = start
    rows.reverse()
    return rows


def _row_cost(texts: list[str], i: int, j: int, width: int) -> float:
    length = j - i
    if length == width:
        return 0
    cost: float = SHORT_ROW_COST if length < width else SHORT_ROW_COST + length - width
    if length < width and texts[i] == "":
        cost += EMPTY_START_COST
    return cost


def text_cell_blocks(text: str, start: int, end: int, table: int, paragraph: int | None,
                     tabs_only: bool = False) -> list[Block] | None:
    """Cell blocks of text[start:end] when it is a ' | ' (or, with `tabs_only`, only a tab)
    table line, else None."""
    line = text[start:end]
    sep = "|" if not tabs_only and line.count(CELL_SEP) >= MIN_SEPARATORS else (
        "\t" if line.strip("\t").count("\t") >= MIN_SEPARATORS else None)
    if sep is None:
        return None
    spans = _tokens(line, start, sep)
    texts = [text[s:e] for s, e in spans]
    blocks = []
    for r, (a, b) in enumerate(segment_rows(texts)):
        for c, (s, e) in enumerate(spans[a:b]):
            blocks.append(Block(s, e, kind="cell", paragraph=paragraph, table=table, row=r,
                                col=c))
    return blocks


def with_text_tables(text: str, blocks: BlockMap, first_table: int = 0,
                     tabs_only: bool = False) -> BlockMap:
    """`blocks` with each ' | ' or tab table line replaced by its cell blocks; lines that
    follow one another continue one table (a one-row-a-line export), their rows numbered on,
    and so do lines a blank line apart when the table's first rows stand so (a PDF's text).
    `tabs_only`: only tab lines are rows (a PDF reader's own rows; its prose may hold " | ")."""
    if ("\t" not in text) if tabs_only else (CELL_SEP not in text and "\t" not in text):
        return blocks
    starts = blocks.starts()
    # the blocks holding a cell separator, found from the separators (far fewer than lines)
    # (" | " and a tab never overlap: the bars found apart and the tabs are those found together)
    seps = TAB.finditer(text) if tabs_only else chain(BAR.finditer(text), TAB.finditer(text))
    marked = sorted({bisect_right(starts, m.start()) - 1 for m in seps})
    out = BlockMap()
    table, next_row, last_line, done = first_table - 1, 0, -2, 0
    spacing: int | None = None  # the lines between the table's rows: 1, or 2 in a PDF's text
    # with a blank line after every line (set by its first two rows)
    for k in marked:
        if k < 0:
            continue
        out.extend_from(blocks, done, k)  # the blocks between: as they are
        done = k + 1
        block = blocks[k]
        if block.kind == "cell":
            out.append(block)
            continue
        line = block.paragraph if block.paragraph is not None else -1
        gap = line - last_line
        if gap != spacing and not (spacing is None and next_row and gap in (1, 2)):
            table, next_row, spacing = table + 1, 0, None
        elif spacing is None:
            spacing = gap
        cells = text_cell_blocks(text, block.start, block.end, table, block.paragraph,
                                 tabs_only)
        if not cells:
            out.append(block)
            continue
        for c in cells:
            out.append(Block(c.start, c.end, kind="cell", paragraph=c.paragraph, table=table,
                             row=(c.row or 0) + next_row, col=c.col))
        next_row += 1 + max(c.row or 0 for c in cells)
        last_line = line
    out.extend_from(blocks, done, len(blocks))
    return out


def tables(text: str, blocks: Sequence[Block]) -> list[Table]:
    """The tables among `blocks` (cell blocks grouped by table and row), in reading order."""
    grouped: dict[int, dict[int, list[Block]]] = defaultdict(lambda: defaultdict(list))
    for b in of_kind(blocks, "cell"):
        if b.table is not None and b.row is not None:
            grouped[b.table][b.row].append(b)
    out = []
    for t, rows in grouped.items():
        table: list[list[Cell]] = []
        for _, row in sorted(rows.items()):
            cells = []
            for b in sorted(row, key=lambda b: b.col or 0):
                words = squash(text[b.start:b.end])
                if b.merged and not words and table and (b.col or 0) < len(table[-1]):
                    words = table[-1][b.col or 0].text  # a vertical merge: the body above
                cells.append(Cell(b.start, b.end, words))
            table.append(cells)
        out.append(Table(t, table))
    return out


def is_label(cell: str) -> bool:
    """Whether a cell holds only a row number ('1', 'II', 'a)', '-')."""
    return bool(CELL_LABEL.match(cell))


def header_size(table: Table) -> int:
    """How many rows head the table: the first, and each next one while the row above it is
    narrower than the table (its merged cells have a lower level: 'Giai đoạn 2026-2030'
    over 'Năm 2026 | … | Năm 2030'), until a row number, a section title alone ('I. Kinh tế
    số') or a column-number row ('1 | 2 | 3 …', '(1) | (2) …'); at least one."""
    numbered = Counter(len(r) for r in table.rows if r and is_label(r[0].text))
    usual = numbered.most_common(1)[0][0] if numbered else max(len(r) for r in table.rows)
    for i, row in enumerate(table.rows):
        named = [c.text for c in row if c.text]
        if i and (len(table.rows[i - 1]) >= usual or not named or is_label(named[0])
                  or len(named) < 2 or _numbering_row(row)):
            return i
    return len(table.rows)


def _numbering_row(row: list[Cell]) -> bool:
    """'1 | 2 | 3 | … ' or '(1) | (2) | …' under a header: column numbers, not data."""
    nums = [c.text.strip("()") for c in row if c.text]
    return len(nums) >= MIN_SEPARATORS + 1 and all(
        n.isdigit() for n in nums) and [int(n) for n in nums] == list(
        range(int(nums[0]), int(nums[0]) + len(nums)))


def width(table: Table, first_data: int) -> int:
    """The commonest width of the data rows (the header's merged cells make it narrower)."""
    lengths = Counter(len(r) for r in table.rows[first_data:])
    return lengths.most_common(1)[0][0] if lengths else max(len(r) for r in table.rows)


def columns(table: Table) -> tuple[list[str], int]:
    """(header text of each column, index of the first data row).

    A header of two rows where the first is narrower ('TT | Chỉ tiêu | ĐVT | Giai đoạn
    2026-2030' over 'Năm 2026 | … | Năm 2030') is laid out as Word draws it: the lower row
    fills the last columns, the upper row's first cells head the first columns one to one
    and its last cells are spread evenly over the lower row ('Kế hoạch 2026' over 'Lượng |
    Giá trị'); each column's name is its upper and lower header joined."""
    size = header_size(table)
    head = [r for r in table.rows[:size] if any(c.text for c in r)]
    # skip column-number rows that the header-size test stopped before
    data_start = size
    while data_start < len(table.rows) and _numbering_row(table.rows[data_start]):
        data_start += 1
    full = width(table, data_start)
    names = [""] * full
    for upper, lower in _layers(head, full):
        for col in range(full):
            names[col] = " ".join(p for p in (names[col], upper[col], lower[col]) if p)
    return names, data_start


def _layers(head: list[list[Cell]], full: int) -> list[tuple[list[str], list[str]]]:
    """The header rows as (upper, lower) column texts of `full` columns each."""
    if not head:
        return []
    texts = [[c.text for c in row] for row in head]
    if len(texts) == 1 or len(texts[-1]) >= full:
        return [(_pad(texts[-1], full), [""] * full)] if len(texts) == 1 else [
            (_pad(row, full), [""] * full) for row in texts]
    upper, lower = texts[-2], texts[-1]
    lead = full - len(lower)
    spread = upper[lead:]
    top = _pad(upper[:lead], lead)
    if spread and len(lower) % len(spread) == 0:
        step = len(lower) // len(spread)
        top += [spread[k // step] for k in range(len(lower))]
    else:
        top += [" ".join(spread)] * len(lower)
    earlier = [(_pad(row, full), [""] * full) for row in texts[:-2]]
    return [*earlier, (top, [""] * lead + lower)]


def _pad(cells: list[str], full: int) -> list[str]:
    return (cells + [""] * full)[:full]
