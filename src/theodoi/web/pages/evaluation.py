"""Evaluation pages (bình xét thi đua): a movement's ranking, results and papers as of a
day, and a participant's score sheet with the forms of the office (fill, judge, vote) and
of the leader (decide); each form answers by going back to the sheet. JSON twins:
web/api/evaluation.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.emulation import council, evaluation, movements, papers, ranking
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.api.evaluation import day
from theodoi.web.downloads import file_response
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]
Version = Annotated[int, Form()]


def _back(participant_id: int, as_of: str) -> Response:
    return RedirectResponse(f"/doi-tuong/{participant_id}/bang-diem?ngay={as_of}&da_ghi=1",
                            status_code=303)


@router.get("/thi-dua/{movement_id}/binh-xet")
def overview(request: Request, movement_id: int, s: deps.Db, p: deps.User,
             ngay: str = "") -> Response:
    as_of = day(ngay)
    data = {"movement": movements.get(s, p, movement_id),
            "ranking": ranking.ranking(s, p, movement_id, as_of),
            "results": ranking.results(s, p, movement_id), "as_of": as_of.isoformat()}
    return HTMLResponse(render("evaluation.html", request, data=data))


@router.get("/thi-dua/{movement_id}/giay-to/{kind}")
def paper(movement_id: int, kind: str, s: deps.Db, p: deps.User, ngay: str = "") -> Response:
    return file_response(papers.paper(s, p, movement_id, kind,
                                      parse_day(ngay, "ngày đánh giá")))


@router.get("/doi-tuong/{participant_id}/bang-diem")
def sheet(request: Request, participant_id: int, s: deps.Db, p: deps.User, ngay: str = "",
          da_ghi: str = "") -> Response:
    data = evaluation.sheet(s, p, participant_id, day(ngay))
    return HTMLResponse(render("score_sheet.html", request, data=data, saved=da_ghi))


@router.post("/doi-tuong/{participant_id}/bang-diem")
def fill(participant_id: int, s: deps.Db, p: deps.User, ngay: Text = "",
         version: Text = "") -> Response:
    found = evaluation.fill(s, p, participant_id, day(ngay),
                            int(version) if version.strip().isdigit() else None)
    return _back(participant_id, found["as_of"])


@router.post("/bang-diem/{sheet_id}/danh-gia")
def judge(sheet_id: int, s: deps.Db, p: deps.User, version: Version,
          criterion_id: Annotated[int, Form()], met: Text = "", note: Text = "") -> Response:
    found = council.judge(s, p, sheet_id, version, criterion_id, met == "1", note)
    return _back(found["participant_id"], found["as_of"])


@router.post("/bang-diem/{sheet_id}/bo-phieu")
def vote(sheet_id: int, s: deps.Db, p: deps.User, version: Version,
         agree: Annotated[int, Form()], total: Annotated[int, Form()], voted_on: Text = "",
         reward_form: Text = "", note: Text = "") -> Response:
    found = council.vote(s, p, sheet_id, version, agree, total, day(voted_on, "ngày họp"),
                         reward_form, note)
    return _back(found["participant_id"], found["as_of"])


@router.post("/bang-diem/{sheet_id}/quyet-dinh")
def decide(sheet_id: int, s: deps.Db, p: deps.User, version: Version, approved: Text = "",
           decided_on: Text = "", reward_form: Text = "", number: Text = "") -> Response:
    found = council.decide(s, p, sheet_id, version, approved == "1",
                           day(decided_on, "ngày quyết định"), reward_form, number)
    return _back(found["participant_id"], found["as_of"])
