"""Queries on organisation units (tỉnh/thành phố → xã/phường/đặc khu)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from theodoi.storage.models import Unit


def by_code(s: Session, code: str) -> Unit | None:
    return s.scalar(select(Unit).where(Unit.code == code))


def by_name(s: Session, name: str) -> list[Unit]:
    """Units whose name equals `name`, ignoring case (two provinces may share a name)."""
    return list(s.scalars(select(Unit).where(func.lower(Unit.name) == name.lower())))


def get(s: Session, unit_id: int) -> Unit | None:
    return s.get(Unit, unit_id)


def add(s: Session, code: str, name: str, level: str, parent_id: int | None) -> Unit:
    unit = Unit(code=code, name=name, level=level, parent_id=parent_id)
    s.add(unit)
    s.flush()
    return unit


def all_units(s: Session) -> list[Unit]:
    return list(s.scalars(select(Unit).order_by(Unit.parent_id.is_not(None), Unit.name)))


def ancestors(s: Session, unit: Unit) -> list[Unit]:
    """The units above `unit`, nearest first."""
    chain: list[Unit] = []
    current = unit.parent
    while current is not None and current not in chain:
        chain.append(current)
        current = current.parent
    return chain
