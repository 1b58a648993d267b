"""The audit history as the web shows it, and the revert of one change.

A page lists who changed which field, old and new value, newest first, per unit or per
item. Reverting applies the old value through the review's own correction path
(`reviewing.correct`), so the revert is itself version-checked and audited; it is refused
when the field changed again since, so a newer change is never silently undone.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import fields as F
from theodoi.domain.errors import BadInput, Conflict, NotFound
from theodoi.services import access, audit, items, reviewing
from theodoi.services.access import Principal
from theodoi.services.review import ASSIGNMENT_FIELDS
from theodoi.storage.models import AuditEntry, Target, Task, Unit
from theodoi.storage.repositories import audit as repo
from theodoi.storage.repositories import plans as plan_repo

PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 10**9
ITEM_KINDS = ("target", "task")
KIND_LABELS = {"target": "chỉ tiêu", "task": "nhiệm vụ", "plan": "kế hoạch",
               "agency": "cơ quan"}
OTHER_LABELS = {"lead_agency": "cơ quan chủ trì", "co_agencies": "cơ quan phối hợp",
                "leader": "lãnh đạo phụ trách", "advisory_agency": "cơ quan tham mưu",
                "milestones": "lộ trình", "review": "rà soát", "status": "trạng thái",
                "name": "tên", "baseline_value": "số liệu gốc", "baseline_year": "năm gốc"}
TEXT_FIELDS = {"lead_agency", "leader", "advisory_agency", "milestones"}


def revertible_field(kind: str, field: str) -> bool:
    """Fields a person can correct on an item can be put back; the rest (review state,
    plan status, agency merges) have their own actions."""
    if kind not in ITEM_KINDS:
        return False
    return (field in F.fields_of(kind) or field in ASSIGNMENT_FIELDS
            or (field == "milestones" and kind == "target"))


def field_label(kind: str, field: str) -> str:
    known = F.fields_of(kind) if kind in ITEM_KINDS else {}
    return known[field][2] if field in known else OTHER_LABELS.get(field, field)


def _typed(kind: str, field: str, stored: str | None) -> Any:
    """The value to put back, from its stored text (JSON unless the field is text)."""
    if stored is None:
        return None
    text_kind = F.fields_of(kind).get(field, ("str",))[0] in ("str", "enum", "date")
    if text_kind or field in TEXT_FIELDS:
        return stored
    try:
        return json.loads(stored)
    except ValueError:
        return stored


def _item_of(s: Session, e: AuditEntry) -> Target | Task | None:
    if e.entity_kind not in ITEM_KINDS:
        return None
    try:
        return items.get_item(s, f"{'t' if e.entity_kind == 'target' else 'k'}{e.entity_id}")
    except NotFound:
        return None


def _current(item: Target | Task, field: str) -> str | None:
    return audit._text(reviewing.snapshot(item).get(field))


def _row(s: Session, e: AuditEntry, may_revert: bool) -> dict[str, Any]:
    item = _item_of(s, e)
    ref = items.ref_of(item) if item is not None else None
    label = f"{KIND_LABELS.get(e.entity_kind, e.entity_kind)} số {e.entity_id}"
    if item is not None:
        label = (item.indicator or item.text) if isinstance(item, Target) else (
            item.title or item.text)
    can = (may_revert and item is not None and revertible_field(e.entity_kind, e.field)
           and _current(item, e.field) == e.new)
    return {"id": e.id, "at": e.at.isoformat(timespec="seconds"), "username": e.username,
            "entity_kind": e.entity_kind, "entity_id": e.entity_id, "ref": ref,
            "entity_label": label, "plan_id": item.plan_id if item is not None else None,
            "field": e.field, "field_label": field_label(e.entity_kind, e.field),
            "old": e.old, "new": e.new, "revertible": can,
            "item_version": item.version if item is not None else None}


def _visible_items(s: Session, p: Principal, unit: Unit) -> dict[str, set[int]] | None:
    """For an agency user, the ids of the items it sees; None for everyone else."""
    if access.agency_filter(p, unit) is None:
        return None
    only: dict[str, set[int]] = {"target": set(), "task": set()}
    for plan in plan_repo.for_unit(s, unit.id, full=True):
        only["target"] |= {t.id for t in plan.targets if access.sees(p, t)}
        only["task"] |= {t.id for t in plan.tasks if access.sees(p, t)}
    return only


def _paged(s: Session, p: Principal, unit: Unit, page: int, per_page: int,
           **where: Any) -> dict[str, Any]:
    # a page beyond any history is an empty page, not an OFFSET the database cannot hold
    page, per_page = min(max(1, page), MAX_PAGE), min(max(1, per_page), MAX_PER_PAGE)
    rows, total = repo.page(s, offset=(page - 1) * per_page, limit=per_page, **where)
    may_revert = rules.REVIEW in access.actions_at(p, unit)
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "page": page, "per_page": per_page, "total": total,
            "pages": max(1, -(-total // per_page)), "can_revert": may_revert,
            "entries": [_row(s, e, may_revert) for e in rows]}


def unit_history(s: Session, p: Principal, unit_id: int, page: int = 1,
                 per_page: int = PER_PAGE) -> dict[str, Any]:
    """The unit's changes, newest first; an agency user sees only its own items'."""
    unit = access.unit(s, p, unit_id)
    return _paged(s, p, unit, page, per_page, unit_id=unit.id,
                  only=_visible_items(s, p, unit))


def item_history(s: Session, p: Principal, ref: str, page: int = 1,
                 per_page: int = PER_PAGE) -> dict[str, Any]:
    """One item's changes, newest first."""
    item = access.item(s, p, ref)
    kind = "target" if isinstance(item, Target) else "task"
    data = _paged(s, p, item.plan.unit, page, per_page, kind=kind, entity_id=item.id)
    data["item"] = {"ref": items.ref_of(item), "plan_id": item.plan_id,
                    "text": (item.indicator or item.text) if isinstance(item, Target)
                    else (item.title or item.text)}
    return data


def revert(s: Session, p: Principal, entry_id: int, version: int | None) -> dict[str, Any]:
    """Put a field back to its old value, from the item's version the page showed."""
    entry = repo.get(s, entry_id)
    missing = NotFound(f"không có thay đổi số {entry_id}.")
    if entry is None or entry.unit_id is None:
        raise missing
    try:
        unit = access.unit(s, p, entry.unit_id)
    except NotFound:
        raise missing from None
    item = _item_of(s, entry)
    if item is not None and not access.sees(p, item):
        raise missing  # an agency user: another agency's item does not exist for it
    rules.require(p.grants, access.chain(unit), rules.REVIEW)
    what = field_label(entry.entity_kind, entry.field)
    if item is None or not revertible_field(entry.entity_kind, entry.field):
        raise BadInput(f"thay đổi '{what}' không hoàn tác được ở đây; hãy dùng thao tác "
                       "tương ứng (chấp nhận, loại, đưa vào thực hiện, danh mục cơ quan).")
    ref = items.ref_of(item)
    if _current(item, entry.field) != entry.new:
        raise Conflict(f"'{what}' của mục {ref} đã được thay đổi lần nữa sau thay đổi này "
                       f"(hiện là '{_current(item, entry.field) or ''}'); không hoàn tác để "
                       "khỏi ghi đè thay đổi mới hơn.")
    changed = reviewing.correct(s, p, ref, version,
                                {entry.field: _typed(entry.entity_kind, entry.field,
                                                     entry.old)})
    return {"reverted": entry.id, "ref": ref, "field": entry.field,
            "value": _current(changed, entry.field), "version": changed.version,
            "unit_id": unit.id}
