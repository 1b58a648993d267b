"""The báo cáo thành tích of a movement's participant (issue 21 item 4), pre-filled from
the register as of a day: the targets the participant's agency leads, each with its plan
figure, the latest accepted figure and its status, and its tasks done on time, late,
overdue or open — the same status engine the dashboard counts with — beside the
commitments of its registration. Laid out by reports/achievement.py (plain data in).

A person participant reports on the agency it works for (its don_vi grant at the unit);
one with none gets a report whose figures part says the register holds nothing of its
own. Items of restricted plans the reader may not read are left out.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from sqlalchemy.orm import Session

from theodoi.domain import emulation as E
from theodoi.domain.dates import vn_day
from theodoi.reports import achievement as layout
from theodoi.reports import bodies
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import common as C
from theodoi.services.progress import status
from theodoi.storage.models import Agency, Movement, MovementParticipant
from theodoi.storage.repositories import accounts as accounts_repo
from theodoi.storage.repositories import dossier as dossier_repo

MET = frozenset({"dat", "vuot"})
DONE_ON_TIME, DONE_LATE, OVERDUE = "hoan_thanh_dung_han", "hoan_thanh_tre_han", "qua_han"


def agency_of(s: Session, m: Movement, part: MovementParticipant) -> Agency | None:
    """The agency whose items the participant answers for: its own, or a person's."""
    if part.agency_id is not None:
        return s.get(Agency, part.agency_id)
    if part.user_id is None:
        return None
    chain = set(access.chain(m.unit))
    found = next((g.agency_id for g in accounts_repo.grants_of(s, part.user_id)
                  if g.role == "don_vi" and g.unit_id in chain and g.agency_id), None)
    return s.get(Agency, found) if found else None


def data(s: Session, p: Principal, participant_id: int, as_of: date) -> layout.Achievement:
    """What the participant's report says as of `as_of`, for a person who may see it."""
    m, part = C.participant(s, p, participant_id)
    agency = agency_of(s, m, part)
    rows = status.status_of_unit(s, m.unit.code, as_of) if agency else None
    hidden = access.hidden_plans(s, p, m.unit)
    mine = ([] if rows is None or agency is None else
            [r for r in rows.targets + rows.tasks
             if r.lead_agency == agency.name and r.plan_id not in hidden])
    targets = [r for r in mine if r.kind == "target"]
    tasks = [r for r in mine if r.kind == "task"]
    dossier = dossier_repo.of_participant(s, part.id)
    reward = E.REWARD_FORMS.get(dossier.reward_form or "") if dossier else None
    reg = part.registration
    return layout.Achievement(
        collective=part.kind != "person", name=part.name,
        unit_body=f"Ủy ban nhân dân {bodies.locality(bodies.Body(m.unit.name, m.unit.level))}",
        place=bodies.place_name(bodies.Body(m.unit.name, m.unit.level)), year=as_of.year,
        as_of=vn_day(as_of), movement=m.name, reward=reward,
        commitments=list(reg.commitments) if reg else [],
        targets=[layout.TargetRow(r.text, r.unit, r.planned, r.actual, r.label)
                 for r in targets],
        tasks=[layout.TaskRow(r.text, vn_day(r.due) if isinstance(r.due, date) else "",
                              r.label) for r in tasks],
        counts=_counts([r.code for r in tasks]),
        targets_met=sum(1 for r in targets if r.code in MET))


def _counts(codes: list[str]) -> layout.TaskCounts:
    on_time, late, overdue = (codes.count(c) for c in (DONE_ON_TIME, DONE_LATE, OVERDUE))
    return layout.TaskCounts(len(codes), on_time, late, overdue,
                             len(codes) - on_time - late - overdue)


def document(s: Session, p: Principal, participant_id: int, as_of: date) -> tuple[str, bytes]:
    """(file name, DOCX bytes) of the participant's report as of `as_of`."""
    found = data(s, p, participant_id, as_of)
    return file_name(found.name, as_of), layout.render(found)


def file_name(name: str, as_of: date) -> str:
    """'bao-cao-thanh-tich-phong-kinh-te-2024-11-01.docx': ASCII, safe anywhere."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    slug = re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode().lower())
    return f"bao-cao-thanh-tich-{slug.strip('-') or 'doi-tuong'}-{as_of.isoformat()}.docx"
