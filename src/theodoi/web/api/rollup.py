"""Links across levels, roll-ups and splits to the units below as JSON: the twins of
/chi-tieu/…/tong-hop (with its split forms) and /don-vi/…/lien-ket-cap, from the same
service calls."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel

from theodoi.services.rollup import pages
from theodoi.services.split import pages as split_pages
from theodoi.web import deps
from theodoi.web.pages.rollup import xlsx_response
from theodoi.web.pages.status import as_of as day_of

router = APIRouter(prefix="/api", tags=["liên kết giữa các cấp và tổng hợp"])


class Method(BaseModel):
    method: str = ""


class Relation(BaseModel):
    relation: str | None = None


class SplitCount(BaseModel):
    units: list[int] = []


class SplitShares(BaseModel):
    shares: dict[int, str] = {}


@router.get("/items/{ref}/rollup")
def rollup(ref: str, s: deps.Db, p: deps.User, as_of: str = "") -> dict[str, Any]:
    """The linked lower units' latest accepted figures and statuses, the aggregate, its
    method and status; and the upper targets this one carries."""
    return pages.rollup_page(s, p, ref, day_of(as_of))


@router.post("/items/{ref}/rollup-method")
def rollup_method(ref: str, body: Method, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return pages.choose_method(s, p, ref, body.method)


@router.get("/units/{unit_id}/level-links")
def level_links(unit_id: int, s: deps.Db, p: deps.User,
                state: str | None = None) -> dict[str, Any]:
    return pages.links_page(s, p, unit_id, state)


@router.post("/units/{unit_id}/level-link-suggestions")
def suggest(unit_id: int, s: deps.Db, p: deps.User) -> list[dict[str, Any]]:
    return pages.suggest(s, p, unit_id)


@router.post("/level-links/{link_id}/confirm")
def confirm(link_id: int, body: Relation, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return pages.decide(s, p, link_id, confirmed=True, relation=body.relation)


@router.post("/level-links/{link_id}/reject")
def reject(link_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return pages.decide(s, p, link_id, confirmed=False)


@router.get("/units/{unit_id}/rollup.xlsx")
def rollup_book(unit_id: int, s: deps.Db, p: deps.User, as_of: str = "") -> Response:
    """The unit's "báo cáo tổng hợp" workbook (XLSX): each commune of each linked target."""
    return xlsx_response(*pages.rollup_book(s, p, unit_id, day_of(as_of)))


@router.get("/items/{ref}/split")
def split_form(ref: str, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The units below the target's commune and what each was given from it."""
    return split_pages.form(s, p, ref)


@router.post("/items/{ref}/split-count")
def split_count(ref: str, body: SplitCount, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """One met / not met target for each chosen unit below (ids), counted by the commune."""
    return split_pages.count(s, p, ref, body.units)


@router.post("/items/{ref}/split-shares")
def split_shares(ref: str, body: SplitShares, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Each unit's share of the commune's sum (unit id -> number as typed)."""
    return split_pages.shares(s, p, ref, body.shares)
