"""The emulation deadlines a unit's people are reminded of (issue 19: "an emulation or
dossier deadline"): the movement's "nộp hồ sơ trước ngày …" to the office that runs it
(the roles of rule `emulation_deadline`, default van_phong), and to each participant
proposed for a reward whose dossier still misses a paper — its agency's users, or the
person it is. The office hears of a movement until its deadline, and after it while a
dossier is incomplete; a participant until its dossier is complete."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from theodoi.domain.reminders import Due
from theodoi.services.emulation import dossier
from theodoi.storage.models import Movement, Unit
from theodoi.storage.repositories import dossier as repo

TRIGGER = "emulation_deadline"
OFFICE = "emulation_office"
PERSON = "emulation_user:"  # + user id: the dues of a participant that is a user


def movement_dues(s: Session, unit: Unit, as_of: date) -> dict[str, list[Due]]:
    """The unit's emulation dues on the day: the office's (OFFICE), the agencies' (TRIGGER,
    by agency id) and the persons' (PERSON + user id)."""
    out: dict[str, list[Due]] = {OFFICE: [], TRIGGER: []}
    for m in repo.with_deadline(s, [unit.id]):
        missing = dossier.incomplete(s, m)
        if m.deadline is None or (m.deadline < as_of and not missing):
            continue
        out[OFFICE].append(_office_due(m, m.deadline, len(missing)))
        for st in missing:
            part = st.participant
            due = Due(TRIGGER, f"hs{part.id}", f"{part.name} — {m.name}",
                      f"Hồ sơ khen thưởng còn thiếu {len(st.missing)} mục", part.agency_id,
                      m.deadline, f"/doi-tuong/{part.id}/ho-so")
            if part.agency_id is not None:
                out[TRIGGER].append(due)
            elif part.user_id is not None:
                out.setdefault(f"{PERSON}{part.user_id}", []).append(due)
    return out


def _office_due(m: Movement, deadline: date, incomplete: int) -> Due:
    to = f" gửi {m.receiver}" if m.receiver else ""
    more = f"; {incomplete} hồ sơ còn thiếu giấy tờ" if incomplete else ""
    return Due(TRIGGER, f"td{m.id}", m.name, f"Hạn nộp hồ sơ khen thưởng{to}{more}", None,
               deadline, f"/thi-dua/{m.id}")


def units_with_deadlines(s: Session) -> list[int]:
    """Ids of the units whose movements state a deadline."""
    return repo.units_with_deadlines(s)
