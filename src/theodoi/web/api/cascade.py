"""A unit's higher documents and links as JSON (the twin of /don-vi/…/van-ban-cap-tren),
and a plan's reporting calendar (of /ke-hoach/…/lich-bao-cao)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from theodoi.services.views import calendar_view, cascade_view
from theodoi.web import deps

router = APIRouter(prefix="/api", tags=["văn bản cấp trên và liên kết"])


class Implements(BaseModel):
    implements_id: int | None = None


@router.get("/units/{unit_id}/cascade")
def cascade(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Higher plans not yet implemented, documents cited but not stored, the unit's plans
    with the plans each implements, and its target links."""
    return cascade_view.page(s, p, unit_id)


@router.post("/plans/{plan_id}/implements")
def link(plan_id: int, body: Implements, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return cascade_view.link(s, p, plan_id, body.implements_id)


@router.post("/plans/{plan_id}/unlink")
def unlink(plan_id: int, body: Implements, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return cascade_view.unlink(s, p, plan_id, body.implements_id)


@router.post("/units/{unit_id}/target-link-suggestions")
def suggest(unit_id: int, s: deps.Db, p: deps.User) -> list[dict[str, Any]]:
    return cascade_view.suggest(s, p, unit_id)


@router.post("/units/{unit_id}/target-links/{link_id}/confirm")
def confirm(unit_id: int, link_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return cascade_view.decide(s, p, unit_id, link_id, confirmed=True)


@router.post("/units/{unit_id}/target-links/{link_id}/dismiss")
def dismiss(unit_id: int, link_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return cascade_view.decide(s, p, unit_id, link_id, confirmed=False)


@router.get("/items/{ref}/linked")
def linked(ref: str, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The targets confirmed to be the same commitment as this one."""
    return cascade_view.group(s, p, ref)


class StreamIn(BaseModel):
    every: str
    due: str | int
    to: str | None = None


class Calendar(BaseModel):
    """Either the streams, or one stream as `every` and `due_days` (as before streams)."""

    every: str | None = None
    due_days: int | None = None
    streams: list[StreamIn] | None = None


@router.get("/plans/{plan_id}/calendar")
def calendar(plan_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """How often the plan is reported on, the days after each period, the coming dues."""
    return calendar_view.page(s, p, plan_id, date.today())


@router.post("/plans/{plan_id}/calendar")
def calendar_change(plan_id: int, body: Calendar, s: deps.Db, p: deps.User
                    ) -> dict[str, Any]:
    if body.streams is not None:
        return calendar_view.change_streams(
            s, p, plan_id, [(x.every, str(x.due), x.to or "") for x in body.streams])
    return calendar_view.change(s, p, plan_id, body.every or "", "" if body.due_days is None
                                else body.due_days)
