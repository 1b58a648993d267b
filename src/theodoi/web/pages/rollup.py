"""Pages of links across levels and roll-ups: a target's roll-up (/chi-tieu/…/tong-hop)
with its method, and a unit's links with the levels above and below it
(/don-vi/…/lien-ket-cap: suggest, confirm with the relation, reject). Each form posts to
its own route and comes back to its page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.domain.errors import BadInput
from theodoi.services.rollup import pages
from theodoi.services.split import pages as split_pages
from theodoi.web import deps
from theodoi.web.downloads import content_disposition
from theodoi.web.pages.status import as_of
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DONE = {"xac-nhan": "Đã xác nhận liên kết chỉ tiêu giữa các cấp.",
        "bo": "Đã bỏ đề xuất; cặp chỉ tiêu này sẽ không được đề xuất lại.",
        "cach": "Đã lưu cách tổng hợp.",
        "giao": "Đã giao chỉ tiêu cho các đơn vị cấp dưới."}


@router.get("/chi-tieu/{ref}/tong-hop")
def rollup_page(request: Request, ref: str, s: deps.Db, p: deps.User, ngay: str = "",
                xong: str = "") -> Response:
    """`theodoi links rollup`: the linked lower units' figures and the aggregate."""
    data = pages.rollup_page(s, p, ref, as_of(ngay))
    return HTMLResponse(render("rollup.html", request, data=data, done=DONE.get(xong),
                               split=split_pages.form(s, p, ref)))


@router.post("/chi-tieu/{ref}/giao-dem")
def split_count(ref: str, s: deps.Db, p: deps.User,
                don_vi: Annotated[list[int] | None, Form()] = None) -> Response:
    """`theodoi split count`: one met / not met target for each chosen thôn."""
    split_pages.count(s, p, ref, don_vi or [])
    return RedirectResponse(f"/chi-tieu/{ref}/tong-hop?xong=giao", status_code=303)


@router.post("/chi-tieu/{ref}/giao-phan")
def split_shares(ref: str, s: deps.Db, p: deps.User,
                 don_vi: Annotated[list[int] | None, Form()] = None,
                 phan: Annotated[list[str] | None, Form()] = None) -> Response:
    """`theodoi split shares`: each thôn's share of the commune's sum."""
    ids, typed = don_vi or [], phan or []
    if len(ids) != len(typed):
        raise BadInput("mỗi đơn vị cần đúng một ô phần giao.")
    split_pages.shares(s, p, ref, dict(zip(ids, typed, strict=True)))
    return RedirectResponse(f"/chi-tieu/{ref}/tong-hop?xong=giao", status_code=303)


@router.post("/chi-tieu/{ref}/cach-tong-hop")
def choose_method(ref: str, s: deps.Db, p: deps.User,
                  method: Annotated[str, Form()] = "") -> Response:
    pages.choose_method(s, p, ref, method)
    return RedirectResponse(f"/chi-tieu/{ref}/tong-hop?xong=cach", status_code=303)


@router.get("/don-vi/{unit_id}/lien-ket-cap")
def links_page(request: Request, unit_id: int, s: deps.Db, p: deps.User,
               xong: str = "") -> Response:
    return HTMLResponse(render("level_links.html", request,
                               data=pages.links_page(s, p, unit_id), done=DONE.get(xong)))


@router.post("/don-vi/{unit_id}/lien-ket-cap")
def suggest(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    found = pages.suggest(s, p, unit_id)
    return HTMLResponse(render("level_links.html", request,
                               data=pages.links_page(s, p, unit_id),
                               done=f"Có {len(found)} đề xuất liên kết mới."))


@router.post("/don-vi/{unit_id}/lien-ket-cap/{link_id}/xac-nhan")
def confirm(unit_id: int, link_id: int, s: deps.Db, p: deps.User,
            relation: Annotated[str, Form()] = "") -> Response:
    pages.decide(s, p, link_id, confirmed=True, relation=relation or None)
    return RedirectResponse(f"/don-vi/{unit_id}/lien-ket-cap?xong=xac-nhan#lk-{link_id}",
                            status_code=303)


@router.post("/don-vi/{unit_id}/lien-ket-cap/{link_id}/bo")
def reject(unit_id: int, link_id: int, s: deps.Db, p: deps.User) -> Response:
    pages.decide(s, p, link_id, confirmed=False)
    return RedirectResponse(f"/don-vi/{unit_id}/lien-ket-cap?xong=bo", status_code=303)


@router.get("/don-vi/{unit_id}/tong-hop.xlsx")
def rollup_book(unit_id: int, s: deps.Db, p: deps.User, ngay: str = "") -> Response:
    """The "báo cáo tổng hợp" workbook: each commune of each linked target."""
    return xlsx_response(*pages.rollup_book(s, p, unit_id, as_of(ngay)))


def xlsx_response(filename: str, content: bytes) -> Response:
    """A workbook made now, saved by the browser, never cached."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_")
    return Response(content, media_type=XLSX,
                    headers={"Content-Disposition": content_disposition(filename, fallback),
                             "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
