"""A unit's agency directory: names in documents resolve to one body through aliases.

A name is looked up by its folded key, then by the canonical body the extraction rules
know it as ("Phòng VH-XH" -> "Phòng Văn hóa - Xã hội"). A name found neither way becomes
one *proposed* agency (never a silent duplicate) until a person confirms it, or merges it
into the body it really is, which turns the name into an alias of that body.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.names import agency_key
from theodoi.extraction.agencies import looks_like_body, normalise_agency
from theodoi.storage.models import Agency, Unit
from theodoi.storage.repositories import agencies as repo


@dataclass
class AgencyRow:
    id: int
    name: str
    status: str
    aliases: list[str]
    assignments: int


def resolve(s: Session, unit: Unit, name: str | None) -> Agency | None:
    """The directory agency that `name` stands for, proposing a new one when unknown."""
    if not name or not name.strip():
        return None
    key = agency_key(name)
    alias = repo.alias_by_key(s, unit.id, key)
    if alias:
        return alias.agency
    canonical = normalise_agency(name)
    if canonical:
        known = repo.alias_by_key(s, unit.id, agency_key(canonical))
        agency = known.agency if known else repo.add(s, unit.id, canonical,
                                                     agency_key(canonical), "active")
        if agency_key(canonical) != key:
            repo.add_alias(s, agency, " ".join(name.split()), key)
        return agency
    return repo.add(s, unit.id, " ".join(name.split()), key, "proposed")


def resolve_if_body(s: Session, unit: Unit, name: str | None) -> Agency | None:
    """Like `resolve`, but a phrase that names no body (a clause split off a list of
    co-agencies) proposes nothing: it resolves only if the directory already knows it."""
    if not name or not name.strip():
        return None
    if normalise_agency(name) or looks_like_body(name):
        return resolve(s, unit, name)
    alias = repo.alias_by_key(s, unit.id, agency_key(name))
    return alias.agency if alias else None


def _get(s: Session, unit: Unit, agency_id: int) -> Agency:
    agency = repo.get(s, agency_id)
    if agency is None or agency.unit_id != unit.id:
        raise NotFound(f"đơn vị {unit.name} không có cơ quan số {agency_id}.")
    return agency


def confirm(s: Session, unit: Unit, agency_id: int, name: str | None = None) -> Agency:
    """Accept a proposed agency into the directory, optionally under a better name."""
    agency = _get(s, unit, agency_id)
    agency.status = "active"
    if name and name.strip():
        agency.name = " ".join(name.split())
        if repo.alias_by_key(s, unit.id, agency_key(name)) is None:
            repo.add_alias(s, agency, agency.name, agency_key(name))
    s.flush()
    return agency


def merge(s: Session, unit: Unit, agency_id: int, into_id: int) -> Agency:
    """Fold agency `agency_id` into `into_id`: its names become aliases, its items move."""
    if agency_id == into_id:
        raise BadInput("không thể gộp một cơ quan vào chính nó.")
    source, target = _get(s, unit, agency_id), _get(s, unit, into_id)
    repo.merge_into(s, source, target)
    return target


def add_alias(s: Session, unit: Unit, agency_id: int, alias: str) -> Agency:
    agency = _get(s, unit, agency_id)
    existing = repo.alias_by_key(s, unit.id, agency_key(alias))
    if existing and existing.agency_id != agency.id:
        raise BadInput(f"tên '{alias}' đã là của cơ quan '{existing.agency.name}'.")
    if existing is None:
        repo.add_alias(s, agency, " ".join(alias.split()), agency_key(alias))
    return agency


def directory(s: Session, unit: Unit, status: str | None = None) -> list[AgencyRow]:
    return [AgencyRow(a.id, a.name, a.status, sorted(x.alias for x in a.aliases),
                      repo.assignment_count(s, a.id))
            for a in repo.for_unit(s, unit.id, status)]
