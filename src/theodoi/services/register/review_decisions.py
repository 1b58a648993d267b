"""Review of a plan's items, then activation.

Every imported item starts *proposed*. A person accepts it, corrects it (the extractor's
proposal stays in `original` beside the corrected values), rejects it, or adds an item the
extractor missed. A plan goes live (`activate`) once every item has a decision; items of
a closed plan cannot be changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import fields as F
from theodoi.domain import labels
from theodoi.domain.errors import BadInput, Conflict, FieldError, NotFound
from theodoi.services.instructions import tracking as instructions
from theodoi.services.register import agencies, items, revisions
from theodoi.storage.models import Milestone, Plan, Target, Task, utcnow
from theodoi.storage.repositories import plans as repo

ASSIGNMENT_FIELDS = {"lead_agency": "lead", "co_agencies": "co", "leader": "leader",
                     "advisory_agency": "advisory"}


def get_plan(s: Session, plan_id: int) -> Plan:
    plan = repo.get(s, plan_id)
    if plan is None:
        raise NotFound(f"không có kế hoạch số {plan_id}.")
    return plan


def editable(item: Target | Task) -> Target | Task:
    """The item, when its plan may still be changed (not closed)."""
    if item.plan.status == "closed":
        raise Conflict(f"kế hoạch số {item.plan_id} đã đóng; không sửa được mục "
                       f"{items.ref_of(item)}.")
    return item


def accept(s: Session, ref: str) -> Target | Task:
    item = editable(items.get_item(s, ref))
    if item.review in ("proposed", "rejected"):
        item.review = "accepted"
    item.reviewed_at = utcnow()
    s.flush()
    return item


def reject(s: Session, ref: str) -> Target | Task:
    item = editable(items.get_item(s, ref))
    item.review = "rejected"
    item.reviewed_at = utcnow()
    s.flush()
    return item


def correct(s: Session, ref: str, changes: Mapping[str, Any]) -> Target | Task:
    """Set fields of an item as a person typed them; every value is checked first."""
    item = editable(items.get_item(s, ref))
    kind = "target" if isinstance(item, Target) else "task"
    plain, people, miles = _parse(kind, changes)
    if isinstance(item, Target) and set(plain) & set(RANGE_FIELDS):
        check_range({**{n: getattr(item, n) for n in RANGE_FIELDS}, **plain})
    for name, value in plain.items():
        setattr(item, name, value)
    for role, names in people.items():
        _assign(s, item, role, names)
    if miles is not None and isinstance(item, Target):
        item.milestones = [Milestone(year=y, value=v) for y, v in sorted(miles.items())]
    if item.review != "added":
        item.review = "corrected"
    item.reviewed_at = utcnow()
    s.flush()
    return item


RANGE_FIELDS = ("comparator", "value", "value_max")


def check_range(values: Mapping[str, Any]) -> None:
    """A range ('từ 9,5 đến 10 %') needs both ends, the low one first."""
    if values.get("comparator") != "between":
        return
    low, high = values.get("value"), values.get("value_max")
    if low is None:
        raise FieldError("khoảng giá trị cần giá trị thấp (từ …).", field="value")
    if high is None:
        raise FieldError("khoảng giá trị cần giá trị cao (đến …).", field="value_max")
    if high < low:
        raise FieldError("giá trị cao của khoảng phải không nhỏ hơn giá trị thấp.",
                         field="value_max")


def _parse(kind: str, changes: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]],
                                                           dict[int, float | None] | None]:
    """Split typed changes into plain fields, assignments and milestones, all validated."""
    if not changes:
        raise BadInput("chưa có trường nào để sửa", steps={
            "cli": "dùng --set tên=giá_trị.", "web": "hãy nhập giá trị mới vào ô cần sửa."})
    plain, people, miles = {}, {}, None
    for name, raw in changes.items():
        if name in ASSIGNMENT_FIELDS:
            people[ASSIGNMENT_FIELDS[name]] = _names(raw)
        elif name == "milestones" and kind == "target":
            try:
                miles = parse_milestones(str(raw or ""))
            except BadInput as exc:  # shown beside the roadmap field, not the year's
                raise FieldError(f"lộ trình: {exc.message}", field="milestones") from None
        else:
            plain[name] = F.coerce(kind, name, raw)
    return plain, people, miles


def _names(raw: Any) -> list[str]:
    if isinstance(raw, list | tuple):
        return [" ".join(str(x).split()) for x in raw if str(x).strip()]
    return [" ".join(p.split()) for p in str(raw or "").split(";") if p.strip()]


def parse_milestones(text: str) -> dict[int, float | None]:
    """'2026: 125; 2027: 130' -> {2026: 125.0, 2027: 130.0}; '2027' alone has no value."""
    miles: dict[int, float | None] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        year_text, _, value_text = part.partition(":")
        year = F.coerce("target", "deadline_year", year_text)
        value = F.coerce("target", "value", value_text) if value_text.strip() else None
        if year in miles:
            raise BadInput(f"lộ trình có năm {year} hai lần.")
        miles[year] = value
    return miles


def _assign(s: Session, item: Target | Task, role: str, names: list[str]) -> None:
    """Replace the item's `role` assignments with `names`, resolved in the directory."""
    if role in ("lead", "leader", "advisory") and len(names) > 1:
        raise BadInput("chỉ một cơ quan chủ trì (hoặc một người chủ trì, một cơ quan tham "
                       "mưu) cho mỗi mục.")
    item.assignments = [a for a in item.assignments if a.role != role]
    directory = agencies.Directory(s, item.plan.unit)
    for i, name in enumerate(names):
        agency = None if role == "leader" else directory.resolve(name)
        item.assignments.append(items.assignment(role, name, i, agency))


