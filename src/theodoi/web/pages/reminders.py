"""Pages of the reminders: the inbox (/thong-bao) and its unread badge, the person's
contact details and choices, the sent log for quan_tri, and the Đôn đốc actions."""

from __future__ import annotations

from typing import Annotated, Any, NamedTuple

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services import reminders
from theodoi.web import deps
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
NO_STORE = {"cache-control": "no-store"}


class CommentRow(NamedTuple):
    id: int
    author: str
    direction: bool
    body: str
    at: str


class Thread(NamedTuple):
    """An item's comments as the item page shows them: hashable, since they are part of
    the cached page's key (web/templating.render)."""

    ref: str
    can_comment: bool
    comments: tuple[CommentRow, ...]


def thread_of(s: Any, p: Any, ref: str) -> Thread:
    found = reminders.thread(s, p, ref)
    return Thread(found["ref"], found["can_comment"],
                  tuple(CommentRow(**c) for c in found["comments"]))


def _back(target: str, fallback: str) -> str:
    """Only a path on this site (never '//host'), else the fallback."""
    return target if target.startswith("/") and not target.startswith("//") else fallback


@router.get("/thong-bao")
def inbox_page(request: Request, s: deps.Db, p: deps.User) -> Response:
    return HTMLResponse(render("inbox.html", request, data=reminders.inbox(s, p)),
                        headers=NO_STORE)


@router.get("/thong-bao/chua-doc")
def unread_badge(s: deps.Db, p: deps.User) -> Response:
    """The badge the navigation bar loads (pages themselves are cached without it)."""
    n = reminders.unread(s, p)
    html = f'<span class="huy-hieu" title="{n} thông báo chưa đọc">{n}</span>' if n else ""
    return HTMLResponse(html, headers=NO_STORE)


@router.post("/thong-bao/{notice_id}/da-doc")
def read_one(notice_id: int, s: deps.Db, p: deps.User) -> Response:
    reminders.mark_read(s, p, notice_id)
    return RedirectResponse(f"/thong-bao#tb-{notice_id}", status_code=303)


@router.post("/thong-bao/da-doc-het")
def read_all(s: deps.Db, p: deps.User) -> Response:
    reminders.mark_read(s, p, None)
    return RedirectResponse("/thong-bao", status_code=303)


@router.get("/thong-bao/cai-dat")
def settings_page(request: Request, s: deps.Db, p: deps.User, da_luu: str = "") -> Response:
    return HTMLResponse(render("reminder_settings.html", request,
                               data=reminders.preferences(s, p), saved=bool(da_luu)),
                        headers=NO_STORE)


@router.post("/thong-bao/cai-dat")
def save_settings(s: deps.Db, p: deps.User, form: deps.Fields) -> Response:
    reminders.save_preferences(s, p, {
        "email": form.get("email"), "phone": form.get("phone"),
        "zalo_id": form.get("zalo_id"), "channels": form.getlist("channels"),
        "muted": form.getlist("muted"), "quiet_days": form.getlist("quiet_days"),
        "quiet_start": form.get("quiet_start"), "quiet_end": form.get("quiet_end")})
    return RedirectResponse("/thong-bao/cai-dat?da_luu=1", status_code=303)


@router.get("/nhat-ky-gui")
def sent_log_page(request: Request, s: deps.Db, p: deps.User, trang_thai: str = "") -> Response:
    states = (trang_thai,) if trang_thai else None
    return HTMLResponse(render("sent_log.html", request,
                               data=reminders.sent_log(s, p, states), state=trang_thai),
                        headers=NO_STORE)


@router.post("/muc/{ref}/don-doc")
def chase_item(request: Request, ref: str, s: deps.Db, p: deps.User,
               note: Annotated[str, Form()] = "", back: Annotated[str, Form()] = "") -> Response:
    done = reminders.chase_item(s, deps.settings_of(request), p, ref,
                                   reminders.today(deps.settings_of(request)), note)
    return RedirectResponse(_back(back, "/") + f"?da_don_doc={len(done.reached)}",
                            status_code=303)


@router.post("/don-vi/{unit_id}/co-quan/{agency_id}/don-doc")
def chase_agency(request: Request, unit_id: int, agency_id: int, s: deps.Db, p: deps.User,
                 note: Annotated[str, Form()] = "",
                 back: Annotated[str, Form()] = "") -> Response:
    settings = deps.settings_of(request)
    done = reminders.chase_agency(s, settings, p, unit_id, agency_id,
                                  reminders.today(settings), note)
    return RedirectResponse(_back(back, f"/don-vi/{unit_id}/giai-trinh")
                            + f"?da_don_doc={len(done.reached)}", status_code=303)


@router.post("/muc/{ref}/y-kien")
def comment(request: Request, ref: str, s: deps.Db, p: deps.User,
            body: Annotated[str, Form()] = "") -> Response:
    settings = deps.settings_of(request)
    row = reminders.add_comment(s, settings, p, ref, body, reminders.today(settings))
    page = "chi-tieu" if ref.lower().startswith("t") else "nhiem-vu"
    return RedirectResponse(f"/{page}/{ref.lower()}#y-kien-{row['id']}", status_code=303)
