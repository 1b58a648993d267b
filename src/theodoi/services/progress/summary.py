"""Summaries of many units side by side: per unit, how many of its items are in each status
and how much of its current period's reporting is in (a province's commune rows).

The same figures as `status.status_of_units` counted by code and
`completeness.completeness_of_units` totalled, made from one read of what both need: the
live items with only the columns the rules read, their milestones and current values, each
task's latest update (read once, for its status and for whether it still owes a report),
and the first report of each item for the period. No titles, leads or per-item rows are
built, and a target's forecast is made only where its code depends on it
(`domain.status.target_status(outlook=False)`). tests/services/test_summary.py holds the
two paths equal on generated provinces.

Cached per unit and data stamp like status and completeness (services/memo.py); what is
returned is shared with later callers and must not be changed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from theodoi.domain import status as rules
from theodoi.domain.periods import Period
from theodoi.domain.trajectory import Actual
from theodoi.services import memo
from theodoi.services.progress.completeness import finished_before, first_reported_tasks
from theodoi.services.progress.status import row_facts
from theodoi.storage.models import Target, Task
from theodoi.storage.repositories import stamps
from theodoi.storage.repositories import status_rows as rows_repo


@dataclass(frozen=True)
class UnitSummary:
    """A unit's items counted by status code, and its period's reports owed and in."""

    unit: str
    counts: dict[str, int]
    targets: int
    tasks: int
    period: str
    period_label: str
    expected: int
    reported: int


def summaries_of_units(s: Session, names: dict[int, str], periods: dict[int, Period],
                       as_of: date, *, tolerance: float = rules.TOLERANCE,
                       window_days: int = 14) -> dict[int, UnitSummary]:
    """The summary of each unit (id -> name) for its own period as of `as_of`: from the
    cache where the unit's stamp is unchanged, the rest together in a fixed number of
    queries however many units there are."""
    known = stamps.read(s, list(names))  # before the rows: see services/memo.py
    where = stamps.url_of(s)
    keys = {i: ("summary", where, i, known.get(i), periods[i].key, as_of, tolerance,
                window_days) for i in names}
    found = memo.COMPUTED.many(
        keys, lambda missing: _summarise(s, {i: names[i] for i in missing}, periods, as_of,
                                         tolerance, window_days),
        keep=lambda i: known.get(i) is not None)
    return {i: found[i] for i in names}


@dataclass
class _Tally:
    counts: dict[str, int]
    targets: int = 0
    tasks: int = 0
    expected: int = 0
    reported: int = 0

    def add(self, code: str) -> None:
        self.counts[code] = self.counts.get(code, 0) + 1


def _summarise(s: Session, names: dict[int, str], periods: dict[int, Period], as_of: date,
               tolerance: float, window_days: int) -> dict[int, UnitSummary]:
    ids = list(names)
    tally = {i: _Tally({}) for i in ids}
    _count_targets(s, ids, tally, as_of, tolerance)
    _count_tasks(s, ids, tally, periods, as_of, window_days)
    for key in sorted({periods[i].key for i in ids}):  # every target owes every period
        for unit_id, count in rows_repo.reported_targets(
                s, [i for i in ids if periods[i].key == key], key, as_of).items():
            tally[unit_id].reported += count
    return {i: UnitSummary(names[i], dict(sorted(t.counts.items())), t.targets, t.tasks,
                           periods[i].key, periods[i].label, t.expected, t.reported)
            for i, t in tally.items()}


def _count_targets(s: Session, ids: list[int], tally: dict[int, _Tally], as_of: date,
                   tolerance: float) -> None:
    """Every live target's code; each owes a value every period."""
    actuals: dict[int, list[Actual]] = defaultdict(list)
    for target_id, on, value, value_of in rows_repo.actuals(s, ids, as_of):
        actuals[target_id].append(Actual(on, value, value_of))
    miles: dict[int, list[tuple[int, float | None]]] = defaultdict(list)
    for target_id, year, planned in rows_repo.milestones(s, ids):
        miles[target_id].append((year, planned))
    for row in rows_repo.rule_rows(s, ids, Target):
        found = rules.target_status(row_facts(row, tuple(miles[row.id])), actuals[row.id],
                                    as_of, tolerance=tolerance, outlook=False)
        unit = tally[row.unit_id]
        unit.add(found.code)
        unit.targets += 1
        unit.expected += 1


def _count_tasks(s: Session, ids: list[int], tally: dict[int, _Tally],
                 periods: dict[int, Period], as_of: date, window_days: int) -> None:
    """Every live task's code; it owes an update for its unit's period unless finished
    before the period started, and counts as reported when its first update for the
    period was made by `as_of`."""
    latest = {row[0]: row for row in rows_repo.latest_updates(s, ids, as_of)}
    reported = first_reported_tasks(s, ids, periods)
    for row in rows_repo.rule_rows(s, ids, Task):
        last = latest.get(row.id)
        known = [] if last is None else [rules.TaskUpdate(*last[1:])]
        found = rules.task_status(rules.TaskFacts(row.due_date, row.due_recurrence), known,
                                  as_of, window_days=window_days)
        unit = tally[row.unit_id]
        unit.add(found.code)
        unit.tasks += 1
        if finished_before(None if last is None else (last[1], last[2], last[4]),
                           periods[row.unit_id]):
            continue
        on = reported.get(row.id)
        unit.expected += 1
        unit.reported += on is not None and on <= as_of