def add_item(s: Session, plan_id: int, kind: str, values: Mapping[str, Any]) -> Target | Task:
    """An item the extractor missed, typed by a person; review state `added`."""
    plan = get_plan(s, plan_id)
    if plan.status == "closed":
        raise Conflict(f"kế hoạch số {plan_id} đã đóng; không thêm được mục.")
    F.fields_of(kind)
    for required in F.REQUIRED[kind]:
        if not str(values.get(required) or "").strip():
            raise FieldError(f"cần {F.fields_of(kind)[required][2]} ({required}=…).",
                             field=required)
    values = dict(values)
    span = span_of(values.pop("span_start", None), values.pop("span_end", None))
    item: Target | Task
    if kind == "target":
        item = Target(review="added", position=len(plan.targets))
        plan.targets.append(item)
    else:
        item = Task(review="added", position=len(plan.tasks))
        plan.tasks.append(item)
    item.span_start, item.span_end = span
    s.flush()
    changes = dict(values)
    if not str(changes.get("text") or "").strip():
        changes["text"] = values.get("indicator") or values.get("title")
    return correct(s, items.ref_of(item), changes)


def span_of(start: Any, end: Any) -> tuple[int | None, int | None]:
    """Where an added item stands in the source text (characters start..end), chosen by
    selecting it on the review page; none when the person typed the item without one."""
    if start in (None, "") and end in (None, ""):
        return None, None
    try:
        low, high = int(str(start)), int(str(end))
    except ValueError:
        raise FieldError("vị trí trong văn bản gốc không hợp lệ; hãy chọn lại đoạn văn.",
                         field="span") from None
    if not 0 <= low < high:
        raise FieldError("đoạn chọn trong văn bản gốc bị trống; hãy chọn lại đoạn văn.",
                         field="span")
    return low, high


def accept_all(s: Session, plan_id: int) -> int:
    """Accept every item still proposed; returns how many."""
    plan = get_plan(s, plan_id)
    count = 0
    for item in plan.items:
        if item.review == "proposed":
            item.review, item.reviewed_at = "accepted", utcnow()
            count += 1
    s.flush()
    return count


@dataclass
class Activation:
    plan_id: int
    accepted_now: int
    carried_over: int
    moves: list[dict[str, Any]]
    closed_plan: int | None


def activate(s: Session, plan_id: int, *, accept_rest: bool = False) -> Activation:
    """Make a reviewed draft the live plan; a revision replaces and closes its old version."""
    plan = get_plan(s, plan_id)
    if plan.status != "draft":
        raise Conflict(f"kế hoạch số {plan_id} đang ở trạng thái "
                       f"'{labels.lower('plan_status', plan.status)}', không phải bản nháp.")
    waiting = [i for i in plan.items if i.review == "proposed"]
    if waiting and not accept_rest:
        raise Conflict(f"còn {len(waiting)} mục chưa rà soát (ví dụ "
                       f"{', '.join(items.ref_of(i) for i in waiting[:5])})", steps={
                           "cli": "rà soát hết hoặc dùng --accept-rest.",
                           "web": "rà soát hết, hoặc bấm “Chấp nhận tất cả mục chờ rà soát” "
                                  "rồi “Đưa vào thực hiện”."})
    accepted = accept_all(s, plan_id) if waiting else 0
    moves = revisions.carry_over(s, plan)
    plan.status, plan.activated_at = "active", utcnow()
    s.flush()
    instructions.create_for_plan(s, plan)  # a task addressed to every commune: one each
    return Activation(plan.id, accepted, len(moves), moves, plan.revises_id)


def close(s: Session, plan_id: int) -> Plan:
    plan = get_plan(s, plan_id)
    plan.status = "closed"
    s.flush()
    return plan


def reopen(s: Session, plan_id: int) -> Plan:
    """Undo a close: the plan takes reports again, unless a newer version replaced it."""
    plan = get_plan(s, plan_id)
    if plan.status != "closed":
        raise Conflict(f"kế hoạch số {plan_id} hiện không ở trạng thái đã đóng.")
    newer = [p for p in repo.open_plans(s, plan.unit_id) if p.revises_id == plan.id
             and p.status == "active"]
    if newer:
        raise Conflict(f"kế hoạch số {newer[0].id} là phiên bản mới đang thực hiện thay kế "
                       f"hoạch số {plan_id}; hãy hoàn tác việc đưa nó vào thực hiện.")
    plan.status = "active"
    s.flush()
    return plan


def restore_review(s: Session, ref: str, state: str) -> Target | Task:
    """Put an item's review decision back (a revert); an item of a live plan cannot go
    back to 'proposed', which activation ruled out."""
    item = editable(items.get_item(s, ref))
    if state == "proposed" and item.plan.status != "draft":
        raise Conflict(f"kế hoạch số {item.plan_id} đang thực hiện; mục {ref} không thể "
                       "trở lại 'chờ rà soát'.")
    item.review, item.reviewed_at = state, utcnow()
    s.flush()
    return item


def deactivate(s: Session, plan_id: int, reopen: int | None,
               moves: list[dict[str, Any]] | None = None) -> Plan:
    """Undo an activation: the plan is a draft again, the rows it took over from the
    version it closed (`moves`) go back, and that version (`reopen`) is live again. The
    caller checks that nothing was reported on it meanwhile."""
    plan = get_plan(s, plan_id)
    if plan.status != "active":
        raise Conflict(f"kế hoạch số {plan_id} không còn đang thực hiện.")
    plan.status, plan.activated_at = "draft", None
    revisions.move_back(s, plan, moves or [])
    if reopen is not None:
        old = get_plan(s, reopen)
        if old.status != "closed":
            raise Conflict(f"kế hoạch số {reopen} không còn ở trạng thái đã đóng.")
        old.status = "active"
    s.flush()
    return plan

