"""JSON of a participant's reward dossier — the same service calls as the page
/doi-tuong/N/ho-so and `theodoi emulation dossier …`: the checklist, opening it, a file
per paper (base64, checked by content), and the báo cáo thành tích DOCX."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from theodoi.domain.errors import BadInput
from theodoi.services.emulation import achievements, dossier
from theodoi.services.progress.evidence import StoredFile
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.downloads import file_response
from theodoi.web.pages.dossier import DOCX

router = APIRouter(prefix="/api", tags=["thi đua"])


class Opening(BaseModel):
    reward_form: str | None = None


class DossierFile(BaseModel):
    name: str
    content_base64: str


def _day(text: str) -> date:
    return parse_day(text, "ngày xét (as_of)") or date.today()


@router.get("/participants/{participant_id}/dossier")
def checklist(participant_id: int, s: deps.Db, p: deps.User, as_of: str = "") -> dict[str, Any]:
    """The papers the movement asks for, each present, produced by theodoi or missing."""
    return dossier.page(s, p, participant_id, _day(as_of))


@router.post("/participants/{participant_id}/dossier", status_code=201)
def open_dossier(participant_id: int, body: Opening, s: deps.Db,
                 p: deps.User) -> dict[str, Any]:
    return dossier.open_dossier(s, p, participant_id, body.reward_form, date.today())


@router.post("/participants/{participant_id}/dossier/papers/{paper}", status_code=201)
def upload(request: Request, participant_id: int, paper: int, body: DossierFile, s: deps.Db,
           p: deps.User) -> dict[str, Any]:
    """A file for paper `paper` (1 = the first of the list)."""
    try:
        content = base64.b64decode(body.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadInput("tệp hồ sơ không đúng dạng base64.") from exc
    return dossier.upload(s, p, participant_id, paper - 1, body.name, content,
                          max_bytes=deps.settings_of(request).max_evidence_bytes,
                          as_of=date.today())


@router.get("/dossier-files/{file_id}")
def stored(file_id: int, s: deps.Db, p: deps.User) -> Response:
    """An uploaded dossier file (not JSON)."""
    f = dossier.stored(s, p, file_id)
    return file_response(f, inline=f.inline)


@router.get("/participants/{participant_id}/achievement-report")
def achievement(participant_id: int, s: deps.Db, p: deps.User, as_of: str = "") -> Response:
    """The báo cáo thành tích DOCX as of `as_of` (not JSON)."""
    name, content = achievements.document(s, p, participant_id, _day(as_of))
    return file_response(StoredFile(content, name, DOCX, False))
