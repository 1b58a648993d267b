"""Completeness of a reporting period: which items each lead agency has not reported on,
and which reports came in after they were due (by the plan's calendar: the stream of the
period's kind, else its main one; services.calendars).

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

from theodoi.domain import calendars as cal
from theodoi.domain.periods import Period, parse_period
from theodoi.services import calendars, memo
from theodoi.services.progress.status import NO_AGENCY, first_leads
from theodoi.services.register import units
from theodoi.storage.models import Target, Task
from theodoi.storage.repositories import held_rows, stamps
from theodoi.storage.repositories import status_rows as rows_repo


@dataclass
class Owed:
    """An item that owes (or owed) a report for the period."""

    ref: str
    kind: str
    text: str
    due: date
    reported_on: date | None = None
    overdue: bool = False
    plan_id: int | None = None


@dataclass
class AgencyCompleteness:
    agency: str
    expected: int = 0
    reported: int = 0
    missing: list[Owed] = field(default_factory=list)
    late: list[Owed] = field(default_factory=list)
    owed: list[Owed] = field(default_factory=list)  # every item expected, reported or not


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
    return completeness_of_units(s, {unit.id: unit.name}, {unit.id: period}, as_of)[unit.id]


def completeness_of_units(s: Session, names: dict[int, str], periods: dict[int, Period],
                          as_of: date) -> dict[int, Completeness]:
    """Completeness of many units (id -> name), each for its own period: from the cache
    where a unit's stamp is unchanged, the rest computed together in a fixed number of
    queries (two per distinct period), so a province's communes cost what one does."""
    known = stamps.read(s, list(names))  # before the rows: see services/memo.py
    where = stamps.url_of(s)
    keys = {i: ("completeness", where, i, known.get(i), periods[i].key, as_of) for i in names}
    found = memo.COMPUTED.many(
        keys, lambda missing: _count(s, {i: names[i] for i in missing}, periods, as_of),
        keep=lambda i: known.get(i) is not None)
    return {i: found[i] for i in names}


def _count(s: Session, names: dict[int, str], periods: dict[int, Period],
           as_of: date) -> dict[int, Completeness]:
    ids = list(names)
    reported = _reported(s, ids, periods)
    streams = {plan_id: found for plan_id, (_unit, found) in calendars.active(s, ids).items()}
    latest = {task_id: (on, state, done)
              for task_id, on, state, _percent, done in held_rows.latest_updates(s, ids, as_of)}
    by_unit: dict[int, dict[str, AgencyCompleteness]] = {i: {} for i in ids}
    leads = first_leads(held_rows.leads(s, ids, Target))
    for row in held_rows.targets(s, ids):
        due = cal.due_of(streams[row.plan_id], periods[row.unit_id])
        _tally(_entry(by_unit[row.unit_id], leads.get(row.id)),
               Owed(f"t{row.id}", "target", row.indicator or row.text, due,
                    plan_id=row.plan_id),
               reported["target"].get(row.id), as_of)
    leads = first_leads(held_rows.leads(s, ids, Task))
    for row in held_rows.tasks(s, ids):
        period = periods[row.unit_id]
        if finished_before(latest.get(row.id), period):
            continue
        _tally(_entry(by_unit[row.unit_id], leads.get(row.id)),
               Owed(f"k{row.id}", "task", row.title or row.text,
                    cal.due_of(streams[row.plan_id], period), plan_id=row.plan_id),
               reported["task"].get(row.id), as_of)
    return {i: Completeness(names[i], periods[i].key, periods[i].label, as_of,
                            sorted(by_unit[i].values(), key=lambda a: a.agency))
            for i in ids}


def _reported(s: Session, ids: list[int],
              periods: dict[int, Period]) -> dict[str, dict[int, date]]:
    """The first report of each item for its unit's period, the units grouped by period."""
    found: dict[str, dict[int, date]] = {"target": {}, "task": {}}
    for key in sorted({periods[i].key for i in ids}):
        these = [i for i in ids if periods[i].key == key]
        found["target"].update((i, at.date())
                               for i, at in rows_repo.first_reports(s, these, key).items())
    found["task"] = first_reported_tasks(s, ids, periods)
    return found


def first_reported_tasks(s: Session, ids: list[int],
                         periods: dict[int, Period]) -> dict[int, date]:
    """The day of each task's first update for its unit's period (one query per period)."""
    found: dict[int, date] = {}
    for key in sorted({periods[i].key for i in ids}):
        found.update(rows_repo.first_task_reports(s, [i for i in ids if periods[i].key == key],
                                                  key))
    return found


def finished_before(update: tuple[date, str, date | None] | None, period: Period) -> bool:
    """Whether a task whose latest update is (reported on, state, completed on) was finished
    before the period started, and so owes it nothing."""
    if update is None or update[1] != "hoan_thanh":
        return False
    return (update[2] or update[0]) < period.start


def _entry(by_agency: dict[str, AgencyCompleteness], lead: str | None) -> AgencyCompleteness:
    name = lead or NO_AGENCY
    return by_agency.setdefault(name, AgencyCompleteness(name))


def _tally(entry: AgencyCompleteness, owed: Owed, on: date | None, as_of: date) -> None:
    entry.expected += 1
    entry.owed.append(owed)
    if on is None or on > as_of:
        owed.overdue = as_of > owed.due
        entry.missing.append(owed)
        return
    entry.reported += 1
    owed.reported_on = on
    if on > owed.due:
        entry.late.append(owed)


def without_plans(found: Completeness, plan_ids: frozenset[int]) -> Completeness:
    """The completeness without the items of `plan_ids` (restricted plans a person does
    not read), counts remade; the same object when there are none. Shared input is not
    changed."""
    if not plan_ids:
        return found
    agencies = []
    for a in found.agencies:
        kept = [o for o in a.owed if o.plan_id not in plan_ids]
        if kept:
            agencies.append(AgencyCompleteness(
                a.agency, len(kept), sum(o.reported_on is not None for o in kept),
                [o for o in a.missing if o.plan_id not in plan_ids],
                [o for o in a.late if o.plan_id not in plan_ids], kept))
    return Completeness(found.unit, found.period, found.period_label, found.as_of, agencies)


def missing_count(c: Completeness) -> int:
    return sum(len(a.missing) for a in c.agencies)

