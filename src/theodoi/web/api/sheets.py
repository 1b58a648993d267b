"""A unit's Excel progress template as an API (the twin of /don-vi/…/bieu-so-lieu)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import Response

from theodoi.services.views import progress_sheet
from theodoi.web import deps
from theodoi.web.downloads import file_response

router = APIRouter(prefix="/api/units/{unit_id}", tags=["biểu Excel nhập số liệu"])


@router.get("/progress-template")
def template(unit_id: int, s: deps.Db, p: deps.User, agency: int | None = None,
             period: str = "") -> Response:
    """The XLSX of the agency's targets and unfinished tasks for the period."""
    return file_response(progress_sheet.template(s, p, unit_id, agency, period))


@router.post("/progress-import")
def upload(unit_id: int, s: deps.Db, p: deps.User,
           file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    """Write a filled template: all rows or none; 400 lists every bad row and column."""
    return progress_sheet.upload(s, p, unit_id, file.file.read(), date.today())
