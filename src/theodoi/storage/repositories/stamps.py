"""Reading units' data stamps (see storage/stamping.py for how writes replace them)."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from theodoi.storage.models import Unit, UnitStamp


def fresh(dialect_name: str, unit_ids: set[int] | list[int]) -> Any:
    """An INSERT of a new random stamp for each unit (lowest id first), in the backend's
    own dialect so the caller can add ON CONFLICT (both backends speak it)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    rows = [{"unit_id": i, "stamp": secrets.randbits(63)} for i in sorted(unit_ids)]
    return dialect.insert(UnitStamp).values(rows)


def read(s: Session, unit_ids: list[int]) -> dict[int, int]:
    """The stamp of each unit; a unit that never had one (rows written around the ORM, or
    a database older than stamps) gets one now, so what is cached under it stays valid
    until the next write."""
    found = dict(s.execute(select(UnitStamp.unit_id, UnitStamp.stamp)
                           .where(UnitStamp.unit_id.in_(unit_ids))).all())
    missing = [i for i in unit_ids if i not in found]
    if missing:
        exists = list(s.scalars(select(Unit.id).where(Unit.id.in_(missing))))
        if exists:
            s.execute(fresh(s.get_bind().dialect.name, exists).on_conflict_do_nothing())
            found.update(s.execute(select(UnitStamp.unit_id, UnitStamp.stamp)
                                   .where(UnitStamp.unit_id.in_(exists))).all())
    return found


def url_of(s: Session) -> str:
    """Which database the session reads: part of every cache key."""
    return s.get_bind().url.render_as_string(hide_password=False)
