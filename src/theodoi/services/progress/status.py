"""Status of a unit as of a day: every target and task of its active plans, with counts.

The register rows are mapped to the domain's facts (`TargetFacts`, `Actual`, `TaskFacts`,
`TaskUpdate`) and the pure functions of `domain.status` decide; nothing here reads the
clock. Loading is a fixed number of queries however many items the unit has.

Results are cached per unit and data stamp (services/memo.py): a dashboard read again
before anything of its unit changed costs one query for the stamps. What the functions
return is shared with later callers and must not be changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import status as rules
from theodoi.domain.measures import is_flow
from theodoi.domain.trajectory import Actual, TargetFacts
from theodoi.services import memo
from theodoi.services.instructions import tracking as instructions
from theodoi.services.progress import judged
from theodoi.services.register import units
from theodoi.storage.models import ProgressRecord, Target, Task
from theodoi.storage.repositories import held_rows, stamps
from theodoi.storage.repositories import status_rows as rows_repo

NO_AGENCY = "(chưa giao cơ quan chủ trì)"


@dataclass(frozen=True)
class StatusRow:
    """One item's status; `due` is a deadline year for a target, a day for a task."""

    kind: str
    ref: str
    plan_id: int
    field: str
    text: str
    lead_agency: str | None
    code: str
    label: str
    planned: float | None = None
    unit: str | None = None
    actual: float | None = None
    expected: float | None = None
    forecast: float | None = None
    forecast_label: str | None = None
    due: date | int | None = None
    state: str | None = None
    percent: float | None = None


@dataclass
class UnitStatus:
    unit: str
    as_of: date
    targets: list[StatusRow]
    tasks: list[StatusRow]
    by_field: dict[str, dict[str, int]] = field(default_factory=dict)
    by_agency: dict[str, dict[str, int]] = field(default_factory=dict)


def lead_agency(item: Target | Task) -> str | None:
    """The directory name of the item's lead agency, else the name the document used."""
    lead = next((a for a in item.assignments if a.role == "lead"), None)
    if lead is None:
        return None
    return lead.agency.name if lead.agency is not None else lead.name


def target_facts(t: Target) -> TargetFacts:
    """What the rules need of a target; without a deadline year, the plan's term end."""
    return TargetFacts(
        kind=t.kind, direction=t.direction, comparator=t.comparator, value=t.value,
        value_max=t.value_max, value_of=t.value_of, unit=t.unit, per_year=t.per_year,
        recurrence=t.recurrence, deadline_year=t.deadline_year or t.plan.term_end,
        milestones=tuple((m.year, m.value) for m in t.milestones),
        baseline=t.baseline_value, baseline_year=t.baseline_year,
        flow=is_flow(t.indicator or t.text, t.unit, t.per_year, t.kind))


def first_leads(rows: Iterable[tuple[int | None, str]]) -> dict[int | None, str]:
    """Each item's first lead agency, from (item id, name) rows in position order: the one
    `lead_agency` names."""
    out: dict[int | None, str] = {}
    for item_id, name in rows:
        out.setdefault(item_id, name)
    return out


def actual(r: ProgressRecord) -> Actual:
    return Actual(on=r.period_end, value=r.value, value_of=r.value_of)


def status_of_unit(s: Session, unit_text: str, as_of: date, *,
                   tolerance: float = rules.TOLERANCE, window_days: int = 14) -> UnitStatus:
    """Every target and task of the unit's active plans as of `as_of`, and counts by status
    per field and per lead agency."""
    unit = units.find(s, unit_text)
    return status_of_units(s, {unit.id: unit.name}, as_of, tolerance=tolerance,
                           window_days=window_days)[unit.id]


def status_below(s: Session, unit_text: str, as_of: date, *,
                 tolerance: float = rules.TOLERANCE,
                 window_days: int = 14) -> dict[int, UnitStatus]:
    """The status of the unit and of every unit under it (a province's communes), by id."""
    unit = units.find(s, unit_text)
    names = rows_repo.names(s, rows_repo.below(s, unit.id))
    return status_of_units(s, names, as_of, tolerance=tolerance, window_days=window_days)


