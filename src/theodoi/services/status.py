"""Status of a unit as of a day: every target and task of its active plans, with counts.

The register rows are mapped to the domain's facts (`TargetFacts`, `Actual`, `TaskFacts`,
`TaskUpdate`) and the pure functions of `domain.status` decide; nothing here reads the
clock. Loading is a fixed number of queries however many items the unit has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from theodoi.domain import status as rules
from theodoi.domain.trajectory import Actual, TargetFacts
from theodoi.services import items, units
from theodoi.storage.models import ProgressRecord, Target, Task, TaskUpdate
from theodoi.storage.repositories import progress as repo

FIELD_LABELS = {"kinh_te": "Kinh tế", "van_hoa_xa_hoi": "Văn hóa - Xã hội",
                "moi_truong": "Tài nguyên - Môi trường",
                "quoc_phong_an_ninh": "Quốc phòng - An ninh",
                "xay_dung_dang": "Xây dựng Đảng", "chinh_quyen": "Chính quyền",
                "khac": "Chưa phân lĩnh vực"}
NO_AGENCY = "(chưa giao cơ quan chủ trì)"


@dataclass
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
        baseline=t.baseline_value, baseline_year=t.baseline_year)


def actual(r: ProgressRecord) -> Actual:
    return Actual(on=r.period_end, value=r.value, value_of=r.value_of)


def task_facts(t: Task) -> rules.TaskFacts:
    return rules.TaskFacts(due=t.due_date, recurrence=t.due_recurrence)


def task_update(u: TaskUpdate) -> rules.TaskUpdate:
    return rules.TaskUpdate(on=u.reported_on, state=u.state, percent=u.percent,
                            completed_on=u.completed_on)


def target_row(t: Target, records: list[ProgressRecord], as_of: date,
               tolerance: float) -> StatusRow:
    facts = target_facts(t)
    found = rules.target_status(facts, [actual(r) for r in records], as_of, tolerance=tolerance)
    outlook = found.forecast
    return StatusRow("target", items.ref_of(t), t.plan_id, t.field or "khac",
                     t.indicator or t.text, lead_agency(t), found.code, found.label,
                     t.value, t.unit, found.actual, found.expected,
                     outlook.value if outlook else None, outlook.label if outlook else None,
                     facts.deadline_year)


def task_row(t: Task, updates: list[TaskUpdate], as_of: date, window_days: int) -> StatusRow:
    found = rules.task_status(task_facts(t), [task_update(u) for u in updates], as_of,
                              window_days=window_days)
    return StatusRow("task", items.ref_of(t), t.plan_id, "khac", t.title or t.text,
                     lead_agency(t), found.code, found.label, due=found.due,
                     state=found.state, percent=found.percent)


def status_of_unit(s: Session, unit_text: str, as_of: date, *,
                   tolerance: float = rules.TOLERANCE, window_days: int = 14) -> UnitStatus:
    """Every target and task of the unit's active plans as of `as_of`, and counts by status
    per field and per lead agency."""
    unit = units.find(s, unit_text)
    records: dict[int, list[ProgressRecord]] = defaultdict(list)
    for r in repo.current_for_unit(s, unit.id, as_of):
        records[r.target_id].append(r)
    updates: dict[int, list[TaskUpdate]] = defaultdict(list)
    for u in repo.latest_updates_for_unit(s, unit.id, as_of):
        updates[u.task_id].append(u)
    targets = [target_row(t, records[t.id], as_of, tolerance)
               for t in repo.active_targets(s, unit.id)]
    tasks = [task_row(t, updates[t.id], as_of, window_days) for t in repo.active_tasks(s, unit.id)]
    result = UnitStatus(unit.name, as_of, targets, tasks)
    result.by_field = count(targets + tasks, lambda r: r.field)
    result.by_agency = count(targets + tasks, lambda r: r.lead_agency or NO_AGENCY)
    return result


def count(rows: list[StatusRow], key: Callable[[StatusRow], str]) -> dict[str, dict[str, int]]:
    """Status codes counted per group, groups and codes in a stable order."""
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        group = out.setdefault(key(row), {})
        group[row.code] = group.get(row.code, 0) + 1
    return {g: dict(sorted(c.items())) for g, c in sorted(out.items())}
