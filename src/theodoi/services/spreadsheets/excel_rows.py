"""Register records as workbook rows: one dict per plan, target, milestone, task, agency.

The keys are those of `excel_columns`; values are the stored values, converted to cells
only when written. Everything a round trip needs is here, ids and extraction included.
"""

from __future__ import annotations

import hashlib
from typing import Any

from theodoi.storage.models import Agency, Assignment, Basis, Plan, Target, Task, Unit


def register_marker(unit: Unit) -> str:
    """Which register a workbook came from: this unit in this database, nothing else.

    The unit's id and creation time differ between databases even for the same code, so
    a workbook from a copy, a backup restored elsewhere or another unit never passes for
    this one and its ids are never taken for this register's ids.
    """
    stamp = f"{unit.id}|{unit.code}|{unit.created_at.isoformat()}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def plan_row(plan: Plan) -> dict[str, Any]:
    signer = plan.signer or {}
    return {
        "id": plan.id, "number": plan.number, "kind": plan.kind, "title": plan.title,
        "issued_on": plan.issued_on, "place": plan.place, "issuer": plan.issuer,
        "term_start": plan.term_start, "term_end": plan.term_end, "status": plan.status,
        "signer_name": signer.get("name"), "signer_position": signer.get("position"),
        "signer_on_behalf": signer.get("on_behalf"), "recipients": list(plan.recipients or []),
        "bases": "\n".join(b.text for b in plan.bases),
        "bases_data": [basis_data(b) for b in plan.bases] or None,
        "source_name": plan.source_name, "source_sha256": plan.source_sha256,
        "revises_id": plan.revises_id, "created_at": plan.created_at,
        "activated_at": plan.activated_at, "restricted": plan.restricted,
    }


def basis_data(b: Basis) -> dict[str, Any]:
    return {"text": b.text, "ref_kind": b.ref_kind, "ref_number": b.ref_number,
            "ref_date": b.ref_date.isoformat() if b.ref_date else None,
            "linked_plan": b.linked_plan_id}


def _people(assignments: list[Assignment]) -> dict[str, Any]:
    """Names per role as written, and the directory ids they resolved to, aligned line by
    line ('-' for a name that resolved to no agency)."""
    row: dict[str, Any] = {}
    for role in ("lead", "co", "leader", "advisory"):
        mine = [a for a in assignments if a.role == role]
        row[role] = [a.name for a in mine]
        if role != "leader":
            row[f"{role}_ids"] = [str(a.agency_id or "-") for a in mine] \
                if any(a.agency_id for a in mine) else []
    return row


def _item(item: Target | Task) -> dict[str, Any]:
    return {"id": item.id, "plan_id": item.plan_id, "position": item.position,
            "review": item.review, "reviewed_at": item.reviewed_at,
            "original": item.original, "previous_id": item.previous_id,
            "change": item.change, "ext_id": item.ext_id, "label": item.label,
            "section": item.section, "text": item.text, "span_start": item.span_start,
            "span_end": item.span_end, **_people(item.assignments)}


TARGET_VALUES = ("indicator", "field", "kind", "direction", "comparator", "value",
                 "value_max", "value_of", "unit", "per_year", "recurrence", "deadline_year",
                 "period_start", "period_end")
TASK_VALUES = ("title", "kind", "field", "due_text", "due_date", "due_recurrence", "product")


def target_row(t: Target) -> dict[str, Any]:
    return {**_item(t), **{c: getattr(t, c) for c in TARGET_VALUES},
            "also_spans": list(t.also_spans or [])}


def milestone_rows(t: Target) -> list[dict[str, Any]]:
    return [{"id": m.id, "target_id": t.id, "indicator": t.indicator, "year": m.year,
             "value": m.value} for m in sorted(t.milestones, key=lambda m: m.year)]


def task_row(t: Task) -> dict[str, Any]:
    return {**_item(t), **{c: getattr(t, c) for c in TASK_VALUES},
            "submit_to": list(t.submit_to or [])}


def agency_row(a: Agency) -> dict[str, Any]:
    aliases = sorted({x.alias for x in a.aliases if x.alias != a.name})
    return {"id": a.id, "name": a.name, "status": a.status, "aliases": aliases}
