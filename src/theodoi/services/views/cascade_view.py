"""'Văn bản cấp trên và liên kết' of a unit: the documents above it not yet implemented
(văn bản cấp trên chưa cụ thể hóa), the documents its plans cite that are not in the
register, which higher plan each of its plans implements (link, unlink), and the target
links across its plans (suggest, confirm, dismiss; a target's confirmed group).

Everyone who reads the unit sees the page; changing links takes the right to review
plans. A plan a link names must be the unit's own or one of a unit above it; any other
id is answered as one that does not exist, like every id outside the person's reach.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.register import cascade, links
from theodoi.storage.models import Plan, Target
from theodoi.storage.repositories import plans as plan_repo


def page(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    unit = access.unit(s, p, unit_id)
    pending = cascade.pending(s, unit.code)
    above = [plan_repo.get(s, int(x["id"])) for x in pending.plans]
    hidden = {x.id for x in above if x is not None and x.restricted
              and not access.reads_restricted(p, x.unit)}  # restricted above, not a reader
    own = [x for x in plan_repo.for_unit(s, unit.id) if access.reads_plan(p, x)]
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "pending": [x for x in asdict(pending)["plans"] if x["id"] not in hidden],
            "missing": asdict(pending)["missing"],
            "plans": [_plan_links(x) for x in own],
            "links": _readable(links.list_links(s, unit.code),
                               access.hidden_plans(s, p, unit)),
            "state_labels": links.STATE_LABELS, "kind_labels": cascade.KIND_LABELS,
            "can_edit": rules.REVIEW in access.actions_at(p, unit)}


def _readable(rows: list[dict[str, Any]], hidden: frozenset[int]) -> list[dict[str, Any]]:
    """The link rows whose two targets both stand in plans the person reads."""
    return [r for r in rows if r["a"]["plan"] not in hidden and r["b"]["plan"] not in hidden]


def _plan_links(plan: Plan) -> dict[str, Any]:
    return {**cascade.plan_row(plan),
            "implements": [{"id": b.linked_plan_id, "text": b.text} for b in plan.bases
                           if b.linked_plan_id is not None]}


def _higher(s: Session, p: Principal, plan: Plan, other_id: int) -> None:
    """NotFound unless `other_id` is a plan of the plan's unit or of a unit above it that
    the person reads."""
    other = plan_repo.get(s, other_id)
    if other is None or other.unit_id not in access.chain(plan.unit) or (
            other.restricted and not access.reads_restricted(p, other.unit)):
        raise NotFound(f"không có kế hoạch số {other_id}.")


def link(s: Session, p: Principal, plan_id: int, implements_id: int | None) -> dict[str, Any]:
    """Record that the plan implements (cụ thể hóa) another plan."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    if implements_id is None:
        raise BadInput("hãy chọn kế hoạch được cụ thể hóa.")
    _higher(s, p, plan, implements_id)
    basis = cascade.link(s, plan.id, implements_id, p=p)
    return {"plan_id": plan.id, "unit_id": plan.unit_id, "implements_id": implements_id,
            "basis": basis.text}


def unlink(s: Session, p: Principal, plan_id: int, implements_id: int | None
           ) -> dict[str, Any]:
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    if implements_id is None:
        raise BadInput("hãy chọn kế hoạch cần bỏ liên kết.")
    changed = cascade.unlink(s, plan.id, implements_id, p=p)
    return {"plan_id": plan.id, "unit_id": plan.unit_id, "implements_id": implements_id,
            "bases": changed}


def suggest(s: Session, p: Principal, unit_id: int) -> list[dict[str, Any]]:
    """New suggestions among the unit's open targets, best first (stored)."""
    unit = access.unit(s, p, unit_id, rules.REVIEW)
    return _readable(links.suggest(s, unit.code), access.hidden_plans(s, p, unit))


def decide(s: Session, p: Principal, unit_id: int, link_id: int,
           confirmed: bool) -> dict[str, Any]:
    """Confirm (one commitment) or dismiss (never suggested again) a link of the unit."""
    unit = access.unit(s, p, unit_id, rules.REVIEW)
    decided = (links.confirm if confirmed else links.dismiss)(s, link_id, unit.code, p=p)
    return {"id": decided.id, "state": decided.state,
            "state_label": links.STATE_LABELS[decided.state]}


def group(s: Session, p: Principal, ref: str) -> dict[str, Any]:
    """The targets confirmed to be the same commitment as the target `ref`."""
    item = access.item(s, p, ref)
    if not isinstance(item, Target):
        raise BadInput(f"{ref} là nhiệm vụ; chỉ chỉ tiêu mới có liên kết.")
    hidden = access.hidden_plans(s, p, item.plan.unit)
    return {"ref": ref, "linked": [r for r in links.linked(s, item)
                                   if r.get("plan") not in hidden]}
