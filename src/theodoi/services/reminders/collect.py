"""What each agency of a unit answers for on a day, as the domain's `Due`s: the periodic
report each active item owes, each unfinished task's deadline, each open explanation
request, and each plan put into implementation the day before; and what the unit's office
answers for: each periodic report to the level above not yet sent (`unsent_dues`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import outgoing as sending
from theodoi.domain.calendars import Stream
from theodoi.domain.periods import Period, periods_in
from theodoi.domain.reminders import Due
from theodoi.reports.model import REPORT_KINDS
from theodoi.services import calendars
from theodoi.services.accounts.access import lead_agency_id
from theodoi.services.register import items
from theodoi.storage.models import ExplanationRequest, Plan, Target, Task, TaskUpdate, Unit
from theodoi.storage.repositories import outgoing as outgoing_repo
from theodoi.storage.repositories import plans as plans_repo
from theodoi.storage.repositories import progress as repo

# the periodic reports a unit sends the level above (the outgoing table's kinds)
SENT_UP = ("quy", "6_thang", "9_thang", "nam")


@dataclass
class Live:
    """A unit's live items of active plans and each task's latest update, read once."""

    targets: list[Target]
    tasks: list[Task]
    latest: dict[int, TaskUpdate]

    def unfinished(self) -> list[Task]:
        return [k for k in self.tasks if not _finished(self.latest.get(k.id))]


def live(s: Session, unit: Unit, as_of: date) -> Live:
    return Live(repo.active_targets(s, unit.id), repo.active_tasks(s, unit.id),
                {u.task_id: u for u in repo.latest_updates_for_unit(s, unit.id, as_of)})


@dataclass
class UnitDues:
    """A unit's dues on the day, by trigger."""

    unit: Unit
    rules: dict[str, dict[str, Any]]
    dues: dict[str, list[Due]]


def link(item: Target | Task) -> str:
    """The item's page, relative to the site."""
    ref = items.ref_of(item)
    return f"/chi-tieu/{ref}" if isinstance(item, Target) else f"/nhiem-vu/{ref}"


def text_of(item: Target | Task) -> str:
    return (item.indicator or item.text) if isinstance(item, Target) else (item.title
                                                                           or item.text)


def owed_period(plan: Plan, as_of: date, lead_days: int) -> Period | None:
    """The latest period of the plan's main stream whose report reminders have begun
    (`lead_days` before it is due): the report the agency owes now."""
    return _owed_of(calendars.main(plan), as_of, lead_days)


def _owed_of(stream: Stream, as_of: date, lead_days: int) -> Period | None:
    begun = [p for p in periods_in(stream.every, as_of.year - 1, as_of.year + 1)
             if stream.due(p) - timedelta(days=lead_days) <= as_of]
    return max(begun, default=None)


def owed_periods(plan: Plan, as_of: date, lead_days: int) -> list[tuple[Period, Stream]]:
    """The report owed now on each stream of the plan's calendar (a stream whose
    reminders have not begun owes none), one per period, with the stream it answers."""
    owed: dict[str, tuple[Period, Stream]] = {}
    for stream in calendars.of_plan(plan):
        period = _owed_of(stream, as_of, lead_days)
        if period is not None and period.key not in owed:
            owed[period.key] = (period, stream)
    return list(owed.values())


def _finished(update: TaskUpdate | None) -> bool:
    return update is not None and update.state == "hoan_thanh"


class _Reported:
    """Which items have reported on a period by the day (read once per period)."""

    def __init__(self, s: Session, unit_id: int, as_of: date) -> None:
        self.s, self.unit_id, self.as_of = s, unit_id, as_of
        self.seen: dict[str, set[str]] = {}

    def has(self, item: Target | Task, period_key: str) -> bool:
        if period_key not in self.seen:
            targets = repo.first_reports(self.s, self.unit_id, period_key)
            tasks = repo.first_task_reports(self.s, self.unit_id, period_key)
            self.seen[period_key] = (
                {f"t{i}" for i, at in targets.items() if at.date() <= self.as_of}
                | {f"k{i}" for i, on in tasks.items() if on <= self.as_of})
        return items.ref_of(item) in self.seen[period_key]


def report_dues(s: Session, unit: Unit, items_: Live, as_of: date,
                lead_days: int) -> list[Due]:
    """The periodic report each active item still owes (a finished task owes none)."""
    owing: list[Target | Task] = [*items_.targets, *items_.unfinished()]
    reported, out = _Reported(s, unit.id, as_of), []
    for item in owing:
        for period, stream in owed_periods(item.plan, as_of, lead_days):
            if reported.has(item, period.key):
                continue
            to = f" gửi {stream.recipient}" if stream.recipient else ""
            out.append(Due("report_due", items.ref_of(item), text_of(item),
                           f"Báo cáo {period.label}{to}", lead_agency_id(item),
                           stream.due(period), link(item)))
    return out