def status_of_units(s: Session, names: dict[int, str], as_of: date, *,
                    tolerance: float = rules.TOLERANCE,
                    window_days: int = 14) -> dict[int, UnitStatus]:
    """Status of many units: from the cache where a unit's stamp is unchanged, the rest
    computed together in a fixed number of queries."""
    known = stamps.read(s, list(names))  # before the rows: see services/memo.py
    where = stamps.url_of(s)
    keys = {i: ("status", where, i, known.get(i), as_of, tolerance, window_days)
            for i in names}
    found = memo.COMPUTED.many(
        keys, lambda missing: _compute(s, {i: names[i] for i in missing}, as_of, tolerance,
                                       window_days),
        keep=lambda i: known.get(i) is not None)
    return with_instructions(s, {i: found[i] for i in names}, as_of, window_days)


def with_instructions(s: Session, found: dict[int, UnitStatus], as_of: date,
                      window_days: int) -> dict[int, UnitStatus]:
    """The units' status with each instruction task's status read from its lower units'
    items (services/instructions), not from reports on the task: it is done once every
    unit acted. Not cached with the unit: a commune's link changes it. New objects; the
    cached ones are left as they are."""
    updates = instructions.task_updates(s, list(found), as_of)
    if not updates:
        return found
    out = {}
    for unit_id, unit_status in found.items():
        tasks = [_instruction_row(r, updates.get(int(r.ref[1:])), as_of, window_days)
                 for r in unit_status.tasks]
        out[unit_id] = _recounted(unit_status, tasks) if tasks != unit_status.tasks \
            else unit_status
    return out


def _instruction_row(row: StatusRow, known: list[rules.TaskUpdate] | None, as_of: date,
                     window_days: int) -> StatusRow:
    if known is None:
        return row
    found = rules.task_status(rules.TaskFacts(row.due if isinstance(row.due, date) else None),
                              known, as_of, window_days=window_days)
    return replace(row, code=found.code, label=found.label, state=found.state,
                   percent=found.percent)


def _recounted(old: UnitStatus, tasks: list[StatusRow]) -> UnitStatus:
    rows = old.targets + tasks
    return UnitStatus(old.unit, old.as_of, old.targets, tasks, count(rows, lambda r: r.field),
                      count(rows, lambda r: r.lead_agency or NO_AGENCY))


def _compute(s: Session, names: dict[int, str], as_of: date, tolerance: float,
             window_days: int) -> dict[int, UnitStatus]:
    """Status of the units from their rows, read as plain rows."""
    ids = list(names)
    judge = judged.Judge("status", ids, (stamps.url_of(s), as_of, tolerance, window_days),
                         reuse=_no_zero)
    actuals = rows_repo.actuals_by_target(s, ids, as_of)
    updates: dict[int, list[rules.TaskUpdate]] = defaultdict(list)
    read: dict[int, tuple[Any, ...]] = {}  # each task's updates as read: what it is judged on
    for update in held_rows.latest_updates(s, ids, as_of):
        updates[update[0]].append(rules.TaskUpdate(*update[1:]))
        if judge.on:
            read[update[0]] = (*read.get(update[0], ()), *update[1:])
    miles: dict[int, list[tuple[int, float | None]]] = defaultdict(list)
    for target_id, year, planned in rows_repo.milestones(s, ids):
        miles[target_id].append((year, planned))
    result = {i: UnitStatus(names[i], as_of, [], []) for i in ids}
    leads = first_leads(held_rows.leads(s, ids, Target))
    for row in held_rows.targets(s, ids):
        args = (row, tuple(miles[row.id]), actuals.get(row.id, []), leads.get(row.id))
        result[row.unit_id].targets.append(
            judge.judge(row.unit_id, row.id,
                        (tuple(row), args[1], judged.values(args[2]), args[3]),
                        _target_row, *args, as_of, tolerance)
            if judge.on else _target_row(*args, as_of, tolerance))
    leads = first_leads(held_rows.leads(s, ids, Task))
    for row in held_rows.tasks(s, ids):
        done = (row, updates[row.id], leads.get(row.id))
        result[row.unit_id].tasks.append(  # kept under minus its id: a target may share it
            judge.judge(row.unit_id, -row.id, (tuple(row), read.get(row.id), done[2]),
                        _task_row, *done, as_of, window_days)
            if judge.on else _task_row(*done, as_of, window_days))
    judge.done()
    for found in result.values():
        found.by_field = count(found.targets + found.tasks, lambda r: r.field)
        found.by_agency = count(found.targets + found.tasks,
                                lambda r: r.lead_agency or NO_AGENCY)
    return result


