"""A unit's users, roles and units as JSON (the twin of the page /don-vi/…/quan-tri)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from theodoi.services.accounts import administration as admin
from theodoi.web import deps

router = APIRouter(prefix="/api/units/{unit_id}", tags=["quản trị"])


class NewUser(BaseModel):
    username: str
    password: str
    role: str
    full_name: str = ""
    agency_id: int | None = None
    must_change: bool = True


class Role(BaseModel):
    username: str
    role: str
    agency_id: int | None = None


class Password(BaseModel):
    password: str | None = None
    must_change: bool = False


class NewUnit(BaseModel):
    name: str
    level: str = "xa"
    code: str | None = None


class Name(BaseModel):
    name: str


class Parent(BaseModel):
    parent_id: int


class Readers(BaseModel):
    roles: list[str] | None = None  # None: back to the default


@router.get("/users")
def users(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The people with a role at the unit or below, the units below, and the agencies a
    don_vi account may speak for."""
    return asdict(admin.overview(s, p, unit_id))


@router.post("/users", status_code=201)
def create_user(unit_id: int, body: NewUser, s: deps.Db, p: deps.User) -> dict[str, Any]:
    user = admin.create_user(s, p, unit_id, body.username, body.password,
                             full_name=body.full_name, role=body.role,
                             agency_id=body.agency_id, must_change=body.must_change)
    return {"username": user.username, "must_change_password": user.must_change_password}


@router.post("/grants")
def grant(unit_id: int, body: Role, s: deps.Db, p: deps.User) -> dict[str, Any]:
    made = admin.grant(s, p, unit_id, body.username, body.role, body.agency_id)
    return {"username": body.username.strip().lower(), "unit_id": made.unit_id,
            "role": made.role, "agency_id": made.agency_id}


@router.post("/revoke")
def revoke(unit_id: int, body: Role, s: deps.Db, p: deps.User) -> dict[str, Any]:
    admin.revoke(s, p, unit_id, body.username, body.role)
    return {"revoked": True}


@router.post("/users/{username}/password")
def password(unit_id: int, username: str, body: Password, s: deps.Db,
             p: deps.User) -> dict[str, Any]:
    """A new password (`password`), or only `must_change` when none is sent."""
    user = admin.reset_password(s, p, unit_id, username, body.password, body.must_change)
    return {"username": user.username, "must_change_password": user.must_change_password}


@router.post("/units", status_code=201)
def create_unit(unit_id: int, body: NewUnit, s: deps.Db, p: deps.User) -> dict[str, Any]:
    made = admin.create_unit(s, p, unit_id, body.name, body.level, body.code)
    return {"id": made.id, "code": made.code, "name": made.name, "level": made.level}


@router.post("/rename")
def rename(unit_id: int, body: Name, s: deps.Db, p: deps.User) -> dict[str, Any]:
    made = admin.rename(s, p, unit_id, body.name)
    return {"id": made.id, "code": made.code, "name": made.name}


@router.post("/move")
def move(unit_id: int, body: Parent, s: deps.Db, p: deps.User) -> dict[str, Any]:
    made = admin.move(s, p, unit_id, body.parent_id)
    return {"id": made.id, "code": made.code, "parent_id": made.parent_id}


@router.post("/readers")
def readers(unit_id: int, body: Readers, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The roles that read the unit's restricted plans (null: lanh_dao, van_phong, quan_tri)."""
    return {"id": unit_id, "readers": admin.set_readers(s, p, unit_id, body.roles)}
