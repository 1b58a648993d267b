"""Tasks from tables of duties: each data row of a table whose header names the work and
who leads it or when ("Nội dung/nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
hoàn thành | Sản phẩm", in any order) is one task.

Called first by the tasks stage, so a duty that the plan's text restates after its appendix
row is that row's task again (appendix first; see `task_overlaps.without_overlaps`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from typing import cast

from theodoi.domain.text import squash
from theodoi.extraction.agencies import split_bodies
from theodoi.extraction.dates import parse_due, plan_start
from theodoi.extraction.labels import strip_label
from theodoi.extraction.model import Due, Task
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import tables as R
from theodoi.extraction.rules import tasks as TR
from theodoi.extraction.rules.tasks import RANGE_CUT, SHORT_MONTH, YEARS
from theodoi.extraction.stages.table_layout import Layout, is_task_table, layouts, table_kind
from theodoi.extraction.submit_to import body_name, ticked
from theodoi.extraction.tables import Cell, is_label

MIN_WORK = 8  # "Khác", "Tổng": a work cell this short names no work


def task_layouts(ctx: Context) -> list[Layout]:
    """Tables whose header names the work and its lead or its time."""
    return [lay for lay in layouts(ctx) if is_task_table(lay)]


def table_start_after(ctx: Context, pos: int) -> int:
    """Where the first table that the table stages read starts after `pos` (the text's end
    when none does): a duty list stops there, the rows are tasks of their own."""
    starts = _read_table_starts(ctx)
    i = bisect_left(starts, pos)
    return starts[i] if i < len(starts) else len(ctx.text)


def _read_table_starts(ctx: Context) -> list[int]:
    """The sorted starts of the tables the table stages read, worked out once per document
    (each duty section asks; reading every table's kind again for each grew with the
    product of sections and tables)."""
    starts = ctx.memo.get("read_table_starts")
    if starts is None:
        starts = ctx.memo["read_table_starts"] = sorted(
            lay.table.rows[0][0].start for lay in layouts(ctx)
            if table_kind(lay) and lay.table.rows and lay.table.rows[0])
    return cast(list[int], starts)


def table_tasks(ctx: Context, first_year: int | None) -> list[Task]:
    """One task per data row of every table of duties, in reading order."""
    start = plan_start(ctx.document.issued_on, ctx.document.term)
    found = []
    for lay in task_layouts(ctx):
        for row in lay.data:
            task = _row_task(ctx, lay, row, first_year, start)
            if task:
                found.append(task)
    return found


def _row_task(ctx: Context, lay: Layout, row: list[Cell], first_year: int | None,
              start: date | None) -> Task | None:
    """The task of a data row; None for a section row ('I | NHÓM GIẢI PHÁP …', merged
    across the table) or a row without work."""
    if len(row) < len(lay.names):
        return None  # narrower than the table: a group title over merged cells
    work = lay.cell(row, "work")
    if work is None or len(work.text) < MIN_WORK or is_label(work.text):
        return None
    lead_cell, due_cell = lay.cell(row, "lead"), lay.cell(row, "due")
    if not (lead_cell and lead_cell.text) and not (due_cell and due_cell.text):
        return None  # a title row whose other cells are empty
    text = ctx.text[work.start:work.end]
    title = strip_label(squash(text))[:200]
    kind = next((k for p, k in TR.KINDS if p.search(title)), "task")
    task = Task(id="", label=_label(row), section=None, whole=ctx.text,
                span=(work.start, work.end), title=title, kind=kind)
    if lead_cell and lead_cell.text:
        task.lead_agency = lead_of(lead_cell.text)
    co_cell = lay.cell(row, "co")
    task.co_agencies = bodies_of(co_cell.text) if co_cell and co_cell.text else []
    if due_cell and due_cell.text:
        task.due = cell_due(due_cell.text, first_year, start)
    product = lay.cell(row, "product")
    if product and product.text:
        task.product = product.text
    leader = lay.cell(row, "leader")
    if leader and leader.text:
        task.leader = leader.text
    task.submit_to = _submit_to(lay, row)
    return task


def _submit_to(lay: Layout, row: list[Cell]) -> list[str]:
    """Where the row's work goes: its 'Cấp trình' cell, else the tick columns ticked."""
    submit = lay.cell(row, "submit")
    if submit and submit.text:
        return [body_name(submit.text)]
    cols = [c for c in lay.roles.get("submit_tick", []) if c < len(row)]
    return ticked([lay.names[c] for c in cols], [row[c].text for c in cols])


