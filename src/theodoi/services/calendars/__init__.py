"""The reporting calendar of a plan: its streams (domain.calendars) as stored, read and
changed. Owns `report_streams`; every reader of due days (progress, completeness,
reminders, my work, the calendar page) asks here, never the rows.

A plan with no stream stored reports on the default one (quarterly, 5 days after).
Services flush; the caller commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from theodoi.domain import calendars as cal
from theodoi.domain.calendars import Stream
from theodoi.domain.errors import Conflict
from theodoi.domain.periods import Period, periods_in
from theodoi.services.register.review_decisions import get_plan
from theodoi.storage.models import Plan, ReportStream
from theodoi.storage.repositories import held_rows

__all__ = ["Stream", "active", "due_of", "main", "of_plan", "read_stream", "report_period",
           "set_streams", "stream_of"]


def stream_of(row: ReportStream) -> Stream:
    return Stream(row.every, row.days_after, row.day, row.month, row.recipient)


def of_plan(plan: Plan) -> list[Stream]:
    """The plan's streams in order; the default one when none is stored."""
    return [stream_of(r) for r in plan.streams] or [cal.DEFAULT]


def main(plan: Plan) -> Stream:
    return cal.main(of_plan(plan))


def due_of(plan: Plan, period: Period) -> date:
    """When the plan's report on `period` is due (the stream of the period's kind)."""
    return cal.due_of(of_plan(plan), period)


def active(s: Session, unit_ids: list[int]) -> dict[int, tuple[int, list[Stream]]]:
    """The calendars of the units' active plans, in one query: plan id -> (unit id, its
    streams), plans oldest first."""
    found: dict[int, tuple[int, list[Stream]]] = {}
    for plan_id, unit_id, every, days_after, day, month, recipient in \
            held_rows.active_plans(s, unit_ids):
        streams = found.setdefault(plan_id, (unit_id, []))[1]
        if every is not None:
            streams.append(Stream(every, days_after, day, month, recipient))
    return {i: (unit, streams or [cal.DEFAULT]) for i, (unit, streams) in found.items()}


def read_stream(every: str, due: str | int, recipient: str | None = None) -> Stream:
    """A stream from what a person typed: the period word ('quý', 'quarter' …), the due
    rule ('10', 'ngày 15 tháng cuối kỳ', '10/12') and the body it goes to."""
    days_after, day, month = cal.read_due(str(due))
    return Stream(cal.read_every(every), days_after, day, month,
                  " ".join((recipient or "").split()) or None)


def set_streams(s: Session, plan_id: int, streams: Sequence[Stream]) -> Plan:
    """Replace the plan's calendar by `streams` (checked: domain.calendars.check); the
    first is the one reports are filed under. A closed plan's calendar stays."""
    plan = get_plan(s, plan_id)
    if plan.status == "closed":
        raise Conflict(f"kế hoạch số {plan_id} đã đóng.")
    cal.check(streams)
    plan.streams = [ReportStream(position=i, every=x.every, days_after=x.days_after,
                                 day=x.day, month=x.month, recipient=x.recipient)
                    for i, x in enumerate(streams)]
    s.flush()
    return plan


def report_period(plan: Plan, on: date) -> Period:
    """The period a report made on `on` is about, by the main stream: the one just ended
    if its report is still due (a report on 3 October is the third quarter's), else the
    one under way."""
    stream = main(plan)
    calendar = periods_in(stream.every, on.year - 1, on.year)
    for period in calendar:
        if period.end < on <= stream.due(period):
            return period
    return next(p for p in calendar if p.contains(on))
