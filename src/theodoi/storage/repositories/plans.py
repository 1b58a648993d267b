"""Queries on stored files, plans and their items."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from theodoi.storage.models import Basis, Plan, SourceFile, Target, Task, Unit


def source_file(s: Session, sha256: str) -> SourceFile | None:
    return s.get(SourceFile, sha256)


def add_source_file(s: Session, row: SourceFile) -> SourceFile:
    s.add(row)
    s.flush()
    return row


def get(s: Session, plan_id: int) -> Plan | None:
    return s.get(Plan, plan_id)


def by_source(s: Session, unit_id: int, sha256: str) -> Plan | None:
    return s.scalar(select(Plan).where(Plan.unit_id == unit_id, Plan.source_sha256 == sha256))


def review_counts(s: Session, plan_id: int) -> dict[str, dict[str, int]]:
    """Per kind ("targets", "tasks"): how many items are in each review state, counted by
    the database instead of loading every item."""
    out: dict[str, dict[str, int]] = {"targets": {}, "tasks": {}}
    for kind, model in (("targets", Target), ("tasks", Task)):
        query = (select(model.review, func.count()).where(model.plan_id == plan_id)
                 .group_by(model.review))
        out[kind] = {review: n for review, n in s.execute(query).all()}
    return out


def for_unit(s: Session, unit_id: int, *, full: bool = False) -> list[Plan]:
    """A unit's plans, oldest first; `full` loads items, milestones and assignments too."""
    query = select(Plan).where(Plan.unit_id == unit_id).order_by(Plan.id)
    if full:
        query = query.options(
            selectinload(Plan.targets).selectinload(Target.milestones),
            selectinload(Plan.targets).selectinload(Target.assignments),
            selectinload(Plan.tasks).selectinload(Task.assignments),
            selectinload(Plan.bases))
    return list(s.scalars(query))


def open_with_number(s: Session, unit_id: int, number: str) -> list[Plan]:
    """A unit's draft or active plans that carry document number `number`."""
    return list(s.scalars(select(Plan).where(
        Plan.unit_id == unit_id, Plan.number == number, Plan.status != "closed")))


def open_plans(s: Session, unit_id: int) -> list[Plan]:
    return list(s.scalars(select(Plan).where(Plan.unit_id == unit_id, Plan.status != "closed")
                          .order_by(Plan.id)))


def with_number(s: Session, number: str, issued_on: date | None = None) -> list[Plan]:
    """Plans of any unit with this document number (and date, when given)."""
    query = select(Plan).where(Plan.number == number)
    if issued_on is not None:
        query = query.where(Plan.issued_on == issued_on)
    return list(s.scalars(query.order_by(Plan.id)))


def _with_scope(model: type[Target] | type[Task]) -> list[Any]:
    """What every look-up of an item goes on to read (whose unit, up the tree, and who
    leads it, for the access check), loaded with it: two queries instead of five."""
    return [joinedload(model.plan).joinedload(Plan.unit).joinedload(Unit.parent),
            selectinload(model.assignments)]


def target(s: Session, target_id: int) -> Target | None:
    return s.get(Target, target_id, options=_with_scope(Target))


def task(s: Session, task_id: int) -> Task | None:
    return s.get(Task, task_id, options=_with_scope(Task))


def bases_unlinked(s: Session) -> list[Basis]:
    return list(s.scalars(select(Basis).where(Basis.linked_plan_id.is_(None),
                                              Basis.ref_number.is_not(None))))


def delete(s: Session, row: object) -> None:
    s.delete(row)
    s.flush()
