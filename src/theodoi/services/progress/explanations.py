"""Explanation requests (yêu cầu giải trình): a leader asks about an item, its agency answers.

Answered requests are what a report's "tồn tại, hạn chế, nguyên nhân" is written from, so
listing returns the item's text and lead agency beside the question and the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, Conflict, NotFound
from theodoi.domain.periods import parse_period
from theodoi.services import reminders
from theodoi.services.progress.records import live_item
from theodoi.services.progress.status import lead_agency
from theodoi.services.register import items, units
from theodoi.storage.models import ExplanationRequest, Target, Task, utcnow
from theodoi.storage.repositories import progress as repo

STATE_LABELS = {"open": "chờ giải trình", "answered": "đã giải trình"}


@dataclass
class RequestRow:
    id: int
    ref: str
    item_text: str
    lead_agency: str | None
    period: str | None
    period_label: str | None
    question: str
    requested_by: str | None
    requested_at: datetime
    state: str
    answer: str | None
    answered_by: str | None
    answered_at: datetime | None
    version: int
    answer_due: date | None = None


def _row(r: ExplanationRequest, item: Target | Task) -> RequestRow:
    text = (item.indicator or item.text) if isinstance(item, Target) else (item.title
                                                                           or item.text)
    label = parse_period(r.period_key).label if r.period_key else None
    return RequestRow(r.id, items.ref_of(item), text, lead_agency(item), r.period_key, label,
                      r.question, r.requested_by, r.requested_at, r.state, r.answer,
                      r.answered_by, r.answered_at, r.version, r.answer_due)


def _text(raw: str, what: str) -> str:
    text = " ".join((raw or "").split())
    if not text:
        raise BadInput(f"{what} không được để trống.")
    return text


def request_explanation(s: Session, ref: str, question: str, by: str | None = None,
                        period_text: str | None = None) -> RequestRow:
    """Ask the lead agency of item `ref` (of an active plan) to explain it."""
    item = live_item(items.get_item(s, ref))
    period = parse_period(period_text) if period_text else None
    row = ExplanationRequest(question=_text(question, "câu hỏi"), requested_by=by,
                             period_key=period.key if period else None)
    if isinstance(item, Target):
        row.target_id = item.id
    else:
        row.task_id = item.id
    asked_on = utcnow().date()
    row.answer_due = reminders.answer_due(s, item.plan.unit_id, asked_on)
    repo.add(s, row)
    reminders.tell_agency(s, row, item, asked_on)  # in this transaction: told iff asked
    return _row(row, item)


def answer(s: Session, request_id: int, text: str, by: str | None = None,
           version: int | None = None) -> RequestRow:
    """Answer an open request; `version`, when given, must be the one the person read."""
    row = repo.explanation(s, request_id)
    if row is None:
        raise NotFound(f"không có yêu cầu giải trình số {request_id}.")
    if row.state != "open":
        raise Conflict(f"yêu cầu giải trình số {request_id} đã được trả lời.")
    if version is not None and version != row.version:
        raise Conflict(f"yêu cầu giải trình số {request_id} đã thay đổi từ khi anh/chị mở "
                       "nó; hãy tải lại.")
    row.answer, row.answered_by = _text(text, "nội dung giải trình"), by
    row.state, row.answered_at = "answered", utcnow()
    s.flush()
    ref = f"t{row.target_id}" if row.target_id else f"k{row.task_id}"
    return _row(row, items.get_item(s, ref))


def list_requests(s: Session, unit_text: str, state: str | None = None) -> list[RequestRow]:
    """The unit's requests, oldest first; `state` 'open' or 'answered' filters them."""
    if state is not None and state not in STATE_LABELS:
        raise BadInput(f"trạng thái '{state}' không có; dùng open hoặc answered.")
    unit = units.find(s, unit_text)
    return [row for row, _item in requests_with_items(s, unit.id, state)]


def requests_with_items(s: Session, unit_id: int, state: str | None = None
                        ) -> list[tuple[RequestRow, Target | Task]]:
    """The unit's requests, oldest first, each with its item (for scoping by agency)."""
    rows = repo.explanations_for_unit(s, unit_id, state)
    targets, tasks = repo.items_by_id(s, {r.target_id for r in rows if r.target_id},
                                      {r.task_id for r in rows if r.task_id})
    out: list[tuple[RequestRow, Target | Task]] = []
    for r in rows:
        item = targets[r.target_id] if r.target_id else tasks[r.task_id or 0]
        out.append((_row(r, item), item))
    return out
