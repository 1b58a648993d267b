"""Suggest, list and decide links between a unit's targets and those of the levels around it.

`suggest(unit)` pairs the unit's open targets with its ancestors' open targets (the unit
as the lower side) and with its descendants' (the unit as the upper side), keeps the pairs
`domain.rollup.match` accepts and stores those never stored before as suggested. Links
never skip the commune: a thôn, tổ dân phố or chi bộ pairs with its commune only, and a
province with the communes (and districts) below it, never with their thôn, so a province's
roll-up never counts a thôn's figure beside its commune's. A person
confirms a link (saying how the lower figure relates) or rejects it; a rejected pair is
never suggested again; a confirmed link rejected later is unlinked the same way. Each
decision is in the audit history of both targets (`record_decision`): who, when, from
which state and relation to which, naming the target at the other end. Nothing here
checks who asks: `pages` does.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import levels
from theodoi.domain import rollup as rules
from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.similarity import word_pairs, words_of
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.storage.models import LevelLink, Unit, utcnow
from theodoi.storage.repositories import rollup as repo
from theodoi.storage.repositories import status_rows
from theodoi.storage.repositories import units as unit_repo

STATES = ("suggested", "confirmed", "rejected")
STATE_LABELS = {"suggested": "đề xuất", "confirmed": "đã xác nhận", "rejected": "đã bỏ"}


def ancestors(unit: Unit) -> list[int]:
    """The ids of the units above `unit`, nearest first."""
    found: list[int] = []
    current = unit.parent
    while current is not None and current.id not in found and current.id != unit.id:
        found.append(current.id)
        current = current.parent
    return found


def _around(s: Session, unit: Unit) -> tuple[list[int], list[int]]:
    """The ids of the units the unit's targets pair with: (above, below). Below the
    commune only the commune above; above it, no unit below a commune."""
    if levels.is_below_commune(unit.level):
        return ([unit.parent.id] if unit.parent is not None else []), []
    below = [i for i in status_rows.below(s, unit.id) if i != unit.id]
    if unit.level not in levels.COMMUNE:
        kept = unit_repo.many(s, below)
        below = [i for i in below if i in kept
                 and not levels.is_below_commune(kept[i].level)]
    return ancestors(unit), below


def suggest(s: Session, unit: Unit) -> list[dict[str, Any]]:
    """Store and return the new suggestions of the unit, best first."""
    above, below = _around(s, unit)
    pairs = [(repo.open_targets(s, above), repo.open_targets(s, [unit.id])),
             (repo.open_targets(s, [unit.id]), repo.open_targets(s, below))]
    known = repo.stored_pairs(s, [unit.id, *below])
    new: list[LevelLink] = []
    for uppers, lowers in pairs:
        for upper, lower, found in _matches(uppers, lowers):
            if (upper.id, lower.id) not in known:
                known.add((upper.id, lower.id))
                new.append(LevelLink(upper_id=upper.id, lower_id=lower.id, state="suggested",
                                     score=found.score, reason=found.reason,
                                     relation=found.relation))
    repo.add(s, new)
    rows = {r.id: r for r in repo.links_of_unit(s, unit.id, "suggested")}
    return [link_row(rows[x.id]) for x in sorted(new, key=lambda x: (-x.score, x.id))]


def _side(row: Any) -> rules.Side:
    return rules.Side(row.indicator or row.text, row.unit, row.deadline_year or row.term_end,
                      row.kind)


def _matches(uppers: list[Any], lowers: list[Any]) -> list[tuple[Any, Any, rules.Match]]:
    """The (upper, lower, match) pairs worth a suggestion; only pairs sharing a word pair
    ("hộ nghèo") are scored, so a province's hundred communes stay fast."""
    index: dict[object, list[int]] = defaultdict(list)
    sides = [_side(u) for u in uppers]
    for i, side in enumerate(sides):
        for key in _keys(side.indicator):
            index[key].append(i)
    found = []
    for lower in lowers:
        mine = _side(lower)
        for i in sorted({i for key in _keys(mine.indicator) for i in index.get(key, ())}):
            hit = rules.match(sides[i], mine)
            if hit is not None:
                found.append((uppers[i], lower, hit))
    return found


