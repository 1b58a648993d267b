"""Score sheets (bảng điểm bình xét): a participant's criteria as of an evaluation day,
every evidence-linked one pre-filled from the register (`evidence`), the judged ones left
to the council (`council.judge`).

A sheet not yet filled is shown as a preview, computed afresh; the office fills it
(`fill`), which stores the evidence as counted that day so the council votes on numbers
that no later report changes. Filling again the same day counts afresh (judgements kept)
until the council has voted. An agency sees its own sheet only (`common.participant`);
items of a restricted plan the person does not read are shown without their titles.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import emulation as E
from theodoi.domain import evaluation as V
from theodoi.domain.errors import Conflict, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import common as C
from theodoi.services.emulation import evidence
from theodoi.services.history import audit
from theodoi.storage.models import (
    EvaluationSheet,
    Movement,
    MovementCriterion,
    MovementParticipant,
)
from theodoi.storage.repositories import evaluation as repo

SHEET = "evaluation_sheet"
HIDDEN_TITLE = "(mục của kế hoạch lưu hành nội bộ)"
GONE = "(tiêu chí đã bị xóa sau khi lập bảng điểm)"


def sheet(s: Session, p: Principal, participant_id: int, as_of: date) -> dict[str, Any]:
    """The participant's sheet as of `as_of`: the one filled that day, else a preview."""
    m, part = C.participant(s, p, participant_id)
    return view(s, p, m, part, as_of, repo.sheet_of(s, part.id, as_of))


def by_id(s: Session, p: Principal, sheet_id: int) -> dict[str, Any]:
    row, m, part = reach(s, p, sheet_id)
    return view(s, p, m, part, row.as_of, row)


def reach(s: Session, p: Principal, sheet_id: int, action: str = rules.READ
          ) -> tuple[EvaluationSheet, Movement, MovementParticipant]:
    """The stored sheet with its movement and participant, when the person may see it
    (NotFound otherwise) and take `action` at the movement's unit (Forbidden otherwise)."""
    row = repo.sheet(s, sheet_id)
    missing = f"không có bảng điểm số {sheet_id}."
    if row is None:
        raise NotFound(missing)
    try:
        m, part = C.participant(s, p, row.participant_id)
    except NotFound:
        raise NotFound(missing) from None
    access.unit(s, p, m.unit_id, action)
    return row, m, part


def fill(s: Session, p: Principal, participant_id: int, as_of: date,
         version: int | None = None) -> dict[str, Any]:
    """Store the participant's sheet as of `as_of` with the evidence counted now; a sheet
    of that day already there is counted afresh (its judgements kept), unless the council
    has voted on it (Conflict). `version`, when given, must be the stored sheet's."""
    m, part = C.participant(s, p, participant_id)
    access.unit(s, p, m.unit_id, rules.REVIEW)
    found = evidence.fill(s, m, part, as_of, m.criteria)
    row = repo.sheet_of(s, part.id, as_of)
    if row is None:
        row = EvaluationSheet(movement_id=m.id, participant_id=part.id, as_of=as_of,
                              evidence=found, filled_by=p.username)
        repo.add(s, row)
        audit.record(s, p, m.unit_id, SHEET, row.id, "created", None, _numbers(found),
                     detail={"participant": part.id, "as_of": as_of.isoformat()})
        return view(s, p, m, part, as_of, row)
    if version is not None:
        C.check_version(row, version, f"Bảng điểm của “{part.name}”")
    if row.council is not None:
        raise Conflict(f"Hội đồng đã bỏ phiếu trên bảng điểm của “{part.name}” ngày "
                       f"{as_of:%d/%m/%Y}; không lập lại được.")
    before = _numbers(row.evidence)
    row.evidence, row.filled_by = found, p.username
    repo.touch(s, row)
    audit.record(s, p, m.unit_id, SHEET, row.id, "evidence", before, _numbers(found))
    return view(s, p, m, part, as_of, row)


def _numbers(found: list[dict[str, Any]]) -> str:
    """The evidence in a line of the audit history: 'tiêu chí 12: 2/3' …"""
    return "; ".join(f"tiêu chí {e['criterion_id']}: {e['part']}/{e['whole']}"
                     for e in found) or "không có tiêu chí theo số liệu"


def _redact(items: list[dict[str, Any]], hidden: frozenset[int]) -> list[dict[str, Any]]:
    return [{**x, "title": HIDDEN_TITLE, "ref": None} if x.get("plan_id") in hidden else x
            for x in items]


