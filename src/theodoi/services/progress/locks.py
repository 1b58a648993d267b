"""Locked reporting periods (chốt kỳ): once the office or a leader has validated a
period (its report issued), no figure of it is recorded, accepted, sent or undone until
the period is reopened; each lock and reopening is kept and audited.

A lock covers every figure whose period lies inside the locked one (a locked 6 months
locks its quarters and months: the figures its report reads). Numbering a periodic report
in the register of outgoing documents locks its period by itself (`lock_for_report`, the
report's number as the reason); cancelling that number reopens the period only when the
lock is still the one that number made (`unlock_for_report`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import validation as rules
from theodoi.domain.errors import BadInput, Conflict, Forbidden
from theodoi.domain.periods import parse_period
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.storage.models import PeriodLock
from theodoi.storage.repositories import validation as repo

LOCKED, REOPENED = "locked", "reopened"
STATE_LABELS = {LOCKED: "đã chốt", REOPENED: "đã mở lại"}


@dataclass
class LockRow:
    """A lock or reopening as the edges show it."""

    id: int
    period: str
    period_label: str
    state: str
    state_label: str
    on: str
    by: str | None
    reason: str | None
    outgoing_id: int | None = None  # the numbered report that locked it


def is_locked(s: Session, unit_id: int, period_key: str) -> bool:
    last = repo.lock_state(s, unit_id, period_key)
    return last is not None and last.state == LOCKED


def _covering(s: Session, unit_id: int, period_key: str) -> PeriodLock | None:
    """The lock now in force on a period that contains `period_key` (itself first)."""
    wanted = parse_period(period_key)
    last: dict[str, PeriodLock] = {}
    for r in repo.locks_of(s, unit_id):
        last[r.period_key] = r
    held = [r for r in last.values() if r.state == LOCKED]
    for r in sorted(held, key=lambda r: r.period_key != wanted.key):
        period = parse_period(r.period_key)
        if period.start <= wanted.start and wanted.end <= period.end:
            return r
    return None


def is_open(s: Session, unit_id: int, period_key: str) -> bool:
    """Whether a figure of the unit's period may be written now (no lock covers it)."""
    return _covering(s, unit_id, period_key) is None


def check_open(s: Session, unit_id: int, period_key: str) -> None:
    """Conflict in Vietnamese when the unit's period, or a period containing it, is
    locked; nothing otherwise."""
    last = _covering(s, unit_id, period_key)
    if last is not None:
        label, held = parse_period(period_key).label, parse_period(last.period_key).label
        within = "" if held == label else f" nằm trong kỳ {held}"
        why = f"; {last.reason}" if last.outgoing_id is not None and last.reason else ""
        raise Conflict(f"kỳ {label}{within} đã chốt ngày "
                       f"{last.on:%d/%m/%Y} (do {last.by or 'hệ thống'}{why}); số liệu của kỳ "
                       "không thay đổi được. Văn phòng hoặc lãnh đạo mở lại kỳ "
                       f"{held} (có ghi lịch sử) rồi mới sửa.", steps={
                           "cli": "theodoi progress reopen --unit … --period … --reason …",
                           "web": "mở lại kỳ ở trang 'Số liệu chờ xác nhận' của đơn vị."})


def set_state(s: Session, p: Principal, unit_id: int, period_text: str, state: str, *,
              on: date, reason: str | None = None, reverts: int | None = None) -> LockRow:
    """Lock (`locked`) or reopen (`reopened`, with the reason) a unit's period, audited."""
    unit = access.unit(s, p, unit_id)
    if not rules.LOCKERS & access.actions_at(p, unit):
        raise Forbidden("chỉ văn phòng hoặc lãnh đạo đơn vị chốt hoặc mở lại kỳ báo cáo.")
    period = parse_period(period_text)
    now = is_locked(s, unit.id, period.key)
    if state == LOCKED and now:
        raise BadInput(f"kỳ {period.label} đã chốt rồi.")
    if state == REOPENED and not now:
        raise BadInput(f"kỳ {period.label} chưa chốt; không cần mở lại.")
    why = " ".join((reason or "").split()) or None
    if state == REOPENED and why is None and reverts is None:
        raise BadInput("mở lại kỳ đã chốt cần ghi lý do.")
    row = PeriodLock(unit_id=unit.id, period_key=period.key, state=state, on=on,
                     by=p.username, reason=why)
    repo.add(s, row)
    audit.record(s, p, unit.id, "period_lock", row.id, "state",
                 STATE_LABELS[REOPENED if state == LOCKED else LOCKED], STATE_LABELS[state],
                 detail={"period": period.key, "state": state, "reason": why},
                 reverts=reverts)
    return _row(row)


def _row(r: PeriodLock) -> LockRow:
    return LockRow(r.id, r.period_key, parse_period(r.period_key).label, r.state,
                   STATE_LABELS[r.state], r.on.isoformat(), r.by, r.reason, r.outgoing_id)


def lock_for_report(s: Session, p: Principal, unit_id: int, period_key: str, *,
                    outgoing_id: int, number: str, on: date) -> LockRow | None:
    """Lock the period a report numbered `number` reports on, audited with the number
    as the reason; None when the period is locked already (that lock stays as it is).
    The clerk's right to number the report is the right to lock what it reports."""
    if is_locked(s, unit_id, period_key):
        return None
    why = f"báo cáo số {number} đã vào sổ ngày {on:%d/%m/%Y}"
    row = PeriodLock(unit_id=unit_id, period_key=period_key, state=LOCKED, on=on,
                     by=p.username, reason=why, outgoing_id=outgoing_id)
    repo.add(s, row)
    audit.record(s, p, unit_id, "period_lock", row.id, "state", STATE_LABELS[REOPENED],
                 STATE_LABELS[LOCKED], detail={"period": period_key, "state": LOCKED,
                                               "reason": why, "outgoing": outgoing_id})
    return _row(row)


def unlock_for_report(s: Session, p: Principal, unit_id: int, period_key: str, *,
                      outgoing_ids: set[int], number: str, on: date) -> LockRow | None:
    """Reopen the period when its lock in force is one a report of `outgoing_ids` made
    (audited, the cancelled number as the reason); None otherwise: a lock made by hand,
    or made again after a reopening, stays."""
    last = repo.lock_state(s, unit_id, period_key)
    if last is None or last.state != LOCKED or last.outgoing_id not in outgoing_ids:
        return None
    why = f"hủy số báo cáo {number}"
    row = PeriodLock(unit_id=unit_id, period_key=period_key, state=REOPENED, on=on,
                     by=p.username, reason=why, outgoing_id=last.outgoing_id)
    repo.add(s, row)
    audit.record(s, p, unit_id, "period_lock", row.id, "state", STATE_LABELS[LOCKED],
                 STATE_LABELS[REOPENED], detail={"period": period_key, "state": REOPENED,
                                                 "reason": why, "outgoing": last.outgoing_id})
    return _row(row)


def locked_periods(s: Session, unit_id: int) -> list[dict[str, Any]]:
    """The unit's periods locked now, each with its latest lock."""
    last: dict[str, PeriodLock] = {}
    for r in repo.locks_of(s, unit_id):
        last[r.period_key] = r
    return [asdict(_row(r)) for r in last.values() if r.state == LOCKED]
