"""Pages of the exchange between installations: the unit's page for packages (import one
of a unit below, export its own, keys, the public page switch) and the public page of a
unit that opted in (/cong-khai/<code>, no sign-in)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.domain import access as rules
from theodoi.services.accounts import access
from theodoi.services.exchange import export, importing, keys, public
from theodoi.web import deps
from theodoi.web.api.exchange import cache_headers, zip_response
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


def _page(request: Request, s: deps.Db, p: deps.User, unit_id: int, **extra: Any) -> str:
    unit = access.unit(s, p, unit_id, rules.UPLOAD)
    admin = rules.ADMINISTER in access.actions_at(p, unit)
    data = importing.history(s, p, unit_id)
    return render("exchange.html", request, data=data, unit=unit, admin=admin,
                  keys=keys.listing(s, p, unit_id) if admin else [], **extra)


@router.get("/don-vi/{unit_id}/trao-doi")
def exchange_page(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    return HTMLResponse(_page(request, s, p, unit_id))


@router.post("/don-vi/{unit_id}/trao-doi/nhap")
def import_form(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                file: Annotated[UploadFile | None, File()] = None) -> Response:
    limit = deps.settings_of(request).max_upload_bytes
    data = file.file.read(limit + 1) if file is not None and file.filename else b""
    result = importing.import_package(s, p, unit_id, data, max_bytes=limit,
                                      now=datetime.now())
    return HTMLResponse(_page(request, s, p, unit_id, result=result))


@router.get("/don-vi/{unit_id}/trao-doi/xuat")
def export_form(unit_id: int, s: deps.Db, p: deps.User, ky: str = "") -> Response:
    return zip_response(*export.export(s, p, unit_id, ky, datetime.now()))


@router.post("/don-vi/{unit_id}/trao-doi/khoa")
def key_form(request: Request, unit_id: int, s: deps.Db, p: deps.User,
             key: Text = "") -> Response:
    made = keys.new(s, p, unit_id) if not key.strip() else None
    mark = keys.register(s, p, unit_id, key) if key.strip() else None
    return HTMLResponse(_page(request, s, p, unit_id, new_key=made, fingerprint=mark))


@router.post("/don-vi/{unit_id}/cong-khai")
def public_form(unit_id: int, s: deps.Db, p: deps.User, on: Text = "") -> Response:
    public.set_public(s, p, unit_id, on == "1")
    return RedirectResponse(f"/don-vi/{unit_id}/trao-doi", status_code=303)


@router.get("/cong-khai/{code}")
def public_view(request: Request, code: str, s: deps.Db) -> Response:
    """The same page for everyone: rendered without the person (a browser or proxy may
    keep it and hand it to the next reader)."""
    data = public.page(s, code, date.today())
    return HTMLResponse(render("public.html", request, data=data, user=None, csrf=None),
                        headers=cache_headers())