def task_dues(items_: Live) -> list[Due]:
    """Each unfinished task with a deadline."""
    return [Due("task_due", items.ref_of(k), text_of(k), "Hạn hoàn thành nhiệm vụ",
                lead_agency_id(k), k.due_date, link(k))
            for k in items_.unfinished() if k.due_date is not None]


def explanation_dues(s: Session, unit: Unit, answer_days: int) -> tuple[list[Due], list[Due]]:
    """Open explanation requests: (their answer deadlines, the news of each asked)."""
    requests = repo.explanations_for_unit(s, unit.id, state="open")
    found = repo.items_by_id(s, {r.target_id for r in requests if r.target_id},
                             {r.task_id for r in requests if r.task_id})
    deadlines, asked = [], []
    for r in requests:
        item = _item_of(found, r)
        if item is None:
            continue
        ref, page = items.ref_of(item), f"/muc/{items.ref_of(item)}/giai-trinh"
        day = r.requested_at.date()
        due = r.answer_due or day + timedelta(days=answer_days)  # none before 0010
        deadlines.append(Due("explanation", ref, text_of(item), f"Giải trình: {r.question}",
                             lead_agency_id(item), due, page))
        asked.append(Due("explanation", ref, text_of(item),
                         f"Mới có yêu cầu giải trình: {r.question}", lead_agency_id(item),
                         day, page))
    return deadlines, asked


def _item_of(found: tuple[dict[int, Target], dict[int, Task]],
             r: ExplanationRequest) -> Target | Task | None:
    targets, tasks = found
    if r.target_id is not None:
        return targets.get(r.target_id)
    return tasks.get(r.task_id) if r.task_id is not None else None


def activation_news(items_: Live) -> list[Due]:
    """For each active plan, one piece of news per agency that leads items in it (the
    domain keeps those activated the day before)."""
    out: dict[tuple[int, int | None], Due] = {}
    every: list[Target | Task] = [*items_.targets, *items_.tasks]
    for item in every:
        plan, agency = item.plan, lead_agency_id(item)
        if plan.activated_at is None or agency is None or (plan.id, agency) in out:
            continue
        out[(plan.id, agency)] = Due(
            "plan_activated", f"kh{plan.id}", plan.title,
            "Kế hoạch mới đưa vào thực hiện có việc giao cơ quan chủ trì", agency,
            plan.activated_at.date(), f"/ke-hoach/{plan.id}")
    return list(out.values())


def _due_up(plans: list[Plan], period: Period) -> date | None:
    """The day the unit's report on `period` is due above: the earliest due day of the
    streams of its active plans (issued by the period's end) that owe it, as the outgoing
    table of the unit above reckons it; None when no plan owes it."""
    owing = [st for x in plans if x.status == "active"
             and (x.issued_on is None or x.issued_on <= period.end)
             for st in calendars.of_plan(x) if sending.expected(st.every, period.kind)]
    return min((st.due(period) for st in owing), default=None)


def unsent_dues(s: Session, unit: Unit, as_of: date, lead_days: int) -> list[Due]:
    """For each periodic report kind, the latest period whose reminder has begun
    (`lead_days` before its due day) and whose report the unit has not sent to the
    unit above (numbered but not sent counts as not sent). None for a unit with no
    unit above."""
    if unit.parent is None:
        return []
    plans, out = plans_repo.for_unit(s, unit.id), []
    for kind in SENT_UP:
        begun = [(p, due) for p in periods_in(REPORT_KINDS[kind], as_of.year - 1, as_of.year)
                 if (due := _due_up(plans, p)) is not None
                 and due - timedelta(days=lead_days) <= as_of]
        if not begun:
            continue
        period, due = max(begun, key=lambda pair: pair[0].end)
        sent = [d for d in outgoing_repo.sent_by_units(s, [unit.id], [period.key])
                if d.report_kind == kind]
        if not sent:
            label = period.label[:1].lower() + period.label[1:]
            out.append(Due("report_unsent", f"bc-{kind}-{period.key}", f"Báo cáo {label}",
                           f"Chưa gửi báo cáo lên {unit.parent.name}", None, due,
                           f"/don-vi/{unit.id}/van-ban-di"))
    return out
