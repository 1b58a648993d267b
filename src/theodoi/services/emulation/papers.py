"""The evaluation's papers: the proposal list (danh sách đề nghị khen thưởng) and the
minutes of the council's meeting (biên bản họp Hội đồng Thi đua – Khen thưởng), as DOCX
from the council's results (`ranking.results`) laid out by reports/awards.py.

Both are of one evaluation day: the one asked for, else the newest day the council voted
on. The minutes list every participant voted on; the proposal list those whose vote
carried (more than half, domain.evaluation.carried) with a reward form proposed. The
issuing body, place and signer are the report's (services/reporting): the movement's
unit, and the signer of the plan that launched the movement when there is one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, Forbidden
from theodoi.domain.numbers import vn_percent
from theodoi.reports import awards, bodies
from theodoi.reports.model import Signature
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import common as C
from theodoi.services.emulation import ranking
from theodoi.services.reporting import report_data
from theodoi.services.reporting.report_files import MEDIA_TYPES, ReportFile
from theodoi.storage.models import Movement
from theodoi.storage.repositories import plans as plan_repo

KINDS = {"danh-sach": ("Danh sách đề nghị khen thưởng", awards.proposals),
         "bien-ban": ("Biên bản họp Hội đồng TĐKT", awards.minutes)}


def _achievement(criteria: list[dict[str, Any]]) -> str:
    parts = [f"{x['kind_label']}: {x['part']}/{x['whole']}"
             + (f" ({vn_percent(x['share'])})" if x["share"] is not None else "")
             for x in criteria if x["evidence"] and x["whole"]]
    return "; ".join(parts) or "Không có số liệu theo dõi"


def _nominee(row: dict[str, Any]) -> awards.Nominee:
    c = row["council"]
    met = sum(1 for x in row["criteria"] if x["passed"] is True)
    decided = c["decision_label"] or ""
    if c["decision"] == "approved" and c["decision_number"]:
        decided += f" (QĐ số {c['decision_number']})"
    proposed = c["proposed_label"] if c["carried"] and c["proposed_label"] else ""
    return awards.Nominee(row["name"], _achievement(row["criteria"]),
                          f"{met}/{len(row['criteria'])}", row["verdict_label"],
                          f"{c['agree']}/{c['total']}", vn_percent(c["share"]), proposed,
                          decided)


def _day(rows: list[dict[str, Any]], as_of: date | None) -> date:
    voted = sorted({r["as_of"] for r in rows if r["council"]})
    if as_of is not None:
        return as_of
    if not voted:
        raise BadInput("Hội đồng chưa bỏ phiếu cho đối tượng nào của phong trào này; chưa "
                       "lập được danh sách, biên bản.")
    return date.fromisoformat(voted[-1])


def papers_data(s: Session, p: Principal, movement_id: int, kind: str,
                as_of: date | None = None) -> awards.AwardPapers:
    """What the paper `kind` says: its nominees from the council's results of the day."""
    if kind not in KINDS:
        raise BadInput(f"giấy tờ '{kind}' không có; dùng: {', '.join(KINDS)}.")
    m = C.movement(s, p, movement_id)
    if access.agency_filter(p, m.unit) is not None:
        raise Forbidden("danh sách, biên bản bình xét gồm mọi đối tượng của phong trào: "
                        "người dùng của một cơ quan chỉ xem bảng điểm của cơ quan mình.")
    every = ranking.results(s, p, movement_id)["sheets"]
    day = _day(every, as_of)
    rows = [r for r in every if r["council"] and r["as_of"] == day.isoformat()]
    nominees = [_nominee(r) for r in rows]
    if kind == "danh-sach":
        nominees = [x for x in nominees if x.proposed]
    voted = [date.fromisoformat(r["council"]["voted_on"]) for r in rows]
    return awards.AwardPapers(
        report_data.issuer_of(m.unit, False),
        bodies.place_name(report_data.body_of(m.unit)), m.name, day,
        max(voted) if voted else None, nominees, _signature(s, m))


def _signature(s: Session, m: Movement) -> Signature:
    """The signer of the plan that launched the movement, else the UBND's chairman."""
    plan = plan_repo.get(s, m.source_plan_id) if m.source_plan_id is not None else None
    return report_data.signature_of([plan] if plan else [], False)


def paper(s: Session, p: Principal, movement_id: int, kind: str,
          as_of: date | None = None) -> ReportFile:
    """The paper as a DOCX file with its Vietnamese name."""
    found = papers_data(s, p, movement_id, kind, as_of)
    title, render = KINDS[kind]
    name = f"{title} - {found.movement[:80]} - {found.as_of:%d-%m-%Y}.docx"
    return ReportFile(render(found), name, MEDIA_TYPES["docx"])
