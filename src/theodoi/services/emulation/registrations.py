"""Registrations (đăng ký thi đua): each participant's own commitments, written by the
office or the participant, signed by the participant alone.

A change to a signed registration returns it to draft: what was signed is no longer what
it says, so the participant signs again. Every change is audited.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, Forbidden
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import common as C
from theodoi.services.history import audit
from theodoi.storage.models import Movement, MovementParticipant, Registration, utcnow

MAX_COMMITMENTS = 50


def get(s: Session, p: Principal, participant_id: int) -> dict[str, Any]:
    """The participant with its registration, when the person may see it."""
    m, part = C.participant(s, p, participant_id)
    office = rules.REVIEW in access.actions_at(p, m.unit)
    return {"movement_id": m.id, "movement": m.name,
            "participant": C.participant_json(p, m, part, office)}


def _registration(part: MovementParticipant) -> Registration:
    if part.registration is None:  # a participant stored without one: give it its draft
        part.registration = Registration(commitments=[], state="draft")
    return part.registration


def save(s: Session, p: Principal, participant_id: int, version: int,
         commitments: list[str]) -> dict[str, Any]:
    """Replace the participant's commitments (one a line; empty lines dropped)."""
    m, part = C.participant(s, p, participant_id)
    _may_edit(p, m, part)
    reg = _registration(part)
    C.check_version(reg, version, f"Bản đăng ký thi đua của “{part.name}”")
    lines = [" ".join(str(c).split()) for c in commitments]
    lines = [c for c in lines if c]
    if len(lines) > MAX_COMMITMENTS:
        raise BadInput(f"tối đa {MAX_COMMITMENTS} nội dung đăng ký.")
    before = {"commitments": list(reg.commitments), "state": reg.state}
    reg.commitments, reg.state = lines, "draft"
    reg.signed_by = reg.signed_at = None
    s.flush()
    audit.record_changes(s, p, m.unit_id, C.REGISTRATION, reg.id, before,
                         {"commitments": lines, "state": "draft"})
    return get(s, p, participant_id)


def _may_edit(p: Principal, m: Movement, part: MovementParticipant) -> None:
    if C.own(p, m, part):
        return
    if rules.REVIEW not in access.actions_at(p, m.unit):
        raise Forbidden("chỉ văn phòng hoặc chính đối tượng thi đua mới sửa được bản đăng ký.")


def sign(s: Session, p: Principal, participant_id: int, version: int) -> dict[str, Any]:
    """The participant signs its registration; it must hold at least one commitment."""
    m, part = C.participant(s, p, participant_id)
    if not C.own(p, m, part):
        raise Forbidden(f"chỉ chính “{part.name}” mới ký được bản đăng ký thi đua của mình.")
    reg = _registration(part)
    C.check_version(reg, version, f"Bản đăng ký thi đua của “{part.name}”")
    if reg.state == "signed":
        raise BadInput("bản đăng ký này đã ký rồi.")
    if not reg.commitments:
        raise BadInput("bản đăng ký chưa có nội dung nào; hãy ghi các nội dung đăng ký "
                       "thi đua trước khi ký.")
    reg.state, reg.signed_by, reg.signed_at = "signed", p.display_name, utcnow()
    s.flush()
    audit.record(s, p, m.unit_id, C.REGISTRATION, reg.id, "state", "draft", "signed")
    return get(s, p, participant_id)
