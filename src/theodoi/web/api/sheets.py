"""A unit's Excel files as an API: the progress template (the twin of
/don-vi/…/bieu-so-lieu) and the register as a workbook (of /don-vi/…/so-excel)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import Response

from theodoi.services.views import progress_sheet, register_book
from theodoi.web import deps
from theodoi.web.downloads import file_response

router = APIRouter(prefix="/api/units/{unit_id}", tags=["tệp Excel"])


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


@router.get("/register-export")
def register_export(unit_id: int, s: deps.Db, p: deps.User) -> Response:
    """The unit's whole register as a workbook (not for an agency's account)."""
    return file_response(register_book.export(s, p, unit_id))


@router.post("/register-import")
def register_import(unit_id: int, s: deps.Db, p: deps.User,
                    file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    """A workbook into the register: all rows or none; 400 lists every bad row."""
    return register_book.import_book(s, p, unit_id, file.file.read())
