"""The page of a unit's instructions to the units under it, and those it received
(/don-vi/…/chi-dao); closing an item by a report and taking it back, each a form that
comes back to the page (or, with htmx, replaces the item's row)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.views import instructions_view
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
DONE = {"dong": "Đã ghi nhận báo cáo của đơn vị; mục chỉ đạo đã đóng.",
        "mo-lai": "Đã bỏ báo cáo; mục chỉ đạo mở lại (trừ khi đơn vị đã có kế hoạch liên kết).",
        "tao": "Đã rà các nhiệm vụ của kế hoạch và lập mục chỉ đạo cho đơn vị cấp dưới."}


@router.get("/don-vi/{unit_id}/chi-dao")
def instructions_page(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                      ngay: str = "", xong: str = "") -> Response:
    day = parse_day(ngay, "ngày xem") or date.today()
    return HTMLResponse(render("instructions.html", request,
                               data=instructions_view.page(s, p, unit_id, day),
                               done=DONE.get(xong)))


def _answer(request: Request, row: dict[str, Any], done: str, page: str) -> Response:
    """htmx: the item's row again; else back to the page the form was on (the unit
    whose page it is, by id: never an address from the request)."""
    if request.headers.get("hx-request"):
        return HTMLResponse(render("_instruction_item.html", request, item=row,
                                   can_close=True, page_unit=page, done=DONE[done]))
    unit_id = int(page) if page.isdigit() else row["unit"]["id"]
    return RedirectResponse(f"/don-vi/{unit_id}/chi-dao?xong={done}#cd-{row['id']}",
                            status_code=303)


@router.post("/chi-dao/{item_id}/dong")
def close(request: Request, item_id: int, s: deps.Db, p: deps.User,
          noi_dung: Annotated[str, Form()] = "", ngay: Annotated[str, Form()] = "",
          trang: Annotated[str, Form()] = "") -> Response:
    row = instructions_view.close(s, p, item_id, parse_day(ngay, "ngày báo cáo"), noi_dung,
                                  date.today())
    return _answer(request, row, "dong", trang)


@router.post("/chi-dao/{item_id}/mo-lai")
def reopen(request: Request, item_id: int, s: deps.Db, p: deps.User,
           trang: Annotated[str, Form()] = "") -> Response:
    row = instructions_view.reopen(s, p, item_id, date.today())
    return _answer(request, row, "mo-lai", trang)


@router.post("/ke-hoach/{plan_id}/lap-chi-dao")
def create(plan_id: int, s: deps.Db, p: deps.User) -> Response:
    done = instructions_view.create(s, p, plan_id)
    return RedirectResponse(f"/don-vi/{done['unit_id']}/chi-dao?xong=tao", status_code=303)
