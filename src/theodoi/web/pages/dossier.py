"""A participant's reward dossier page (/doi-tuong/N/ho-so): the checklist of the papers
its movement asks for, what is missing, the deadline, the upload of a file per paper,
and the báo cáo thành tích as a DOCX pre-filled from the register. JSON twins:
web/api/dossier.py; services: services/emulation/dossier.py and achievements.py."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.emulation import achievements, dossier
from theodoi.services.progress.evidence import StoredFile
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.downloads import file_response
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _day(text: str) -> date:
    return parse_day(text, "ngày xét") or date.today()


def _back(participant_id: int, saved: str) -> Response:
    return RedirectResponse(f"/doi-tuong/{participant_id}/ho-so?da_ghi={saved}#{saved}",
                            status_code=303)


@router.get("/doi-tuong/{participant_id}/ho-so")
def page(request: Request, participant_id: int, s: deps.Db, p: deps.User, ngay: str = "",
         da_ghi: str = "") -> Response:
    data = dossier.page(s, p, participant_id, _day(ngay))
    return HTMLResponse(render("dossier.html", request, data=data, saved=da_ghi))


@router.post("/doi-tuong/{participant_id}/ho-so")
def open_dossier(participant_id: int, s: deps.Db, p: deps.User,
                 reward_form: Annotated[str, Form()] = "") -> Response:
    dossier.open_dossier(s, p, participant_id, reward_form, date.today())
    return _back(participant_id, "ho-so")


@router.post("/doi-tuong/{participant_id}/ho-so/{item}")
def upload(request: Request, participant_id: int, item: int, s: deps.Db, p: deps.User,
           file: Annotated[UploadFile | None, File()] = None) -> Response:
    limit = deps.settings_of(request).max_evidence_bytes
    name, content = ("", b"") if file is None else (
        file.filename or "", file.file.read(limit + 1))
    dossier.upload(s, p, participant_id, item - 1, name, content, max_bytes=limit,
                   as_of=date.today())
    return _back(participant_id, f"muc-{item}")


@router.get("/ho-so-tep/{file_id}")
def stored(file_id: int, s: deps.Db, p: deps.User) -> Response:
    f = dossier.stored(s, p, file_id)
    return file_response(f, inline=f.inline)


@router.get("/doi-tuong/{participant_id}/bao-cao-thanh-tich.docx")
def achievement(participant_id: int, s: deps.Db, p: deps.User, ngay: str = "") -> Response:
    """The báo cáo thành tích as of `ngay` (default today), figures from the register."""
    name, content = achievements.document(s, p, participant_id, _day(ngay))
    return file_response(StoredFile(content, name, DOCX, False))
