"""The audit history as the web shows it, and the revert of one change.

A page lists who changed which field, old and new value, newest first, per unit or per
item. Reverting applies the old value through the review's own correction path
(`reviewing.correct`), so the revert is itself version-checked and audited; it is refused
when the field changed again since, so a newer change is never silently undone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import changes
from theodoi.domain import fields as F
from theodoi.domain.errors import NotFound, TheodoiError
from theodoi.domain.periods import parse_period
from theodoi.domain.phrases import amount_text
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit, undo
from theodoi.services.register import items
from theodoi.storage.models import AuditEntry, Target, Task, Unit
from theodoi.storage.repositories import audit as repo
from theodoi.storage.repositories import plans as plan_repo
from theodoi.storage.repositories import progress as progress_repo

PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 10**9
ITEM_KINDS = ("target", "task")
KIND_LABELS = {"target": "chỉ tiêu", "task": "nhiệm vụ", "plan": "kế hoạch",
               "agency": "cơ quan", "progress": "số liệu", "task_update": "báo cáo tiến độ",
               "product_step": "sản phẩm trình duyệt", "contribution": "phần phối hợp",
               "user": "người dùng", "unit": "đơn vị", "target_link": "liên kết chỉ tiêu",
               "figure": "số liệu chờ xác nhận", "period_lock": "kỳ báo cáo",
               "outgoing": "văn bản đi", "incoming": "văn bản đến"}
# records named in their entry's detail ({"name": …}), not by a number (history/admin.py,
# services/outgoing: "văn bản đi 1/BC-UBND", "văn bản đến 1/BC-UBND của Xã An Bình")
NAMED = frozenset({"user", "unit", "target_link", "outgoing", "incoming"})
REVERTERS = frozenset({rules.REVIEW, rules.DIRECTORY, rules.UPDATE_OWN, rules.ASSIGN})
OTHER_LABELS = {"lead_agency": "cơ quan chủ trì", "co_agencies": "cơ quan phối hợp",
                "leader": "lãnh đạo phụ trách", "advisory_agency": "cơ quan tham mưu",
                "milestones": "lộ trình", "review": "rà soát", "status": "trạng thái",
                "name": "tên", "baseline_value": "số liệu gốc", "baseline_year": "năm gốc",
                "value": "giá trị thực hiện", "update": "tiến độ", "merged": "gộp cơ quan",
                "unmerged": "tách cơ quan đã gộp", "deleted": "xóa bản nháp",
                "state": "trạng thái sản phẩm", "note": "nội dung phối hợp",
                "created": "tạo mới", "role": "vai trò", "password": "mật khẩu",
                "parent": "đơn vị cấp trên", "implements": "cụ thể hóa văn bản",
                "decision": "quyết định", "restricted_readers":
                "vai trò được đọc tài liệu hạn chế", "aliases": "tên gọi khác",
                "upper_link": "liên kết với chỉ tiêu cấp trên",
                "lower_link": "liên kết với chỉ tiêu cấp dưới",
                "rollup_method": "cách tổng hợp số liệu cấp dưới"}
# fields of a link across levels: the line names the target at the other end (its detail)
LINK_FIELDS = frozenset({"upper_link", "lower_link"})

# fields of figure validation (services/validation) and of outgoing documents
# (services/outgoing) whose word differs from the others'
VALIDATION_LABELS = {"figure": {"state": "trạng thái xác nhận"},
                     "period_lock": {"state": "chốt kỳ"},
                     "unit": {"validate_figures": "xác nhận số liệu của cơ quan"},
                     "outgoing": {"state": "sổ văn bản đi", "signed": "bản đã ký"},
                     "incoming": {"received": "sổ văn bản đến"},
                     "registration": {"state": "bản đăng ký thi đua"}}


def revertible_field(kind: str, field: str) -> bool:
    """Fields a person can correct on an item (kept for callers; see `undo`)."""
    return undo.revertible_field(kind, field)


def field_label(kind: str, field: str) -> str:
    known = F.fields_of(kind) if kind in (*ITEM_KINDS, "plan") else {}
    if kind in VALIDATION_LABELS and field in VALIDATION_LABELS[kind]:
        return VALIDATION_LABELS[kind][field]
    return known[field][2] if field in known else OTHER_LABELS.get(field, field)


def _item_of(s: Session, e: AuditEntry) -> Target | Task | None:
    if e.entity_kind not in ITEM_KINDS:
        return None
    try:
        return items.get_item(s, f"{'t' if e.entity_kind == 'target' else 'k'}{e.entity_id}")
    except NotFound:
        return None


# records of a report, and the key of the item they belong to in their undo data
REPORTS = {"progress": ("target", "t"), "task_update": ("task", "k"),
           "product_step": ("task", "k")}


def _reported_item(s: Session, e: AuditEntry) -> Target | Task | None:
    """The item a recorded value or task report belongs to (kept in the undo data)."""
    if e.entity_kind not in REPORTS:
        return None
    key, prefix = REPORTS[e.entity_kind]
    detail = audit.detail_of(e)
    if not detail or not isinstance(detail.get(key), int):
        return None
    try:
        return items.get_item(s, f"{prefix}{detail[key]}")
    except NotFound:
        return None


def _period(detail: dict[str, Any]) -> str:
    try:
        return " " + parse_period(str(detail["period"])).label if detail.get("period") else ""
    except TheodoiError:
        return ""


def _name(item: Target | Task) -> str:
    if isinstance(item, Target):
        return item.indicator or item.text
    return item.title or item.text


def _entity_label(e: AuditEntry, item: Target | Task | None, of: Target | Task | None) -> str:
    if item is not None:
        return _name(item)
    if of is not None:  # "số liệu Quý I/2026 — Thu nhập bình quân đầu người"
        what = KIND_LABELS[e.entity_kind]
        return f"{what}{_period(audit.detail_of(e) or {})} — {_name(of)}"
    if e.entity_kind == "period_lock":  # "kỳ báo cáo Quý III/2026 (báo cáo số 1/BC-UBND …)"
        detail = audit.detail_of(e) or {}
        why = f" ({detail['reason']})" if detail.get("reason") else ""
        return f"{KIND_LABELS[e.entity_kind]}{_period(detail)}{why}"
    named = (audit.detail_of(e) or {}).get("name") if e.entity_kind in NAMED else None
    if named:  # "người dùng nguyenvana", "đơn vị Xã An Bình"
        return f"{KIND_LABELS[e.entity_kind]} {named}"
    return f"{KIND_LABELS.get(e.entity_kind, 'bản ghi')} số {e.entity_id}"


def _entered(s: Session, e: AuditEntry) -> str:
    """' (đã nhập 12,5 tỷ đồng)' for a value typed in another scale of the target's unit
    (and converted), so the history shows what the person entered too; '' otherwise."""
    if e.entity_kind != "progress" or e.new is None:
        return ""
    row = progress_repo.record(s, e.entity_id)
    if row is None or not row.entered_unit or row.entered_value is None:
        return ""
    return f" (đã nhập {amount_text(row.entered_value, row.entered_unit)})"


def _other_end(e: AuditEntry) -> str:
    """' t12 của Tỉnh Gộp (Tỷ lệ hộ nghèo)': the target a link decision is with."""
    detail = audit.detail_of(e) if e.field in LINK_FIELDS else None
    if not detail or not detail.get("other"):
        return ""
    unit = f" của {detail['other_unit']}" if detail.get("other_unit") else ""
    name = f" ({detail['other_name']})" if detail.get("other_name") else ""
    return f" {detail['other']}{unit}{name}"


def _row(s: Session, p: Principal, e: AuditEntry, may_revert: bool) -> dict[str, Any]:
    item = _item_of(s, e)
    of = _reported_item(s, e)
    owner = item if item is not None else of
    ref = items.ref_of(owner) if owner is not None else None
    unit = owner.unit if isinstance(owner, Target) else None
    name = field_label(e.entity_kind, e.field) + _other_end(e)
    entered = _entered(s, e)
    can = may_revert and _can_revert(s, p, e)
    return {"id": e.id, "at": e.at.isoformat(timespec="seconds"), "username": e.username,
            "entity_kind": e.entity_kind, "entity_id": e.entity_id, "ref": ref,
            "entity_label": _entity_label(e, item, of),
            "plan_id": owner.plan_id if owner is not None else None,
            "field": e.field, "field_label": name, "old": e.old, "new": e.new,
            "old_text": changes.value_text(e.entity_kind, e.field, e.old, unit),
            "new_text": changes.value_text(e.entity_kind, e.field, e.new, unit) + entered,
            "label": changes.change_text(e.entity_kind, e.field, name, e.old, e.new, unit)
            + entered,
            "revertible": can, "reverts": e.reverts_id,
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
    # who may change anything at the unit may be offered a revert; each row is then
    # checked by its own handler (the access the original change needed, no conflict)
    may_revert = bool(access.actions_at(p, unit) & REVERTERS)
    entries = [_row(s, p, e, may_revert) for e in rows]
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "page": page, "per_page": per_page, "total": total,
            "pages": max(1, -(-total // per_page)),
            "can_revert": any(e["revertible"] for e in entries), "entries": entries}


def unit_history(s: Session, p: Principal, unit_id: int, page: int = 1,
                 per_page: int = PER_PAGE) -> dict[str, Any]:
    """The unit's changes, newest first; an agency user sees only its own items', and
    who does not read restricted plans none about them."""
    unit = access.unit(s, p, unit_id)
    return _paged(s, p, unit, page, per_page, unit_id=unit.id,
                  only=_visible_items(s, p, unit),
                  hide=repo.records_of_plans(s, set(access.hidden_plans(s, p, unit))))


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


def _can_revert(s: Session, p: Principal, e: AuditEntry) -> bool:
    """Whether the row gets a 'Hoàn tác' button: its handler accepts it now."""
    if undo.handler_of(e.entity_kind, e.field) is None:
        return False
    try:
        undo.step(s, p, e.id)
    except TheodoiError:
        return False
    return True


def revert(s: Session, p: Principal, entry_id: int, version: int | None) -> dict[str, Any]:
    """Undo one change as a new audited change (`services.history.undo` has the handlers)."""
    return undo.revert(s, p, entry_id, version)


def confirm_page(s: Session, p: Principal, entry_id: int) -> dict[str, Any]:
    """The confirmation step: the entry and what its revert will change."""
    entry = repo.get(s, entry_id)
    ready = undo.preview(s, p, entry_id)
    assert entry is not None  # preview raised NotFound otherwise
    unit = access.unit(s, p, ready["unit_id"])
    row = _row(s, p, entry, False)
    return {**ready, "entry": row, "unit": {"id": unit.id, "name": unit.name},
            "version": row["item_version"]}
