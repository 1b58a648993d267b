"""An agency's figure on its way to counting: sent (chờ xác nhận), accepted by the office
or a leader (then recorded as any figure is), or returned with the reason and sent again.

`record_or_send` is the one door a person's figure goes through: an agency user's waits
when the unit validates (domain/validation.must_wait), anyone else's is recorded at once.
Each step is audited (kind `figure`, field `state`) and revertible (history/undo).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import measures
from theodoi.domain import validation as rules
from theodoi.domain.errors import BadInput, Conflict, Forbidden, NotFound
from theodoi.domain.periods import parse_period
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.progress import locks, status
from theodoi.services.progress import records as progress
from theodoi.services.register import items
from theodoi.services.reminders import tell_returned, tell_validators
from theodoi.storage.models import FigureSubmission, Target, Unit, utcnow
from theodoi.storage.repositories import progress as files
from theodoi.storage.repositories import validation as repo

STALE = ("số liệu số {id} vừa được người khác xử lý; không có gì bị ghi đè. Hãy tải lại "
         "trang rồi làm lại.")


def waits_at(p: Principal, unit: Unit) -> bool:
    """Whether a figure `p` types at `unit` waits for validation."""
    return rules.must_wait(unit.validate_figures, access.actions_at(p, unit))


def record_or_send(s: Session, p: Principal, ref: str, period: str, value: str | float, *,
                   unit: str | None = None, value_of: str | float | None = None,
                   note: str | None = None, attachment: progress.Evidence | None = None,
                   on: date) -> dict[str, Any]:
    """The person's figure: sent for validation (an agency user at a unit that validates;
    `waiting` true) or recorded at once (`waiting` false)."""
    target = progress.live_target(s, ref)
    if not waits_at(p, target.plan.unit):
        row = progress.record_progress(s, ref, period, value, unit=unit, value_of=value_of,
                                       note=note, attachment=attachment, by=p.username)
        return asdict(row) | {"waiting": False}
    return send(s, p, target, period, value, unit=unit, value_of=value_of, note=note,
                attachment=attachment, on=on) | {"waiting": True}


def send(s: Session, p: Principal | None, target: Target, period_text: str,
         value: str | float, *, unit: str | None, value_of: str | float | None,
         note: str | None, attachment: progress.Evidence | None, on: date,
         by: str | None = None) -> dict[str, Any]:
    """Store the figure as waiting (checked like any figure, nothing counted); one waiting
    for the same period is replaced. The office's validators are told."""
    period = parse_period(period_text)
    locks.check_open(s, target.plan.unit_id, period.key)
    _, in_unit, _ = progress.typed_value(target, value, unit, value_of)
    earlier = repo.waiting_for(s, target.id, period.key)
    if earlier is not None and not repo.move(s, earlier.id, rules.PENDING, rules.REPLACED):
        raise Conflict(STALE.format(id=earlier.id))
    row = FigureSubmission(
        target_id=target.id, period_key=period.key, value_text=str(value).strip(),
        value=in_unit, value_of=None if value_of is None else str(value_of).strip(),
        entered_unit=" ".join(unit.split()) if unit else None,
        note=(note or "").strip() or None, sent_by=p.username if p else by,
        attachment_id=_store(s, attachment))
    ref = items.ref_of(target)  # read now: a refused insert leaves the session unusable
    if not repo.add_waiting(s, row):
        raise Conflict(f"kỳ {period.label} của {ref} vừa có số liệu khác "
                       "được gửi; không có gì bị ghi đè. Hãy tải lại trang, xem số liệu đang "
                       "chờ xác nhận rồi làm lại.")
    audit.record(s, p, target.plan.unit_id, "figure", row.id, "state", None,
                 rules.STATE_LABELS[rules.PENDING], username=row.sent_by,
                 detail={"from": None, "state": rules.PENDING,
                         "replaced": earlier.id if earlier else None})
    tell_validators(s, target, row.id, f"{period.label}: {row.value_text}", on)
    return _row(s, row, target)


def hold(s: Session, target: Target, period_key: str, value: float, value_of: float | None,
         *, note: str | None, by: str, on: date) -> bool:
    """A figure that came for a locked period (an exchange package) waits here like an
    agency's, not counted, until the office reopens the period and accepts it; one
    waiting for the same period is replaced. False (nothing stored) when the same figure
    waits already."""
    earlier = repo.waiting_for(s, target.id, period_key)
    text, of = _typed(value), None if value_of is None else _typed(value_of)
    if earlier is not None and (earlier.value, earlier.value_of) == (value, of):
        return False
    if earlier is not None and not repo.move(s, earlier.id, rules.PENDING, rules.REPLACED):
        raise Conflict(STALE.format(id=earlier.id))
    row = FigureSubmission(target_id=target.id, period_key=period_key, value_text=text,
                           value=value, value_of=of, note=note, sent_by=by)
    if not repo.add_waiting(s, row):
        raise Conflict(STALE.format(id=row.id))
    audit.record(s, None, target.plan.unit_id, "figure", row.id, "state", None,
                 rules.STATE_LABELS[rules.PENDING], username=by,
                 detail={"from": None, "state": rules.PENDING,
                         "replaced": earlier.id if earlier else None})
    tell_validators(s, target, row.id, f"{parse_period(period_key).label}: {text}", on)
    return True


def _typed(value: float) -> str:
    """A stored number as a person types it ('12,5'), read back to the same value."""
    text = repr(float(value))
    return (text[:-2] if text.endswith(".0") else text).replace(".", ",")


def _store(s: Session, attachment: progress.Evidence | None) -> int | None:
    if attachment is None:
        return None
    name, content = attachment
    return files.add_attachment(s, hashlib.sha256(content).hexdigest(), name, content).id


