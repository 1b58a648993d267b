"""Read models of the register for the edges: plan lists and plan details as plain data."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import labels
from theodoi.services.register import items, units
from theodoi.services.register.review_decisions import get_plan
from theodoi.storage.models import Plan, Target, Task
from theodoi.storage.repositories import plans as repo

# the words of domain.labels, as they read inside a sentence
STATUS_LABELS = {code: labels.lower("plan_status", code) for code in labels.LABELS["plan_status"]}
REVIEW_LABELS = {code: labels.lower("review", code) for code in labels.LABELS["review"]}


def plan_summary(plan: Plan, counts: dict[str, dict[str, int]] | None = None) -> dict[str, Any]:
    """One plan as a row: identity, document facts, counts by review state. `counts`
    (repo.review_counts) spares loading every item when only the plan is shown."""
    if counts is None:
        counts = {"targets": {}, "tasks": {}}
        for kind, rows in (("targets", plan.targets), ("tasks", plan.tasks)):
            for item in rows:
                counts[kind][item.review] = counts[kind].get(item.review, 0) + 1
    reviews: dict[str, int] = {}
    for by_review in counts.values():
        for review, n in by_review.items():
            reviews[review] = reviews.get(review, 0) + n
    return {
        "id": plan.id, "unit": plan.unit.name, "kind": plan.kind, "number": plan.number,
        "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
        "title": plan.title, "status": plan.status,
        "term": {"start": plan.term_start, "end": plan.term_end} if plan.term_start else None,
        "targets": sum(counts["targets"].values()), "tasks": sum(counts["tasks"].values()),
        "reviews": reviews,
        "revises": plan.revises_id, "source": plan.source_name,
        "restricted": plan.restricted,
    }


def list_plans(s: Session, unit_text: str) -> list[dict[str, Any]]:
    unit = units.find(s, unit_text)
    return [plan_summary(p) for p in repo.for_unit(s, unit.id, full=True)]


def item_view(item: Target | Task) -> dict[str, Any]:
    """An item with its ref, review state, current values, and the proposal beside them."""
    data = items.row_json(item)
    data.update({"ref": items.ref_of(item), "review": item.review,
                 "span": [item.span_start, item.span_end] if item.span_start is not None
                 else None, "change": item.change,
                 "previous": (("t" if isinstance(item, Target) else "k") + str(item.previous_id)
                              if item.previous_id else None),
                 "agencies": {a.role + ":" + a.name: a.agency.name if a.agency else None
                              for a in item.assignments}})
    if item.original is not None and item.review == "corrected":
        data["original"] = {k: item.original.get(k) for k in data if k in item.original}
    return data


def plan_detail(s: Session, plan_id: int) -> dict[str, Any]:
    plan = get_plan(s, plan_id)
    detail = plan_summary(plan)
    detail.update({"place": plan.place, "issuer": plan.issuer, "signer": plan.signer,
                   "bases": [{"text": b.text, "number": b.ref_number,
                              "linked_plan": b.linked_plan_id} for b in plan.bases],
                   "targets": [item_view(t) for t in plan.targets],
                   "tasks": [item_view(t) for t in plan.tasks]})
    return detail