def _evidence_line(e: dict[str, Any], c: MovementCriterion | None,
                   hidden: frozenset[int]) -> dict[str, Any]:
    return {"criterion_id": e["criterion_id"], "position": c.position if c else 10**6,
            "text": c.text if c else GONE, "kind": e["kind"],
            "kind_label": E.CRITERION_KINDS.get(e["kind"], e["kind"]), "evidence": True,
            "threshold": e["threshold"], "part": e["part"], "whole": e["whole"],
            "share": e["share"], "passed": e["passed"], "note": e["note"],
            "items": _redact(e["items"], hidden), "judgement": None}


def _judged_line(c: MovementCriterion, j: Any) -> dict[str, Any]:
    return {"criterion_id": c.id, "position": c.position, "text": c.text, "kind": c.kind,
            "kind_label": E.CRITERION_KINDS[c.kind], "evidence": False, "threshold": None,
            "part": None, "whole": None, "share": None,
            "passed": None if j is None else j.met, "note": None, "items": [],
            "judgement": None if j is None else {
                "met": j.met, "note": j.note, "by": j.judged_by,
                "at": j.judged_at.isoformat(timespec="minutes")}}


def lines(m: Movement, part: MovementParticipant, row: EvaluationSheet | None,
          found: list[dict[str, Any]], hidden: frozenset[int] = frozenset()
          ) -> list[dict[str, Any]]:
    """The sheet's criteria in the movement's order: the evidence ones as counted, the
    judged ones with the council's judgement when there is one."""
    by_id = {c.id: c for c in m.criteria}
    judged = {j.criterion_id: j for j in (row.judgements if row else [])}
    out = [_evidence_line(e, by_id.get(e["criterion_id"]), hidden) for e in found]
    out += [_judged_line(c, judged.get(c.id)) for c in m.criteria
            if c.kind == "judged" and evidence.applies(c, part)]
    return sorted(out, key=lambda x: (x["position"], x["criterion_id"]))


def council_json(row: EvaluationSheet | None) -> dict[str, Any] | None:
    c = row.council if row else None
    if c is None:
        return None
    return {"id": c.id, "agree": c.agree, "total": c.total, "voted_on": c.voted_on.isoformat(),
            "share": V.share(c.agree, c.total), "carried": V.carried(c.agree, c.total),
            "proposed_form": c.proposed_form,
            "proposed_label": E.REWARD_FORMS.get(c.proposed_form or ""), "note": c.note,
            "voted_by": c.voted_by, "decision": c.decision,
            "decision_label": V.DECISIONS.get(c.decision or ""),
            "approved_form": c.approved_form,
            "approved_label": E.REWARD_FORMS.get(c.approved_form or ""),
            "decision_number": c.decision_number, "decided_on": C.iso(c.decided_on),
            "decided_by": c.decided_by, "version": c.version}


def view(s: Session, p: Principal, m: Movement, part: MovementParticipant, as_of: date,
         row: EvaluationSheet | None) -> dict[str, Any]:
    """The sheet as pages, the API and the CLI show it."""
    found = row.evidence if row is not None else evidence.fill(s, m, part, as_of, m.criteria)
    shown = lines(m, part, row, found, access.hidden_plans(s, p, m.unit))
    result = V.verdict([x["passed"] for x in shown])
    can = access.actions_at(p, m.unit)
    council = council_json(row)
    open_ = row is not None and (council is None or council["decision"] is None)
    return {"movement_id": m.id, "movement": m.name, "participant_id": part.id,
            "participant": part.name, "kind": part.kind,
            "kind_label": E.PARTICIPANT_KINDS[part.kind], "as_of": as_of.isoformat(),
            "stored": row is not None, "sheet_id": row.id if row else None,
            "version": row.version if row else None,
            "filled_by": row.filled_by if row else None,
            "filled_at": row.filled_at.isoformat(timespec="minutes") if row else None,
            "criteria": shown, "verdict": result, "verdict_label": V.VERDICTS[result],
            "council": council, "reward_forms": E.REWARD_FORMS,
            "can_fill": rules.REVIEW in can and council is None,
            "can_judge": rules.REVIEW in can and row is not None and council is None,
            "can_vote": rules.REVIEW in can and open_,
            "can_decide": rules.APPROVE in can and open_ and council is not None}
