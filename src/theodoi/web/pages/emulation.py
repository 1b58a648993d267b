"""Emulation pages: the unit's movements (with the plans that propose one), a movement
with its criteria, participants and registrations, and the forms that change them; each
form answers by going back to the movement's page. JSON twins: web/api/emulation.py."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.domain import emulation as E
from theodoi.services.emulation import members, movements, registrations
from theodoi.services.register import directory
from theodoi.web import deps
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]
Version = Annotated[int, Form()]


def _back(movement_id: int, saved: str = "") -> Response:
    anchor = f"?da_ghi={saved}#{saved}" if saved else ""
    return RedirectResponse(f"/thi-dua/{movement_id}{anchor}", status_code=303)


@router.get("/don-vi/{unit_id}/thi-dua")
def unit_movements(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    data = movements.list_movements(s, p, unit_id)
    return HTMLResponse(render("movements.html", request, data=data))


@router.post("/don-vi/{unit_id}/thi-dua")
def create(unit_id: int, s: deps.Db, p: deps.User, name: Text = "") -> Response:
    return _back(movements.create(s, p, unit_id, name)["id"])


@router.post("/ke-hoach/{plan_id}/thi-dua")
def create_from_plan(plan_id: int, s: deps.Db, p: deps.User, version: Version) -> Response:
    return _back(movements.create_from_plan(s, p, plan_id, version)["id"])


@router.get("/thi-dua/{movement_id}")
def movement(request: Request, movement_id: int, s: deps.Db, p: deps.User,
             da_ghi: str = "") -> Response:
    data = movements.get(s, p, movement_id)
    agencies: list[dict[str, Any]] = []
    if data["can_manage"]:
        agencies = directory.directory_page(s, p, data["unit_id"])["agencies"]
    return HTMLResponse(render("movement.html", request, data=data, agencies=agencies,
                               saved=da_ghi, kinds=E.CRITERION_KINDS,
                               applies=E.APPLIES_TO, participant_kinds=E.PARTICIPANT_KINDS))


@router.post("/thi-dua/{movement_id}/sua")
def update(movement_id: int, s: deps.Db, p: deps.User, version: Version, name: Text = "",
           slogan: Text = "", period_start: Text = "", period_end: Text = "",
           deadline: Text = "", receiver: Text = "") -> Response:
    movements.update(s, p, movement_id, version, {
        "name": name, "slogan": slogan, "period_start": period_start,
        "period_end": period_end, "deadline": deadline, "receiver": receiver})
    return _back(movement_id, "phong-trao")


@router.post("/thi-dua/{movement_id}/tieu-chi")
def add_criterion(movement_id: int, s: deps.Db, p: deps.User, version: Version,
                  text: Text = "", applies_to: Text = "all", kind: Text = "judged",
                  threshold: Text = "", target_id: Text = "") -> Response:
    members.add_criterion(s, p, movement_id, version, {
        "text": text, "applies_to": applies_to, "kind": kind, "threshold": threshold,
        "target_id": target_id})
    return _back(movement_id, "tieu-chi")


@router.post("/tieu-chi/{criterion_id}/xoa")
def remove_criterion(criterion_id: int, s: deps.Db, p: deps.User,
                     version: Version) -> Response:
    return _back(members.remove_criterion(s, p, criterion_id, version), "tieu-chi")


@router.post("/thi-dua/{movement_id}/doi-tuong")
def add_participant(movement_id: int, s: deps.Db, p: deps.User, version: Version,
                    kind: Text = "agency", name: Text = "", agency_id: Text = "",
                    username: Text = "") -> Response:
    members.add_participant(s, p, movement_id, version, {
        "kind": kind, "name": name, "agency_id": agency_id, "username": username})
    return _back(movement_id, "doi-tuong")


@router.post("/doi-tuong/{participant_id}/xoa")
def remove_participant(participant_id: int, s: deps.Db, p: deps.User,
                       version: Version) -> Response:
    return _back(members.remove_participant(s, p, participant_id, version), "doi-tuong")


@router.post("/doi-tuong/{participant_id}/dang-ky")
def save_registration(participant_id: int, s: deps.Db, p: deps.User, version: Version,
                      commitments: Text = "") -> Response:
    view = registrations.save(s, p, participant_id, version, commitments.splitlines())
    return _back(view["movement_id"], f"dk-{participant_id}")


@router.post("/doi-tuong/{participant_id}/ky")
def sign(participant_id: int, s: deps.Db, p: deps.User, version: Version) -> Response:
    view = registrations.sign(s, p, participant_id, version)
    return _back(view["movement_id"], f"dk-{participant_id}")
