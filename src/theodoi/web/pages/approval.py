"""The product forms of a task's page: trình (with the file), duyệt, trả lại (with the
reason), each answering with the task's page; the download of a submitted file; and the
unit's list of products waiting for a leader or returned to their lead, with who approves
for each body (and the administrator's form that names them)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.approval import bodies, flow
from theodoi.web import deps
from theodoi.web.downloads import attachment_response
from theodoi.web.pages.status import as_of
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


def _back(ref: str) -> Response:
    return RedirectResponse(f"/nhiem-vu/{ref}?da_ghi=san-pham#san-pham", status_code=303)


@router.post("/nhiem-vu/{ref}/trinh")
def submit(request: Request, ref: str, s: deps.Db, p: deps.User,
           file: Annotated[UploadFile | None, File()] = None, to_body: Text = "") -> Response:
    limit = deps.settings_of(request).max_evidence_bytes
    chosen = None  # none chosen: the flow says a submission needs its file
    if file is not None and file.filename:
        chosen = file.filename, file.file.read(limit + 1)  # a byte over the limit refuses
    flow.submit(s, p, ref, chosen, on=date.today(), max_bytes=limit, to_body=to_body)
    return _back(ref)


@router.post("/nhiem-vu/{ref}/duyet")
def approve(ref: str, s: deps.Db, p: deps.User) -> Response:
    flow.decide(s, p, ref, "duyet", on=date.today())
    return _back(ref)


@router.post("/nhiem-vu/{ref}/tra-lai")
def return_(ref: str, s: deps.Db, p: deps.User, reason: Text = "") -> Response:
    flow.decide(s, p, ref, "tra_lai", on=date.today(), reason=reason)
    return _back(ref)


@router.get("/don-vi/{unit_id}/san-pham")
def open_products(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                  ngay: str = "") -> Response:
    data = flow.open_products(s, p, unit_id, as_of(ngay))
    return HTMLResponse(render("products.html", request, data=data,
                               approvers=bodies.listing(s, p, unit_id)))


@router.post("/don-vi/{unit_id}/nguoi-duyet")
def set_approvers(unit_id: int, s: deps.Db, p: deps.User, body: Text = "",
                  users: Text = "") -> Response:
    """Name who approves for a body (usernames separated by commas; none: the leaders)."""
    bodies.set_approvers(s, p, unit_id, body, users.replace(";", ",").split(","))
    return RedirectResponse(f"/don-vi/{unit_id}/san-pham#nguoi-duyet", status_code=303)


@router.get("/nhiem-vu/{ref}/san-pham/{step_id}")
def download(ref: str, step_id: int, s: deps.Db, p: deps.User) -> Response:
    file = flow.step_file(s, p, ref, step_id)
    return attachment_response(file.name, file.content)
