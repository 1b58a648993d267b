"""The council (Hội đồng Thi đua – Khen thưởng) on a filled score sheet: its judgement of
each judged criterion, its vote, and the chairman's decision — each checked against the
sheet's (or the result's) version and audited.

Roles: the office (REVIEW: văn phòng, quản trị) enters what the council judged and voted;
a leader (APPROVE: lãnh đạo, quản trị) decides. Order: judgements, then the vote (every
judged criterion judged first), then the decision (on a vote); after the vote the
judgements stand, after the decision nothing on the sheet changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import emulation as E
from theodoi.domain import evaluation as V
from theodoi.domain.errors import BadInput, Conflict, FieldError
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import common as C
from theodoi.services.emulation import evaluation, evidence
from theodoi.services.history import audit
from theodoi.storage.models import CouncilResult, EvaluationSheet, Judgement, utcnow
from theodoi.storage.repositories import evaluation as repo

COUNCIL = "council_result"


def _open(row: EvaluationSheet, name: str) -> None:
    if row.council is not None and row.council.decision is not None:
        raise Conflict(f"bảng điểm của “{name}” đã có quyết định của Chủ tịch; không sửa "
                       "được nữa.")


def judge(s: Session, p: Principal, sheet_id: int, version: int, criterion_id: int,
          met: bool, note: str | None = None) -> dict[str, Any]:
    """The council's met / not met (and note) on a judged criterion of the sheet."""
    row, m, part = evaluation.reach(s, p, sheet_id, rules.REVIEW)
    C.check_version(row, version, f"Bảng điểm của “{part.name}”")
    if row.council is not None:
        raise Conflict(f"Hội đồng đã bỏ phiếu trên bảng điểm của “{part.name}”; không "
                       "đánh giá lại tiêu chí được.")
    c = next((x for x in m.criteria if x.id == criterion_id), None)
    if c is None or c.kind != "judged" or not evidence.applies(c, part):
        raise FieldError(f"tiêu chí số {criterion_id} không phải tiêu chí do Hội đồng đánh "
                         "giá của đối tượng này.", field="criterion_id")
    text = " ".join((note or "").split()) or None
    j = next((x for x in row.judgements if x.criterion_id == criterion_id), None)
    before = None if j is None else {"met": j.met, "note": j.note}
    if j is None:
        j = Judgement(criterion_id=criterion_id, met=met)
        row.judgements.append(j)
    j.met, j.note, j.judged_by, j.judged_at = met, text, p.username, utcnow()
    repo.touch(s, row)
    audit.record(s, p, m.unit_id, evaluation.SHEET, row.id, f"criterion {criterion_id}",
                 before, {"met": met, "note": text})
    return evaluation.view(s, p, m, part, row.as_of, row)


def _unjudged(sheet: dict[str, Any]) -> list[str]:
    return [x["text"] for x in sheet["criteria"] if not x["evidence"] and x["judgement"] is None]


def vote(s: Session, p: Principal, sheet_id: int, version: int, agree: int, total: int,
         voted_on: date, reward_form: str | None = None,
         note: str | None = None) -> dict[str, Any]:
    """The council's vote on the sheet: số phiếu đồng ý of tổng số, the day, the reward
    form it proposes. Every judged criterion must be judged first; voting again replaces
    the vote until the chairman decides."""
    row, m, part = evaluation.reach(s, p, sheet_id, rules.REVIEW)
    C.check_version(row, version, f"Bảng điểm của “{part.name}”")
    _open(row, part.name)
    agree, total = V.check_vote(agree, total)
    form = _form(reward_form, "reward_form")
    missing = _unjudged(evaluation.view(s, p, m, part, row.as_of, row))
    if missing:
        raise BadInput(f"còn {len(missing)} tiêu chí Hội đồng chưa đánh giá (“{missing[0]}”); "
                       "hãy ghi đạt / không đạt trước khi bỏ phiếu.")
    c = row.council
    before = None if c is None else _vote_text(c)
    if c is None:
        c = CouncilResult(agree=agree, total=total, voted_on=voted_on)
        row.council = c
    c.agree, c.total, c.voted_on, c.proposed_form = agree, total, voted_on, form
    c.note, c.voted_by = " ".join((note or "").split()) or None, p.username
    repo.touch(s, row)
    audit.record(s, p, m.unit_id, evaluation.SHEET, row.id, "vote", before, _vote_text(c))
    return evaluation.view(s, p, m, part, row.as_of, row)


def _vote_text(c: CouncilResult) -> str:
    form = E.REWARD_FORMS.get(c.proposed_form or "", "không đề nghị")
    return f"{c.agree}/{c.total} phiếu đồng ý ngày {c.voted_on:%d/%m/%Y}; {form}"


def _form(value: str | None, field: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in E.REWARD_FORMS:
        raise FieldError(f"hình thức khen thưởng '{value}' không có; dùng: "
                         f"{', '.join(E.REWARD_FORMS)}.", field=field)
    return value


def decide(s: Session, p: Principal, sheet_id: int, version: int, approved: bool,
           decided_on: date, reward_form: str | None = None,
           number: str | None = None) -> dict[str, Any]:
    """The chairman's decision on the council's vote (`version` is the vote's): approved
    with a reward form (the one proposed unless another is named) and the decision's
    number, or refused. Decided once."""
    row, m, part = evaluation.reach(s, p, sheet_id, rules.APPROVE)
    c = row.council
    if c is None:
        raise BadInput(f"Hội đồng chưa bỏ phiếu cho “{part.name}”; chưa quyết định được.")
    C.check_version(c, version, f"Kết quả bình xét của “{part.name}”")
    _open(row, part.name)
    form = (_form(reward_form, "reward_form") or c.proposed_form) if approved else None
    if approved and form is None:
        raise FieldError("phê duyệt cần hình thức khen thưởng.", field="reward_form")
    c.decision = "approved" if approved else "refused"
    c.approved_form, c.decided_on, c.decided_by = form, decided_on, p.username
    c.decision_number = " ".join((number or "").split()) or None
    s.flush()
    audit.record(s, p, m.unit_id, COUNCIL, c.id, "decision", None,
                 f"{V.DECISIONS[c.decision]}"
                 f"{': ' + E.REWARD_FORMS[form] if form else ''}"
                 f"{' (QĐ số ' + c.decision_number + ')' if c.decision_number else ''}",
                 detail={"sheet": row.id})
    return evaluation.view(s, p, m, part, row.as_of, row)
