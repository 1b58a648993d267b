"""Review edits beyond one item's fields: split an item in two, merge two into one, fix the
plan's own facts (number, date, issuer, term, kind), delete a draft nothing depends on.

What extraction gets wrong is not only a value: two commitments read as one sentence, one
commitment read as two, a document number misread. These are the rules of each fix; the
signed-in, audited versions are in `services.register.review_guarded`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from theodoi.domain import fields as F
from theodoi.domain.errors import Conflict, FieldError
from theodoi.services.register import items
from theodoi.services.register.review_decisions import editable, get_plan
from theodoi.storage.models import Milestone, Plan, Target, Task, utcnow
from theodoi.storage.repositories import plans as repo

Row = TypeVar("Row", Target, Task)
# what stands on a plan, in words, for the refusal to delete it
DEPENDENT_LABELS = {"revisions": "phiên bản sửa đổi dựa trên nó",
                    "bases": "văn bản khác lấy nó làm căn cứ",
                    "records": "số liệu đã nhập", "updates": "cập nhật tiến độ nhiệm vụ",
                    "explanations": "yêu cầu giải trình",
                    "links": "liên kết chỉ tiêu đã xác nhận"}


def split(s: Session, ref: str, second_part: str) -> tuple[Target | Task, Target | Task]:
    """Cut an item's text where `second_part` begins; the tail becomes a new item right
    after it, with the same assignments and values, to be corrected as needed."""
    item = editable(items.get_item(s, ref))
    cut = " ".join(second_part.split())
    at = item.text.find(cut) if cut else -1
    if at <= 0:
        raise FieldError("hãy chép đúng đoạn mở đầu mục thứ hai, lấy từ nội dung của mục "
                         "(không phải đoạn đầu tiên).", field="second_part")
    head, tail = item.text[:at].strip(), item.text[at:].strip()
    twin = _copy(item, tail)
    item.text = head
    _cut_name(item, cut, head)
    if item.span_start is not None and item.span_end is not None:
        middle = min(item.span_start + at, item.span_end)
        twin.span_start, twin.span_end = middle, item.span_end
        item.span_end = middle
    if item.review != "added":
        item.review = "corrected"
    item.reviewed_at = utcnow()
    s.flush()
    return item, twin


def _copy(item: Target | Task, text: str) -> Target | Task:
    """A new item of the same kind after `item`: its values and assignments, `text`."""
    twin: Target | Task
    if isinstance(item, Target):
        twin = Target(indicator=text)
        items.fill_target(twin, {**items.row_json(item), "text": text, "indicator": text,
                                 "milestones": []})
    else:
        twin = Task()
        items.fill_task(twin, {**items.row_json(item), "text": text, "title": text})
    twin.review, twin.reviewed_at, twin.section = "added", utcnow(), item.section
    twin.assignments = [items.assignment(a.role, a.name, a.position, a.agency)
                        for a in item.assignments]
    if isinstance(item, Target) and isinstance(twin, Target):
        _after(item.plan.targets, item, twin)
    elif isinstance(item, Task) and isinstance(twin, Task):
        _after(item.plan.tasks, item, twin)
    return twin


def _after(rows: list[Row], item: Row, twin: Row) -> None:
    """`twin` right after `item` in its plan's list, positions renumbered."""
    rows.insert(rows.index(item) + 1, twin)
    for position, row in enumerate(rows):
        row.position = position


def _cut_name(item: Target | Task, cut: str, head: str) -> None:
    """The first item's name loses the second's words (a name that held both)."""
    name = "indicator" if isinstance(item, Target) else "title"
    current = getattr(item, name) or ""
    at = current.find(cut)
    if at > 0:
        setattr(item, name, current[:at].strip(" ,;.") or head)
    elif at == 0:
        setattr(item, name, head)


