"""A movement's own time as work: a plan that launches an emulation movement (phát động
phong trào thi đua, `ctx.emulation`) says in its period part when the movement runs and
when it is reviewed: "Phong trào thi đua cao điểm được triển khai thực hiện từ tháng 10 năm
2025 đến hết tháng 3 năm 2026. Tổng kết vào tháng 4 năm 2026.", "Thời gian tổ chức phong
trào thi đua từ ngày UBND thị trấn ban hành kế hoạch đến hết năm 2024." Each sentence of that
part that gives a date is a task due then (a span, at its end: `dates.parse_due`); the office
that organises the movement is not said there, so no lead is guessed."""

from __future__ import annotations

from itertools import pairwise

from theodoi.domain.text import squash
from theodoi.extraction.dates import parse_due, plan_start
from theodoi.extraction.labels import strip_label
from theodoi.extraction.model import Task
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules.tasks import INNER_SENTENCE_END
from theodoi.extraction.stages.spans import trimmed


def movement_tasks(ctx: Context, first_year: int | None) -> list[Task]:
    """The dated sentences of the movement's period part, each a task (none for a plan that
    launches no movement, or whose period part gives no date)."""
    em = ctx.emulation
    if em is None or em.period_span is None:
        return []
    start = plan_start(ctx.document.issued_on, ctx.document.term)
    found = []
    first, last = em.period_span  # its sentences end at ". " before a capital
    ends = [m.start() + 1 for m in INNER_SENTENCE_END.finditer(ctx.text, first, last)]
    for s, e in pairwise([first, *ends, last]):
        span = trimmed(ctx.text, s, e, also=":")  # "3. Thời gian …: Phong trào …"
        text = ctx.text[span[0]:span[1]]
        due = parse_due(text, first_year, start=start) if span[1] > span[0] else None
        if due is None or due.date is None:
            continue
        found.append(Task(id="", label=None, section=None, whole=ctx.text, span=span,
                          title=strip_label(squash(text)).strip(" .:"), kind="task",
                          due=due))
    return found