def _no_zero(row: StatusRow) -> bool:
    """Whether a kept row may be given again for equal inputs: not when one of its figures
    is zero, which equal inputs (0.0 == -0.0) could give with the other sign."""
    return 0 not in (row.planned, row.actual, row.expected, row.forecast, row.percent)


def row_facts(row: Any, miles: tuple[tuple[int, float | None], ...]) -> TargetFacts:
    """What the rules need of a target read as a row of `status_rows.TARGET_COLUMNS` (or
    `RULE_TARGET_COLUMNS`); `target_facts` says the same of a loaded Target."""
    return TargetFacts(
        kind=row.kind, direction=row.direction, comparator=row.comparator, value=row.value,
        value_max=row.value_max, value_of=row.value_of, unit=row.unit,
        per_year=row.per_year, recurrence=row.recurrence,
        deadline_year=row.deadline_year or row.term_end, milestones=miles,
        baseline=row.baseline_value, baseline_year=row.baseline_year,
        flow=is_flow(row.indicator or row.text, row.unit, row.per_year, row.kind))


def tuple_facts(row: tuple[Any, ...],
                miles: tuple[tuple[int, float | None], ...]) -> TargetFacts:
    """`row_facts` of a plain tuple of `status_rows.COUNTED_TARGET_COLUMNS` (the driver's
    own rows, read by position: the wording and the deadline already chosen by the
    database; `per_year` may be SQLite's 0/1)."""
    (_id, _unit, _plan, wording, kind, direction, comparator, value, value_max, value_of,
     unit, per_year, recurrence, deadline_year, baseline, baseline_year) = row
    per_year = bool(per_year)
    return TargetFacts(kind, direction, comparator, value, value_max, value_of, unit,
                       per_year, recurrence, deadline_year, miles, baseline, baseline_year,
                       is_flow(wording, unit, per_year, kind))


def _target_row(row: Any, miles: tuple[tuple[int, float | None], ...], known: list[Actual],
                lead: str | None, as_of: date, tolerance: float) -> StatusRow:
    facts = row_facts(row, miles)
    found = rules.target_status(facts, known, as_of, tolerance=tolerance)
    outlook = found.forecast
    # an invalid target's goal may be the inf itself: no report or page computes with it
    planned = row.value if rules.finite_facts(facts) else None
    return StatusRow("target", f"t{row.id}", row.plan_id, row.field or "khac",
                     row.indicator or row.text, lead, found.code, found.label, planned,
                     row.unit, found.actual, found.expected,
                     outlook.value if outlook else None, outlook.label if outlook else None,
                     facts.deadline_year)


def _task_row(row: Any, known: list[rules.TaskUpdate], lead: str | None, as_of: date,
              window_days: int) -> StatusRow:
    found = rules.task_status(rules.TaskFacts(row.due_date, row.due_recurrence), known, as_of,
                              window_days=window_days)
    return StatusRow("task", f"k{row.id}", row.plan_id, row.field or "khac",
                     row.title or row.text, lead,
                     found.code, found.label, due=found.due, state=found.state,
                     percent=found.percent)


def count(rows: list[StatusRow], key: Callable[[StatusRow], str]) -> dict[str, dict[str, int]]:
    """Status codes counted per group, groups and codes in a stable order."""
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        group = out.setdefault(key(row), {})
        group[row.code] = group.get(row.code, 0) + 1
    return {g: dict(sorted(c.items())) for g, c in sorted(out.items())}