def merge(s: Session, keep_ref: str, other_ref: str) -> tuple[Target | Task, Target | Task]:
    """One commitment read as two: `other` joins `keep` (text, span, co-agencies, roadmap
    years `keep` lacks; its name too when the name is its sentence) and is rejected, so
    its decision can be reverted from the history."""
    keep = editable(items.get_item(s, keep_ref))
    other = editable(items.get_item(s, other_ref))
    if type(keep) is not type(other) or keep.plan_id != other.plan_id or keep is other:
        raise FieldError("chỉ gộp được hai chỉ tiêu (hoặc hai nhiệm vụ) khác nhau của cùng "
                         "một kế hoạch.", field="other")
    if other.review == "rejected":
        raise Conflict(f"mục {other_ref} đã bị loại; không gộp được.")
    name = "indicator" if isinstance(keep, Target) else "title"
    current = getattr(keep, name) or ""
    if current and keep.text.endswith(current):  # the sentence (less its number) as name
        setattr(keep, name, f"{current} {_unnumbered(other)}".strip())
    keep.text = f"{keep.text} {other.text}".strip()
    spans = [(i.span_start, i.span_end) for i in (keep, other) if i.span_start is not None]
    if spans:
        keep.span_start = min(a for a, _ in spans)
        keep.span_end = max(b for _, b in spans if b is not None)
    _join_people(keep, other)
    if isinstance(keep, Target) and isinstance(other, Target):
        years = {m.year for m in keep.milestones}
        keep.milestones = sorted([*keep.milestones, *(Milestone(year=m.year, value=m.value)
                                  for m in other.milestones if m.year not in years)],
                                 key=lambda m: m.year)
    if keep.review != "added":
        keep.review = "corrected"
    other.review = "rejected"
    keep.reviewed_at = other.reviewed_at = utcnow()
    s.flush()
    return keep, other


def _unnumbered(item: Target | Task) -> str:
    """The item's name when it is read from its sentence, else its text."""
    name = (item.indicator if isinstance(item, Target) else item.title) or ""
    return name if name and item.text.endswith(name) else item.text


def _join_people(keep: Target | Task, other: Target | Task) -> None:
    """Everyone the other item names joins `keep`; its lead, when `keep` has one already,
    as a co-agency (one lead, one leader, one advisory body per item)."""
    known = {a.name for a in keep.assignments}
    for a in other.assignments:
        role = "co" if a.role == "lead" and items.names(keep, "lead") else a.role
        if a.name in known or (role in ("leader", "advisory") and items.names(keep, role)):
            continue
        position = len(items.names(keep, role))
        keep.assignments.append(items.assignment(role, a.name, position, a.agency))
        known.add(a.name)


def correct_plan(s: Session, plan_id: int, changes: Mapping[str, Any]) -> Plan:
    """Fix the plan's own facts as a person typed them; each value checked first."""
    plan = get_plan(s, plan_id)
    if plan.status == "closed":
        raise Conflict(f"kế hoạch số {plan_id} đã đóng; không sửa được.")
    typed = {name: F.coerce("plan", name, raw) for name, raw in changes.items()}
    if "kind" in typed and typed["kind"] is None:
        raise FieldError("cần chọn loại văn bản.", field="kind")
    start = typed.get("term_start", plan.term_start)
    end = typed.get("term_end", plan.term_end)
    if start is not None and end is not None and end < start:
        raise FieldError("năm kết thúc giai đoạn phải không trước năm bắt đầu.",
                         field="term_end")
    for name, value in typed.items():
        setattr(plan, name, value)
    s.flush()
    return plan


def plan_facts(plan: Plan) -> dict[str, Any]:
    """The plan's correctable facts as the audit history keeps them (a date as ISO
    text, which `correct_plan` reads back on a revert)."""
    facts = {name: getattr(plan, name) for name in F.PLAN_FIELDS}
    if facts["issued_on"] is not None:
        facts["issued_on"] = facts["issued_on"].isoformat()
    return facts


def delete_draft(s: Session, plan_id: int) -> dict[str, Any]:
    """Remove a draft (a duplicate upload, a wrong file) with its items; refused for a
    plan in use or one anything else stands on. Returns what was removed."""
    plan = get_plan(s, plan_id)
    if plan.status != "draft":
        raise Conflict(f"kế hoạch số {plan_id} không phải bản nháp; chỉ xóa được bản nháp. "
                       "Kế hoạch đang thực hiện thì đóng lại thay vì xóa.")
    found = repo.dependents(s, plan_id)
    if found:
        what = "; ".join(f"{n} {DEPENDENT_LABELS[k]}" for k, n in found.items())
        raise Conflict(f"kế hoạch số {plan_id} không xóa được vì còn {what}.")
    gone = {**plan_facts(plan), "id": plan.id, "source_name": plan.source_name,
            "targets": len(plan.targets), "tasks": len(plan.tasks)}
    repo.delete(s, plan)
    return gone
