"""Reward dossiers (hồ sơ đề nghị khen thưởng) of a movement's participants: the office
opens one for a participant it proposes for a reward; the office or the participant
uploads a file for each paper the movement's dossier list names; the checklist says what
is present (uploaded, or produced by theodoi: the achievement report, and the council's
minutes once the council has voted on the participant's sheet) and what is missing, with
the movement's deadline as days left or overdue.

Files are checked like evidence (services/progress/evidence.py: type by content, size
by the settings) before anything is stored; a refused file leaves the dossier as it was.
Every opening and upload is audited.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import dossier as D
from theodoi.domain import emulation as E
from theodoi.domain.errors import BadInput, Conflict, FieldError, Forbidden, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import common as C
from theodoi.services.history import audit
from theodoi.services.progress import evidence
from theodoi.storage.models import DossierFile, Movement, MovementParticipant, RewardDossier
from theodoi.storage.repositories import dossier as repo
from theodoi.storage.repositories import evaluation as sheets
from theodoi.storage.repositories import progress as files

DOSSIER = "reward_dossier"


@dataclass(frozen=True)
class State:
    """A participant's dossier as the checklist and the reminders read it."""

    participant: MovementParticipant
    dossier: RewardDossier | None
    items: list[D.Item]
    voted_on: date | None = None  # the newest evaluation day the council voted on

    @property
    def missing(self) -> list[D.Item]:
        return [x for x in self.items if x.missing]


def state_of(s: Session, m: Movement, part: MovementParticipant,
             dossier: RewardDossier | None = None) -> State:
    """The participant's checklist against the movement's dossier list (no dossier: every
    paper is listed with nothing uploaded)."""
    dossier = dossier or repo.of_participant(s, part.id)
    uploaded = [(f.item, f.id) for f in dossier.files] if dossier else []
    day = sheets.voted_day(s, part.id)
    items = D.checklist(D.dossier_list(m.details), uploaded, voted=day is not None)
    return State(part, dossier, items, day)


def incomplete(s: Session, m: Movement) -> list[State]:
    """The movement's opened dossiers that still miss a paper."""
    opened = repo.of_movement(s, m.id)
    found = [state_of(s, m, x, opened[x.id]) for x in m.participants if x.id in opened]
    return [st for st in found if st.missing]


def deadline_json(m: Movement, as_of: date) -> dict[str, Any] | None:
    """The movement's deadline on the day: date, receiver, standing code and words."""
    if m.deadline is None:
        return None
    code, words, days = D.standing(m.deadline, as_of)
    return {"date": m.deadline.isoformat(), "receiver": m.receiver, "code": code,
            "words": words, "days": days}


def page(s: Session, p: Principal, participant_id: int, as_of: date) -> dict[str, Any]:
    """The participant's dossier page: the checklist, the files, what is missing and the
    deadline as of `as_of`; what the person may do there."""
    m, part = C.participant(s, p, participant_id)
    office = rules.REVIEW in access.actions_at(p, m.unit)
    st = state_of(s, m, part)
    names = {i: (name, by) for i, _, name, by in repo.file_names(s, st.dossier.id)} \
        if st.dossier else {}
    # the minutes list every participant: an agency's user sees the state, not the link
    minutes_day = st.voted_on if access.agency_filter(p, m.unit) is None else None
    return {"movement": {"id": m.id, "name": m.name, "unit_id": m.unit_id},
            "participant": C.participant_json(p, m, part, office),
            "as_of": as_of.isoformat(), "deadline": deadline_json(m, as_of),
            "dossier": None if st.dossier is None else {
                "id": st.dossier.id, "reward_form": st.dossier.reward_form,
                "reward_label": E.REWARD_FORMS.get(st.dossier.reward_form or ""),
                "opened_by": st.dossier.opened_by, "version": st.dossier.version},
            "papers": [_item_json(x, names, participant_id, m.id, minutes_day)
                       for x in st.items],
            "missing": len(st.missing), "complete": not st.missing,
            "can_open": office and st.dossier is None,
            "can_upload": st.dossier is not None and (office or C.own(p, m, part)),
            "reward_forms": E.REWARD_FORMS}


def _produced(x: D.Item, participant_id: int, movement_id: int,
              voted_on: date | None) -> tuple[str | None, str | None]:
    """Where a produced paper is downloaded, and the link's words (None, None: nowhere)."""
    if x.state != "produced":
        return None, None
    if x.kind == "council_minutes" and voted_on is not None:
        return (f"/thi-dua/{movement_id}/giay-to/bien-ban?ngay={voted_on.isoformat()}",
                f"Tải biên bản họp Hội đồng (DOCX) của đợt bình xét ngày "
                f"{voted_on:%d/%m/%Y}")
    if x.kind == "achievement_report":
        return f"/doi-tuong/{participant_id}/bao-cao-thanh-tich.docx", None
    return None, None


