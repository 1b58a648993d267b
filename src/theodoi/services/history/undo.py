"""Revert from the audit history: one table of undo handlers, keyed by what was changed.

An audit entry names a kind and a field (`target`/`task` fields, `review`, `plan.status`,
`progress.value`, `task_update.update`, `agency.merged`/`unmerged`, `figure.state`,
`period_lock.state`: history/undo_figures.py). Its handler reads the
entry and the state now and returns a `Step`: the lines that say what will change (the
confirmation page and the CLI show them) and the action. The action writes a NEW audit
entry that names the entry it reverts (`reverts_id`) with old and new swapped, so the
history keeps both and a revert of a revert is one more revert through the same table.

A handler refuses (Conflict) when the thing changed again since the entry, naming what it
is now: a revert never silently overrides a later change. Access is the one the original
change needed at the unit: review for item fields, decisions and activation, recording
progress for records and task updates, the agency directory for merges.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import changes
from theodoi.domain import fields as F
from theodoi.domain.errors import BadInput, Conflict, Forbidden, NotFound
from theodoi.domain.periods import parse_period
from theodoi.domain.phrases import amount_text
from theodoi.domain.status import TASK_STATE_LABELS
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit, undo_figures
from theodoi.services.history.steps import Handler, Step
from theodoi.services.progress import locks
from theodoi.services.progress import records as progress
from theodoi.services.register import agencies, directory, items, plans
from theodoi.services.register import review_decisions as review
from theodoi.services.register import review_edits as edits
from theodoi.services.register import review_guarded as reviewing
from theodoi.services.register.review_decisions import ASSIGNMENT_FIELDS
from theodoi.services.views import my_work
from theodoi.storage.models import AuditEntry, Target, Task, Unit
from theodoi.storage.repositories import agencies as agency_repo
from theodoi.storage.repositories import audit as repo
from theodoi.storage.repositories import progress as progress_repo

TEXT_FIELDS = {"lead_agency", "leader", "advisory_agency", "milestones"}
ITEM_KINDS = ("target", "task")
STATUS_LABELS = plans.STATUS_LABELS




def _ref(kind: str, entity_id: int) -> str:
    return f"{'t' if kind == 'target' else 'k'}{entity_id}"


def _item(s: Session, p: Principal, kind: str, entity_id: int) -> Target | Task:
    """The item the entry is about, as the person sees it (another agency's: NotFound)."""
    return access.item(s, p, _ref(kind, entity_id))


def revertible_field(kind: str, field: str) -> bool:
    """Fields a person can correct on an item (the item-field handler's domain)."""
    if kind not in ITEM_KINDS:
        return False
    return (field in F.fields_of(kind) or field in ASSIGNMENT_FIELDS
            or (field == "milestones" and kind == "target"))


def typed(kind: str, field: str, stored: str | None) -> Any:
    """The value to put back, from its stored text (JSON unless the field is text)."""
    if stored is None:
        return None
    # co-agencies are stored as a JSON list, like the other list fields
    default = ("list",) if field == "co_agencies" else ("str",)
    text_kind = F.fields_of(kind).get(field, default)[0] in ("str", "enum", "date")
    if text_kind or field in TEXT_FIELDS:
        return stored
    try:
        return json.loads(stored)
    except ValueError:
        return stored


def current_text(item: Target | Task, field: str) -> str | None:
    return audit._text(reviewing.snapshot(item).get(field))


def _item_field(s: Session, p: Principal, e: AuditEntry, unit: Unit,
                version: int | None) -> Step:
    item = _item(s, p, e.entity_kind, e.entity_id)
    rules.require(p.grants, access.chain(unit), rules.REVIEW)
    what = reviewing_label(e.entity_kind, e.field)
    if not revertible_field(e.entity_kind, e.field):
        raise BadInput(f"thay đổi '{what}' không hoàn tác được.")
    ref, now = items.ref_of(item), current_text(item, e.field)
    if now != e.new:
        shown = changes.value_text(e.entity_kind, e.field, now)
        raise Conflict(f"'{what}' của mục {ref} đã được thay đổi lần nữa sau thay đổi này "
                       f"(hiện là '{shown}'); không hoàn tác để khỏi ghi đè thay đổi mới hơn.")

    def run() -> dict[str, Any]:
        reviewing.check_version("mục", ref, item.version, version)
        before = reviewing.snapshot(item)
        review.correct(s, ref, {e.field: typed(e.entity_kind, e.field, e.old)})
        audit.record_changes(s, p, unit.id, e.entity_kind, item.id, before,
                             reviewing.snapshot(item), reverts=e.id)
        return {"ref": ref, "field": e.field, "value": current_text(item, e.field),
                "version": item.version}
    unit_of = item.unit if isinstance(item, Target) else None
    line = changes.change_text(e.entity_kind, e.field, what, now, e.old, unit_of)
    return Step(e.id, unit.id, [f"{line} (mục {ref})"], run)


def _review(s: Session, p: Principal, e: AuditEntry, unit: Unit, version: int | None) -> Step:
    item = _item(s, p, e.entity_kind, e.entity_id)
    rules.require(p.grants, access.chain(unit), rules.REVIEW)
    ref = items.ref_of(item)
    if e.old is None and e.new == "added":
        return _creation(s, p, e, unit, item, version)
    if e.new in ("corrected", "added"):
        # a side effect of typed corrections, not a decision: the fields are undone
        raise BadInput(f"'rà soát: đã sửa' của mục {ref} không hoàn tác được riêng; hãy hoàn "
                       "tác từng trường đã sửa.")
    if item.review != e.new:
        raise Conflict(f"rà soát của mục {ref} đã đổi sau thay đổi này (hiện là "
                       f"'{plans.REVIEW_LABELS.get(item.review, item.review)}'); không hoàn "
                       "tác để khỏi ghi đè thay đổi mới hơn.")
    if e.old not in plans.REVIEW_LABELS:
        raise BadInput(f"không có trạng thái rà soát trước thay đổi này của mục {ref}.")
    if e.old == "proposed" and item.plan.status != "draft":
        raise Conflict(f"kế hoạch số {item.plan_id} đang thực hiện; mục {ref} không thể "
                       "trở lại 'chờ rà soát'.")

    def run() -> dict[str, Any]:
        reviewing.check_version("mục", ref, item.version, version)
        review.restore_review(s, ref, str(e.old))
        audit.record(s, p, unit.id, e.entity_kind, item.id, "review", e.new, e.old,
                     reverts=e.id)
        return {"ref": ref, "field": "review", "value": item.review, "version": item.version}
    return Step(e.id, unit.id, [f"rà soát của mục {ref}: '{plans.REVIEW_LABELS[item.review]}'"
                                f" → '{plans.REVIEW_LABELS[str(e.old)]}'"], run)


def _creation(s: Session, p: Principal, e: AuditEntry, unit: Unit, item: Target | Task,
              version: int | None) -> Step:
    """An item a person added (or split off) undone: it is rejected, so nothing is lost."""
    ref = items.ref_of(item)
    if item.review == "rejected":
        raise Conflict(f"mục {ref} đã bị loại rồi.")
    now = item.review

    def run() -> dict[str, Any]:
        reviewing.check_version("mục", ref, item.version, version)
        review.reject(s, ref)
        audit.record(s, p, unit.id, e.entity_kind, item.id, "review", now, "rejected",
                     reverts=e.id)
        return {"ref": ref, "field": "review", "value": item.review, "version": item.version}
    return Step(e.id, unit.id, [f"mục {ref} do người rà soát thêm: "
                                f"'{plans.REVIEW_LABELS[now]}' → 'đã loại'"], run)


def _plan_field(s: Session, p: Principal, e: AuditEntry, unit: Unit,
                version: int | None) -> Step:
    """A plan fact corrected on the review page, put back (refused if changed since)."""
    plan = access.plan(s, p, e.entity_id, rules.REVIEW)
    what = F.PLAN_FIELDS[e.field][2]
    now = audit._text(edits.plan_facts(plan)[e.field])
    if now != e.new:
        raise Conflict(f"'{what}' của kế hoạch số {plan.id} đã được thay đổi lần nữa (hiện "
                       f"là '{now or ''}'); không hoàn tác để khỏi ghi đè thay đổi mới hơn.")

    def run() -> dict[str, Any]:
        reviewing.check_version("kế hoạch", f"số {plan.id}", plan.version, version)
        before = edits.plan_facts(plan)
        edits.correct_plan(s, plan.id, {e.field: typed("plan", e.field, e.old)})
        audit.record_changes(s, p, unit.id, "plan", plan.id, before, edits.plan_facts(plan),
                             reverts=e.id)
        return {"plan_id": plan.id, "field": e.field, "version": plan.version}
    return Step(e.id, unit.id, [f"{what} của kế hoạch số {plan.id}: '{now or '—'}' → "
                                f"'{e.old or '—'}'"], run)


def _plan_status(s: Session, p: Principal, e: AuditEntry, unit: Unit,
                 version: int | None) -> Step:
    plan = access.plan(s, p, e.entity_id, rules.REVIEW)
    if (e.old, e.new) == ("draft", "active"):
        return _deactivation(s, p, e, unit, plan.id)
    if (e.old, e.new) == ("active", "draft"):
        return _reactivation(s, p, e, unit, plan.id)
    if (e.old, e.new) in (("active", "closed"), ("closed", "active")):
        return _closing(s, p, e, unit, plan.id)
    raise BadInput(f"thay đổi trạng thái '{STATUS_LABELS.get(e.old or '', e.old or '—')}' → "
                   f"'{STATUS_LABELS.get(e.new or '', e.new or '—')}' của kế hoạch số "
                   f"{plan.id} không hoàn tác được ở đây.")


def _deactivation(s: Session, p: Principal, e: AuditEntry, unit: Unit, plan_id: int) -> Step:
    """Activation undone: the plan back to draft, the rows it took over from the version
    it closed moved back there (`revisions.move_back`), that version live again.

    Refused once anything was reported on the plan since: a draft takes no reports, so
    those records would hang on a plan nobody tracks (withdraw them first, also by revert);
    and for an entry written before activation kept its moves (carried rows, no moves)."""
    plan = review.get_plan(s, plan_id)
    detail = audit.detail_of(e) or {}
    if plan.status != "active":
        raise Conflict(f"kế hoạch số {plan.id} hiện là "
                       f"'{STATUS_LABELS.get(plan.status, plan.status)}', không còn đang "
                       "thực hiện; không hoàn tác.")
    if not detail and plan.revises_id is not None:
        raise BadInput(f"lần đưa vào thực hiện này của kế hoạch số {plan.id} được ghi khi "
                       "theodoi chưa lưu phiên bản nó đóng; không hoàn tác được.")
    if detail.get("carried_over") and "moves" not in detail:
        raise BadInput(f"khi đưa vào thực hiện, {detail['carried_over']} mục không đổi đã "
                       "chuyển từ phiên bản cũ sang kế hoạch này (ghi trước khi theodoi lưu "
                       "cách chuyển lại); không hoàn tác tự động được.")
    since = progress_repo.reports_on_plan(s, plan.id) - int(detail.get("reports") or 0)
    if since:
        raise Conflict(f"kế hoạch số {plan.id} đã có {abs(since)} báo cáo số liệu hoặc tiến "
                       "độ từ khi đưa vào thực hiện; hãy hoàn tác các báo cáo đó trước.")
    reopen, moves = detail.get("closed_plan"), list(detail.get("moves") or [])
    lines = [f"kế hoạch số {plan.id} trở lại bản nháp"]
    if reopen:
        lines.append(f"kế hoạch số {reopen} (phiên bản cũ, đã bị đóng) được thực hiện lại")
    if moves:
        lines.append(f"{len(moves)} mục không đổi trở về kế hoạch số {reopen} cùng số liệu "
                     "của chúng")

    def run() -> dict[str, Any] | None:
        review.deactivate(s, plan.id, reopen, moves)
        audit.record(s, p, unit.id, "plan", plan.id, "status", "active", "draft",
                     detail={"reopened": reopen}, reverts=e.id)
        if reopen:
            audit.record(s, p, unit.id, "plan", reopen, "status", "closed", "active",
                         reverts=e.id)
        return None
    return Step(e.id, unit.id, lines, run)


def _reactivation(s: Session, p: Principal, e: AuditEntry, unit: Unit, plan_id: int) -> Step:
    """A reverted activation done again: the same activation, audited as the original."""
    plan = review.get_plan(s, plan_id)
    if plan.status != "draft":
        raise Conflict(f"kế hoạch số {plan.id} hiện là "
                       f"'{STATUS_LABELS.get(plan.status, plan.status)}', không phải bản "
                       "nháp; không hoàn tác.")
    lines = [f"kế hoạch số {plan.id} được đưa vào thực hiện lại"]
    old = review.get_plan(s, plan.revises_id) if plan.revises_id else None
    closes = old.id if old is not None and old.status != "closed" else None
    if closes:
        lines.append(f"kế hoạch số {closes} (phiên bản cũ) bị đóng")

    def run() -> dict[str, Any] | None:
        done = review.activate(s, plan.id)
        audit.record(s, p, unit.id, "plan", plan.id, "status", "draft", "active",
                     detail=reviewing.activation_detail(s, done, closes), reverts=e.id)
        return None
    return Step(e.id, unit.id, lines, run)


def _closing(s: Session, p: Principal, e: AuditEntry, unit: Unit, plan_id: int) -> Step:
    """A closed plan reopened, or a reopened plan closed again (the revert of a revert)."""
    plan = review.get_plan(s, plan_id)
    if plan.status != e.new:
        raise Conflict(f"kế hoạch số {plan.id} hiện là "
                       f"'{STATUS_LABELS.get(plan.status, plan.status)}'; không hoàn tác để "
                       "khỏi ghi đè thay đổi mới hơn.")
    reopening = e.new == "closed"
    line = (f"kế hoạch số {plan.id} được thực hiện lại (nhận báo cáo trở lại)" if reopening
            else f"kế hoạch số {plan.id} bị đóng lại")

    def run() -> dict[str, Any] | None:
        if reopening:
            review.reopen(s, plan.id)
        else:
            review.close(s, plan.id)
        audit.record(s, p, unit.id, "plan", plan.id, "status", e.new, e.old, reverts=e.id)
        return None
    return Step(e.id, unit.id, [line], run)


def _recordable(s: Session, p: Principal, ref: str) -> Target | Task:
    """The item, if the person may record progress on it (who could make the change)."""
    item = access.item(s, p, ref)
    if not my_work.may_record(p, item.plan.unit):
        raise Forbidden(my_work.REFUSED)
    if not access.leads(p, item):  # a co-agency sees the item, the lead reports on it
        raise Forbidden(my_work.CO_AGENCY.format(ref=ref))
    return progress.live_item(item)


def _value_text(s: Session, record_id: int | None, unit: str | None) -> str:
    row = progress_repo.record(s, record_id) if record_id else None
    return "không có số liệu" if row is None else amount_text(row.value, unit)


def _progress(s: Session, p: Principal, e: AuditEntry, unit: Unit, version: int | None
              ) -> Step:
    """A recorded value undone: it stops counting, the one it replaced counts again."""
    detail = audit.detail_of(e)
    if detail is None:
        raise BadInput("số liệu này được ghi trước khi theodoi lưu dữ liệu hoàn tác; hãy "
                       "ghi lại số liệu đúng.")
    target = _recordable(s, p, _ref("target", int(detail["target"])))
    assert isinstance(target, Target)  # a target's reference ("t…") names a target
    period = parse_period(str(detail["period"]))
    locks.check_open(s, unit.id, period.key)  # a locked period's figures stay as they are
    now = progress_repo.current(s, target.id, period.key)
    expected = detail.get("current")
    if (now.id if now else None) != expected:
        said = "chưa có số liệu" if now is None else (
            f"là {amount_text(now.value, target.unit)}, do {now.recorded_by or 'hệ thống'} ghi")
        raise Conflict(f"số liệu của chỉ tiêu {items.ref_of(target)}, {period.label} đã được "
                       f"ghi lại sau thay đổi này (hiện {said}); không hoàn tác để khỏi ghi "
                       "đè số liệu mới hơn.")
    restore = detail.get("restore")
    line = (f"số liệu của chỉ tiêu {items.ref_of(target)}, {period.label}: "
            f"{_value_text(s, expected, target.unit)} → {_value_text(s, restore, target.unit)}")

    def run() -> dict[str, Any] | None:
        progress.withdraw_record(s, expected, restore)
        audit.record(s, p, unit.id, "progress", e.entity_id, "value", e.new, e.old,
                     detail={**detail, "current": restore, "restore": expected},
                     reverts=e.id)
        return None
    return Step(e.id, unit.id, [line], run)


def _task_update(s: Session, p: Principal, e: AuditEntry, unit: Unit, version: int | None
                 ) -> Step:
    """A task update withdrawn (kept, no longer counted), or brought back."""
    detail = audit.detail_of(e)
    row = progress_repo.task_update(s, e.entity_id)
    if detail is None or row is None:
        raise NotFound(f"không có báo cáo tiến độ số {e.entity_id}.")
    task = _recordable(s, p, _ref("task", row.task_id))
    if row.withdrawn != bool(detail["withdrawn"]):
        raise Conflict(f"báo cáo tiến độ số {row.id} của nhiệm vụ {items.ref_of(task)} đã "
                       f"được {'rút lại' if row.withdrawn else 'khôi phục'} sau thay đổi "
                       "này; không hoàn tác lần nữa.")
    said = (f"báo cáo tiến độ ngày {row.reported_on:%d/%m/%Y} của nhiệm vụ "
            f"{items.ref_of(task)} ({TASK_STATE_LABELS.get(row.state, row.state)})")
    line = f"khôi phục {said}" if row.withdrawn else f"rút lại {said}"

    def run() -> dict[str, Any] | None:
        progress.set_withdrawn(s, row.id, not row.withdrawn)
        audit.record(s, p, unit.id, "task_update", row.id, "update", e.new, e.old,
                     detail={**detail, "withdrawn": row.withdrawn}, reverts=e.id)
        return None
    return Step(e.id, unit.id, [line], run)


def _merged(s: Session, p: Principal, e: AuditEntry, unit: Unit, version: int | None) -> Step:
    """A merge undone: the merged agency back with exactly what moved."""
    rules.require(p.grants, access.chain(unit), rules.DIRECTORY)
    moves = audit.detail_of(e)
    if moves is None:
        raise BadInput(f"lần gộp '{e.old}' vào '{e.new}' được ghi khi theodoi chưa lưu những "
                       "gì đã chuyển; không tách lại được. Hãy thêm lại cơ quan và giao lại "
                       "việc.")
    agencies.check_unmerge(s, unit, e.entity_id, moves)
    source = moves["source"]["name"]
    lines = [f"tách '{source}' ra khỏi '{e.new}' thành cơ quan riêng",
             f"{len(moves['assignments'])} lượt giao việc trở về '{source}'"]
    if moves["aliases"]:
        lines.append("tên gọi trở về: " + "; ".join(a for a, _ in moves["aliases"]))

    def run() -> dict[str, Any] | None:
        back = agencies.unmerge(s, unit, e.entity_id, moves)
        audit.record(s, p, unit.id, "agency", e.entity_id, "unmerged", e.new, e.old,
                     detail={**moves, "source": {**moves["source"], "id": back.id}},
                     reverts=e.id)
        return None
    return Step(e.id, unit.id, lines, run)


def _unmerged(s: Session, p: Principal, e: AuditEntry, unit: Unit, version: int | None
              ) -> Step:
    """An un-merge undone: the same two agencies merged again (what moves is read anew)."""
    rules.require(p.grants, access.chain(unit), rules.DIRECTORY)
    moves = audit.detail_of(e) or {}
    source = agency_repo.get(s, int(moves.get("source", {}).get("id", 0)))
    target = agency_repo.get(s, e.entity_id)
    if source is None or target is None or source.unit_id != unit.id:
        raise Conflict("một trong hai cơ quan không còn trong danh mục; không gộp lại được.")
    count = len(agency_repo.assignment_ids(s, source.id))
    lines = [f"gộp lại '{source.name}' vào '{target.name}'",
             f"{count} lượt giao việc chuyển sang '{target.name}'"]

    def run() -> dict[str, Any] | None:
        return directory.merged(s, p, unit, source.id, target.id, reverts=e.id)
    return Step(e.id, unit.id, lines, run)


HANDLERS: dict[tuple[str, str], Handler] = {
    ("target", "review"): _review,
    ("task", "review"): _review,
    ("plan", "status"): _plan_status,
    ("progress", "value"): _progress,
    ("task_update", "update"): _task_update,
    ("agency", "merged"): _merged,
    ("agency", "unmerged"): _unmerged,
    ("figure", "state"): undo_figures.figure,
    ("period_lock", "state"): undo_figures.period_lock,
    **{("plan", name): _plan_field for name in F.PLAN_FIELDS},
}
FALLBACK: dict[str, Handler] = {"target": _item_field, "task": _item_field}


def handler_of(kind: str, field: str) -> Handler | None:
    """The undo handler for a kind of change; None when that change has no undo."""
    return HANDLERS.get((kind, field)) or FALLBACK.get(kind)


def reviewing_label(kind: str, field: str) -> str:
    known = F.fields_of(kind) if kind in ITEM_KINDS else {}
    return known[field][2] if field in known else field


def step(s: Session, p: Principal, entry_id: int, version: int | None = None) -> Step:
    """The revert of entry `entry_id`, checked (access, conflicts) but not done yet."""
    entry = repo.get(s, entry_id)
    missing = NotFound(f"không có thay đổi số {entry_id}.")
    if entry is None or entry.unit_id is None:
        raise missing
    try:
        unit = access.unit(s, p, entry.unit_id)
    except NotFound:
        raise missing from None
    handler = handler_of(entry.entity_kind, entry.field)
    if handler is None:
        raise BadInput(f"thay đổi số {entry_id} không hoàn tác được.")
    try:
        return handler(s, p, entry, unit, version)
    except Conflict as exc:
        done = repo.reverts_of(s, entry_id)
        if not done:
            raise
        raise Conflict(f"thay đổi số {entry_id} đã được hoàn tác (thay đổi số "
                       f"{done[-1].id}); {exc.message}") from None


def revert(s: Session, p: Principal, entry_id: int, version: int | None = None
           ) -> dict[str, Any]:
    """Revert entry `entry_id` as a new audited change; returns what changed, in words."""
    ready = step(s, p, entry_id, version)
    done = ready.run() or {}
    s.flush()
    return {**done, "reverted": entry_id, "unit_id": ready.unit_id, "changes": ready.lines}


def preview(s: Session, p: Principal, entry_id: int) -> dict[str, Any]:
    """What a revert of `entry_id` would change, for the confirmation step."""
    ready = step(s, p, entry_id)
    return {"entry_id": entry_id, "unit_id": ready.unit_id, "changes": ready.lines}
