"""JSON of the exchange between installations: a unit's package of a period, importing a
package of a unit below, the keys, the public page switch, and the public page's data
(no sign-in); the same service calls as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from theodoi.services.exchange import export, importing, keys, public
from theodoi.web import deps
from theodoi.web.downloads import content_disposition

router = APIRouter(prefix="/api", tags=["trao đổi giữa các bản cài đặt"])


class KeyBody(BaseModel):
    key: str | None = None  # none: make a new key (the commune); else register it


class PublicSwitch(BaseModel):
    on: bool


def zip_response(name: str, data: bytes) -> Response:
    """A package as a download, never cached."""
    return Response(data, media_type="application/zip", headers={
        "Content-Disposition": content_disposition(name, name), "Cache-Control": "no-store"})


@router.get("/units/{unit_id}/exchange")
def imports(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The packages imported for the units right under the unit."""
    return importing.history(s, p, unit_id)


@router.get("/units/{unit_id}/exchange/export")
def export_package(unit_id: int, s: deps.Db, p: deps.User, period: str = "") -> Response:
    """The unit's signed package of `period` (2026, Q1/2026 …) as a zip."""
    return zip_response(*export.export(s, p, unit_id, period, datetime.now()))


@router.post("/units/{unit_id}/exchange/import")
def import_package(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                   file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    """A package of a unit below into the unit: all of it or nothing; 400 says why not."""
    limit = deps.settings_of(request).max_upload_bytes
    return importing.import_package(s, p, unit_id, file.file.read(limit + 1),
                                    max_bytes=limit, now=datetime.now())


@router.get("/units/{unit_id}/exchange/keys")
def key_list(unit_id: int, s: deps.Db, p: deps.User) -> list[dict[str, Any]]:
    return keys.listing(s, p, unit_id)


@router.post("/units/{unit_id}/exchange/keys")
def set_key(unit_id: int, body: KeyBody, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """A new key for the unit (shown this once), or the unit's key registered."""
    if body.key is None:
        return {"key": keys.new(s, p, unit_id)}
    return {"fingerprint": keys.register(s, p, unit_id, body.key)}


@router.put("/units/{unit_id}/public-page")
def switch_public(unit_id: int, body: PublicSwitch, s: deps.Db,
                  p: deps.User) -> dict[str, Any]:
    return public.set_public(s, p, unit_id, body.on)


@router.get("/cong-khai/{code}")
def public_page(code: str, s: deps.Db) -> Response:
    """The public page's data; no sign-in, cacheable by anyone."""
    return JSONResponse(public.page(s, code, date.today()), headers=cache_headers())


def cache_headers() -> dict[str, str]:
    return {"Cache-Control": f"public, max-age={public.MAX_AGE}"}
