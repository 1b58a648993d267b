"""A unit's Excel pages: the progress template (/don-vi/…/bieu-so-lieu: the lead agency's
template for a period, uploaded back filled) and the register as a workbook
(/don-vi/…/so-excel: export, import). A refused upload is shown on the same page, one
line per bad row and column, with nothing written."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from theodoi.services.spreadsheets.excel import WorkbookInvalid
from theodoi.services.spreadsheets.progress_xlsx import ProgressSheetInvalid
from theodoi.services.views import progress_sheet, register_book
from theodoi.web import deps
from theodoi.web.downloads import file_response
from theodoi.web.pages.admin import parse_choice
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)


def _page(request: Request, data: dict[str, Any], status: int = 200,
          **context: Any) -> Response:
    return HTMLResponse(render("progress_sheet.html", request, data=data, **context),
                        status_code=status)


@router.get("/don-vi/{unit_id}/bieu-so-lieu")
def sheet_page(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    return _page(request, progress_sheet.page(s, p, unit_id))


@router.get("/don-vi/{unit_id}/bieu-so-lieu/tai-ve")
def download(unit_id: int, s: deps.Db, p: deps.User, agency: str = "",
             period: str = "") -> Response:
    chosen = parse_choice(agency, "cơ quan")
    return file_response(progress_sheet.template(s, p, unit_id, chosen, period))


@router.post("/don-vi/{unit_id}/bieu-so-lieu")
def upload(request: Request, unit_id: int, s: deps.Db, p: deps.User,
           file: Annotated[UploadFile, File()]) -> Response:
    """The import's answer on the page: what was written, or every bad row (400)."""
    data = progress_sheet.page(s, p, unit_id)
    try:
        done = progress_sheet.upload(s, p, unit_id, file.file.read(), date.today())
    except ProgressSheetInvalid as exc:  # nothing was written; the page lists the rows
        return _page(request, data, 400, problems=exc.problems)
    return _page(request, data, done=done)


def _book_page(request: Request, data: dict[str, Any], status: int = 200,
               **context: Any) -> Response:
    return HTMLResponse(render("register_book.html", request, data=data, **context),
                        status_code=status)


@router.get("/don-vi/{unit_id}/so-excel")
def book_page(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    return _book_page(request, register_book.page(s, p, unit_id))


@router.get("/don-vi/{unit_id}/so-excel/tai-ve")
def book_download(unit_id: int, s: deps.Db, p: deps.User) -> Response:
    return file_response(register_book.export(s, p, unit_id))


@router.post("/don-vi/{unit_id}/so-excel")
def book_upload(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                file: Annotated[UploadFile, File()]) -> Response:
    """The import's summary on the page, or every bad row (400) with nothing written."""
    data = register_book.page(s, p, unit_id)
    try:
        done = register_book.import_book(s, p, unit_id, file.file.read())
    except WorkbookInvalid as exc:
        return _book_page(request, data, 400, problems=exc.problems)
    return _book_page(request, data, done=done)
