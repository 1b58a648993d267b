"""JSON of emulation movements (phong trào thi đua): the unit's list with the plans that
propose one, a movement, its criteria, participants and registrations — the same service
calls as the pages `/don-vi/N/thi-dua` and `/thi-dua/N` and `theodoi emulation`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from theodoi.services.emulation import members, movements, registrations
from theodoi.web import deps

router = APIRouter(prefix="/api", tags=["thi đua"])


class Versioned(BaseModel):
    version: int


class NewMovement(BaseModel):
    name: str
    plan_id: int | None = None


class Changes(Versioned):
    changes: dict[str, Any]


class NewCriterion(Versioned):
    text: str
    applies_to: str = "all"
    kind: str = "judged"
    threshold: float | None = None
    target_id: int | None = None
    reward_form: str | None = None


class NewParticipant(Versioned):
    kind: str
    name: str | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    username: str | None = None


class Commitments(Versioned):
    commitments: list[str]


@router.get("/units/{unit_id}/movements")
def unit_movements(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return movements.list_movements(s, p, unit_id)


@router.post("/units/{unit_id}/movements", status_code=201)
def create(unit_id: int, body: NewMovement, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return movements.create(s, p, unit_id, body.name, plan_id=body.plan_id)


@router.post("/plans/{plan_id}/movement", status_code=201)
def create_from_plan(plan_id: int, body: Versioned, s: deps.Db,
                     p: deps.User) -> dict[str, Any]:
    """The movement the plan (seen at `version`) launches, from its emulation section."""
    return movements.create_from_plan(s, p, plan_id, body.version)


@router.get("/movements/{movement_id}")
def movement(movement_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return movements.get(s, p, movement_id)


@router.put("/movements/{movement_id}")
def update(movement_id: int, body: Changes, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return movements.update(s, p, movement_id, body.version, body.changes)


@router.post("/movements/{movement_id}/criteria", status_code=201)
def add_criterion(movement_id: int, body: NewCriterion, s: deps.Db,
                  p: deps.User) -> dict[str, Any]:
    return members.add_criterion(s, p, movement_id, body.version,
                                 body.model_dump(exclude={"version"}))


@router.put("/criteria/{criterion_id}")
def update_criterion(criterion_id: int, body: Changes, s: deps.Db,
                     p: deps.User) -> dict[str, Any]:
    return members.update_criterion(s, p, criterion_id, body.version, body.changes)


@router.post("/criteria/{criterion_id}/remove")
def remove_criterion(criterion_id: int, body: Versioned, s: deps.Db,
                     p: deps.User) -> dict[str, Any]:
    members.remove_criterion(s, p, criterion_id, body.version)
    return {"removed": criterion_id}


@router.post("/movements/{movement_id}/participants", status_code=201)
def add_participant(movement_id: int, body: NewParticipant, s: deps.Db,
                    p: deps.User) -> dict[str, Any]:
    return members.add_participant(s, p, movement_id, body.version,
                                   body.model_dump(exclude={"version"}))


@router.post("/participants/{participant_id}/remove")
def remove_participant(participant_id: int, body: Versioned, s: deps.Db,
                       p: deps.User) -> dict[str, Any]:
    members.remove_participant(s, p, participant_id, body.version)
    return {"removed": participant_id}


@router.get("/participants/{participant_id}/registration")
def registration(participant_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return registrations.get(s, p, participant_id)


@router.put("/participants/{participant_id}/registration")
def save_registration(participant_id: int, body: Commitments, s: deps.Db,
                      p: deps.User) -> dict[str, Any]:
    return registrations.save(s, p, participant_id, body.version, body.commitments)


@router.post("/participants/{participant_id}/sign")
def sign(participant_id: int, body: Versioned, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return registrations.sign(s, p, participant_id, body.version)
