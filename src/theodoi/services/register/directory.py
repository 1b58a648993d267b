"""A unit's agency directory for signed-in people: list, confirm, merge and name aliases,
audited."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.register import agencies
from theodoi.services.register.review_guarded import check_version
from theodoi.storage.models import Unit
from theodoi.storage.repositories import agencies as repo


def directory_page(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    unit = access.unit(s, p, unit_id)
    rows = []
    for row in agencies.directory(s, unit):
        agency = repo.get(s, row.id)
        rows.append({**asdict(row), "version": agency.version if agency else None})
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code}, "agencies": rows,
            "can_edit": rules.DIRECTORY in access.actions_at(p, unit)}


def confirm(s: Session, p: Principal, agency_id: int, version: int | None,
            name: str | None = None) -> dict[str, Any]:
    agency = access.agency(s, p, agency_id, rules.DIRECTORY)
    check_version("cơ quan", f"số {agency.id}", agency.version, version)
    before = {"status": agency.status, "name": agency.name}
    agencies.confirm(s, access.unit(s, p, agency.unit_id, rules.DIRECTORY), agency.id, name)
    audit.record_changes(s, p, agency.unit_id, "agency", agency.id, before,
                         {"status": agency.status, "name": agency.name})
    return {"id": agency.id, "name": agency.name, "status": agency.status,
            "version": agency.version}


def add_alias(s: Session, p: Principal, agency_id: int, alias: str) -> dict[str, Any]:
    """`theodoi agency alias` for a signed-in person with the directory right: `alias`
    becomes another name of the agency (the names the directory resolves by); a name
    already another agency's is refused (BadInput), the same name again changes nothing."""
    agency = access.agency(s, p, agency_id, rules.DIRECTORY)
    name = " ".join(alias.split())
    if not name:
        raise BadInput("cần nhập tên gọi khác của cơ quan.")
    before = sorted(x.alias for x in agency.aliases)
    agencies.add_alias(s, access.unit(s, p, agency.unit_id, rules.DIRECTORY), agency.id, name)
    s.flush()
    s.refresh(agency)
    after = sorted(x.alias for x in agency.aliases)
    if after != before:
        audit.record_changes(s, p, agency.unit_id, "agency", agency.id,
                             {"aliases": "; ".join(before)}, {"aliases": "; ".join(after)})
    return {"id": agency.id, "name": agency.name, "aliases": after}


def merge(s: Session, p: Principal, agency_id: int, into_id: int,
          version: int | None) -> dict[str, Any]:
    source = access.agency(s, p, agency_id, rules.DIRECTORY)
    target = access.agency(s, p, into_id, rules.DIRECTORY)
    if source.unit_id != target.unit_id:
        raise BadInput("chỉ gộp được hai cơ quan của cùng một đơn vị.")
    check_version("cơ quan", f"số {source.id}", source.version, version)
    unit = access.unit(s, p, source.unit_id, rules.DIRECTORY)
    return merged(s, p, unit, source.id, target.id)


ROLE_LABELS = {"lead": "chủ trì", "co": "phối hợp", "leader": "người chủ trì",
               "advisory": "tham mưu"}


def merge_preview(s: Session, p: Principal, agency_id: int, into_id: int) -> dict[str, Any]:
    """The confirmation step of a merge: the two agencies and what will move (each item
    with the role the agency has in it, the names that become aliases). Changes nothing."""
    source = access.agency(s, p, agency_id, rules.DIRECTORY)
    target = access.agency(s, p, into_id, rules.DIRECTORY)
    if source.unit_id != target.unit_id:
        raise BadInput("chỉ gộp được hai cơ quan của cùng một đơn vị.")
    unit = access.unit(s, p, source.unit_id, rules.DIRECTORY)
    moves = agencies.merge_moves(s, unit, source.id, target.id)
    rows = []
    for a in repo.assignments_of(s, source.id):
        ref = f"t{a.target_id}" if a.target_id else f"k{a.task_id}"
        rows.append({"ref": ref, "role": ROLE_LABELS.get(a.role, a.role), "name": a.name})
    return {"unit": {"id": unit.id, "name": unit.name}, "source": moves["source"],
            "into": moves["into"], "version": source.version, "moving": rows,
            "aliases": [alias for alias, _ in moves["aliases"]]}


def merged(s: Session, p: Principal | None, unit: Unit, agency_id: int, into_id: int, *,
           reverts: int | None = None) -> dict[str, Any]:
    """Merge and audit it with what moved, so the merge can be undone (`undo`)."""
    moves = agencies.merge_moves(s, unit, agency_id, into_id)
    target = agencies.merge(s, unit, agency_id, into_id)
    audit.record(s, p, unit.id, "agency", target.id, "merged", moves["source"]["name"],
                 target.name, detail=moves, reverts=reverts)
    return {"id": target.id, "name": target.name, "status": target.status,
            "version": target.version}
