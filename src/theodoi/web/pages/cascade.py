"""The page of a unit's higher documents and links (/don-vi/…/van-ban-cap-tren): what is
not yet implemented, which plan implements which, and target links across plans; and a
plan's reporting calendar (/ke-hoach/…/lich-bao-cao). Each form posts to its own route
and comes back to its page."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.views import calendar_view, cascade_view
from theodoi.web import deps
from theodoi.web.pages.admin import parse_choice
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
DONE = {"lien-ket": "Đã ghi nhận kế hoạch cụ thể hóa văn bản cấp trên.",
        "bo-lien-ket": "Đã bỏ liên kết.", "xac-nhan": "Đã xác nhận liên kết chỉ tiêu.",
        "bo": "Đã bỏ đề xuất; cặp chỉ tiêu này sẽ không được đề xuất lại."}


def _back(unit_id: int, done: str) -> Response:
    return RedirectResponse(f"/don-vi/{unit_id}/van-ban-cap-tren?xong={done}#ket-qua",
                            status_code=303)


@router.get("/don-vi/{unit_id}/van-ban-cap-tren")
def cascade_page(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                 xong: str = "") -> Response:
    return HTMLResponse(render("cascade.html", request, data=cascade_view.page(s, p, unit_id),
                               done=DONE.get(xong)))


@router.get("/chi-tieu/{ref}/lien-ket")
def linked(request: Request, ref: str, s: deps.Db, p: deps.User) -> Response:
    """`theodoi links group`: the targets confirmed to be the same commitment as `ref`."""
    return HTMLResponse(render("linked.html", request, data=cascade_view.group(s, p, ref)))


@router.post("/ke-hoach/{plan_id}/cu-the-hoa")
def link(plan_id: int, s: deps.Db, p: deps.User,
         implements_id: Annotated[str, Form()] = "") -> Response:
    done = cascade_view.link(s, p, plan_id, parse_choice(implements_id, "kế hoạch"))
    return _back(done["unit_id"], "lien-ket")


@router.post("/ke-hoach/{plan_id}/bo-cu-the-hoa/{other_id}")
def unlink(plan_id: int, other_id: int, s: deps.Db, p: deps.User) -> Response:
    done = cascade_view.unlink(s, p, plan_id, other_id)
    return _back(done["unit_id"], "bo-lien-ket")


@router.post("/don-vi/{unit_id}/lien-ket-chi-tieu")
def suggest(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    found = cascade_view.suggest(s, p, unit_id)
    data = cascade_view.page(s, p, unit_id)
    return HTMLResponse(render("cascade.html", request, data=data,
                               done=f"Có {len(found)} đề xuất liên kết mới."))


@router.post("/don-vi/{unit_id}/lien-ket-chi-tieu/{link_id}/xac-nhan")
def confirm(unit_id: int, link_id: int, s: deps.Db, p: deps.User) -> Response:
    cascade_view.decide(s, p, unit_id, link_id, confirmed=True)
    return _back(unit_id, "xac-nhan")


@router.post("/don-vi/{unit_id}/lien-ket-chi-tieu/{link_id}/bo")
def dismiss(unit_id: int, link_id: int, s: deps.Db, p: deps.User) -> Response:
    cascade_view.decide(s, p, unit_id, link_id, confirmed=False)
    return _back(unit_id, "bo")


@router.get("/ke-hoach/{plan_id}/lich-bao-cao")
def calendar_page(request: Request, plan_id: int, s: deps.Db, p: deps.User,
                  xong: str = "") -> Response:
    data = calendar_view.page(s, p, plan_id, date.today())
    return HTMLResponse(render("calendar.html", request, data=data,
                               done="Đã lưu lịch báo cáo." if xong else None))


@router.post("/ke-hoach/{plan_id}/lich-bao-cao")
def calendar_change(plan_id: int, s: deps.Db, p: deps.User,
                    every: Annotated[list[str] | None, Form()] = None,
                    due: Annotated[list[str] | None, Form()] = None,
                    to: Annotated[list[str] | None, Form()] = None,
                    due_days: Annotated[str, Form()] = "") -> Response:
    """The streams form (rows of every, due, to); a single every + due_days as before."""
    kinds, dues, bodies = every or [], due or [], to or []
    if dues or bodies:
        rows = [(k, dues[i] if i < len(dues) else "", bodies[i] if i < len(bodies) else "")
                for i, k in enumerate(kinds)]
        calendar_view.change_streams(s, p, plan_id, rows)
    else:
        calendar_view.change(s, p, plan_id, kinds[0] if kinds else "", due_days)
    return RedirectResponse(f"/ke-hoach/{plan_id}/lich-bao-cao?xong=1", status_code=303)
