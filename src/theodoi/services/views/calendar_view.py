"""The reporting calendar of a plan (lịch báo cáo), as `theodoi plan calendar` sets it:
one or more streams (quarterly to the UBND, yearly to the Ban Thường vụ …), each with its
due rule (N days after the period, a day of its last month, a fixed day of the year).
Everyone who reads the plan sees it, with each stream's coming due days; the office
changes it (services.calendars)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import calendars as cal
from theodoi.domain.errors import BadInput
from theodoi.domain.labels import label
from theodoi.domain.periods import periods_in
from theodoi.services import calendars
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import records as progress

SHOWN = 4  # coming periods listed with their due day, per stream


def page(s: Session, p: Principal, plan_id: int, today: date) -> dict[str, Any]:
    """The plan, its streams (the first is the main one) with their coming dues, the
    period kinds to choose from and whether the person may change it. `every` and
    `due_days` are the main stream's (due_days None when it has a fixed due day)."""
    plan = access.plan(s, p, plan_id)
    streams = calendars.of_plan(plan)
    main = streams[0]
    return {"plan": {"id": plan.id, "number": plan.number, "title": plan.title,
                     "unit_id": plan.unit_id, "status": plan.status},
            "every": main.every, "every_label": label("period_kind", main.every),
            "due_days": main.days_after, "coming": _coming(main, today),
            "streams": [_stream_row(x, today) for x in streams],
            "kinds": [{"value": k, "label": label("period_kind", k)} for k in cal.EVERY],
            "can_edit": rules.REVIEW in access.actions_at(p, plan.unit)
            and plan.status != "closed"}


def _stream_row(stream: cal.Stream, today: date) -> dict[str, Any]:
    return {"every": stream.every, "every_label": label("period_kind", stream.every),
            "recipient": stream.recipient, "days_after": stream.days_after,
            "day": stream.day, "month": stream.month, "due_text": stream.rule_text,
            "due_input": stream.rule_input, "coming": _coming(stream, today)}


def _coming(stream: cal.Stream, today: date) -> list[dict[str, Any]]:
    """The next few periods of the stream whose report is not yet past due."""
    calendar = periods_in(stream.every, today.year - 1, today.year + 2)
    ahead = [x for x in calendar if stream.due(x) >= today][:SHOWN]
    return [{"period": x.key, "label": x.label, "due": stream.due(x)} for x in ahead]


def change(s: Session, p: Principal, plan_id: int, every: str,
           due_days: str | int) -> dict[str, Any]:
    """One stream: how often, and how many days after each period (the form and JSON of
    before streams; `change_streams` for several)."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    try:
        days = int(str(due_days).strip())
    except ValueError:
        raise BadInput(f"hạn báo cáo '{due_days}' không phải số ngày (0 đến 120).") from None
    progress.set_calendar(s, plan.id, every, days)
    return _saved(s, p, plan.id)


def change_streams(s: Session, p: Principal, plan_id: int,
                   typed: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    """Replace the calendar by the typed streams, each (every, due rule, recipient); a row
    without a period kind is dropped (the form's "bỏ luồng này"); a bad one is refused
    naming its number, and nothing is saved."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    streams = []
    for number, (every, due, recipient) in enumerate(typed, 1):
        if not every.strip():
            continue
        try:
            streams.append(calendars.read_stream(every, due, recipient))
        except BadInput as exc:
            raise BadInput(f"luồng {number}: {exc}") from None
    calendars.set_streams(s, plan.id, streams)
    return _saved(s, p, plan.id)


def _saved(s: Session, p: Principal, plan_id: int) -> dict[str, Any]:
    plan = access.plan(s, p, plan_id)
    streams = calendars.of_plan(plan)
    return {"plan_id": plan.id, "every": streams[0].every, "due_days": streams[0].days_after,
            "streams": [{"every": x.every, "days_after": x.days_after, "day": x.day,
                         "month": x.month, "recipient": x.recipient,
                         "due_text": x.rule_text} for x in streams]}