def _label(row: list[Cell]) -> str | None:
    first = row[0].text if row else ""
    return first if first and is_label(first) else None


def lead_of(cell: str) -> str:
    """The lead in a 'Chủ trì' cell: the cell, or what stands before 'chủ trì' in it ('Sở
    KH&CN chủ trì hướng dẫn, tổng hợp; Các sở … thực hiện' -> 'Sở KH&CN')."""
    cut = R.LEAD_CUT.search(cell)
    return squash(cell[:cut.start()] if cut and cut.start() > 0 else cell).strip(" ,;.")


def bodies_of(cell: str) -> list[str]:
    """The bodies of a 'Phối hợp' cell: apart at ';', at a new body's head word after a
    lower-case word (a cell's lines joined by a space: 'Sở Khoa học và Công nghệ Sở Công
    Thương'), then at commas when every part names a body ('Sở Tài chính, Sở Công Thương',
    but 'Sở, ban, ngành có liên quan' and 'UBND các phường, xã' stay whole)."""
    out: list[str] = []
    for part in re.split(r"\s*;\s*|\n", cell):
        for piece in _joined_lines(part):
            out.extend(split_bodies(piece) if piece else [])
    return [p for p in out if p]


def _joined_lines(part: str) -> list[str]:
    words = part.split()
    pieces: list[list[str]] = [[]]
    for i, word in enumerate(words):
        prev = words[i - 1] if i else ""
        starts = (R.BODY_START.match(word) or (
            i + 1 < len(words) and R.BODY_START.match(f"{word} {words[i + 1]}")))
        # after "và" a head word is a name's own ("Văn phòng HĐND và UBND") or a second
        # body that split_bodies parts at "và" anyway: no join of two lines there
        # nor after a head word alone: "Ủy ban" + "MTTQ Việt Nam xã" is one name
        if (starts and prev and prev[:1].islower() and not prev.endswith(",") and prev != "và"
                and not R.BODY_START.match(" ".join(pieces[-1]))):
            pieces.append([])
        pieces[-1].append(word)
    return [" ".join(p).strip(" ,.") for p in pieces if p]


def cell_due(cell: str, first_year: int | None, start: date | None) -> Due:
    """The time of a row from its time cell alone: the end of a range ('Quý IV/2025 - Quý
    II/2026' -> 30/6/2026, '2025 - 2035' -> 31/12/2035), a year ('2026' -> 31/12/2026), a
    quarter or a day; 'Thường xuyên', 'Hằng năm' keep their words and no date."""
    text = squash(cell)
    recurrence = "annual" if R.ANNUAL.search(text) else None
    years = YEARS.match(text)
    if years:
        return Due(text, f"{years.group(2) or years.group(1)}-12-31", recurrence)
    last = RANGE_CUT.split(text)[-1]
    if SHORT_MONTH.match(last):  # "Tháng 11 - 12/2026": the end is month 12 of 2026
        last = f"tháng {last}"
    # "Quý III Năm 2026": the date rules read 'năm' after a quarter in lower case
    last = re.sub(r"\bNăm\b", "năm", last)
    due = parse_due(last, first_year, start=start) or parse_due(
        re.sub(r"\bNăm\b", "năm", text), first_year, start=start)
    if due is None:
        return Due(text, None, recurrence)
    return Due(text, due.date, due.recurrence or recurrence)
