"""The register of a unit as the web lists it: targets and tasks with filters and sorting.

An agency user (don_vi) gets only the items whose lead agency is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import fields as F
from theodoi.services import access, plans
from theodoi.services.access import Principal
from theodoi.services.review_view import item_row
from theodoi.storage.models import Target, Task
from theodoi.storage.repositories import plans as repo

SORTS = ("plan", "field", "review", "agency", "due")
FIELD_LABELS = {"kinh_te": "Kinh tế", "van_hoa_xa_hoi": "Văn hóa - Xã hội",
                "moi_truong": "Môi trường", "quoc_phong_an_ninh": "Quốc phòng - An ninh",
                "xay_dung_dang": "Xây dựng Đảng", "chinh_quyen": "Chính quyền"}


@dataclass
class Filters:
    """What the list is narrowed to; empty values mean no filter."""

    kind: str = ""
    field: str = ""
    review: str = ""
    agency_id: int | None = None
    plan_id: int | None = None
    sort: str = "plan"

    def matches(self, item: Target | Task) -> bool:
        if self.kind and self.kind != ("target" if isinstance(item, Target) else "task"):
            return False
        if self.field and (not isinstance(item, Target) or item.field != self.field):
            return False
        if self.review and item.review != self.review:
            return False
        if self.plan_id and item.plan_id != self.plan_id:
            return False
        return not self.agency_id or access.lead_agency_id(item) == self.agency_id


def _sort_key(sort: str, item: Target | Task) -> tuple[Any, ...]:
    lead = next((a.name for a in item.assignments if a.role == "lead"), "")
    due = item.deadline_year if isinstance(item, Target) else (
        item.due_date.year if item.due_date else None)
    keys: dict[str, tuple[Any, ...]] = {
        "plan": (item.plan_id, isinstance(item, Task), item.position),
        "field": (getattr(item, "field", None) or "~", item.plan_id, item.position),
        "review": (item.review, item.plan_id, item.position),
        "agency": (lead or "~", item.plan_id, item.position),
        "due": (due or 9999, item.plan_id, item.position),
    }
    return keys.get(sort, keys["plan"])


def register_page(s: Session, p: Principal, unit_id: int, f: Filters) -> dict[str, Any]:
    """The unit's items (open plans) narrowed by `f`, and the choices the filters offer."""
    unit = access.unit(s, p, unit_id)
    rows = [i for plan in repo.for_unit(s, unit.id, full=True) if plan.status != "closed"
            for i in [*plan.targets, *plan.tasks] if access.sees(p, i)]
    chosen = sorted((i for i in rows if f.matches(i)), key=lambda i: _sort_key(f.sort, i))
    agencies = sorted({(a.agency_id, a.agency.name) for i in rows for a in i.assignments
                       if a.role == "lead" and a.agency is not None}, key=lambda x: x[1])
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "filters": {"kind": f.kind, "field": f.field, "review": f.review,
                        "agency_id": f.agency_id, "plan_id": f.plan_id, "sort": f.sort},
            "choices": {"fields": [{"value": k, "label": FIELD_LABELS.get(k, k)}
                                   for k in F.FIELDS_OF_WORK],
                        "reviews": [{"value": k, "label": v}
                                    for k, v in plans.REVIEW_LABELS.items()],
                        "agencies": [{"value": a, "label": n} for a, n in agencies],
                        "sorts": list(SORTS)},
            "items": [{**item_row(i), "plan_id": i.plan_id} for i in chosen],
            "total": len(rows)}
