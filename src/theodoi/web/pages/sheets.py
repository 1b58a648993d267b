"""The page of a unit's Excel progress template (/don-vi/…/bieu-so-lieu): download the
lead agency's template for a period, upload it filled. A refused upload is shown on the
same page, one line per bad row and column, with nothing written."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from theodoi.services.spreadsheets.progress_xlsx import ProgressSheetInvalid
from theodoi.services.views import progress_sheet
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
