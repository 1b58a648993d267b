"""Completeness of a reporting period: which items each lead agency has not reported on,
and which reports came in after they were due (period end + the plan's due days).

Targets of active plans owe a value every period; tasks owe an update until they are
finished (a task finished before the period started owes nothing more). `as_of` is the
day the question is asked: a report recorded after it does not count yet.

Answers are cached per unit and data stamp, as status is (services/memo.py); what is
returned is shared with later callers and must not be changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from theodoi.domain.periods import Period, parse_period
from theodoi.services import memo
from theodoi.services.progress.status import NO_AGENCY, lead_agency
from theodoi.services.register import items, units
from theodoi.storage.models import Target, Task, TaskUpdate, Unit
from theodoi.storage.repositories import progress as repo
from theodoi.storage.repositories import stamps


@dataclass
class Owed:
    """An item that owes (or owed) a report for the period."""

    ref: str
    kind: str
    text: str
    due: date
    reported_on: date | None = None
    overdue: bool = False


@dataclass
class AgencyCompleteness:
    agency: str
    expected: int = 0
    reported: int = 0
    missing: list[Owed] = field(default_factory=list)
    late: list[Owed] = field(default_factory=list)


@dataclass
class Completeness:
    unit: str
    period: str
    period_label: str
    as_of: date
    agencies: list[AgencyCompleteness]


def completeness(s: Session, unit_text: str, period_text: str, as_of: date) -> Completeness:
    """Per lead agency: items lacking a report for the period, reports that came in late."""
    unit = units.find(s, unit_text)
    period = parse_period(period_text)
    stamp = stamps.read(s, [unit.id]).get(unit.id)  # before the rows: see services/memo.py
    key = ("completeness", stamps.url_of(s), unit.id, stamp, period.key, as_of)
    found: Completeness = memo.COMPUTED.one(key, lambda: _count(s, unit, period, as_of),
                                    keep=stamp is not None)
    return found


def _count(s: Session, unit: Unit, period: Period, as_of: date) -> Completeness:
    reported: dict[str, dict[int, date]] = {
        "target": {i: at.date() for i, at in repo.first_reports(s, unit.id, period.key).items()},
        "task": repo.first_task_reports(s, unit.id, period.key)}
    latest = {u.task_id: u for u in repo.latest_updates_for_unit(s, unit.id, as_of)}
    owing: list[Target | Task] = [*repo.active_targets(s, unit.id),
                                  *(t for t in repo.active_tasks(s, unit.id)
                                    if not _finished_before(latest.get(t.id), period))]
    by_agency: dict[str, AgencyCompleteness] = {}
    for item in owing:
        name = lead_agency(item) or NO_AGENCY
        entry = by_agency.setdefault(name, AgencyCompleteness(name))
        _tally(entry, item, period, reported, as_of)
    return Completeness(unit.name, period.key, period.label, as_of,
                        sorted(by_agency.values(), key=lambda a: a.agency))


def _finished_before(update: TaskUpdate | None, period: Period) -> bool:
    if update is None or update.state != "hoan_thanh":
        return False
    return (update.completed_on or update.reported_on) < period.start


def _tally(entry: AgencyCompleteness, item: Target | Task, period: Period,
           reported: dict[str, dict[int, date]], as_of: date) -> None:
    kind = "target" if isinstance(item, Target) else "task"
    due = period.due(item.plan.report_due_days)
    text = item.indicator or item.text if isinstance(item, Target) else item.title or item.text
    owed = Owed(items.ref_of(item), kind, text, due)
    entry.expected += 1
    on = reported[kind].get(item.id)
    if on is None or on > as_of:
        owed.overdue = as_of > due
        entry.missing.append(owed)
        return
    entry.reported += 1
    owed.reported_on = on
    if on > due:
        entry.late.append(owed)


def missing_count(c: Completeness) -> int:
    return sum(len(a.missing) for a in c.agencies)

