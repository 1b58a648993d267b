"""Instruction items: made from a plan's tasks, closed by the cascade or by a report.

Every function takes a session and flushes at most; the caller commits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import instructions as rules
from theodoi.domain import status as status_rules
from theodoi.domain.errors import BadInput, Conflict, NotFound
from theodoi.services.register import units
from theodoi.storage.models import InstructionItem, Plan, Task
from theodoi.storage.repositories import instructions as repo


@dataclass
class Created:
    """What `create_for_plan` found and made: the instruction tasks, and new items."""

    plan_id: int
    tasks: list[str] = field(default_factory=list)
    created: int = 0


def is_instruction(task: Task) -> bool:
    """The task is addressed to every unit under its plan's unit (domain rules)."""
    leads = tuple(a.name for a in task.assignments if a.role == "lead")
    return rules.addressed_below(task.title or task.text, leads) or (
        bool(task.title) and rules.addressed_below(task.text, ()))


def create_for_plan(s: Session, plan: Plan) -> Created:
    """One item per unit under the plan's unit for each task addressed to them; items
    already made are kept, so running it again makes only what a new unit needs."""
    result = Created(plan.id)
    below = [u.id for u in repo.children(s, plan.unit_id)]
    if not below:
        return result
    for task in repo.tasks_of_plan(s, plan.id):
        if not is_instruction(task):
            continue
        result.tasks.append(f"k{task.id}")
        have = repo.unit_ids_with_items(s, task.id)
        result.created += repo.add(s, task.id, [u for u in below if u not in have])
    return result


def actions_of(s: Session, items: list[InstructionItem]) -> dict[int, rules.Action | None]:
    """What closed each item (by id): its unit's earliest implementing plan or report."""
    found = _plan_actions(s, {i.task.plan_id for i in items}, {i.unit_id for i in items})
    out: dict[int, rules.Action | None] = {}
    for item in items:
        known = list(found.get((item.task.plan_id, item.unit_id), []))
        if item.report_on is not None:
            known.append(rules.Action(item.report_on, "report", note=item.report_text))
        out[item.id] = rules.earliest(known)
    return out


def _plan_actions(s: Session, plan_ids: set[int], unit_ids: set[int]
                  ) -> dict[tuple[int, int], list[rules.Action]]:
    """(higher plan, unit) -> the unit's plans implementing it, as actions."""
    out: dict[tuple[int, int], list[rules.Action]] = defaultdict(list)
    if not plan_ids or not unit_ids:
        return out
    for higher, unit_id, plan_id, number, issued, created in repo.implementing(
            s, plan_ids, unit_ids):
        on = issued or created.date()  # a plan stored without its date: the day it came
        out[(higher, unit_id)].append(rules.Action(on, "plan", plan_id, number))
    return out


def item_row(item: InstructionItem, acted: rules.Action | None, as_of: date
             ) -> dict[str, Any]:
    """One lower unit's part as pages, the API and the CLI show it."""
    state = rules.item_state(item.task.due_date, acted, as_of)
    known = acted if acted is not None and acted.on <= as_of else None
    return {"id": item.id, "task": f"k{item.task_id}",
            "unit": {"id": item.unit_id, "name": item.unit.name},
            "state": state, "label": rules.STATE_LABELS[state],
            "acted_on": known.on if known else None,
            "how": known.how if known else None,
            "plan_id": known.plan_id if known else None,
            "note": known.note if known else None,
            "report_on": item.report_on, "report_text": item.report_text}


def instruction_rows(s: Session, items: list[InstructionItem], as_of: date
                     ) -> list[dict[str, Any]]:
    """Items grouped by instruction task, each with its counts and computed status."""
    acted = actions_of(s, items)
    groups: dict[int, list[InstructionItem]] = defaultdict(list)
    for item in items:
        groups[item.task_id].append(item)
    return [_instruction(group, [item_row(i, acted[i.id], as_of) for i in group], as_of)
            for group in groups.values()]


