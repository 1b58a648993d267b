"""Summaries of many units side by side: per unit, how many of its items are in each status
and how much of its current period's reporting is in (a province's commune rows).

The same figures as `status.status_of_units` counted by code and
`completeness.completeness_of_units` totalled, made from one read of what both need: the
live items with only the columns the rules read, their milestones and current values, each
task's latest update (read once, for its status and for whether it still owes a report),
and the first report of each item for the period. No titles, leads or per-item rows are
built, and a target's forecast is made only where its code depends on it
(`domain.status.target_status(outlook=False)`). Everything is tallied per plan too, so a
person who may not read a commune's restricted plans is served from the same entry
(`without_plans`). tests/services/test_summary.py holds the two paths equal on generated
provinces, with varied targets and restricted plans.

Cached per unit and data stamp like status and completeness (services/memo.py); what is
returned is shared with later callers and must not be changed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import status as rules
from theodoi.domain.periods import Period
from theodoi.domain.trajectory import Actual
from theodoi.services import memo
from theodoi.services.progress import judged
from theodoi.services.progress.completeness import finished_before, first_reported_tasks
from theodoi.services.progress.status import tuple_facts
from theodoi.storage.repositories import stamps
from theodoi.storage.repositories import status_rows as rows_repo


@dataclass(frozen=True)
class PlanTally:
    """One plan's part of a unit's summary: its items counted by status code, its
    period's reports owed and in."""

    counts: dict[str, int]
    targets: int
    tasks: int
    expected: int
    reported: int


@dataclass(frozen=True)
class UnitSummary:
    """A unit's items counted by status code, and its period's reports owed and in; the
    same per plan in `plans`, so a person who may not read some (restricted) plans gets
    the summary without them from the same entry (`without_plans`)."""

    unit: str
    counts: dict[str, int]
    targets: int
    tasks: int
    period: str
    period_label: str
    expected: int
    reported: int
    plans: dict[int, PlanTally] = field(default_factory=dict)


def without_plans(found: UnitSummary, plan_ids: frozenset[int]) -> UnitSummary:
    """The summary with the items of `plan_ids` left out, totals remade from the other
    plans' parts (the same object when there are none to leave out)."""
    if not plan_ids.intersection(found.plans):
        return found
    return _summed(found.unit, found.period, found.period_label,
                   {i: p for i, p in found.plans.items() if i not in plan_ids})


def _summed(unit: str, period: str, period_label: str,
            plans: dict[int, PlanTally]) -> UnitSummary:
    """A unit's summary from its plans' parts."""
    counts: dict[str, int] = {}
    for part in plans.values():
        for code, n in part.counts.items():
            counts[code] = counts.get(code, 0) + n
    parts = plans.values()
    return UnitSummary(unit, dict(sorted(counts.items())), sum(p.targets for p in parts),
                       sum(p.tasks for p in parts), period, period_label,
                       sum(p.expected for p in parts), sum(p.reported for p in parts), plans)


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
    counts: dict[str, int] = field(default_factory=dict)
    targets: int = 0
    tasks: int = 0
    expected: int = 0
    reported: int = 0

    def add(self, code: str, n: int) -> None:
        self.counts[code] = self.counts.get(code, 0) + n

    def made(self) -> PlanTally:
        return PlanTally(dict(sorted(self.counts.items())), self.targets, self.tasks,
                         self.expected, self.reported)


_Tallies = defaultdict[tuple[int, int], _Tally]  # (unit id, plan id) -> its tally


def _summarise(s: Session, names: dict[int, str], periods: dict[int, Period], as_of: date,
               tolerance: float, window_days: int) -> dict[int, UnitSummary]:
    ids = list(names)
    tally: _Tallies = defaultdict(_Tally)
    _count_targets(s, ids, tally, as_of, tolerance)
    _count_tasks(s, ids, tally, periods, as_of, window_days)
    for key in sorted({periods[i].key for i in ids}):  # every target owes every period
        for unit_plan, count in rows_repo.reported_targets(
                s, [i for i in ids if periods[i].key == key], key, as_of).items():
            tally[unit_plan].reported += count
    plans: dict[int, dict[int, PlanTally]] = {i: {} for i in ids}
    for (unit_id, plan_id), t in sorted(tally.items()):
        plans[unit_id][plan_id] = t.made()
    return {i: _summed(names[i], periods[i].key, periods[i].label, plans[i]) for i in ids}


