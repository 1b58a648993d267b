"""Cross-document target links: the same commitment in the NQ, the CTHĐ and the KH.

`suggest` scores pairs of targets from different open plans of one unit (blocked by shared
word pairs, so thousands of targets stay fast) and stores those at or above THRESHOLD as
suggested. A person confirms or dismisses each; any stored pair, dismissed included, is
never suggested again. `linked` gives the confirmed group a target belongs to.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.similarity import (
    TargetFacts,
    candidate_pairs,
    score_with,
    word_similarity,
    words_of,
)
from theodoi.services.accounts.access import Principal
from theodoi.services.history import admin as admin_log
from theodoi.services.register import items, units
from theodoi.storage.models import Target, TargetLink, Unit, utcnow
from theodoi.storage.repositories import links as repo

# 0.65: one commitment reworded with its facts agreeing scores 0.7–1; two indicators
# that merely share "tỷ lệ lao động" and a year, with different values, stay under it.
THRESHOLD = 0.65
STATES = ("suggested", "confirmed", "dismissed")
STATE_LABELS = {"suggested": "đề xuất", "confirmed": "đã xác nhận", "dismissed": "đã bỏ"}


def facts(t: Target) -> TargetFacts:
    return TargetFacts(t.indicator or t.text, t.value, t.unit, t.deadline_year, t.kind)


def suggest(s: Session, unit_text: str, *, threshold: float = THRESHOLD) -> list[dict[str, Any]]:
    """Store and return new suggestions among the unit's open targets, best first."""
    unit = units.find(s, unit_text)
    rows = repo.targets_of_open_plans(s, unit.id)
    known = repo.link_pairs(s, unit.id)
    words = [words_of(t.indicator or t.text) for t in rows]
    new: list[TargetLink] = []
    for i, j in sorted(candidate_pairs(words, [t.plan_id for t in rows])):
        low, high = sorted((rows[i].id, rows[j].id))
        same_words = word_similarity(words[i], words[j])
        if same_words < threshold or (low, high) in known:
            continue  # the score never exceeds the words' similarity
        sim = score_with(same_words, facts(rows[i]), facts(rows[j]))
        if sim.score >= threshold:
            new.append(TargetLink(target_id=low, other_id=high, score=sim.score,
                                  reason=sim.reason, state="suggested"))
    repo.add_links(s, new)
    by_id = {t.id: t for t in rows}
    return [link_row(x, by_id) for x in sorted(new, key=lambda x: (-x.score, x.id))]


def list_links(s: Session, unit_text: str, state: str | None = None) -> list[dict[str, Any]]:
    """The unit's stored links, best first; `state` one of STATES or None for all."""
    if state is not None and state not in STATES:
        raise BadInput(f"trạng thái '{state}' không có; dùng: {', '.join(STATES)}.")
    unit = units.find(s, unit_text)
    found = repo.links_of(s, unit.id, state)
    ids = {i for x in found for i in (x.target_id, x.other_id)}
    by_id = {t.id: t for t in repo.targets(s, ids)}
    return [link_row(x, by_id) for x in found]


def confirm(s: Session, link_id: int, unit_text: str | None = None, *,
            p: Principal | None = None) -> TargetLink:
    """The two targets are one commitment (a person said so); audited (by `p`)."""
    return _decide(s, link_id, "confirmed", unit_text, p)


def dismiss(s: Session, link_id: int, unit_text: str | None = None, *,
            p: Principal | None = None) -> TargetLink:
    """The two targets are different commitments; the pair is never suggested again;
    audited (by `p`)."""
    return _decide(s, link_id, "dismissed", unit_text, p)


def _decide(s: Session, link_id: int, state: str, unit_text: str | None,
            p: Principal | None) -> TargetLink:
    link = get_link(s, link_id, units.find(s, unit_text) if unit_text else None)
    before = link.state
    link.state, link.decided_at = state, utcnow()
    s.flush()
    target = repo.targets(s, [link.target_id])[0]
    admin_log.link_decided(s, p, target.plan.unit_id, link.id, STATE_LABELS[before],
                           STATE_LABELS[state], f"t{link.target_id} – t{link.other_id}")
    return link


def get_link(s: Session, link_id: int, unit: Unit | None = None) -> TargetLink:
    """The link `link_id`; NotFound when missing or, given a unit, when of another unit."""
    link = repo.get_link(s, link_id)
    if link is None:
        raise NotFound(f"không có liên kết chỉ tiêu số {link_id}.")
    if unit is not None and repo.targets(s, [link.target_id])[0].plan.unit_id != unit.id:
        raise NotFound(f"{unit.name} không có liên kết chỉ tiêu số {link_id}.")
    return link


def linked(s: Session, target: Target | str) -> list[dict[str, Any]]:
    """The other targets of the confirmed group `target` (or its ref 't12') belongs to."""
    item = items.get_item(s, target) if isinstance(target, str) else target
    if not isinstance(item, Target):
        raise BadInput(f"{items.ref_of(item)} là nhiệm vụ; chỉ chỉ tiêu mới có liên kết.")
    seen, frontier = {item.id}, {item.id}
    while frontier:
        ends = {i for x in repo.confirmed_touching(s, frontier)
                for i in (x.target_id, x.other_id)}
        frontier = ends - seen
        seen |= frontier
    return [target_row(t) for t in repo.targets(s, seen - {item.id})]


def target_row(t: Target) -> dict[str, Any]:
    return {"ref": items.ref_of(t), "plan": t.plan_id, "plan_number": t.plan.number,
            "indicator": t.indicator, "value": t.value, "unit": t.unit,
            "deadline_year": t.deadline_year}


def link_row(link: TargetLink, targets: dict[int, Target]) -> dict[str, Any]:
    """A link as the edges show it: both targets side by side, score and reason."""
    return {"id": link.id, "state": link.state, "score": link.score, "reason": link.reason,
            "a": target_row(targets[link.target_id]), "b": target_row(targets[link.other_id])}
