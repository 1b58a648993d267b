"""'Số liệu chờ xác nhận' of a unit: the figures agencies sent, with their plausibility
warnings, accepted or returned (with the reason) by the office or a leader; the periods
locked and reopened; the unit's switch. With htmx a form's answer redraws the list with
its message; without it, a redirect back to the list."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.progress import locks
from theodoi.services.validation import figures, queue
from theodoi.web import deps
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]
NO_STORE = {"cache-control": "no-store"}


def _page(unit_id: int) -> str:
    return f"/don-vi/{unit_id}/so-lieu-cho-xac-nhan"


def _answer(request: Request, s: deps.Db, p: deps.User, unit_id: int,
            message: str) -> Response:
    if request.headers.get("hx-request"):
        return HTMLResponse(render("_pending.html", request,
                                   data=queue.pending(s, p, unit_id), message=message),
                            headers=NO_STORE)
    return RedirectResponse(f"{_page(unit_id)}?da_ghi=1#cho-xac-nhan", status_code=303)


@router.get("/don-vi/{unit_id}/so-lieu-cho-xac-nhan")
def pending_page(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                 da_ghi: str = "") -> Response:
    message = "Đã lưu." if da_ghi else None
    return HTMLResponse(render("pending.html", request, data=queue.pending(s, p, unit_id),
                               message=message), headers=NO_STORE)


@router.post("/don-vi/{unit_id}/so-lieu-cho-xac-nhan/{figure_id}/xac-nhan")
def accept(request: Request, unit_id: int, figure_id: int, s: deps.Db,
           p: deps.User) -> Response:
    row = figures.accept(s, p, figure_id)
    return _answer(request, s, p, unit_id, f"Đã xác nhận số liệu {row['ref']} "
                   f"{row['period_label']}: {row['value_text']}; số liệu được tính từ nay.")


@router.post("/don-vi/{unit_id}/so-lieu-cho-xac-nhan/{figure_id}/tra-lai")
def return_(request: Request, unit_id: int, figure_id: int, s: deps.Db, p: deps.User,
            reason: Text = "") -> Response:
    row = figures.return_(s, p, figure_id, reason, on=date.today())
    return _answer(request, s, p, unit_id, f"Đã trả lại số liệu {row['ref']} "
                   f"{row['period_label']} cho {row['lead_agency'] or 'cơ quan chủ trì'}.")


@router.post("/don-vi/{unit_id}/chot-ky")
def lock(request: Request, unit_id: int, s: deps.Db, p: deps.User,
         period: Text = "") -> Response:
    row = locks.set_state(s, p, unit_id, period, locks.LOCKED, on=date.today())
    return _answer(request, s, p, unit_id, f"Đã chốt {row.period_label}.")


@router.post("/don-vi/{unit_id}/mo-lai-ky")
def reopen(request: Request, unit_id: int, s: deps.Db, p: deps.User, period: Text = "",
           reason: Text = "") -> Response:
    row = locks.set_state(s, p, unit_id, period, locks.REOPENED, on=date.today(),
                          reason=reason)
    return _answer(request, s, p, unit_id, f"Đã mở lại {row.period_label}.")


@router.post("/don-vi/{unit_id}/xac-nhan-so-lieu")
def switch(request: Request, unit_id: int, s: deps.Db, p: deps.User,
           on: Text = "") -> Response:
    done = queue.set_validation(s, p, unit_id, on == "1")
    said = "bật" if done["validates"] else "tắt"
    return _answer(request, s, p, unit_id, f"Đã {said} xác nhận số liệu của cơ quan.")
