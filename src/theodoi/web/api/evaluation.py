"""JSON of the evaluation (bình xét thi đua): a participant's score sheet as of a day,
filled by the office, the council's judgements and vote, the chairman's decision, the
ranking of agencies, the results and the papers (DOCX) — the same service calls as the
pages under `/thi-dua/N/binh-xet` and `theodoi emulation sheet|judge|vote|decide|ranking|
papers`. Days are ISO (yyyy-mm-dd) or dd/mm/yyyy; `as_of` defaults to today."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel

from theodoi.services.emulation import council, evaluation, papers, ranking
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.downloads import file_response

router = APIRouter(prefix="/api", tags=["thi đua"])


def day(text: str | None, what: str = "ngày đánh giá (as_of)") -> date:
    """The day sent, else today (the edge reads the clock; services never do)."""
    return parse_day(text, what) or date.today()


class Fill(BaseModel):
    as_of: str | None = None
    version: int | None = None


class Judge(BaseModel):
    version: int
    criterion_id: int
    met: bool
    note: str | None = None


class Vote(BaseModel):
    version: int
    agree: int
    total: int
    voted_on: str | None = None
    reward_form: str | None = None
    note: str | None = None


class Decide(BaseModel):
    version: int
    approved: bool
    decided_on: str | None = None
    reward_form: str | None = None
    number: str | None = None


@router.get("/participants/{participant_id}/sheet")
def sheet(participant_id: int, s: deps.Db, p: deps.User, as_of: str = "") -> dict[str, Any]:
    """The sheet as of `as_of`: the one filled that day (`stored`), else a preview."""
    return evaluation.sheet(s, p, participant_id, day(as_of))


@router.post("/participants/{participant_id}/sheet", status_code=201)
def fill(participant_id: int, body: Fill, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return evaluation.fill(s, p, participant_id, day(body.as_of), body.version)


@router.get("/score-sheets/{sheet_id}")
def stored(sheet_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return evaluation.by_id(s, p, sheet_id)


@router.post("/score-sheets/{sheet_id}/judge")
def judge(sheet_id: int, body: Judge, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return council.judge(s, p, sheet_id, body.version, body.criterion_id, body.met, body.note)


@router.post("/score-sheets/{sheet_id}/vote")
def vote(sheet_id: int, body: Vote, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return council.vote(s, p, sheet_id, body.version, body.agree, body.total,
                        day(body.voted_on, "ngày họp"), body.reward_form, body.note)


@router.post("/score-sheets/{sheet_id}/decide")
def decide(sheet_id: int, body: Decide, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return council.decide(s, p, sheet_id, body.version, body.approved,
                          day(body.decided_on, "ngày quyết định"), body.reward_form,
                          body.number)


@router.get("/movements/{movement_id}/ranking")
def rank(movement_id: int, s: deps.Db, p: deps.User, as_of: str = "") -> dict[str, Any]:
    return ranking.ranking(s, p, movement_id, day(as_of))


@router.get("/movements/{movement_id}/results")
def results(movement_id: int, s: deps.Db, p: deps.User, as_of: str = "") -> dict[str, Any]:
    return ranking.results(s, p, movement_id, parse_day(as_of, "ngày đánh giá (as_of)"))


@router.get("/movements/{movement_id}/papers/{kind}")
def paper(movement_id: int, kind: str, s: deps.Db, p: deps.User,
          as_of: str = "") -> Response:
    """`danh-sach` (proposal list) or `bien-ban` (council minutes) as DOCX."""
    found = papers.paper(s, p, movement_id, kind, parse_day(as_of, "ngày đánh giá (as_of)"))
    return file_response(found)
