"""Pages of signing in and out, and of changing one's password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.accounts import users as accounts
from theodoi.web import deps
from theodoi.web.errors import sentence, status_of
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only a path on this site: never '//host' or a full URL (open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _login_form(request: Request, *, message: str | None = None, status: int = 200,
                tiep: str = "/") -> Response:
    token = deps.pre_token(request)
    response = HTMLResponse(render("login.html", request, csrf=token, message=message,
                                   tiep=_safe_next(tiep)), status_code=status)
    deps.set_cookie(request, response, deps.PRE_COOKIE, token)
    return response


@router.get("/dang-nhap")
def login_page(request: Request, tiep: str = "/") -> Response:
    return _login_form(request, tiep=tiep)


@router.post("/dang-nhap")
def login(request: Request, s: deps.Db, username: Annotated[str, Form()],
          password: Annotated[str, Form()], tiep: Annotated[str, Form()] = "/") -> Response:
    client = deps.client_of(request)
    refused = accounts.admit(s, username, client)
    s.commit()  # counted before the (slow) password check, seen by concurrent attempts
    outcome = refused or accounts.login(s, username, password, client, admitted=True,
                                        policy=deps.policy_of(deps.settings_of(request)))
    if not isinstance(outcome, accounts.SignIn):
        s.commit()  # the failed attempt stays on record
        return _login_form(request, message=sentence(outcome.render("web")),
                           status=status_of(outcome)[0], tiep=tiep)
    target = "/doi-mat-khau" if outcome.must_change_password else _safe_next(tiep)
    response = RedirectResponse(target, status_code=303)
    deps.set_cookie(request, response, deps.SESSION_COOKIE, outcome.token)
    return response


@router.post("/dang-xuat")
def logout(request: Request, s: deps.Db) -> Response:
    accounts.logout(s, request.cookies.get(deps.SESSION_COOKIE))
    response = RedirectResponse("/dang-nhap", status_code=303)
    response.delete_cookie(deps.SESSION_COOKIE, path="/")
    return response


@router.get("/doi-mat-khau")
def password_page(request: Request, p: deps.User) -> Response:
    return HTMLResponse(render("password.html", request, message=None))


@router.post("/doi-mat-khau")
def change_password(request: Request, s: deps.Db, p: deps.User,
                    current: Annotated[str, Form()], new: Annotated[str, Form()],
                    repeat: Annotated[str, Form()]) -> Response:
    from theodoi.domain.errors import BadInput

    if new != repeat:
        raise BadInput("hai lần nhập mật khẩu mới không giống nhau.")
    accounts.change_password(s, p.user_id, current, new, keep_session=p.session_id)
    return HTMLResponse(render("password.html", request, message="Đã đổi mật khẩu."))
