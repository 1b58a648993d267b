"""The audit history: who changed which field of which record, old and new value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from theodoi.services.accounts.access import Principal
from theodoi.storage.models import AuditEntry, utcnow
from theodoi.storage.repositories import audit as repo


@dataclass
class AuditRow:
    at: str
    username: str | None
    entity: str
    field: str
    old: str | None
    new: str | None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def record(s: Session, p: Principal | None, unit_id: int | None, kind: str, entity_id: int,
           field: str, old: Any, new: Any, *, detail: dict[str, Any] | None = None,
           reverts: int | None = None, username: str | None = None) -> AuditEntry | None:
    """One changed field; unchanged values are not written (unless `detail` says what
    moved). `reverts` names the entry this change undoes; `username` stands for a person
    known only by name (a CLI or import `by`)."""
    if _text(old) == _text(new) and detail is None:
        return None
    return repo.add(s, AuditEntry(  # user id 0: the system acting by name (the demo)
        at=utcnow(), user_id=p.user_id if p and p.user_id else None,
        username=p.username if p else username, unit_id=unit_id, entity_kind=kind,
        entity_id=entity_id, field=field, old=_text(old), new=_text(new), reverts_id=reverts,
        detail=None if detail is None else json.dumps(detail, ensure_ascii=False,
                                                      default=str)))


def detail_of(entry: AuditEntry) -> dict[str, Any] | None:
    """The entry's undo data, None for entries written before it was kept."""
    return None if entry.detail is None else dict(json.loads(entry.detail))


def record_changes(s: Session, p: Principal | None, unit_id: int | None, kind: str,
                   entity_id: int, before: dict[str, Any], after: dict[str, Any], *,
                   reverts: int | None = None) -> None:
    for name in sorted(set(before) | set(after)):
        record(s, p, unit_id, kind, entity_id, name, before.get(name), after.get(name),
               reverts=reverts)


def _row(e: AuditEntry) -> AuditRow:
    return AuditRow(e.at.isoformat(timespec="seconds"), e.username,
                    f"{e.entity_kind}:{e.entity_id}", e.field, e.old, e.new)


def history(s: Session, kind: str, entity_id: int) -> list[AuditRow]:
    return [_row(e) for e in repo.for_entity(s, kind, entity_id)]


def of_unit(s: Session, unit_id: int, limit: int = 200) -> list[AuditRow]:
    return [_row(e) for e in repo.for_unit(s, unit_id, limit)]
