"""Writes and reads of the audit history (who changed which field, old and new value)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from theodoi.storage.models import AuditEntry


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
