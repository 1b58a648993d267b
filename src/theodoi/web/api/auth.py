"""Sign-in for API clients: a pre-session CSRF token, login, logout, password change."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from theodoi.services.accounts import users as accounts
from theodoi.services.views import home_view
from theodoi.web import deps

router = APIRouter(prefix="/api", tags=["tài khoản"])


class Credentials(BaseModel):
    username: str
    password: str


class PasswordChange(BaseModel):
    current: str
    new: str


@router.get("/csrf")
def csrf(request: Request, response: Response) -> dict[str, str]:
    """The pre-session CSRF token (also set as a cookie) that POST /api/login needs."""
    token = deps.pre_token(request)
    deps.set_cookie(request, response, deps.PRE_COOKIE, token)
    return {"csrf_token": token}


@router.post("/login")
def login(body: Credentials, request: Request, response: Response, s: deps.Db) -> dict[str, Any]:
    client = deps.client_of(request)
    refused = accounts.admit(s, body.username, client)
    s.commit()  # counted before the (slow) password check, seen by concurrent attempts
    outcome = refused or accounts.login(s, body.username, body.password, client,
                                        admitted=True,
                                        policy=deps.policy_of(deps.settings_of(request)))
    if not isinstance(outcome, accounts.SignIn):
        s.commit()  # the failed attempt stays on record even though we refuse
        raise outcome
    deps.set_cookie(request, response, deps.SESSION_COOKIE, outcome.token)
    return {"csrf_token": outcome.csrf_token,
            "must_change_password": outcome.must_change_password}


@router.post("/logout")
def logout(request: Request, response: Response, s: deps.Db, _p: deps.User) -> dict[str, bool]:
    accounts.logout(s, request.cookies.get(deps.SESSION_COOKIE))
    response.delete_cookie(deps.SESSION_COOKIE, path="/")
    return {"ok": True}


@router.get("/me")
def me(p: deps.User) -> dict[str, Any]:
    return home_view.me(p)


@router.post("/password")
def password(body: PasswordChange, s: deps.Db, p: deps.User) -> dict[str, bool]:
    accounts.change_password(s, p.user_id, body.current, body.new, keep_session=p.session_id)
    return {"ok": True}