def _instruction(group: list[InstructionItem], rows: list[dict[str, Any]], as_of: date
                 ) -> dict[str, Any]:
    task = group[0].task
    updates = rules.task_updates([r["acted_on"] for r in rows], as_of)
    found = status_rules.task_status(status_rules.TaskFacts(task.due_date, None), updates,
                                     as_of)
    counts = {code: sum(1 for r in rows if r["state"] == code) for code in rules.STATE_LABELS}
    return {"ref": f"k{task.id}", "task_id": task.id, "title": task.title or task.text,
            "due": task.due_date, "plan": {"id": task.plan_id, "number": task.plan.number,
                                           "title": task.plan.title,
                                           "unit": task.plan.unit.name,
                                           "unit_id": task.plan.unit_id},
            "status": found.code, "status_label": found.label,
            "acted": counts[rules.ACTED_ON_TIME] + counts[rules.ACTED_LATE],
            "total": len(rows), "counts": counts, "items": rows}


def task_updates(s: Session, unit_ids: list[int], as_of: date
                 ) -> dict[int, list[status_rules.TaskUpdate]]:
    """For each instruction task of the units' plans, its progress read from its items
    (what `progress.status` uses in place of reports on the task). Two queries at most."""
    rows = repo.item_rows(s, unit_ids)
    if not rows:
        return {}
    acted = _plan_actions(s, {r.plan_id for r in rows}, {r.unit_id for r in rows})
    days: dict[int, list[date | None]] = defaultdict(list)
    for task_id, unit_id, report_on, plan_id in rows:
        known = [a.on for a in acted.get((plan_id, unit_id), [])]
        known += [report_on] if report_on is not None else []
        days[task_id].append(min(known, default=None))
    return {t: rules.task_updates(d, as_of) for t, d in days.items()}


def get(s: Session, item_id: int) -> InstructionItem:
    item = repo.get(s, item_id)
    if item is None:
        raise NotFound(f"không có mục chỉ đạo số {item_id}.")
    return item


def close(s: Session, item: InstructionItem, on: date, text: str, by: str | None
          ) -> InstructionItem:
    """Close the item by the unit's report or explanation of day `on`. Flushes."""
    text = " ".join(text.split())
    if not text:
        raise BadInput("hãy ghi nội dung báo cáo hoặc giải trình của đơn vị.")
    if item.report_on is not None:
        raise Conflict(f"mục chỉ đạo số {item.id} đã được đóng bằng báo cáo ngày "
                       f"{item.report_on:%d/%m/%Y}; hãy mở lại trước khi ghi báo cáo khác.")
    item.report_on, item.report_text, item.reported_by = on, text[:4000], by
    s.flush()
    return item


def reopen(s: Session, item: InstructionItem) -> InstructionItem:
    """Take back the report that closed the item (a plan linked still closes it)."""
    if item.report_on is None:
        raise Conflict(f"mục chỉ đạo số {item.id} không được đóng bằng báo cáo.")
    item.report_on = item.report_text = item.reported_by = None
    s.flush()
    return item


def board(s: Session, unit_text: str, as_of: date) -> dict[str, Any]:
    """What the command line lists for a unit (its name or code): the instructions its
    plans gave, every unit below with its state, and its own items received from above."""
    unit = units.find(s, unit_text)
    return {"unit": unit.name, "as_of": as_of,
            "given": instruction_rows(s, repo.items(s, plan_unit_ids=[unit.id]), as_of),
            "received": instruction_rows(s, repo.items(s, unit_id=unit.id), as_of)}


def show(s: Session, ref: str, as_of: date) -> dict[str, Any]:
    """One instruction task (its ref, k12) with every unit's item."""
    task_id = int(ref[1:]) if ref[:1] == "k" and ref[1:].isdigit() else None
    rows = instruction_rows(s, repo.items(s, task_ids=[task_id]), as_of) if task_id else []
    if not rows:
        raise NotFound(f"không có chỉ đạo {ref}: hãy ghi mã nhiệm vụ như k12 "
                       "(theodoi instructions list --unit … liệt kê).")
    return rows[0]


def create_for_plan_id(s: Session, plan_id: int) -> Created:
    plan = s.get(Plan, plan_id)
    if plan is None:
        raise NotFound(f"không có kế hoạch số {plan_id}.")
    return create_for_plan(s, plan)
