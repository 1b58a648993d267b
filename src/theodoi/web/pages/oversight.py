"""Pages of explanation requests, the audit history (with revert), and report downloads."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services import jobs
from theodoi.services.reporting import report_files
from theodoi.services.views import audit_view, explanation_view
from theodoi.web import deps
from theodoi.web.downloads import file_response
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(template, request, **context))


def _back(target: str, fallback: str) -> str:
    """Only a path on this site (never '//host'), else the fallback."""
    return target if target.startswith("/") and not target.startswith("//") else fallback


@router.get("/don-vi/{unit_id}/giai-trinh")
def unit_explanations(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                      state: str = "", agency: str = "") -> Response:
    data = explanation_view.unit_requests(s, p, unit_id, state,
                                          int(agency) if agency.isdigit() else None)
    return page(request, "explanations.html", data=data)


@router.get("/muc/{ref}/giai-trinh")
def item_explanations(request: Request, ref: str, s: deps.Db, p: deps.User) -> Response:
    return page(request, "item_explanations.html",
                data=explanation_view.item_requests(s, p, ref))


@router.post("/muc/{ref}/giai-trinh")
def ask(ref: str, s: deps.Db, p: deps.User, question: Annotated[str, Form()] = "",
        period: Annotated[str, Form()] = "") -> Response:
    row = explanation_view.request(s, p, ref, question, period or None)
    return RedirectResponse(f"/muc/{row['ref']}/giai-trinh", status_code=303)


@router.post("/giai-trinh/{request_id}/tra-loi")
def answer(request_id: int, s: deps.Db, p: deps.User, version: Annotated[int, Form()],
           text: Annotated[str, Form()] = "", back: Annotated[str, Form()] = "") -> Response:
    row = explanation_view.answer(s, p, request_id, text, version)
    return RedirectResponse(_back(back, f"/muc/{row['ref']}/giai-trinh"), status_code=303)


@router.get("/don-vi/{unit_id}/lich-su")
def unit_audit(request: Request, unit_id: int, s: deps.Db, p: deps.User,
               trang: int = 1) -> Response:
    return page(request, "audit.html", data=audit_view.unit_history(s, p, unit_id, trang))


@router.get("/muc/{ref}/lich-su")
def item_audit(request: Request, ref: str, s: deps.Db, p: deps.User,
               trang: int = 1) -> Response:
    return page(request, "audit.html", data=audit_view.item_history(s, p, ref, trang))


@router.get("/lich-su/{entry_id}/hoan-tac")
def revert_confirm(request: Request, entry_id: int, s: deps.Db, p: deps.User,
                   back: str = "") -> Response:
    """The confirmation step: what the revert will change, and the button that does it."""
    data = audit_view.confirm_page(s, p, entry_id)
    return page(request, "audit_revert.html", data=data,
                back=_back(back, f"/don-vi/{data['unit_id']}/lich-su"))


@router.post("/lich-su/{entry_id}/hoan-tac")
def revert(entry_id: int, s: deps.Db, p: deps.User,
           version: Annotated[int | None, Form()] = None,
           back: Annotated[str, Form()] = "") -> Response:
    done = audit_view.revert(s, p, entry_id, version)
    return RedirectResponse(_back(back, f"/don-vi/{done['unit_id']}/lich-su"), status_code=303)


@router.get("/don-vi/{unit_id}/bao-cao")
def report(unit_id: int, s: deps.Db, p: deps.User, kind: str = "", period: str = "",
           fmt: Annotated[str, Query(alias="format")] = "docx",
           plan: str = "", request: str = "") -> Response:
    """The download the report form on the unit and plan pages asks for; a PDF (seconds
    of LibreOffice) is queued as a job and its page offers the file when done."""
    plan_id = int(plan) if plan.isdigit() else None
    if fmt == "pdf":
        job = jobs.submit_report_pdf(s, p, unit_id, kind, period, plan_id, date.today(),
                                     request)
        return RedirectResponse(job["page"], status_code=303)
    return file_response(report_files.download(s, p, unit_id, kind, period, fmt, plan_id,
                                                      date.today(), request))


@router.get("/tac-vu/{job_id}/tep")
def job_file(request: Request, job_id: int, s: deps.Db, p: deps.User) -> Response:
    """The PDF a report job made, for whoever may see the job (404 otherwise)."""
    return file_response(jobs.report_file(s, p, deps.settings_of(request), job_id))
