"""Pages of outgoing reports: the unit's register of outgoing documents with its forms
(vào sổ, bản đã ký, gửi lên cấp trên, hủy số), the files, the inbox of the unit above
(văn bản đến) and its table of the periodic reports the units below sent."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.outgoing import received, register
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.downloads import file_response
from theodoi.web.pages.status import as_of
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


def _back(row: dict[str, object]) -> Response:
    unit = row["unit"]
    unit_id = unit["id"] if isinstance(unit, dict) else ""
    return RedirectResponse(f"/don-vi/{unit_id}/van-ban-di?da_ghi={row['id']}#vb-{row['id']}",
                            status_code=303)


@router.get("/don-vi/{unit_id}/van-ban-di")
def register_page(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                  nam: str = "", da_ghi: str = "") -> Response:
    year = int(nam) if nam.strip().isdigit() else None
    data = register.register(s, p, unit_id, year)
    return HTMLResponse(render("outgoing.html", request, data=data, saved=da_ghi,
                               today=date.today()))


@router.post("/don-vi/{unit_id}/van-ban-di")
def enter(unit_id: int, s: deps.Db, p: deps.User, kind: Text, period: Text,
          issued_on: Text = "", plan: Text = "", request_text: Text = "") -> Response:
    today = date.today()
    entry = register.Entry(kind, period, parse_day(issued_on, "ngày ban hành") or today,
                           int(plan) if plan.strip().isdigit() else None, request_text)
    return _back(register.enter(s, p, unit_id, entry, today))


@router.post("/van-ban-di/{doc_id}/ban-ky")
def upload_signed(request: Request, doc_id: int, s: deps.Db, p: deps.User,
                  file: Annotated[UploadFile | None, File()] = None) -> Response:
    limit = deps.settings_of(request).max_evidence_bytes
    chosen = ("", b"")  # nothing chosen: refused as an empty file
    if file is not None and file.filename:
        chosen = file.filename, file.file.read(limit + 1)  # a byte over the limit refuses
    return _back(register.upload_signed(s, p, doc_id, chosen, max_bytes=limit))


@router.post("/van-ban-di/{doc_id}/gui")
def send(doc_id: int, s: deps.Db, p: deps.User) -> Response:
    return _back(register.send(s, p, doc_id, date.today()))


@router.post("/van-ban-di/{doc_id}/huy")
def cancel(doc_id: int, s: deps.Db, p: deps.User, reason: Text = "") -> Response:
    return _back(register.cancel(s, p, doc_id, reason, date.today()))


@router.get("/van-ban-di/{doc_id}/docx")
def numbered_docx(doc_id: int, s: deps.Db, p: deps.User) -> Response:
    return file_response(register.stored_file(s, p, doc_id, "docx"))


@router.get("/van-ban-di/{doc_id}/ban-ky")
def signed_pdf(doc_id: int, s: deps.Db, p: deps.User) -> Response:
    f = register.stored_file(s, p, doc_id, "pdf")
    return file_response(f, inline=f.inline)


@router.get("/don-vi/{unit_id}/van-ban-den")
def inbox(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    return HTMLResponse(render("incoming.html", request, data=received.inbox(s, p, unit_id)))


@router.get("/don-vi/{unit_id}/bao-cao-cap-duoi")
def received_reports(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                     kind: str = "quy", nam: str = "", ngay: str = "") -> Response:
    day = as_of(ngay)
    year = int(nam) if nam.strip().isdigit() else day.year
    data = received.overview(s, p, unit_id, kind, year, day)
    return HTMLResponse(render("received_reports.html", request, data=data))
