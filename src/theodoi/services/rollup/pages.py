"""What the web pages and the API show of links across levels and roll-ups, with access.

Reading follows the register: whoever reads a target reads its roll-up; a lower target in
a restricted plan the person does not read is left out. Suggesting takes the right to
review plans at the unit; confirming or rejecting a link and choosing a group's method
take the office's (REVIEW) or a leader's (APPROVE) right at the lower unit, which a
grant at the upper unit covers: "office or leader of the upper unit or the commune".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import levels
from theodoi.domain import rollup as domain
from theodoi.domain.errors import BadInput, Forbidden, NotFound
from theodoi.reports import rollup_xlsx
from theodoi.services import memo
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.rollup import figures, matching
from theodoi.storage.models import Target, Unit
from theodoi.storage.repositories import rollup as repo
from theodoi.storage.repositories import stamps, status_rows
from theodoi.storage.repositories import units as unit_repo

DECIDERS = frozenset({rules.REVIEW, rules.APPROVE})


def _may_decide(p: Principal, unit: Unit) -> bool:
    return bool(access.actions_at(p, unit) & DECIDERS)


def _require_decide(p: Principal, unit: Unit) -> None:
    if not _may_decide(p, unit):
        raise Forbidden("chỉ văn phòng hoặc lãnh đạo của đơn vị (hoặc cấp trên) mới xác "
                        "nhận liên kết và chọn cách tổng hợp.")


def _reader(s: Session, p: Principal, unit_ids: set[int]) -> Any:
    """Whether the person reads a row's plan: (unit id, restricted) -> bool, from one
    query for the units."""
    found = unit_repo.many(s, sorted(unit_ids))
    reads = {i: access.reads_restricted(p, u) for i, u in found.items()}
    return lambda unit_id, restricted: not restricted or reads.get(unit_id, False)


def _target(s: Session, p: Principal, ref: str) -> Target:
    item = access.item(s, p, ref)
    if not isinstance(item, Target):
        raise BadInput(f"{ref} là nhiệm vụ; chỉ chỉ tiêu mới có tổng hợp.")
    return item


def rollup_page(s: Session, p: Principal, ref: str, as_of: date) -> dict[str, Any]:
    """The roll-up of target `ref` (its linked lower units side by side, the aggregate),
    and the upper targets it carries itself; read-only, cached (`_page_key`)."""
    item = _target(s, p, ref)
    unit = item.plan.unit
    key, whole = _stamped_key(s, p, unit, ("rollup page", item.id, as_of))
    data = memo.VIEWS.one(key, lambda: _rollup_data(s, p, ref, item, unit, as_of),
                          keep=whole)
    return {**data, "can_choose": _may_decide(p, unit)}


def _stamped_key(s: Session, p: Principal, unit: Unit, what: tuple[Any, ...]
                 ) -> tuple[tuple[Any, ...], bool]:
    """A cache key for `what` of the unit's roll-up, and whether it may be kept: the data
    stamps of the unit, the units above it (the targets it carries) and every unit below
    it (their figures, links, methods and populations all stamp a unit:
    storage/stamping.py), read before the rows (services/memo.py), and the person's
    grants (what of each unit they read). A new figure of a commune replaces its stamp:
    the next view is made anew."""
    chain = access.chain(unit)
    below = {i: stamp for i, (_, stamp) in stamps.below(s, unit.id).items()}
    unknown = [i for i, stamp in below.items() if stamp is None]
    known = stamps.read(s, [*chain, *unknown])  # a unit without one gets one now
    below.update({i: known.get(i) for i in unknown})
    key = (*what, stamps.url_of(s), tuple(known.get(i) for i in chain),
           tuple(sorted(below.items())), p.grants)
    return key, all(known.get(i) is not None for i in chain) and all(
        stamp is not None for stamp in below.values())


def _rollup_data(s: Session, p: Principal, ref: str, item: Target, unit: Unit,
                 as_of: date) -> dict[str, Any]:
    links = matching.list_links(s, unit, "confirmed")
    readable = _reader(s, p, set(status_rows.below(s, unit.id)) | set(access.chain(unit)))
    group = figures.groups(s, [item.id], as_of,
                           lambda r: readable(r.unit_id, r.restricted))[item.id]
    carries = [r["upper"] | {"relation_label": r["relation_label"], "link_id": r["id"]}
               for r in links if r["lower"]["ref"] == ref
               and readable(r["upper"]["unit_id"], r["upper"]["restricted"])]
    return {**group, "as_of": as_of.isoformat(), "carries": carries,
            "relations": domain.RELATIONS}


def links_page(s: Session, p: Principal, unit_id: int,
               state: str | None = None) -> dict[str, Any]:
    """The links with either end at the unit, those the person may read."""
    unit = access.unit(s, p, unit_id)
    rows = matching.list_links(s, unit, state)
    readable = _reader(s, p, {r[k]["unit_id"] for r in rows for k in ("upper", "lower")})
    shown = [r for r in rows if all(readable(r[k]["unit_id"], r[k]["restricted"])
                                    for k in ("upper", "lower"))]
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code,
                     "level": unit.level},
            "links": shown, "state": state, "relations": domain.RELATIONS,
            "state_labels": matching.STATE_LABELS,
            "can_suggest": rules.REVIEW in access.actions_at(p, unit),
            "can_decide": _may_decide(p, unit)}


def suggest(s: Session, p: Principal, unit_id: int) -> list[dict[str, Any]]:
    """New suggestions for the unit, against the levels above and below it (stored)."""
    unit = access.unit(s, p, unit_id, rules.REVIEW)
    rows = matching.suggest(s, unit)
    readable = _reader(s, p, {r[k]["unit_id"] for r in rows for k in ("upper", "lower")})
    return [r for r in rows if all(readable(r[k]["unit_id"], r[k]["restricted"])
                                   for k in ("upper", "lower"))]


def decide(s: Session, p: Principal, link_id: int, confirmed: bool,
           relation: str | None = None) -> dict[str, Any]:
    """Confirm (with how the lower figure relates) or reject a link; NotFound unless the
    lower unit is in the person's reach, Forbidden without the office's or a leader's
    right there."""
    link = matching.get(s, link_id)
    lower = unit_repo.get(s, repo.unit_of_target(s, link.lower_id) or 0)
    if lower is None or not rules.in_scope(p.grants, access.chain(lower)):
        raise NotFound(f"không có liên kết chỉ tiêu giữa các cấp số {link_id}.")
    _require_decide(p, lower)
    done = matching.decide(s, link, "confirmed" if confirmed else "rejected", relation,
                           p.username, p)
    return {"id": done.id, "state": done.state,
            "state_label": matching.STATE_LABELS[done.state], "relation": done.relation,
            "upper": f"t{done.upper_id}", "lower": f"t{done.lower_id}",
            "lower_unit_id": lower.id}


def choose_method(s: Session, p: Principal, ref: str, method: str) -> dict[str, Any]:
    """How target `ref`'s group adds up from now on (a person's choice, shown)."""
    item = _target(s, p, ref)
    _require_decide(p, item.plan.unit)
    return figures.choose_method(s, item, method, p.username, p)


def dashboard_section(s: Session, p: Principal, unit: Unit, as_of: date
                      ) -> list[dict[str, Any]]:
    """The dashboard's roll-up of a province or a commune (levels.ROLLS_UP): each of the
    unit's targets with confirmed links below, its aggregate, method and status, and how
    many units report (none for a thôn). The person reads the unit, so the targets are
    theirs to read; restricted ones and lower rows they may not read are left out. A unit
    without such targets costs one query (the section is made again after every write in
    any unit below)."""
    uppers = repo.uppers_of_unit(s, unit.id) if unit.level in levels.ROLLS_UP else []
    if not uppers:
        return []
    hidden = access.hidden_plans(s, p, unit)
    found = figures.groups(s, uppers, as_of, _lower_reader(s, p, unit))
    return [{"upper": g["upper"], "method_label": g["method_label"], "method": g["method"],
             "aggregate": g["aggregate"], "status": g["status"], "units": len(g["rows"]),
             "reported": sum(r["value"] is not None for r in g["rows"])}
            for g in found.values() if g["upper"]["plan"] not in hidden]


def has_linked(s: Session, unit_id: int, stamp: int) -> bool:
    """Whether the unit has a live target with a confirmed link below it, cached under the
    unit's own data stamp `stamp` (read before this): its targets, plans and links all
    stamp the unit (a link stamps the unit of its upper target too), so a write below it
    never changes the answer, and a dashboard made again after one need not ask."""
    key = ("has linked", stamps.url_of(s), unit_id, stamp)
    found: bool = memo.COMPUTED.one(key, lambda: bool(repo.uppers_of_unit(s, unit_id)))
    return found


def _lower_reader(s: Session, p: Principal, unit: Unit) -> Any:
    readable = _reader(s, p, set(status_rows.below(s, unit.id)))
    return lambda r: readable(r.unit_id, r.restricted)


def set_population(s: Session, unit: Unit, population: int | None) -> None:
    """The unit's population (None: unknown), for population-weighted means."""
    if population is not None and population <= 0:
        raise BadInput("dân số phải là số nguyên dương.")
    repo.set_population(s, unit.id, population)


def rollup_book(s: Session, p: Principal, unit_id: int, as_of: date) -> tuple[str, bytes]:
    """The unit's "báo cáo tổng hợp" workbook (file name, bytes): every target of the unit
    with confirmed links below, each commune listed, as the person may read them; the
    figures are cached like the roll-up page's (`_stamped_key`), the file laid out anew."""
    unit = access.unit(s, p, unit_id)
    key, whole = _stamped_key(s, p, unit, ("rollup book", unit.id, as_of))
    shown = memo.VIEWS.one(key, lambda: _book_groups(s, p, unit, as_of), keep=whole)
    name = f"bao-cao-tong-hop-{unit.code}-{as_of.isoformat()}.xlsx"
    return name, rollup_xlsx.render(unit.name, as_of.isoformat(), shown)


def _book_groups(s: Session, p: Principal, unit: Unit, as_of: date
                 ) -> list[dict[str, Any]]:
    hidden = access.hidden_plans(s, p, unit)
    found = figures.groups(s, repo.uppers_of_unit(s, unit.id), as_of,
                           _lower_reader(s, p, unit))
    return [g for g in found.values() if g["upper"]["plan"] not in hidden]
