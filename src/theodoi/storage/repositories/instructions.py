"""Queries on instruction items and on the plans of lower units that implement a plan."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from theodoi.storage.models import Basis, InstructionItem, Plan, Task, Unit


def children(s: Session, unit_id: int) -> list[Unit]:
    """The units right under `unit_id`, by name."""
    return list(s.scalars(select(Unit).where(Unit.parent_id == unit_id).order_by(Unit.name)))


def tasks_of_plan(s: Session, plan_id: int) -> list[Task]:
    """The plan's tasks not rejected, with their assignments, in order."""
    return list(s.scalars(select(Task).where(Task.plan_id == plan_id,
                                             Task.review != "rejected")
                          .options(selectinload(Task.assignments)).order_by(Task.position)))


def unit_ids_with_items(s: Session, task_id: int) -> set[int]:
    return set(s.scalars(select(InstructionItem.unit_id)
                         .where(InstructionItem.task_id == task_id)))


def add(s: Session, task_id: int, unit_ids: Iterable[int]) -> int:
    """New items of the task, one per unit; how many. Flushes."""
    rows = [InstructionItem(task_id=task_id, unit_id=u) for u in unit_ids]
    s.add_all(rows)
    s.flush()
    return len(rows)


def items(s: Session, *, task_ids: Iterable[int] | None = None,
          plan_unit_ids: Iterable[int] | None = None,
          unit_id: int | None = None) -> list[InstructionItem]:
    """Items of the tasks, or of tasks of plans of the units, or of one lower unit;
    with task, plan and unit loaded, by task then unit name."""
    query = (select(InstructionItem).join(Task, InstructionItem.task_id == Task.id)
             .join(Plan, Task.plan_id == Plan.id)
             .join(Unit, InstructionItem.unit_id == Unit.id)
             .options(selectinload(InstructionItem.task).selectinload(Task.plan)
                      .selectinload(Plan.unit), selectinload(InstructionItem.unit)))
    if task_ids is not None:
        query = query.where(InstructionItem.task_id.in_(list(task_ids)))
    if plan_unit_ids is not None:
        query = query.where(Plan.unit_id.in_(list(plan_unit_ids)))
    if unit_id is not None:
        query = query.where(InstructionItem.unit_id == unit_id)
    return list(s.scalars(query.order_by(Plan.id, Task.position, Unit.name)))


def get(s: Session, item_id: int) -> InstructionItem | None:
    return s.get(InstructionItem, item_id)


def item_rows(s: Session, plan_unit_ids: list[int]) -> list[Any]:
    """(task id, item unit id, report_on, task's plan id) of every item of the tasks of
    the units' plans: what a status needs, as plain rows."""
    query = (select(InstructionItem.task_id, InstructionItem.unit_id,
                    InstructionItem.report_on, Task.plan_id)
             .join(Task, InstructionItem.task_id == Task.id)
             .join(Plan, Task.plan_id == Plan.id).where(Plan.unit_id.in_(plan_unit_ids)))
    return list(s.execute(query).all())


def implementing(s: Session, plan_ids: Iterable[int], unit_ids: Iterable[int]) -> list[Any]:
    """(plan id implemented, implementing plan's unit, its id, number, issued_on,
    created_at) for every plan of the units whose basis is linked to one of `plan_ids`."""
    query = (select(Basis.linked_plan_id, Plan.unit_id, Plan.id, Plan.number, Plan.issued_on,
                    Plan.created_at).join(Plan, Basis.plan_id == Plan.id)
             .where(Basis.linked_plan_id.in_(list(plan_ids)),
                    Plan.unit_id.in_(list(unit_ids))).distinct())
    return list(s.execute(query).all())
