"""Work listed under the period it falls in: a work programme (chương trình công tác) heads
its items "1. Quý I năm 2027", "QUÝ II/2027:", "Tháng 9 năm 2027", "6 tháng cuối năm 2027";
an item that gives no time of its own is due at the end of its heading's period."""

from __future__ import annotations

import re
from bisect import bisect_right

from theodoi.extraction.dates import parse_due, plan_start
from theodoi.extraction.labels import strip_label
from theodoi.extraction.model import Due, Heading, Task
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import tasks as R

NOT_NUMERAL = re.compile(r"\b(?![IVX]+\b)\w+")  # a word other than a Roman numeral


def date_by_period(ctx: Context, tasks: list[Task], first_year: int | None) -> None:
    """Give each task with no due date the end of the period it is listed under: a heading
    above it in the outline whose title is only a period (R.PERIOD_TITLE), or else the
    nearest line above it that is only a period, when no other heading stands between
    them (a new part ends the period's list). Other tasks are left as they are."""
    periods = _period_lines(ctx.text)
    if not periods:
        return
    outline = sorted(ctx.outline, key=lambda h: h.span[0])
    starts = [h.span[0] for h in outline]
    by_id = {h.id: h for h in outline}
    others = [h.span[0] for h in outline if not R.PERIOD_TITLE.match(h.title)]
    period_starts = [p for p, _ in periods]
    start = plan_start(ctx.document.issued_on, ctx.document.term)
    for task in tasks:
        if task.due is not None:
            continue
        i = bisect_right(starts, task.span[0]) - 1
        heading = _period_above(outline[i], by_id) if i >= 0 else None
        said = (heading.title, heading.title) if heading is not None else _period_line_above(
            periods, period_starts, others, task.span[0])
        due = parse_due(said[1], first_year, start=start) if said else None
        if said and due:
            task.due = Due(said[0], due.date, due.recurrence)


def _period_lines(text: str) -> list[tuple[int, tuple[str, str]]]:
    """(start, (text, text to read)) of every line that is only a period, its label
    stripped ("QUÝ I NĂM 2027" is read as "quý I năm 2027"). Only the short lines with
    "quý" or "tháng" near their start are looked at (R.PERIOD_LINE), not every line."""
    out = []
    for m in R.PERIOD_LINE.finditer(text):
        said = strip_label(m.group(1)).strip().rstrip(":").rstrip()
        if len(said) < 40 and R.PERIOD_TITLE.match(said):
            out.append((m.start(1), (said, NOT_NUMERAL.sub(lambda w: w.group().lower(), said))))
    return out


def _period_above(heading: Heading | None, by_id: dict[str, Heading]) -> Heading | None:
    """`heading` or its nearest ancestor whose title is only a period."""
    while heading is not None and not R.PERIOD_TITLE.match(heading.title):
        heading = by_id.get(heading.parent) if heading.parent else None
    return heading


def _period_line_above(periods: list[tuple[int, tuple[str, str]]], starts: list[int],
                       others: list[int], offset: int) -> tuple[str, str] | None:
    """The nearest period line above `offset` with no other heading between them but one
    that starts at `offset` (the task's own)."""
    i = bisect_right(starts, offset) - 1
    if i < 0:
        return None
    j = bisect_right(others, starts[i])
    return periods[i][1] if j >= len(others) or others[j] >= offset else None
