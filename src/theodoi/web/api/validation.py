"""JSON of figure validation: a unit's figures waiting and returned, accept, return with
the reason, locking and reopening a period, the unit's switch; the same service calls as
the 'Số liệu chờ xác nhận' page."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from theodoi.services.progress import locks
from theodoi.services.validation import figures, queue
from theodoi.web import deps

router = APIRouter(prefix="/api", tags=["xác nhận số liệu"])


class Reason(BaseModel):
    reason: str | None = None


class PeriodBody(BaseModel):
    period: str
    reason: str | None = None


class Switch(BaseModel):
    on: bool


@router.get("/units/{unit_id}/pending-figures")
def pending(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return queue.pending(s, p, unit_id)


@router.post("/figures/{figure_id}/accept")
def accept(figure_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return figures.accept(s, p, figure_id)


@router.post("/figures/{figure_id}/return")
def return_(figure_id: int, body: Reason, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return figures.return_(s, p, figure_id, body.reason or "", on=date.today())


@router.post("/units/{unit_id}/period-locks", status_code=201)
def lock(unit_id: int, body: PeriodBody, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return asdict(locks.set_state(s, p, unit_id, body.period, locks.LOCKED, on=date.today(),
                                  reason=body.reason))


@router.post("/units/{unit_id}/period-locks/reopen", status_code=201)
def reopen(unit_id: int, body: PeriodBody, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return asdict(locks.set_state(s, p, unit_id, body.period, locks.REOPENED,
                                  on=date.today(), reason=body.reason))


@router.put("/units/{unit_id}/figure-validation")
def switch(unit_id: int, body: Switch, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return queue.set_validation(s, p, unit_id, body.on)
