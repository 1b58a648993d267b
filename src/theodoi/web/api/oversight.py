"""JSON of explanation requests, the audit history (and revert), and report downloads."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from theodoi.services import jobs
from theodoi.services.estimates import office as office_estimates
from theodoi.services.reporting import report_files
from theodoi.services.views import audit_view, explanation_view
from theodoi.web import deps
from theodoi.web.downloads import file_response

router = APIRouter(prefix="/api", tags=["giải trình, lịch sử, báo cáo"])


class Question(BaseModel):
    question: str
    period: str | None = None


class Answer(BaseModel):
    text: str
    version: int


class EstimateBody(BaseModel):
    year: int
    value: str | float | None = None  # blank or missing: clear the office's estimate


class Versioned(BaseModel):
    version: int | None = None  # the item's version, for a revert of an item's change


@router.get("/units/{unit_id}/explanations")
def unit_explanations(unit_id: int, s: deps.Db, p: deps.User, state: str = "",
                      agency: int | None = None) -> dict[str, Any]:
    return explanation_view.unit_requests(s, p, unit_id, state, agency)


@router.get("/items/{ref}/explanations")
def item_explanations(ref: str, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return explanation_view.item_requests(s, p, ref)


@router.post("/items/{ref}/explanations", status_code=201)
def ask(ref: str, body: Question, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return explanation_view.request(s, p, ref, body.question, body.period)


@router.post("/explanations/{request_id}/answer")
def answer(request_id: int, body: Answer, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return explanation_view.answer(s, p, request_id, body.text, body.version)


@router.get("/units/{unit_id}/audit")
def unit_audit(unit_id: int, s: deps.Db, p: deps.User, page: int = 1,
               per_page: int = audit_view.PER_PAGE) -> dict[str, Any]:
    return audit_view.unit_history(s, p, unit_id, page, per_page)


@router.get("/items/{ref}/audit")
def item_audit(ref: str, s: deps.Db, p: deps.User, page: int = 1,
               per_page: int = audit_view.PER_PAGE) -> dict[str, Any]:
    return audit_view.item_history(s, p, ref, page, per_page)


@router.get("/audit/{entry_id}/revert")
def revert_preview(entry_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """What a revert of the entry would change (nothing is changed)."""
    return audit_view.confirm_page(s, p, entry_id)


@router.post("/audit/{entry_id}/revert")
def revert(entry_id: int, body: Versioned, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return audit_view.revert(s, p, entry_id, body.version)


@router.get("/units/{unit_id}/report", response_class=Response,
            responses={200: {"content": {t: {} for t in report_files.MEDIA_TYPES.values()}},
                       202: {"description": "PDF: the job that converts it"}})
def report(unit_id: int, kind: str, period: str, s: deps.Db, p: deps.User,
           fmt: Annotated[str, Query(alias="format")] = "docx",
           plan: int | None = None, request: str | None = None) -> Response:
    """The report file (DOCX or XLSX appendix); for a PDF, 202 with the job that converts
    it (poll its `url`; when done, its `file_url` gives the PDF). `request` is what asked
    for the report ("Công văn số … của …"), cited in its opening."""
    if fmt == "pdf":
        job = jobs.submit_report_pdf(s, p, unit_id, kind, period, plan, date.today(),
                                     request)
        return JSONResponse(job, status_code=202, headers={"Location": job["url"]})
    return file_response(report_files.download(s, p, unit_id, kind, period, fmt, plan,
                                                      date.today(), request))


@router.put("/items/{ref}/estimate")
def estimate(ref: str, body: EstimateBody, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The office's own estimate of target `ref`'s whole year (ước thực hiện cả năm),
    kept for every report of a period inside that year; a blank value clears it."""
    return office_estimates.set_for(s, p, ref, body.year, body.value)


@router.get("/jobs/{job_id}/file", response_class=Response,
            responses={200: {"content": {report_files.MEDIA_TYPES["pdf"]: {}}}})
def job_file(job_id: int, request: Request, s: deps.Db, p: deps.User) -> Response:
    """The PDF a done report job made, for whoever may read the job (404 otherwise)."""
    return file_response(jobs.report_file(s, p, deps.settings_of(request), job_id))