def _count_targets(s: Session, ids: list[int], tally: _Tallies, as_of: date,
                   tolerance: float) -> None:
    """Every live target's code; each owes a value every period. The codes are judged in
    one pass and counted per (unit, plan, code) in C (`Counter`), not tallied target by
    target: a province's 7,500 targets."""
    actuals = rows_repo.actuals_by_target(s, ids, as_of)
    miles: defaultdict[int, list[tuple[int, float | None]]] = defaultdict(list)
    for target_id, year, planned in rows_repo.milestones(s, ids):
        miles[target_id].append((year, planned))
    none: list[Actual] = []
    judge = judged.Judge("summary", ids, (stamps.url_of(s), as_of, tolerance))
    rows = rows_repo.rule_rows(s, ids)
    if judge.on:
        codes = []
        for row in rows:
            marks = tuple(miles.get(row[0], ()))
            known = actuals.get(row[0], none)
            codes.append(judge.judge(row[1], row[0], (row, marks, judged.values(known)), _code,
                                     row, marks, known, as_of, tolerance))
    else:
        codes = [_code(row, tuple(miles.get(row[0], ())), actuals.get(row[0], none), as_of,
                       tolerance) for row in rows]
    judge.done()
    for (unit_id, plan_id, code), n in _by_plan(rows, codes).items():
        unit = tally[unit_id, plan_id]
        unit.add(code, n)
        unit.targets += n
        unit.expected += n


_UNIT, _PLAN = itemgetter(1), itemgetter(2)  # a rule row's unit and plan


def _by_plan(rows: list[tuple[Any, ...]], codes: list[str]) -> Counter[tuple[int, int, str]]:
    """How many of the rule rows (unit and plan at 1 and 2) have each code, per (unit,
    plan, code): counted in C, not row by row."""
    return Counter(zip(map(_UNIT, rows), map(_PLAN, rows), codes, strict=True))


def _code(row: tuple[Any, ...], marks: tuple[tuple[int, float | None], ...],
          known: list[Actual], as_of: date, tolerance: float) -> str:
    """A target's status code from its rule row, milestones and current values (codes
    only: its forecast made only where the code depends on it)."""
    return rules.target_status(tuple_facts(row, marks), known, as_of, tolerance=tolerance,
                               outlook=False).code


def _count_tasks(s: Session, ids: list[int], tally: _Tallies,
                 periods: dict[int, Period], as_of: date, window_days: int) -> None:
    """Every live task's code; it owes an update for its unit's period unless finished
    before the period started, and counts as reported when its first update for the
    period was made by `as_of`. Counted per (unit, plan, code) and per (unit, plan,
    reported) in C (`Counter`), as the targets are."""
    reported = first_reported_tasks(s, ids, periods)
    facts: dict[tuple[date | None, str | None], rules.TaskFacts] = {}  # few distinct ones
    rows = rows_repo.task_rule_rows(s, ids, as_of)
    codes, owing = [], []
    for (task_id, unit_id, plan_id, due, recurrence,
         on, state, percent, done) in rows:
        known = [] if on is None else [rules.TaskUpdate(on, state, percent, done)]
        fact = facts.get((due, recurrence))
        if fact is None:
            fact = facts[due, recurrence] = rules.TaskFacts(due, recurrence)
        codes.append(rules.task_status(fact, known, as_of, window_days=window_days).code)
        if state == "hoan_thanh" and finished_before((on, state, done), periods[unit_id]):
            continue  # finished_before asks nothing else of a task not finished
        first = reported.get(task_id)
        owing.append((unit_id, plan_id, first is not None and first <= as_of))
    for (unit_id, plan_id, code), n in _by_plan(rows, codes).items():
        unit = tally[unit_id, plan_id]
        unit.add(code, n)
        unit.tasks += n
    for (unit_id, plan_id, sent), n in Counter(owing).items():
        unit = tally[unit_id, plan_id]
        unit.expected += n
        unit.reported += n if sent else 0
