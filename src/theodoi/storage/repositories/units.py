"""Queries on organisation units (tỉnh/thành phố → xã/phường/đặc khu)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, bindparam, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from theodoi.storage import held
from theodoi.storage.models import Movement, Unit, UnitStamp
from theodoi.storage.repositories import stamps

MAX_DEPTH = 30  # units above units: a guard against a cycle, far beyond tỉnh > xã


@dataclass(frozen=True)
class UnitScope:
    """What deciding who reaches a unit, and finding its cached pages, takes."""

    chain: tuple[int, ...]  # the unit, then its ancestors, nearest first
    stamp: int | None  # its data stamp; None while it has none (stamps.read makes one)
    level: str
    readers: str | None = None  # who reads its restricted plans (Unit.restricted_readers)
    deadlines: bool = True  # whether a movement of the unit states a deadline (False: none)
    below: bool = True  # whether a unit stands under it (False: none, as for most communes)


def up_from(start: Any) -> Any:
    """A recursive CTE (id, depth) of the unit `start` selects and every unit above it,
    depth 0 first."""
    up = (select(Unit.id, Unit.parent_id, literal(0).label("depth"))
          .where(Unit.id == start).cte("up", recursive=True))
    parent = aliased(Unit)
    return up.union_all(select(parent.id, parent.parent_id, up.c.depth + 1)
                        .join(up, parent.id == up.c.parent_id)
                        .where(up.c.depth < MAX_DEPTH))


def chain_of(ids: Any) -> tuple[int, ...]:
    """The chain from `up_from` rows' ids, stopping at a repeat as access.chain does."""
    return tuple(dict.fromkeys(ids))


_UNIT = bindparam("unit", type_=Integer)
_UP = up_from(_UNIT)
_SCOPE = (select(_UP.c.id,
                 select(UnitStamp.stamp).where(UnitStamp.unit_id == _UNIT).scalar_subquery(),
                 select(Unit.level).where(Unit.id == _UNIT).scalar_subquery(),
                 select(Unit.restricted_readers).where(Unit.id == _UNIT).scalar_subquery(),
                 exists().where(Movement.unit_id == _UNIT, Movement.deadline.is_not(None)),
                 exists().where(Unit.parent_id == _UNIT))
          .order_by(_UP.c.depth))


def scope(s: Session, unit_id: int) -> UnitScope | None:
    """The unit's chain, data stamp and level (and whether it has movement deadlines, which
    its dashboard shows, and units under it, which `stamps.under` then need not look for)
    in one prebuilt query that loads no Unit
    (None when there is no such unit): a cached page needs nothing more, and loading the
    unit and its parents through the ORM was half of such a request. It reads what is
    flushed (Core, no autoflush): for the check at the start of a read; held in the
    session until it writes (storage/held.py: a dashboard asks for its ETag and its data)."""
    def query() -> UnitScope | None:
        rows = s.connection().execute(_SCOPE, {"unit": unit_id}).all()
        if not rows:
            return None
        if not rows[0][5]:
            stamps.nothing_under(s, unit_id)
        return UnitScope(chain_of(row[0] for row in rows), rows[0][1], rows[0][2],
                         rows[0][3], bool(rows[0][4]), bool(rows[0][5]))

    return held.read(s, ("unit_scope", unit_id), query)


def by_code(s: Session, code: str) -> Unit | None:
    return s.scalar(select(Unit).where(Unit.code == code))


def by_name(s: Session, name: str) -> list[Unit]:
    """Units whose name equals `name`, ignoring case (two provinces may share a name). The
    name as stored always matches: SQLite's lower() folds ASCII letters only, so "Thôn
    Đông" typed exactly would otherwise not be found there."""
    return list(s.scalars(select(Unit).where(or_(Unit.name == name,
                                                 func.lower(Unit.name) == name.lower()))))


def get(s: Session, unit_id: int) -> Unit | None:
    return s.get(Unit, unit_id)


def many(s: Session, unit_ids: list[int]) -> dict[int, Unit]:
    """The units of `unit_ids` by id, in one query (missing ids are left out)."""
    if not unit_ids:
        return {}
    return {u.id: u for u in s.scalars(select(Unit).where(Unit.id.in_(unit_ids)))}


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