def _figure(s: Session, p: Principal, figure_id: int) -> tuple[FigureSubmission, Target]:
    """The figure and its target, if the person sees the target (NotFound otherwise)."""
    row = repo.get(s, figure_id)
    target = repo.target(s, row.target_id) if row is not None else None
    if row is None or target is None or not _sees(s, p, target):
        raise NotFound(f"không có số liệu chờ xác nhận số {figure_id}.")
    return row, target


def _sees(s: Session, p: Principal, target: Target) -> bool:
    try:
        access.item(s, p, items.ref_of(target))
    except NotFound:
        return False
    return True


def _validator(s: Session, p: Principal, figure_id: int) -> tuple[FigureSubmission, Target]:
    row, target = _figure(s, p, figure_id)
    if not rules.may_validate(access.actions_at(p, target.plan.unit)):
        raise Forbidden("chỉ văn phòng hoặc lãnh đạo đơn vị xác nhận hay trả lại số liệu "
                        "của cơ quan.")
    if row.state != rules.PENDING:
        raise BadInput(f"số liệu số {figure_id} đang là '{rules.STATE_LABELS[row.state]}', "
                       "không còn chờ xác nhận.")
    locks.check_open(s, target.plan.unit_id, row.period_key)
    return row, target


def accept(s: Session, p: Principal, figure_id: int) -> dict[str, Any]:
    """The waiting figure counts: recorded as the agency's figure of its period (at the
    moment it was sent, for completeness), by the agency user who sent it."""
    row, target = _validator(s, p, figure_id)
    name = files.attachment(s, row.attachment_id) if row.attachment_id else None
    record = progress.record_progress(
        s, items.ref_of(target), row.period_key, row.value_text, unit=row.entered_unit,
        value_of=row.value_of, note=row.note, by=row.sent_by, at=row.sent_at,
        attachment=(name.name, name.content) if name else None)
    if not repo.move(s, row.id, rules.PENDING, rules.ACCEPTED, decided_by=p.username,
                     decided_at=utcnow(), record_id=record.id):
        raise Conflict(STALE.format(id=row.id))
    audit.record(s, p, target.plan.unit_id, "figure", row.id, "state",
                 rules.STATE_LABELS[rules.PENDING], rules.STATE_LABELS[rules.ACCEPTED],
                 detail={"from": rules.PENDING, "state": rules.ACCEPTED, "record": record.id,
                         "restore": record.corrects})
    s.refresh(row)
    return _row(s, row, target)


def return_(s: Session, p: Principal, figure_id: int, reason: str, *, on: date
            ) -> dict[str, Any]:
    """Send the waiting figure back to its agency with the reason (required); the agency
    is told and sends a corrected figure."""
    row, target = _validator(s, p, figure_id)
    why = " ".join((reason or "").split())
    if not why:
        raise BadInput("trả lại số liệu cần ghi lý do để cơ quan sửa.")
    if not repo.move(s, row.id, rules.PENDING, rules.RETURNED, reason=why,
                     decided_by=p.username, decided_at=utcnow()):
        raise Conflict(STALE.format(id=row.id))
    audit.record(s, p, target.plan.unit_id, "figure", row.id, "state",
                 rules.STATE_LABELS[rules.PENDING], rules.STATE_LABELS[rules.RETURNED],
                 detail={"from": rules.PENDING, "state": rules.RETURNED, "reason": why})
    s.refresh(row)
    tell_returned(s, target, row.id, f"{parse_period(row.period_key).label}: "
                  f"{row.value_text}", why, on)
    return _row(s, row, target)


def facts(s: Session, target: Target, period_key: str) -> rules.Facts:
    """What the plausibility rules know of the target for the period (a flow's previous
    figure only within the same year: its figures restart each year)."""
    period = parse_period(period_key)
    before = repo.counted_before(s, target.id, period.end)
    flow = measures.is_flow(target.indicator, target.unit, target.per_year, target.kind)
    if before is not None and flow and before.period_end.year != period.end.year:
        before = None
    return rules.Facts(
        share=(target.unit or "").strip().startswith("%"), flow=flow,
        cumulative=target.kind == "change",
        count=measures.is_count(target.unit) and target.direction != "decrease",
        previous=before.value if before else None,
        previous_label=parse_period(before.period_key).label if before else None,
        baseline=target.baseline_value)


def _row(s: Session, r: FigureSubmission, target: Target) -> dict[str, Any]:
    """A figure as pages, the API and the CLI show it, with its plausibility warnings."""
    period = parse_period(r.period_key)
    shown = [] if r.state != rules.PENDING else [
        asdict(w) for w in rules.warnings(facts(s, target, r.period_key), r.value)]
    name = files.attachment_names(s, {r.attachment_id}) if r.attachment_id else {}
    return {"id": r.id, "ref": items.ref_of(target),
            "text": target.indicator or target.text, "target_unit": target.unit,
            "lead_agency": status.lead_agency(target), "period": r.period_key,
            "period_label": period.label, "value_text": r.value_text, "value": r.value,
            "value_of": r.value_of, "entered_unit": r.entered_unit, "note": r.note,
            "evidence_id": r.attachment_id, "evidence": name.get(r.attachment_id or 0),
            "state": r.state, "state_label": rules.STATE_LABELS[r.state],
            "sent_by": r.sent_by, "sent_at": r.sent_at.isoformat(timespec="minutes"),
            "reason": r.reason, "decided_by": r.decided_by,
            "decided_at": r.decided_at.isoformat(timespec="minutes") if r.decided_at
            else None, "record_id": r.record_id, "warnings": shown}


def shown(s: Session, r: FigureSubmission, target: Target) -> dict[str, Any]:
    """A figure of `target` as the edges show it (the unit's list: services/validation)."""
    return _row(s, r, target)
