"""Undo handlers of figure validation (issue 20 item 3), registered in undo.HANDLERS.

`figure.state`: a figure sent is withdrawn (one it replaced waits again if nothing else
waits); an accepted figure stops counting (the record it made is withdrawn, the one it
corrected counts again) and waits again; a returned figure waits again. Each revert moves
the figure back from the state the entry led to, refused when it moved since.
`period_lock.state`: a lock reopened, a reopening locked again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as access_rules
from theodoi.domain import validation as rules
from theodoi.domain.errors import BadInput, Conflict, Forbidden, NotFound
from theodoi.domain.periods import parse_period
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.history.steps import Step
from theodoi.services.progress import locks
from theodoi.services.progress import records as progress
from theodoi.storage.models import AuditEntry, FigureSubmission, Unit, utcnow
from theodoi.storage.repositories import progress as progress_repo
from theodoi.storage.repositories import validation as repo

MAY_UNDO = frozenset({access_rules.UPDATE_OWN, access_rules.ASSIGN}) | rules.VALIDATORS


def _checked(s: Session, p: Principal, e: AuditEntry, unit: Unit
             ) -> tuple[FigureSubmission, dict[str, Any], str]:
    """The figure, the entry's detail and the figure's ref, if the revert may go ahead."""
    detail, row = audit.detail_of(e), repo.get(s, e.entity_id)
    target = repo.target(s, row.target_id) if row is not None else None
    if detail is None or row is None or target is None:
        raise NotFound(f"không có số liệu chờ xác nhận số {e.entity_id}.")
    item = access.item(s, p, f"t{target.id}")
    if not MAY_UNDO & access.actions_at(p, item.plan.unit):
        raise Forbidden("vai trò của bạn ở đơn vị này không được hoàn tác số liệu.")
    if row.state != detail["state"]:
        raise Conflict(f"số liệu số {row.id} hiện là '{rules.STATE_LABELS[row.state]}', đã "
                       "thay đổi sau thay đổi này; không hoàn tác để khỏi ghi đè.")
    locks.check_open(s, unit.id, row.period_key)
    return row, detail, f"t{target.id}"


def figure(s: Session, p: Principal, e: AuditEntry, unit: Unit, version: int | None) -> Step:
    """A figure moved back from the state this entry led it to."""
    row, detail, ref = _checked(s, p, e, unit)
    back = detail.get("from") or rules.WITHDRAWN  # a figure sent goes away when undone
    if back == rules.ACCEPTED:
        raise BadInput(f"hãy xác nhận lại số liệu số {row.id} ở danh sách số liệu chờ xác "
                       "nhận của đơn vị.")
    if back == rules.PENDING and repo.waiting_for(s, row.target_id, row.period_key):
        raise Conflict(f"mục {ref} đã có số liệu khác chờ xác nhận cho kỳ này; không hoàn "
                       "tác.")
    line = (f"số liệu {row.value_text} của mục {ref}, {parse_period(row.period_key).label}: "
            f"'{rules.STATE_LABELS[row.state]}' → '{rules.STATE_LABELS[back]}'")

    def run() -> dict[str, Any] | None:
        if row.state == rules.ACCEPTED:
            _uncount(s, row, detail)
        if not repo.move(s, row.id, row.state, back, record_id=None, reason=None):
            raise Conflict(f"số liệu số {row.id} vừa được người khác xử lý; hãy tải lại.")
        audit.record(s, p, unit.id, "figure", row.id, "state", e.new, e.old, reverts=e.id,
                     detail={"from": detail["state"], "state": back})
        if back == rules.WITHDRAWN:
            _bring_back(s, detail.get("replaced"), row)
        return {"figure": row.id, "state": back}
    return Step(e.id, unit.id, [line], run)


def _uncount(s: Session, row: FigureSubmission, detail: dict[str, Any]) -> None:
    """The record an accepted figure made stops counting, if it still is the current one."""
    now = progress_repo.current(s, row.target_id, row.period_key)
    if now is None or now.id != detail.get("record"):
        raise Conflict(f"số liệu của kỳ này đã được ghi lại sau khi xác nhận số liệu số "
                       f"{row.id}; không hoàn tác để khỏi ghi đè số liệu mới hơn.")
    progress.withdraw_record(s, now.id, detail.get("restore"))


def _bring_back(s: Session, replaced: int | None, row: FigureSubmission) -> None:
    """The figure a withdrawn one had replaced waits again, when nothing else waits."""
    earlier = repo.get(s, replaced) if replaced else None
    if earlier is not None and earlier.state == rules.REPLACED \
            and repo.waiting_for(s, row.target_id, row.period_key) is None:
        repo.move(s, earlier.id, rules.REPLACED, rules.PENDING)


def period_lock(s: Session, p: Principal, e: AuditEntry, unit: Unit,
                version: int | None) -> Step:
    """A lock reopened, or a reopening locked again (refused if it changed since)."""
    detail = audit.detail_of(e) or {}
    period = parse_period(str(detail.get("period", "")))
    state = str(detail.get("state"))
    if locks.is_locked(s, unit.id, period.key) != (state == locks.LOCKED):
        raise Conflict(f"kỳ {period.label} đã được chốt hoặc mở lại sau thay đổi này; không "
                       "hoàn tác.")
    back = locks.REOPENED if state == locks.LOCKED else locks.LOCKED
    line = f"kỳ {period.label}: '{locks.STATE_LABELS[state]}' → '{locks.STATE_LABELS[back]}'"

    def run() -> dict[str, Any] | None:
        row = locks.set_state(s, p, unit.id, period.key, back, on=utcnow().date(),
                              reverts=e.id)
        return {"period": row.period, "state": row.state}
    return Step(e.id, unit.id, [line], run)
