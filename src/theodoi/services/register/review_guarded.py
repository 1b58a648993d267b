"""Review by a signed-in person: scope and role checked, stale saves refused, audited.

Each action takes the `version` the page was rendered with; when the record changed since
(another person saved first), the action raises Conflict and changes nothing. The plain
review rules (what accept, correct, reject and activate mean) are in
`services.register.review_decisions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, Conflict, FieldError, NotFound
from theodoi.domain.numbers import NotANumber, read_number
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.register import items, plans
from theodoi.services.register import review_decisions as review
from theodoi.services.register import review_edits as edits
from theodoi.storage.models import Plan, Target, Task
from theodoi.storage.repositories import plans as repo
from theodoi.storage.repositories import progress as progress_repo


def check_version(kind: str, ref: str, current: int, expected: int | None) -> None:
    """Refuse a save made from a page older than the record."""
    if expected is not None and int(expected) != current:
        raise Conflict(f"{kind} {ref} vừa được người khác thay đổi (phiên bản {current}, "
                       f"trang của bạn là {expected}); không có gì bị ghi đè. Hãy tải lại "
                       "trang và làm lại.")


def may_review(s: Session, p: Principal, unit_id: int) -> bool:
    """Whether the person reviews (accepts, corrects, rejects) the unit's items (one query
    that loads no Unit: the register asks on every page)."""
    return rules.REVIEW in access.actions_at(p, access.unit_scope(s, p, unit_id).chain)


def _kind(item: Target | Task) -> str:
    return "target" if isinstance(item, Target) else "task"


def snapshot(item: Target | Task) -> dict[str, Any]:
    """The item's reviewable values, for the audit history."""
    data = items.row_json(item)
    data.pop("milestones", None)
    if isinstance(item, Target):
        data["milestones"] = "; ".join(f"{m.year}: {m.value}" for m in item.milestones)
        data["period_start"], data["period_end"] = item.period_start, item.period_end
    else:
        data["due_text"], data["due_date"] = item.due_text, item.due_date
        data["due_recurrence"] = item.due_recurrence
    data.pop("due", None)
    data.pop("period", None)
    data["review"] = item.review
    return data


def _guarded(s: Session, p: Principal, ref: str, version: int | None) -> Target | Task:
    item = access.item(s, p, ref, rules.REVIEW)
    check_version("mục", items.ref_of(item), item.version, version)
    return item


def _audited(s: Session, p: Principal, item: Target | Task, before: dict[str, Any]) -> None:
    audit.record_changes(s, p, item.plan.unit_id, _kind(item), item.id, before,
                         snapshot(item))


def accept(s: Session, p: Principal, ref: str, version: int | None) -> Target | Task:
    item = _guarded(s, p, ref, version)
    before = snapshot(item)
    review.accept(s, items.ref_of(item))
    _audited(s, p, item, before)
    return item


def reject(s: Session, p: Principal, ref: str, version: int | None) -> Target | Task:
    item = _guarded(s, p, ref, version)
    before = snapshot(item)
    review.reject(s, items.ref_of(item))
    _audited(s, p, item, before)
    return item


def correct(s: Session, p: Principal, ref: str, version: int | None,
            changes: Mapping[str, Any]) -> Target | Task:
    """Save what the person typed; only fields whose value differs are written."""
    item = _guarded(s, p, ref, version)
    before = snapshot(item)
    changed = {k: v for k, v in changes.items() if _differs(before.get(k), v)}
    if not changed:
        raise BadInput("không có trường nào thay đổi.")
    review.correct(s, items.ref_of(item), changed)
    after = snapshot(item)
    if {**after, "review": None} == {**before, "review": None}:  # '9,5' typed over 9.5
        raise BadInput("không có trường nào thay đổi.")
    _audited(s, p, item, before)
    return item


def _differs(old: Any, typed: Any) -> bool:
    if isinstance(old, list):
        old = "; ".join(str(x) for x in old)
    old_text = "" if old is None else str(old)
    if isinstance(old, bool):
        old_text = "1" if old else "0"
    if isinstance(old, float) and old.is_integer():  # inf/nan from a former version: text
        old_text = str(int(old))
    if isinstance(old, float) and isinstance(typed, str) and typed.strip():
        try:  # the form shows 47,6 for a stored 47.6: the same number is no change
            return read_number(typed) != old
        except NotANumber:
            return True
    return " ".join(old_text.split()) != " ".join(str(typed or "").split())


def accept_all(s: Session, p: Principal, plan_id: int, version: int | None) -> int:
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    check_version("kế hoạch", f"số {plan.id}", plan.version, version)
    waiting = [i for i in plan.items if i.review == "proposed"]
    count = review.accept_all(s, plan.id)
    for item in waiting:
        audit.record(s, p, plan.unit_id, _kind(item), item.id, "review", "proposed",
                     item.review)
    return count


def activate(s: Session, p: Principal, plan_id: int, version: int | None) -> Plan:
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    check_version("kế hoạch", f"số {plan.id}", plan.version, version)
    before = plan.status
    old = review.get_plan(s, plan.revises_id) if plan.revises_id else None
    closes = old.id if old is not None and old.status != "closed" else None
    done = review.activate(s, plan.id)
    audit.record(s, p, plan.unit_id, "plan", plan.id, "status", before, plan.status,
                 detail=activation_detail(s, done, closes))
    return plan