def _keys(indicator: str) -> set[object]:
    words = words_of(indicator)
    return set(word_pairs(words)) or set(words)


def list_links(s: Session, unit: Unit, state: str | None = None) -> list[dict[str, Any]]:
    """The links with either end at the unit; `state` one of STATES or None for all."""
    if state is not None and state not in STATES:
        raise BadInput(f"trạng thái '{state}' không có; dùng: {', '.join(STATES)}.")
    return [link_row(r) for r in repo.links_of_unit(s, unit.id, state)]


def link_row(r: Any) -> dict[str, Any]:
    """A link as pages and the CLI show it: both targets with their units, the reason."""
    def side(pre: str, target_id: int) -> dict[str, Any]:
        return {"ref": f"t{target_id}", "indicator": getattr(r, f"{pre}indicator"),
                "measure": getattr(r, f"{pre}measure"), "value": getattr(r, f"{pre}value"),
                "deadline_year": getattr(r, f"{pre}deadline"),
                "plan": getattr(r, f"{pre}plan"), "restricted": getattr(r, f"{pre}restricted"),
                "unit_id": getattr(r, f"{pre}unit_id"), "unit": getattr(r, f"{pre}unit")}
    return {"id": r.id, "state": r.state, "state_label": STATE_LABELS[r.state],
            "relation": r.relation,
            "relation_label": rules.RELATIONS.get(r.relation or "", ""),
            "score": r.score, "reason": r.reason, "decided_by": r.decided_by,
            "upper": side("u_", r.upper_id), "lower": side("l_", r.lower_id)}


def get(s: Session, link_id: int) -> LevelLink:
    link = repo.get(s, link_id)
    if link is None:
        raise NotFound(f"không có liên kết chỉ tiêu giữa các cấp số {link_id}.")
    return link


def decide(s: Session, link: LevelLink, state: str, relation: str | None,
           by: str | None, p: Principal | None = None) -> LevelLink:
    """Confirm (with `relation`, or the one suggested) or reject (unlink, when it was
    confirmed) the link, audited on both targets (by `p`, or the name `by`)."""
    before = rules.link_code(link.state, link.relation)
    if state == "confirmed":
        relation = relation or link.relation
        if relation not in rules.RELATIONS:
            raise BadInput(f"quan hệ '{relation}' không có; dùng: "
                           f"{', '.join(rules.RELATIONS)}.")
        link.relation = relation
    link.state, link.decided_by, link.decided_at = state, by, utcnow()
    s.flush()
    record_decision(s, p, link, before, by)
    return link


def record_decision(s: Session, p: Principal | None, link: LevelLink, before: str,
                    by: str | None) -> None:
    """The decision in the history of each target, under its own unit: the lower target
    gains or loses an upper one (`upper_link`), the upper a lower one (`lower_link`); the
    other end is kept in the entry's detail (ref, unit, indicator unless restricted) for
    the history page."""
    after = rules.link_code(link.state, link.relation)
    if after == before:
        return
    ends = {r.id: r for r in repo.link_ends(s, [link.upper_id, link.lower_id])}
    for mine, other, field in ((link.lower_id, link.upper_id, "upper_link"),
                               (link.upper_id, link.lower_id, "lower_link")):
        there = ends.get(other)
        detail = {"link": link.id, "other": f"t{other}",
                  "other_unit": there.unit_name if there else None,
                  # a restricted plan's words are not shown to who reads the other end
                  "other_name": there.name if there and not there.restricted else None}
        audit.record(s, p, ends[mine].unit_id if mine in ends else None, "target", mine,
                     field, before, after, detail=detail, username=by)
