"""What the emulation services share: finding a movement or participant the person may
reach, version checks, and the JSON shape pages, the API and the CLI show."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import emulation as E
from theodoi.domain.errors import Conflict, FieldError, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.storage.models import Movement, MovementCriterion, MovementParticipant
from theodoi.storage.repositories import emulation as repo

MOVEMENT, CRITERION, PARTICIPANT, REGISTRATION = (
    "movement", "movement_criterion", "movement_participant", "registration")


def movement(s: Session, p: Principal, movement_id: int, action: str = rules.READ) -> Movement:
    """The movement, if the person reaches its unit (NotFound otherwise, the same words
    as for one that does not exist); Forbidden without `action` there."""
    row = repo.get(s, movement_id)
    if row is None:
        raise NotFound(f"không có phong trào thi đua số {movement_id}.")
    try:
        access.unit(s, p, row.unit_id)
    except NotFound:
        raise NotFound(f"không có phong trào thi đua số {movement_id}.") from None
    access.unit(s, p, row.unit_id, action)
    return row


def own(p: Principal, m: Movement, part: MovementParticipant) -> bool:
    """Whether the person speaks for the participant: its agency's don_vi user, or the
    person it is."""
    if part.user_id is not None and part.user_id == p.user_id:
        return True
    mine = _agencies(p, m)
    return bool(mine) and part.agency_id in mine


def _agencies(p: Principal, m: Movement) -> frozenset[int]:
    return frozenset(g.agency_id for g in p.grants
                     if g.role == "don_vi" and g.agency_id is not None
                     and g.unit_id in access.chain(m.unit))


def sees(p: Principal, m: Movement, part: MovementParticipant) -> bool:
    """An agency user sees its own participation only; every other reader sees all."""
    limited = access.agency_filter(p, m.unit)
    return limited is None or own(p, m, part)


def participant(s: Session, p: Principal, participant_id: int
                ) -> tuple[Movement, MovementParticipant]:
    """The participant and its movement, when the person may see it."""
    part = repo.participant(s, participant_id)
    m = repo.get(s, part.movement_id) if part else None
    if part is None or m is None:
        raise NotFound(f"không có đối tượng thi đua số {participant_id}.")
    try:
        movement(s, p, m.id)
    except NotFound:
        raise NotFound(f"không có đối tượng thi đua số {participant_id}.") from None
    if not sees(p, m, part):
        raise NotFound(f"không có đối tượng thi đua số {participant_id}.")
    return m, part


def criterion(s: Session, p: Principal, criterion_id: int, action: str
              ) -> tuple[Movement, MovementCriterion]:
    row = repo.criterion(s, criterion_id)
    if row is None:
        raise NotFound(f"không có tiêu chí số {criterion_id}.")
    try:
        return movement(s, p, row.movement_id, action), row
    except NotFound:
        raise NotFound(f"không có tiêu chí số {criterion_id}.") from None


def check_version(row: Any, version: int, what: str) -> None:
    """Conflict when the row changed since the person loaded it."""
    if row.version != version:
        raise Conflict(f"{what} đã được người khác sửa (phiên bản {row.version}, bạn gửi "
                       f"{version}); hãy tải lại trang rồi làm lại.")


def parse_date(text: str | None, field: str) -> date | None:
    """An ISO (yyyy-mm-dd) or dd/mm/yyyy date, None for empty; FieldError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if "/" in text:
            d, m, y = (int(x) for x in text.split("/"))
            return date(y, m, d)
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(f"ngày '{text}' không đúng (dd/mm/yyyy).", field=field) from None


def criterion_json(c: MovementCriterion) -> dict[str, Any]:
    return {"id": c.id, "position": c.position, "applies_to": c.applies_to,
            "applies_to_label": E.APPLIES_TO.get(c.applies_to, c.applies_to),
            "text": c.text, "kind": c.kind, "kind_label": E.CRITERION_KINDS.get(c.kind, c.kind),
            "threshold": c.threshold, "target_id": c.target_id,
            "target_ref": f"T{c.target_id}" if c.target_id else None,
            "reward_form": c.reward_form,
            "reward_label": E.REWARD_FORMS.get(c.reward_form or ""),
            "conditions": [{"code": k, "label": E.CONDITIONS.get(k, (k, ""))[0]}
                           for k in c.conditions],
            "evidence": c.kind in E.EVIDENCE_KINDS, "version": c.version}


def participant_json(p: Principal, m: Movement, part: MovementParticipant,
                     office: bool) -> dict[str, Any]:
    reg = part.registration
    mine = own(p, m, part)
    return {"id": part.id, "kind": part.kind, "kind_label": E.PARTICIPANT_KINDS[part.kind],
            "name": part.name, "agency_id": part.agency_id, "unit_id": part.unit_id,
            "user_id": part.user_id, "version": part.version,
            "registration": None if reg is None else {
                "id": reg.id, "state": reg.state,
                "state_label": E.REGISTRATION_STATES[reg.state],
                "commitments": list(reg.commitments), "signed_by": reg.signed_by,
                "signed_at": reg.signed_at.isoformat() if reg.signed_at else None,
                "version": reg.version},
            "can_edit": office or mine, "can_sign": mine}


def movement_json(s: Session, p: Principal, m: Movement) -> dict[str, Any]:
    """The movement as pages, the API and the CLI show it, participants as the person
    may see them."""
    office = rules.REVIEW in access.actions_at(p, m.unit)
    return {"id": m.id, "unit_id": m.unit_id, "plan_id": m.plan_id,
            "source_plan_id": m.source_plan_id, "name": m.name, "slogan": m.slogan,
            "period_start": iso(m.period_start), "period_end": iso(m.period_end),
            "deadline": iso(m.deadline), "receiver": m.receiver, "details": m.details,
            "version": m.version, "can_manage": office,
            "criteria": [criterion_json(c) for c in m.criteria],
            "participants": [participant_json(p, m, x, office) for x in m.participants
                             if sees(p, m, x)]}


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