def activation_detail(s: Session, done: review.Activation, closes: int | None
                      ) -> dict[str, Any]:
    """What an undo of an activation needs: the version it closed, the rows it moved from
    there (and their places), and how many reports the plan's items had at that moment
    (the moved rows bring theirs; a report made later forbids the undo)."""
    return {"closed_plan": closes, "carried_over": done.carried_over, "moves": done.moves,
            "reports": progress_repo.reports_on_plan(s, done.plan_id)}


def close(s: Session, p: Principal, plan_id: int, version: int | None) -> Plan:
    """Close a live plan (it stops taking reports); audited, so it can be reopened."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    check_version("kế hoạch", f"số {plan.id}", plan.version, version)
    if plan.status != "active":
        raise Conflict(f"kế hoạch số {plan.id} đang là "
                       f"'{plans.STATUS_LABELS[plan.status]}'; chỉ đóng được "
                       "kế hoạch đang thực hiện.")
    review.close(s, plan.id)
    audit.record(s, p, plan.unit_id, "plan", plan.id, "status", "active", "closed")
    return plan


def _created(s: Session, p: Principal, item: Target | Task, detail: dict[str, Any]) -> None:
    """A new item in the history: its review None → 'added' (a revert rejects it), then
    the values it was given."""
    audit.record(s, p, item.plan.unit_id, _kind(item), item.id, "review", None, "added",
                 detail=detail)
    after = snapshot(item)
    after.pop("review")
    audit.record_changes(s, p, item.plan.unit_id, _kind(item), item.id, {}, after)


def add_item(s: Session, p: Principal, plan_id: int, kind: str,
             values: Mapping[str, Any]) -> Target | Task:
    """An item the reader missed, typed (or selected in the source text) by the person."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    item = review.add_item(s, plan.id, kind, values)
    _created(s, p, item, {"added_to": plan.id})
    return item


def split(s: Session, p: Principal, ref: str, version: int | None,
          second_part: str) -> tuple[Target | Task, Target | Task]:
    """Two commitments read as one: the item keeps its head, a new item takes the tail."""
    item = _guarded(s, p, ref, version)
    before = snapshot(item)
    first, second = edits.split(s, items.ref_of(item), second_part)
    _audited(s, p, first, before)
    _created(s, p, second, {"split_from": items.ref_of(first)})
    return first, second


def merge(s: Session, p: Principal, ref: str, version: int | None,
          other_ref: str) -> Target | Task:
    """One commitment read as two: the other item joins this one and is rejected."""
    keep = _guarded(s, p, ref, version)
    try:
        other = access.item(s, p, other_ref.strip(), rules.REVIEW)
    except (BadInput, NotFound) as exc:  # a mistyped code: said beside the field
        raise FieldError(exc.message, field="other") from None
    before, other_before = snapshot(keep), other.review
    edits.merge(s, items.ref_of(keep), items.ref_of(other))
    _audited(s, p, keep, before)
    audit.record(s, p, other.plan.unit_id, _kind(other), other.id, "review", other_before,
                 other.review, detail={"merged_into": items.ref_of(keep)})
    return keep


def correct_plan(s: Session, p: Principal, plan_id: int, version: int | None,
                 changes: Mapping[str, Any]) -> Plan:
    """Fix the plan's number, date, issuer, title, term or kind; only what differs is
    written, each field audited before/after."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    check_version("kế hoạch", f"số {plan.id}", plan.version, version)
    before = edits.plan_facts(plan)
    edits.correct_plan(s, plan.id, changes)
    after = edits.plan_facts(plan)
    if after == before:
        raise BadInput("không có trường nào thay đổi.")
    audit.record_changes(s, p, plan.unit_id, "plan", plan.id, before, after)
    return plan


def deletion(s: Session, p: Principal, plan_id: int) -> dict[str, Any]:
    """What deleting the draft would remove, or what stops it (nothing is changed)."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    blockers = [f"{n} {edits.DEPENDENT_LABELS[k]}"
                for k, n in repo.dependents(s, plan.id).items()]
    if plan.status != "draft":
        blockers.insert(0, "kế hoạch không còn là bản nháp (hãy đóng thay vì xóa)")
    return {"plan": plans.plan_summary(plan), "version": plan.version,
            "unit_id": plan.unit_id, "targets": len(plan.targets), "tasks": len(plan.tasks),
            "blockers": blockers}


def delete_draft(s: Session, p: Principal, plan_id: int, version: int | None
                 ) -> dict[str, Any]:
    """Delete a draft nothing depends on; the history keeps what it was."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    check_version("kế hoạch", f"số {plan.id}", plan.version, version)
    unit_id = plan.unit_id
    gone = edits.delete_draft(s, plan.id)
    audit.record(s, p, unit_id, "plan", gone["id"], "deleted", "draft", None, detail=gone)
    return gone | {"unit_id": unit_id}