def _item_json(x: D.Item, names: dict[int, tuple[str, str | None]], participant_id: int,
               movement_id: int, voted_on: date | None) -> dict[str, Any]:
    url, label = _produced(x, participant_id, movement_id, voted_on)
    return {"index": x.index, "kind": x.kind, "kind_label": D.ITEM_KINDS[x.kind],
            "text": x.text, "form_ref": x.form_ref, "state": x.state,
            "state_label": D.STATES[x.state], "produced_url": url, "produced_label": label,
            "files": [{"id": i, "name": names.get(i, ("", None))[0],
                       "by": names.get(i, ("", None))[1],
                       "url": f"/ho-so-tep/{i}"} for i in x.files]}


def open_dossier(s: Session, p: Principal, participant_id: int, reward_form: str | None,
                 as_of: date) -> dict[str, Any]:
    """The office proposes the participant for a reward: its dossier is opened."""
    m, part = C.participant(s, p, participant_id)
    access.unit(s, p, m.unit_id, rules.REVIEW)
    if repo.of_participant(s, part.id) is not None:
        raise Conflict(f"“{part.name}” đã có hồ sơ đề nghị khen thưởng.")
    form = (reward_form or "").strip() or None
    if form is not None and form not in E.REWARD_FORMS:
        raise FieldError(f"hình thức khen thưởng không hợp lệ: {form!r}.", field="reward_form")
    row = RewardDossier(participant_id=part.id, reward_form=form, opened_by=p.display_name)
    repo.add(s, row)
    audit.record(s, p, m.unit_id, DOSSIER, row.id, "created", None, part.name,
                 detail={"reward_form": form})
    return page(s, p, participant_id, as_of)


def upload(s: Session, p: Principal, participant_id: int, item: int, filename: str,
           content: bytes, *, max_bytes: int, as_of: date) -> dict[str, Any]:
    """A file for paper `item` (its position in the checklist), from the office or the
    participant; checked by content and size before anything is stored."""
    m, part = C.participant(s, p, participant_id)
    if not C.own(p, m, part) and rules.REVIEW not in access.actions_at(p, m.unit):
        raise Forbidden("chỉ văn phòng hoặc chính đối tượng thi đua mới nộp được hồ sơ.")
    st = state_of(s, m, part)
    if st.dossier is None:
        raise BadInput(f"“{part.name}” chưa được đề nghị khen thưởng (chưa có hồ sơ); "
                       "văn phòng mở hồ sơ trước.")
    if not 0 <= item < len(st.items):
        raise FieldError(f"hồ sơ không có mục số {item + 1}.", field="item")
    name, body = evidence.check(filename, content, max_bytes, "Hồ sơ chưa được ghi.")
    stored = files.add_attachment(s, hashlib.sha256(body).hexdigest(), name, body)
    row = DossierFile(dossier_id=st.dossier.id, item=item, attachment_id=stored.id,
                      uploaded_by=p.display_name)
    st.dossier.files.append(row)
    s.flush()
    audit.record(s, p, m.unit_id, DOSSIER, st.dossier.id, f"item_{item + 1}", None, name)
    return page(s, p, participant_id, as_of)


def stored(s: Session, p: Principal, file_id: int) -> evidence.StoredFile:
    """An uploaded dossier file, for whoever may see its participant."""
    row = repo.file(s, file_id)
    dossier = s.get(RewardDossier, row.dossier_id) if row else None
    if row is None or dossier is None:
        raise NotFound(f"không có tệp hồ sơ số {file_id}.")
    try:
        C.participant(s, p, dossier.participant_id)
    except NotFound:
        raise NotFound(f"không có tệp hồ sơ số {file_id}.") from None
    found = files.attachment(s, row.attachment_id)
    if found is None:
        raise NotFound(f"không có tệp hồ sơ số {file_id}.")
    return evidence.stored_file(found.name, found.content)


@dataclass(frozen=True)
class Deadline:
    """A movement's deadline as the dashboard shows it (hashable: a page-cache key part)."""

    id: int
    name: str
    date: str
    receiver: str | None
    code: str
    words: str
    days: int
    incomplete: int


def deadlines(s: Session, p: Principal, unit_id: int, as_of: date) -> tuple[Deadline, ...]:
    """The unit's movement deadlines for its dashboard, as the office and leaders (REVIEW
    or APPROVE there) see them on `as_of`: each until its day, and after it while a
    dossier still misses a paper; none for anyone else. The access is checked on the
    unit's scope (held for the request: the dashboard has read it already), no Unit
    loaded; the scope also says when the unit has no movement with a deadline, and then
    nothing more is read."""
    scope = access.unit_scope(s, p, unit_id)
    if not scope.deadlines or not {rules.REVIEW, rules.APPROVE} & access.actions_at(
            p, scope.chain):
        return ()
    out = []
    for m in repo.with_deadline(s, [unit_id]):
        missing = incomplete(s, m)
        shown = deadline_json(m, as_of)
        if shown is None or (shown["code"] == "qua_han" and not missing):
            continue
        out.append(Deadline(m.id, m.name, shown["date"], m.receiver, shown["code"],
                            shown["words"], shown["days"], len(missing)))
    return tuple(out)
