"""Split a commune's target into targets of its thôn, tổ dân phố or chi bộ, linked to it.

`count` gives each chosen child a met / not met target ("Tổ dân phố số 1 đạt chuẩn văn hóa
năm 2026"), `shares` each named child its share of a sum. Both are idempotent: a child
that already has a target split from this one keeps it (a share is updated to the new
value); a child whose split target was rejected in review stays out (the link is kept,
so splitting again never brings it back: to count it again, restore the target). Nothing
here checks who asks (`pages` does); the caller owns the transaction.

Each split target's link is in the history of both targets, like a link a person confirms
(services/rollup/matching.py), and a share's new value in the child target's.

Removing a child's share is done where every target is removed: rejecting it in review
(the child's plan) takes it out of the roll-up at once (only live targets are counted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import levels
from theodoi.domain import rollup as rules
from theodoi.domain.errors import BadInput
from theodoi.domain.numbers import vn_number
from theodoi.services.history import audit
from theodoi.services.register import units
from theodoi.services.rollup import matching
from theodoi.storage.models import LevelLink, Plan, Target, Unit, utcnow
from theodoi.storage.repositories import rollup as rollup_repo
from theodoi.storage.repositories import split as repo

RELATION = {"count": "count", "shares": "sum"}  # the link's relation per way of splitting


@dataclass
class SplitOutcome:
    """What a split did: the targets made now, those kept, and for shares their total."""

    upper: str
    how: str
    created: list[dict[str, Any]] = field(default_factory=list)
    kept: list[dict[str, Any]] = field(default_factory=list)
    total: float | None = None
    difference: float | None = None


def children(s: Session, unit: Unit) -> list[Unit]:
    """The thôn, tổ dân phố and chi bộ directly under the unit, in the order made."""
    return repo.children(s, unit.id, levels.BELOW_COMMUNE)


def _live_upper(target: Target) -> Unit:
    if target.plan.status != "active" or target.review == "rejected":
        raise BadInput(f"t{target.id} chưa ở trong kế hoạch đang thực hiện; chỉ giao được "
                       "chỉ tiêu đang thực hiện.")
    return target.plan.unit


def _chosen(s: Session, unit: Unit, names: list[str] | None) -> list[Unit]:
    """The children named (code or name), or all of them; BadInput for any other unit."""
    below = children(s, unit)
    if names is None:
        if not below:
            raise BadInput(f"{unit.name} chưa có thôn, tổ dân phố hay chi bộ nào; hãy tạo "
                           "đơn vị cấp dưới trước.")
        return below
    ids = {u.id for u in below}
    found = [units.find(s, n) for n in names]
    for u in found:
        if u.id not in ids:
            raise BadInput(f"{u.name} không phải thôn, tổ dân phố hay chi bộ của {unit.name}.")
    return found


def count(s: Session, target: Target, names: list[str] | None, by: str | None
          ) -> SplitOutcome:
    """One met / not met target for each chosen child (all when `names` is None), linked
    as a count; the commune target's group adds up by the number of children that met."""
    unit = _live_upper(target)
    chosen = _chosen(s, unit, names)
    done = _existing(s, target, "count")
    phrase = rules.met_phrase(target.indicator or target.text)
    outcome = SplitOutcome(f"t{target.id}", "count")
    for child in chosen:
        if child.id in done:
            outcome.kept.append(done[child.id])
            continue
        year = target.deadline_year or target.plan.term_end
        text = f"{child.name} {phrase}" + (f" năm {year}" if year else "")
        made = _make(s, target, child, {"indicator": phrase, "text": text, "kind": "milestone",
                                        "value": None, "unit": None}, by, "count")
        outcome.created.append(made)
    rollup_repo.set_method(s, target.id, "count", by)
    return outcome


