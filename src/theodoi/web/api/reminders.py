"""Reminders as JSON (twins of /thong-bao, /thong-bao/cai-dat, /nhat-ky-gui and the Đôn
đốc actions), from the same service calls."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from theodoi.services import reminders
from theodoi.web import deps

router = APIRouter(prefix="/api", tags=["nhắc việc"])


class Prefs(BaseModel):
    email: str = ""
    phone: str = ""
    zalo_id: str = ""
    channels: list[str] = []
    muted: list[str] = []
    quiet_days: list[int] = [6]
    quiet_start: str = "21:00"
    quiet_end: str = "07:00"


class Comment(BaseModel):
    body: str


class Chase(BaseModel):
    note: str = ""


@router.get("/notifications")
def notifications(s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The person's notices, newest first, with the unread count."""
    return reminders.inbox(s, p)


@router.post("/notifications/{notice_id}/read")
def read_one(notice_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    reminders.mark_read(s, p, notice_id)
    return {"unread": reminders.unread(s, p)}


@router.post("/notifications/read-all")
def read_all(s: deps.Db, p: deps.User) -> dict[str, Any]:
    reminders.mark_read(s, p, None)
    return {"unread": 0}


@router.get("/notifications/settings")
def get_settings(s: deps.Db, p: deps.User) -> dict[str, Any]:
    return reminders.preferences(s, p)


@router.put("/notifications/settings")
def put_settings(body: Prefs, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return reminders.save_preferences(s, p, body.model_dump())


@router.get("/outbox")
def outbox(s: deps.Db, p: deps.User, state: str = "") -> dict[str, Any]:
    """The sent log with each message's state (quan_tri only)."""
    return reminders.sent_log(s, p, (state,) if state else None)


@router.post("/items/{ref}/chase")
def chase_item(request: Request, ref: str, body: Chase, s: deps.Db,
               p: deps.User) -> dict[str, Any]:
    settings = deps.settings_of(request)
    return reminders.chase_item(s, settings, p, ref, reminders.today(settings),
                                body.note).as_dict()


@router.post("/units/{unit_id}/agencies/{agency_id}/chase")
def chase_agency(request: Request, unit_id: int, agency_id: int, body: Chase, s: deps.Db,
                 p: deps.User) -> dict[str, Any]:
    settings = deps.settings_of(request)
    return reminders.chase_agency(s, settings, p, unit_id, agency_id,
                                  reminders.today(settings), body.note).as_dict()


@router.get("/items/{ref}/comments")
def comments(ref: str, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The item's comments, oldest first."""
    return reminders.thread(s, p, ref)


@router.post("/items/{ref}/comments", status_code=201)
def add_comment(request: Request, ref: str, body: Comment, s: deps.Db,
                p: deps.User) -> dict[str, Any]:
    """A new comment; `told`: who was notified, `not_told`: mentions of nobody (or of
    someone who does not see the item)."""
    settings = deps.settings_of(request)
    return reminders.add_comment(s, settings, p, ref, body.body, reminders.today(settings))
