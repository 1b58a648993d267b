"""JSON of outgoing reports: the unit's register (vào sổ, the signed PDF, hủy, gửi), the
files, and the unit above's inbox and table of reports received; the same service calls
as the pages."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from theodoi.domain.errors import BadInput
from theodoi.services.outgoing import received, register
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.downloads import file_response

router = APIRouter(prefix="/api", tags=["văn bản đi"])


class NewEntry(BaseModel):
    kind: str
    period: str
    issued_on: str | None = None  # ISO or dd/mm/yyyy; today when absent
    plan_id: int | None = None
    request: str | None = None


class SignedFile(BaseModel):
    name: str
    content_base64: str


class Signed(BaseModel):
    file: SignedFile


class Cancel(BaseModel):
    reason: str | None = None


@router.get("/units/{unit_id}/outgoing")
def outgoing_register(unit_id: int, s: deps.Db, p: deps.User,
                      year: int | None = None) -> dict[str, Any]:
    return register.register(s, p, unit_id, year)


@router.post("/units/{unit_id}/outgoing", status_code=201)
def enter(unit_id: int, body: NewEntry, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Number a report of the unit in its register (vào sổ văn bản đi)."""
    today = date.today()
    on = parse_day(body.issued_on, "ngày ban hành") or today
    return register.enter(s, p, unit_id, register.Entry(body.kind, body.period, on,
                                                        body.plan_id, body.request), today)


@router.get("/outgoing/{doc_id}")
def document(doc_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return register.document(s, p, doc_id)


@router.post("/outgoing/{doc_id}/signed")
def upload_signed(request: Request, doc_id: int, body: Signed, s: deps.Db,
                  p: deps.User) -> dict[str, Any]:
    register.check_writable(s, p, doc_id)  # a stranger learns nothing from a bad file
    try:
        content = base64.b64decode(body.file.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadInput("tệp bản đã ký không đúng dạng base64.") from exc
    return register.upload_signed(s, p, doc_id, (body.file.name, content),
                                  max_bytes=deps.settings_of(request).max_evidence_bytes)


@router.post("/outgoing/{doc_id}/send")
def send(doc_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return register.send(s, p, doc_id, date.today())


@router.post("/outgoing/{doc_id}/cancel")
def cancel(doc_id: int, body: Cancel, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return register.cancel(s, p, doc_id, body.reason or "", date.today())


@router.get("/outgoing/{doc_id}/docx")
def numbered_docx(doc_id: int, s: deps.Db, p: deps.User) -> Response:
    """The report's DOCX as numbered (not JSON)."""
    return file_response(register.stored_file(s, p, doc_id, "docx"))


@router.get("/outgoing/{doc_id}/signed")
def signed_pdf(doc_id: int, s: deps.Db, p: deps.User) -> Response:
    """The signed PDF uploaded back (not JSON), shown in place by a browser."""
    f = register.stored_file(s, p, doc_id, "pdf")
    return file_response(f, inline=f.inline)


@router.get("/units/{unit_id}/incoming")
def incoming(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """What the units below sent the unit (văn bản đến), received the day they were sent."""
    return received.inbox(s, p, unit_id)


@router.get("/units/{unit_id}/received-reports")
def received_reports(unit_id: int, s: deps.Db, p: deps.User, kind: str = "quy",
                     year: int | None = None, as_of: str = "") -> dict[str, Any]:
    """Each unit below × each period of the year: sent (number, date, file), late, not due."""
    today = parse_day(as_of, "ngày xem (as_of)") or date.today()
    return received.overview(s, p, unit_id, kind, year or today.year, today)
