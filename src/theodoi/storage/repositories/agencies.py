"""Queries on a unit's agency directory and the aliases its documents use."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from theodoi.storage.models import Agency, AgencyAlias, Assignment


def alias_by_key(s: Session, unit_id: int, key: str) -> AgencyAlias | None:
    return s.scalar(select(AgencyAlias).where(AgencyAlias.unit_id == unit_id,
                                              AgencyAlias.key == key))


def aliases_of(s: Session, unit_id: int) -> list[AgencyAlias]:
    """Every alias of the unit's agencies, with the agency loaded."""
    return list(s.scalars(select(AgencyAlias).where(AgencyAlias.unit_id == unit_id)
                          .options(joinedload(AgencyAlias.agency))))


def add(s: Session, unit_id: int, name: str, key: str, status: str, *,
        flush: bool = True) -> Agency:
    """A new agency with its own name as its first alias."""
    agency = Agency(unit_id=unit_id, name=name, key=key, status=status)
    agency.aliases.append(AgencyAlias(unit_id=unit_id, alias=name, key=key))
    s.add(agency)
    if flush:
        s.flush()
    return agency


def add_alias(s: Session, agency: Agency, alias: str, key: str) -> AgencyAlias:
    row = AgencyAlias(agency_id=agency.id, unit_id=agency.unit_id, alias=alias, key=key)
    s.add(row)
    s.flush()
    return row


def agency_by_key(s: Session, unit_id: int, key: str) -> Agency | None:
    return s.scalar(select(Agency).where(Agency.unit_id == unit_id, Agency.key == key))


def get(s: Session, agency_id: int) -> Agency | None:
    return s.get(Agency, agency_id)


def for_unit(s: Session, unit_id: int, status: str | None = None) -> list[Agency]:
    query = select(Agency).where(Agency.unit_id == unit_id)
    if status:
        query = query.where(Agency.status == status)
    return list(s.scalars(query.order_by(Agency.status, Agency.name)))


def assignment_count(s: Session, agency_id: int) -> int:
    rows = s.scalars(select(Assignment.id).where(Assignment.agency_id == agency_id))
    return len(list(rows))


def merge_into(s: Session, source: Agency, target: Agency) -> None:
    """Move `source`'s assignments and aliases to `target`, then delete `source`."""
    s.execute(update(Assignment).where(Assignment.agency_id == source.id)
              .values(agency_id=target.id))
    known = {a.key for a in target.aliases}
    for alias in list(source.aliases):
        if alias.key not in known:
            source.aliases.remove(alias)
            s.flush()
            add_alias(s, target, alias.alias, alias.key)
    s.delete(source)
    s.flush()


def assignment_ids(s: Session, agency_id: int) -> list[int]:
    return list(s.scalars(select(Assignment.id).where(Assignment.agency_id == agency_id)
                          .order_by(Assignment.id)))


def assignments_of(s: Session, agency_id: int) -> list[Assignment]:
    """The agency's assignments, oldest first (what a merge would move)."""
    return list(s.scalars(select(Assignment).where(Assignment.agency_id == agency_id)
                          .order_by(Assignment.id)))


def assignments_by_id(s: Session, ids: list[int]) -> dict[int, int | None]:
    """Assignment id -> the agency it points at now, for the ids that still exist."""
    if not ids:
        return {}
    rows = s.execute(select(Assignment.id, Assignment.agency_id).where(Assignment.id.in_(ids)))
    return {row_id: agency_id for row_id, agency_id in rows}


def restore(s: Session, unit_id: int, agency_id: int | None, name: str, key: str,
            status: str) -> Agency:
    """Bring a merged-away agency back, under its old id when no one took it since (links
    and history name it by id), without aliases: the caller moves them back."""
    free_id = agency_id if agency_id is not None and s.get(Agency, agency_id) is None else None
    agency = Agency(unit_id=unit_id, name=name, key=key, status=status)
    if free_id is not None:
        agency.id = free_id
    s.add(agency)
    s.flush()
    return agency


def move_assignments(s: Session, ids: list[int], to: Agency) -> None:
    if ids:
        s.execute(update(Assignment).where(Assignment.id.in_(ids)).values(agency_id=to.id))
    s.flush()


def move_aliases(s: Session, unit_id: int, keys: list[str], to: Agency) -> None:
    """Hand the aliases with these keys to `to` (one row per key in the unit)."""
    for key in keys:
        row = alias_by_key(s, unit_id, key)
        if row is not None:
            row.agency = to
    s.flush()

