"""A unit's agency directory: names in documents resolve to one body through aliases.

A name is looked up by its folded key, then by the canonical body the extraction rules
know it as ("Phòng VH-XH" -> "Phòng Văn hóa - Xã hội"). A name found neither way becomes
one *proposed* agency (never a silent duplicate) until a person confirms it, or merges it
into the body it really is, which turns the name into an alias of that body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, Conflict, NotFound
from theodoi.domain.names import agency_key
from theodoi.extraction.agencies import looks_like_body, normalise_agency
from theodoi.storage.models import Agency, AgencyAlias, Unit
from theodoi.storage.repositories import agencies as repo


@dataclass
class AgencyRow:
    id: int
    name: str
    status: str
    aliases: list[str]
    assignments: int


class Directory:
    """A unit's agency names loaded once, to resolve the many names of one import.

    New agencies and aliases are added to the session without flushing; assignments
    point at them through the relationship, so one flush at the end writes everything.
    """

    def __init__(self, s: Session, unit: Unit) -> None:
        self.s, self.unit = s, unit
        self.by_key = {a.key: a.agency for a in repo.aliases_of(s, unit.id)}

    def resolve(self, name: str | None) -> Agency | None:
        """The agency `name` stands for, proposing a new one when unknown."""
        if not name or not name.strip():
            return None
        key = agency_key(name)
        if key in self.by_key:
            return self.by_key[key]
        canonical = normalise_agency(name)
        if canonical is None:
            return self._add(" ".join(name.split()), key, "proposed")
        agency = self.by_key.get(agency_key(canonical)) or self._add(
            canonical, agency_key(canonical), "active")
        if key not in self.by_key:
            agency.aliases.append(AgencyAlias(unit_id=self.unit.id, key=key,
                                              alias=" ".join(name.split())))
            self.by_key[key] = agency
        return agency

    def resolve_if_body(self, name: str | None) -> Agency | None:
        """Like `resolve`, but a phrase that names no body (a clause split off a list of
        co-agencies) proposes nothing: it resolves only if the directory knows it."""
        if not name or not name.strip():
            return None
        if normalise_agency(name) or looks_like_body(name):
            return self.resolve(name)
        return self.by_key.get(agency_key(name))

    def _add(self, name: str, key: str, status: str) -> Agency:
        agency = repo.add(self.s, self.unit.id, name, key, status, flush=False)
        self.by_key[key] = agency
        return agency


def resolve(s: Session, unit: Unit, name: str | None) -> Agency | None:
    """The directory agency that `name` stands for, proposing a new one when unknown."""
    agency = Directory(s, unit).resolve(name)
    s.flush()
    return agency


def resolve_if_body(s: Session, unit: Unit, name: str | None) -> Agency | None:
    """`Directory.resolve_if_body` for one name."""
    agency = Directory(s, unit).resolve_if_body(name)
    s.flush()
    return agency


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


def merge_moves(s: Session, unit: Unit, agency_id: int, into_id: int) -> dict[str, Any]:
    """What merging `agency_id` into `into_id` will move, read before the merge: the
    agency itself, its assignment ids and the aliases that pass to the other body (an
    alias the other body already knows is dropped with the agency). The audit keeps it so
    the merge can be undone exactly; the confirmation page shows it."""
    source, target = _get(s, unit, agency_id), _get(s, unit, into_id)
    known = {a.key for a in target.aliases}
    return {"source": {"id": source.id, "name": source.name, "key": source.key,
                       "status": source.status},
            "into": {"id": target.id, "name": target.name},
            "assignments": repo.assignment_ids(s, source.id),
            "aliases": [[a.alias, a.key] for a in sorted(source.aliases, key=lambda x: x.key)
                        if a.key not in known]}


def check_unmerge(s: Session, unit: Unit, into_id: int, moves: dict[str, Any]) -> None:
    """Conflict when what a merge moved (`merge_moves`) changed since, naming how much."""
    target = _get(s, unit, into_id)
    ids = [int(i) for i in moves["assignments"]]
    now = repo.assignments_by_id(s, ids)
    moved_on = [i for i in ids if now.get(i) != target.id]
    lost = [a for a, key in moves["aliases"]
            if (row := repo.alias_by_key(s, unit.id, key)) is None or row.agency_id != target.id]
    if moved_on or lost:
        raise Conflict(f"sau khi gộp, {len(moved_on)} lượt giao việc và {len(lost)} tên gọi "
                       f"của '{moves['source']['name']}' đã được sửa ở nơi khác"
                       f"{' (' + '; '.join(lost[:3]) + ')' if lost else ''}; không tách lại "
                       "để khỏi ghi đè thay đổi mới hơn.")
    if repo.agency_by_key(s, unit.id, moves["source"]["key"]) is not None:
        raise Conflict(f"tên '{moves['source']['name']}' nay đã là của một cơ quan khác; "
                       "không tách lại được.")


def unmerge(s: Session, unit: Unit, into_id: int, moves: dict[str, Any]) -> Agency:
    """Undo a merge recorded by `merge_moves`: the agency comes back (under its old id when
    free) with exactly the assignments and aliases that moved; refused as `check_unmerge`
    says."""
    check_unmerge(s, unit, into_id, moves)
    ids = [int(i) for i in moves["assignments"]]
    keys = [key for _, key in moves["aliases"]]
    src = moves["source"]
    agency = repo.restore(s, unit.id, src["id"], src["name"], src["key"], src["status"])
    repo.move_aliases(s, unit.id, keys, agency)
    repo.move_assignments(s, ids, agency)
    return agency


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
