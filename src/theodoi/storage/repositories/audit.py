"""Writes and reads of the audit history (who changed which field, old and new value)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import Session

from theodoi.storage.models import (
    AuditEntry,
    Contribution,
    ProductStep,
    ProgressRecord,
    Target,
    Task,
    TaskUpdate,
)


def add(s: Session, entry: AuditEntry) -> AuditEntry:
    s.add(entry)
    return entry


def for_entity(s: Session, kind: str, entity_id: int) -> list[AuditEntry]:
    return list(s.scalars(select(AuditEntry).where(AuditEntry.entity_kind == kind,
                                                   AuditEntry.entity_id == entity_id)
                          .order_by(AuditEntry.at, AuditEntry.id)))


def for_unit(s: Session, unit_id: int, limit: int = 200) -> list[AuditEntry]:
    return list(s.scalars(select(AuditEntry).where(AuditEntry.unit_id == unit_id)
                          .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)))


def get(s: Session, entry_id: int) -> AuditEntry | None:
    return s.get(AuditEntry, entry_id)


def reverts_of(s: Session, entry_id: int) -> list[AuditEntry]:
    """The entries that revert `entry_id`, oldest first."""
    return list(s.scalars(select(AuditEntry).where(AuditEntry.reverts_id == entry_id)
                          .order_by(AuditEntry.id)))


def records_of_plans(s: Session, plan_ids: set[int]) -> dict[str, set[int]]:
    """Every record an audit entry may be about that belongs to the plans: the plans,
    their items, values, task reports, product steps and contributions (kind -> ids)."""
    if not plan_ids:
        return {}
    targets = set(s.scalars(select(Target.id).where(Target.plan_id.in_(plan_ids))))
    tasks = set(s.scalars(select(Task.id).where(Task.plan_id.in_(plan_ids))))
    return {
        "plan": set(plan_ids), "target": targets, "task": tasks,
        "progress": set(s.scalars(select(ProgressRecord.id).where(
            ProgressRecord.target_id.in_(targets)))),
        "task_update": set(s.scalars(select(TaskUpdate.id).where(TaskUpdate.task_id.in_(tasks)))),
        "product_step": set(s.scalars(select(ProductStep.id).where(
            ProductStep.task_id.in_(tasks)))),
        "contribution": set(s.scalars(select(Contribution.id).where(or_(
            Contribution.target_id.in_(targets), Contribution.task_id.in_(tasks))))),
    }


def _scoped(query: Select[Any], only: dict[str, set[int]] | None
            ) -> Select[Any]:
    """Only entries about the listed records (kind -> ids); None keeps every entry."""
    if only is None:
        return query
    clauses = [and_(AuditEntry.entity_kind == kind, AuditEntry.entity_id.in_(ids))
               for kind, ids in only.items() if ids]
    return query.where(or_(*clauses)) if clauses else query.where(false())


def page(s: Session, *, unit_id: int | None = None, kind: str | None = None,
         entity_id: int | None = None, only: dict[str, set[int]] | None = None,
         hide: dict[str, set[int]] | None = None,
         offset: int = 0, limit: int = 50) -> tuple[list[AuditEntry], int]:
    """One page of entries, newest first, and how many there are in all; `only` keeps
    entries about the listed records alone, `hide` drops those about its records."""
    query = select(AuditEntry)
    if unit_id is not None:
        query = query.where(AuditEntry.unit_id == unit_id)
    if kind is not None:
        query = query.where(AuditEntry.entity_kind == kind)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    query = _scoped(query, only)
    for kind, ids in (hide or {}).items():
        if ids:
            query = query.where(~and_(AuditEntry.entity_kind == kind,
                                      AuditEntry.entity_id.in_(ids)))
    total = s.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = s.scalars(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                     .offset(offset).limit(limit))
    return list(rows), int(total)
