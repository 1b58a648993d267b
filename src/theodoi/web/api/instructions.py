"""A unit's instructions to the units under it, and those it received, as JSON (the twin
of /don-vi/…/chi-dao); closing an item by a report, taking it back, and making a plan's
instruction items on demand."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from theodoi.services.views import instructions_view
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps

router = APIRouter(prefix="/api", tags=["chỉ đạo cấp dưới"])


class Report(BaseModel):
    text: str = ""
    on: str | None = None  # ISO or dd/mm/yyyy; none: today


@router.get("/units/{unit_id}/instructions")
def instructions(unit_id: int, s: deps.Db, p: deps.User, as_of: str | None = None
                 ) -> dict[str, Any]:
    """Per instruction the unit gave: every unit below, acted (date, on time or late) or
    not (overdue or not yet due); and the unit's own items received from above."""
    day = parse_day(as_of, "ngày xem") or date.today()
    return instructions_view.page(s, p, unit_id, day)


@router.post("/instruction-items/{item_id}/close")
def close(item_id: int, body: Report, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return instructions_view.close(s, p, item_id, parse_day(body.on, "ngày báo cáo"),
                                   body.text, date.today())


@router.post("/instruction-items/{item_id}/reopen")
def reopen(item_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return instructions_view.reopen(s, p, item_id, date.today())


@router.post("/plans/{plan_id}/instructions")
def create(plan_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return instructions_view.create(s, p, plan_id)
