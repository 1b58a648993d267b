"""Recording progress: actual values of targets, updates of tasks, baselines, calendars.

Only items of active plans take reports (a draft is still being reviewed, a closed plan is
history). A value is stored in the target's own unit, with what the person typed kept
beside it. Records are never changed: reporting a (target, period) again is a correction
that names the record it replaces, and `history` shows them all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, Conflict, NotFound
from theodoi.domain.periods import Period, parse_period
from theodoi.domain.status import TASK_STATE_LABELS
from theodoi.services import calendars
from theodoi.services.history import audit
from theodoi.services.progress import locks, values
from theodoi.services.register import items
from theodoi.storage.models import Plan, ProgressRecord, Target, Task, TaskUpdate
from theodoi.storage.repositories import progress as repo

Evidence = tuple[str, bytes]


@dataclass
class RecordRow:
    """A progress record as the edges show it; `current` marks the one that counts."""

    id: int
    ref: str
    period: str
    period_label: str
    period_end: date
    value: float
    value_of: float | None
    entered_value: float | None
    entered_unit: str | None
    unit: str | None
    note: str | None
    evidence_id: int | None  # the stored file, opened at /tep/<id>
    evidence: str | None  # its name
    corrects: int | None
    recorded_by: str | None
    recorded_at: datetime
    current: bool = True


@dataclass
class UpdateRow:
    """A task update as the edges show it."""

    id: int
    ref: str
    period: str | None
    reported_on: date
    state: str
    percent: float | None
    completed_on: date | None
    product: str | None
    explanation: str | None
    recorded_by: str | None
    recorded_at: datetime
    evidence_id: int | None = None  # the product file (the signed plan), at /tep/<id>
    evidence: str | None = None  # its name


def live_item(item: Target | Task) -> Target | Task:
    """The item, if its plan is being implemented and the item was not rejected."""
    ref = items.ref_of(item)
    if item.plan.status != "active":
        state = "bản nháp" if item.plan.status == "draft" else "đã đóng"
        raise Conflict(f"mục {ref} thuộc kế hoạch số {item.plan_id} đang là {state}; chỉ "
                       "nhập số liệu cho kế hoạch đang thực hiện.")
    if item.review not in repo.LIVE_REVIEWS:
        raise Conflict(f"mục {ref} đã bị loại khi rà soát; không nhập số liệu.")
    return item


def live_target(s: Session, ref: str) -> Target:
    item = items.get_item(s, ref)
    if not isinstance(item, Target):
        raise BadInput(f"{ref} là nhiệm vụ; số liệu chỉ nhập cho chỉ tiêu (t<số>)", steps={
            "cli": "nhiệm vụ dùng `theodoi progress task`.",
            "web": f"tiến độ của nhiệm vụ ghi ở trang của nhiệm vụ {ref}."})
    live_item(item)
    return item


def live_task(s: Session, ref: str) -> Task:
    item = items.get_item(s, ref)
    if not isinstance(item, Task):
        raise BadInput(f"{ref} là chỉ tiêu; tiến độ nhiệm vụ chỉ ghi cho nhiệm vụ (k<số>).")
    live_item(item)
    return item


def is_milestone(t: Target) -> bool:
    return t.kind == "milestone" or (t.value is None and t.kind != "plan_relative")


def record_progress(s: Session, ref: str, period_text: str, value_text: str | float, *,
                    unit: str | None = None, value_of: str | float | None = None,
                    note: str | None = None, attachment: Evidence | None = None,
                    by: str | None = None, at: datetime | None = None) -> RecordRow:
    """Store the actual value of target `ref` for a period; a repeat corrects the previous.
    A locked period (`locks`) refuses (Conflict) and stores nothing.

    `at` is when it was recorded (default now); completeness compares it with the due date.
    """
    target = live_target(s, ref)
    period = parse_period(period_text)
    locks.check_open(s, target.plan.unit_id, period.key)
    entered, value, whole = typed_value(target, value_text, unit, value_of)
    previous = repo.current(s, target.id, period.key)
    row = ProgressRecord(target_id=target.id, period_key=period.key, period_end=period.end,
                         value=value, value_of=whole, entered_value=entered,
                         entered_unit=" ".join(unit.split()) if unit else None,
                         note=(note or "").strip() or None, recorded_by=by,
                         corrects_id=previous.id if previous else None,
                         attachment_id=_store(s, attachment))
    if at is not None:
        row.recorded_at = at
    # the history keeps the previous record; status reads only the new one
    if (previous is not None and not repo.supersede(s, previous.id)) \
            or not repo.add_record(s, row):
        raise Conflict(f"kỳ {period.label} của {ref} vừa được người khác ghi số liệu; không "
                       "có gì bị ghi đè. Hãy tải lại trang, xem số liệu mới rồi làm lại.")
    _audit_record(s, target, row, by)
    return _record_row(row, target, names={row.attachment_id: attachment[0]}
                       if attachment and row.attachment_id else None)


def typed_value(target: Target, value_text: str | float, unit: str | None,
                value_of: str | float | None) -> tuple[float, float, float | None]:
    """(as typed, in the target's unit, whole) of a figure typed for `target`, checked
    against its kind (BadInput in Vietnamese otherwise); nothing is stored."""
    entered, whole = read_value(target, value_text, value_of)
    value = values.to_target_unit(entered, unit, target.unit) if unit else entered
    if whole is not None and unit and target.kind == "plan_relative":
        whole = values.to_target_unit(whole, unit, target.unit)
    return entered, value, whole


def _audit_record(s: Session, target: Target, row: ProgressRecord, by: str | None) -> None:
    """The record in the audit history, with the record it replaced, so it can be undone
    (`detail`: `current` is the record that counts after this change, `restore` the one
    an undo makes current again)."""
    previous = repo.record(s, row.corrects_id) if row.corrects_id else None
    audit.record(s, None, target.plan.unit_id, "progress", row.id, "value",
                 None if previous is None else previous.value, row.value, username=by,
                 detail={"target": target.id, "period": row.period_key, "current": row.id,
                         "restore": row.corrects_id})


def read_value(t: Target, raw: str | float, of: str | float | None
                ) -> tuple[float, float | None]:
    """(value, whole) from what was typed, checked against the kind of target."""
    if is_milestone(t):
        if of is not None:
            raise BadInput("chỉ tiêu dạng mốc không nhận giá trị dạng x/y.")
        return values.milestone(raw), None
    pair = values.fraction(raw) if isinstance(raw, str) else None
    if pair is not None and of is not None:
        raise BadInput(f"'{raw}' đã có mẫu số", steps={
            "cli": "không ghi thêm --of.", "web": "không ghi thêm tổng số."})
    whole = pair[1] if pair else (values.number(of, "mẫu số") if of is not None else None)
    if whole is not None and t.value_of is None and t.kind != "plan_relative":
        raise BadInput(f"chỉ tiêu {items.ref_of(t)} không tính theo dạng x/y; hãy nhập một "
                       "số.")
    if whole is not None and whole <= 0:
        raise BadInput("mẫu số phải lớn hơn 0.")
    return (pair[0] if pair else values.number(raw)), whole


def _store(s: Session, attachment: Evidence | None) -> int | None:
    if attachment is None:
        return None
    name, content = attachment
    return repo.add_attachment(s, hashlib.sha256(content).hexdigest(), name, content).id


def _record_row(r: ProgressRecord, t: Target, current: bool = True,
                names: dict[int, str] | None = None) -> RecordRow:
    period = parse_period(r.period_key)
    name = None if r.attachment_id is None else (names or {}).get(r.attachment_id)
    return RecordRow(r.id, items.ref_of(t), r.period_key, period.label, r.period_end, r.value,
                     r.value_of, r.entered_value, r.entered_unit, t.unit, r.note,
                     r.attachment_id, name, r.corrects_id, r.recorded_by, r.recorded_at,
                     current)


def history(s: Session, ref: str) -> list[RecordRow]:
    """Every record of target `ref`, oldest first; `current` on the one of each period no
    later record superseded."""
    item = items.get_item(s, ref)
    if not isinstance(item, Target):
        raise BadInput(f"{ref} là nhiệm vụ; lịch sử số liệu chỉ có ở chỉ tiêu.")
    rows = repo.records_of(s, item.id)
    names = repo.attachment_names(s, {r.attachment_id for r in rows if r.attachment_id})
    return [_record_row(r, item, not r.superseded, names) for r in rows]


def set_baseline(s: Session, ref: str, value: str | float, year: int) -> Target:
    """The level the target starts from (năm gốc); the expected line is drawn from it."""
    item = items.get_item(s, ref)
    if not isinstance(item, Target):
        raise BadInput(f"{ref} là nhiệm vụ; chỉ chỉ tiêu mới có số liệu gốc.")
    if item.plan.status == "closed":
        raise Conflict(f"kế hoạch số {item.plan_id} đã đóng.")
    if not 1900 <= year <= 2100:
        raise BadInput(f"năm gốc {year} không hợp lệ.")
    deadline = item.deadline_year or item.plan.term_end
    if deadline is not None and year >= deadline:
        raise BadInput(f"năm gốc {year} phải trước năm đến hạn {deadline} của chỉ tiêu.")
    item.baseline_value, item.baseline_year = values.number(value, "số liệu gốc"), year
    s.flush()
    return item


def set_calendar(s: Session, plan_id: int, every: str, due_days: int) -> Plan:
    """One stream: how often the plan is reported on, due `due_days` after each period
    (`theodoi plan calendar --every … --due-days …`; services.calendars for several)."""
    if not 0 <= due_days <= 120:
        raise BadInput(f"hạn báo cáo {due_days} ngày không hợp lệ; dùng 0 đến 120 ngày.")
    return calendars.set_streams(s, plan_id, [calendars.read_stream(every, due_days)])


def report_period(plan: Plan, on: date) -> Period:
    """The period a report made on `on` is filed under (services.calendars)."""
    return calendars.report_period(plan, on)


def update_task(s: Session, ref: str, state: str, *, on: date,
                percent: str | float | None = None, completed_on: date | None = None,
                product: str | None = None, explanation: str | None = None,
                period_text: str | None = None, attachment: Evidence | None = None,
                by: str | None = None) -> UpdateRow:
    """Record where task `ref` stands on day `on`, with its product file if one is given;
    'hoàn thành' needs a completion day (default `on`) and at most 100 %, which is what
    it means."""
    task = live_task(s, ref)
    code, share, completed_on = check_task_update(state, percent, completed_on, on)
    period = parse_period(period_text) if period_text else report_period(task.plan, on)
    row = TaskUpdate(task_id=task.id, period_key=period.key, reported_on=on, state=code,
                     percent=share, completed_on=completed_on,
                     product=(product or "").strip() or None,
                     explanation=(explanation or "").strip() or None, recorded_by=by,
                     attachment_id=_store(s, attachment))
    repo.add(s, row)
    audit.record(s, None, task.plan.unit_id, "task_update", row.id, "update", None,
                 TASK_STATE_LABELS[code],
                 detail={"task": task.id, "withdrawn": False}, username=by)
    names = {row.attachment_id: attachment[0]} if attachment and row.attachment_id else None
    return _update_row(row, task, names)


def check_task_update(state: str, percent: str | float | None, completed_on: date | None,
                      on: date) -> tuple[str, float | None, date | None]:
    """(state code, percent, completion day) of a task update, or BadInput saying why not."""
    code = values.task_state(state)
    share = values.percent(percent)
    if code == "hoan_thanh":
        completed_on = completed_on or on
        if share is not None and share < 100:
            raise BadInput(f"nhiệm vụ đã hoàn thành thì tỷ lệ là 100%, không phải {share:g}%.")
    elif completed_on is not None:
        raise BadInput("ngày hoàn thành chỉ ghi khi trạng thái là 'Hoàn thành'.")
    if completed_on is not None and completed_on > on:
        raise BadInput("ngày hoàn thành không thể sau ngày báo cáo.")
    return code, share, completed_on


def _update_row(u: TaskUpdate, task: Task, names: dict[int, str] | None = None) -> UpdateRow:
    name = None if u.attachment_id is None else (names or {}).get(u.attachment_id)
    return UpdateRow(u.id, items.ref_of(task), u.period_key, u.reported_on, u.state, u.percent,
                     u.completed_on, u.product, u.explanation, u.recorded_by, u.recorded_at,
                     u.attachment_id, name)


def task_history(s: Session, ref: str) -> list[UpdateRow]:
    """Every update of task `ref`, by day reported."""
    item = items.get_item(s, ref)
    if not isinstance(item, Task):
        raise BadInput(f"{ref} là chỉ tiêu; dùng lịch sử số liệu.")
    rows = repo.updates_of(s, item.id)
    names = repo.attachment_names(s, {u.attachment_id for u in rows if u.attachment_id})
    return [_update_row(u, item, names) for u in rows]


def withdraw_record(s: Session, current_id: int | None, restore_id: int | None) -> None:
    """Undo a recorded value: record `current_id` stops counting and `restore_id` (the one
    it replaced, if any) counts again. Superseded first and written, then restored, so the
    (target, period) never has two current records, inside the caller's transaction."""
    if current_id is not None and repo.record(s, current_id) is not None \
            and not repo.supersede(s, current_id):  # guarded: written at once
        raise Conflict(f"số liệu số {current_id} vừa được người khác thay đổi; không có gì "
                       "bị ghi đè. Hãy tải lại trang rồi làm lại.")
    if restore_id is not None:
        old = repo.record(s, restore_id)
        if old is not None:
            repo.restore(s, old)


def set_withdrawn(s: Session, update_id: int, withdrawn: bool) -> TaskUpdate:
    """Withdraw a task update (kept, no longer counted) or bring it back."""
    row = repo.task_update(s, update_id)
    if row is None:
        raise NotFound(f"không có báo cáo tiến độ số {update_id}.")
    row.withdrawn = withdrawn
    s.flush()
    return row