def shares(s: Session, target: Target, parts: dict[str, float], by: str | None
           ) -> SplitOutcome:
    """Each named child's share of the commune's sum (money, households, km): a target of
    the child with that value, linked as part of the sum; an existing one takes the new
    value. The outcome says the total of every live share and its difference to the
    commune's value (shown, not refused: the office may still be dividing)."""
    unit = _live_upper(target)
    if levels.counts_units(target.unit):
        raise BadInput(f"t{target.id} đếm số {target.unit} đạt; hãy giao theo số đơn vị đạt.")
    if rules.is_rate(target.unit, target.kind) or target.value is None:
        raise BadInput(f"t{target.id} không phải một tổng (tiền, số hộ, km …); chỉ tiêu tỷ lệ "
                       "hay đạt/không đạt thì giao theo số đơn vị đạt.")
    if any(v < 0 for v in parts.values()):
        raise BadInput("phần giao cho mỗi đơn vị không được âm.")
    chosen = _chosen(s, unit, list(parts))
    done = _existing(s, target, "sum")
    outcome = SplitOutcome(f"t{target.id}", "shares")
    for child, value in zip(chosen, parts.values(), strict=True):
        if child.id in done:
            kept = s.get(Target, done[child.id]["target_id"])
            if kept is not None and kept.value != value:
                audit.record(s, None, child.id, "target", kept.id, "value", kept.value, value,
                             username=by)
                kept.value = value
            outcome.kept.append(done[child.id] | {"value": value})
            continue
        text = f"{child.name}: {target.indicator or target.text} " \
               f"{vn_number(value)} {target.unit or ''}".strip()
        outcome.created.append(_make(s, target, child, {
            "indicator": target.indicator, "text": text, "kind": target.kind,
            "value": value, "unit": target.unit}, by, "sum") | {"value": value})
    s.flush()
    rollup_repo.set_method(s, target.id, "sum", by)
    outcome.total = _total(s, target)
    outcome.difference = None if outcome.total is None else target.value - outcome.total
    return outcome


def _existing(s: Session, target: Target, relation: str) -> dict[int, dict[str, Any]]:
    """The children already split from `target` by `relation`: unit id -> its row."""
    return {r.unit_id: {"unit": r.unit_name, "unit_id": r.unit_id, "ref": f"t{r.target_id}",
                        "target_id": r.target_id, "review": r.review, "value": r.value}
            for r in repo.split_rows(s, target.id, relation)}


def plan_title(upper: Plan) -> str:
    """'Chỉ tiêu giao theo Kế hoạch … của Xã …': the child's plan of split targets."""
    return f"Chỉ tiêu giao theo: {upper.title or 'kế hoạch số ' + str(upper.id)} " \
           f"({upper.unit.name})"


def _plan(s: Session, upper: Plan, child: Unit) -> Plan:
    """The child's active plan of targets split from `upper`, made on first use with the
    commune plan's number, issuer and term (the document that assigns them)."""
    title = plan_title(upper)
    found = repo.plan_for(s, child.id, upper.id, title)
    if found is not None:
        return found
    plan = Plan(unit_id=child.id, kind=upper.kind, number=upper.number,
                issued_on=upper.issued_on, issuer=upper.issuer, title=title,
                term_start=upper.term_start, term_end=upper.term_end, recipients=[],
                status="active", activated_at=utcnow(), restricted=upper.restricted)
    s.add(plan)
    s.flush()
    return plan


def _make(s: Session, upper: Target, child: Unit, values: dict[str, Any], by: str | None,
          relation: str) -> dict[str, Any]:
    """A target of the child holding `values`, linked to `upper` as `relation`."""
    plan = _plan(s, upper.plan, child)
    made = Target(review="added", reviewed_at=utcnow(), position=len(plan.targets),
                  field=upper.field, deadline_year=upper.deadline_year,
                  direction=upper.direction if relation == "sum" else None,
                  comparator=upper.comparator if relation == "sum" else None,
                  per_year=upper.per_year if relation == "sum" else False, **values)
    plan.targets.append(made)
    s.flush()
    link = LevelLink(upper_id=upper.id, lower_id=made.id, relation=relation,
                     state="confirmed", score=1.0, decided_by=by, decided_at=utcnow(),
                     reason=f"giao từ chỉ tiêu t{upper.id} của {upper.plan.unit.name}")
    s.add(link)
    s.flush()
    # in the history of both targets as a link confirmed by a person (rollup.matching)
    matching.record_decision(s, None, link, "", by)
    return {"unit": child.name, "unit_id": child.id, "ref": f"t{made.id}",
            "target_id": made.id, "review": made.review}


def _total(s: Session, target: Target) -> float | None:
    """The sum of the live shares split from `target` (a rejected one is out)."""
    found = [r["value"] for r in _existing(s, target, "sum").values()
             if r["review"] != "rejected" and r["value"] is not None]
    return sum(found) if found else None


def state(s: Session, target: Target) -> dict[str, Any]:
    """What the split form shows: each child with its split target (if any) for a count
    and for shares, the shares' total and difference."""
    unit = target.plan.unit
    counted, shared = _existing(s, target, "count"), _existing(s, target, "sum")
    total = _total(s, target)
    return {"children": [{"id": c.id, "name": c.name, "level": levels.LEVELS[c.level],
                          "count": counted.get(c.id), "share": shared.get(c.id)}
                         for c in children(s, unit)],
            "total": total, "difference": None if total is None or target.value is None
            else target.value - total, "may_share": target.value is not None
            and not rules.is_rate(target.unit, target.kind)
            and not levels.counts_units(target.unit)}
