"""What every route depends on: the settings, the request's transaction, the signed-in
person, and the CSRF check that guards every state-changing request."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import timedelta
from functools import cache
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from typing import Annotated, Any

import anyio
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from theodoi.domain.access import MustChangePassword, Unauthenticated
from theodoi.domain.errors import Forbidden, NotFound
from theodoi.domain.numbers import parse_id
from theodoi.services import db, uow
from theodoi.services.accounts import tokens
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.settings import Settings

SESSION_COOKIE = "theodoi_session"
PRE_COOKIE = "theodoi_csrf"  # double-submit token before sign-in (the login form)
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def policy_of(settings: Settings) -> accounts.Policy:
    return accounts.Policy(idle=timedelta(minutes=settings.session_idle_minutes),
                           max_age=timedelta(hours=settings.session_max_hours))


async def get_db(request: Request) -> AsyncIterator[Any]:
    """The request's transaction: committed when the route returns, rolled back on error.

    `scope="function"` below makes the commit happen before the response is sent, so a
    person never sees 'saved' for a write that did not commit. Opening the session does no
    I/O once the schema is known, so it is done here on the event loop; the commit (or
    rollback) and close are one call on a worker thread. With the sign-in and the route
    that is three thread hops a request instead of six (every sync dependency is one, a
    sync generator two): each hop cost ~0.2 ms of a cached page's ~4 ms. A route that
    answers with a Response finishes the session on its own thread (web/finishing.py),
    and then there is no third hop.
    """
    settings = settings_of(request)
    if not db.schema_known(settings):
        await run_in_threadpool(db.ensure_schema, settings.effective_database_url)
    s = uow.begin(settings)
    try:
        yield s
    except BaseException as exc:
        if not uow.finished(s):  # else the route's own commit failed, and closed it
            with anyio.CancelScope(shield=True):  # a client gone away still gives back
                await run_in_threadpool(uow.finish, s, exc)  # the connection, rolled back
        conflict = uow.conflict_of(exc)  # a lost race in the middle of the route: 409
        if conflict is None:
            raise
        raise conflict from exc
    if not uow.finished(s):  # a page finished it in the route's own thread
        await run_in_threadpool(uow.finish, s)


Db = Annotated[Any, Depends(get_db, scope="function")]


def bearer_token(request: Request) -> str | None:
    """The token of an `Authorization: Bearer …` header on an /api route, else None
    (pages sign in by cookie only)."""
    if not request.url.path.startswith("/api"):
        return None
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def optional_principal(request: Request, s: Db) -> Principal | None:
    """Who the request signs in as: by its bearer token when it sends one (the session
    cookie is then ignored, so the two never mix: a bad token is 401 even beside a good
    cookie), else by the session cookie."""
    token = bearer_token(request)
    if token is not None:
        p = tokens.principal_of(s, token)
        if p is None:
            raise Unauthenticated("mã truy cập API không đúng hoặc đã bị thu hồi.")
        request.state.user, request.state.csrf, request.state.bearer = p, None, True
        return p
    p = accounts.session_of(s, request.cookies.get(SESSION_COOKIE),
                            policy=policy_of(settings_of(request)))
    request.state.user = p
    request.state.csrf = p.csrf_token if p else None
    return p


# what a user who must change the password may still reach
PASSWORD_PATHS = {"/doi-mat-khau", "/dang-xuat", "/api/password", "/api/logout", "/api/me"}


async def principal(request: Request,
                    p: Annotated[Principal | None, Depends(optional_principal)]) -> Principal:
    if p is None:
        raise Unauthenticated("bạn cần đăng nhập (phiên làm việc đã hết hoặc chưa đăng nhập).")
    if p.must_change_password and request.url.path not in PASSWORD_PATHS:
        raise MustChangePassword("bạn cần đổi mật khẩu trước khi làm việc tiếp.")
    return p


User = Annotated[Principal, Depends(principal)]


async def session_principal(request: Request, p: User) -> Principal:
    """A user signed in by the session cookie: managing API tokens needs that, so a
    leaked token cannot make itself successors that outlive its revocation."""
    if getattr(request.state, "bearer", False):
        raise Forbidden("mã truy cập API không dùng được để quản lý mã truy cập; hãy đăng "
                        "nhập.")
    return p


SessionUser = Annotated[Principal, Depends(session_principal)]
MaybeUser = Annotated[Principal | None, Depends(optional_principal)]


async def sent_csrf(request: Request) -> str | None:
    """The token the request carries: the X-CSRF-Token header or the csrf_token field.

    First of all the path's ids are checked (`check_path`): this is the first thing every
    guarded route solves, before the sign-in's query, and one dependency fewer to solve
    on every request than a guard of its own."""
    check_path(request)
    if request.method in SAFE_METHODS:
        return None
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def csrf_guard(request: Request, sent: Annotated[str | None, Depends(sent_csrf)],
                     p: MaybeUser) -> None:
    """Every POST/PUT/PATCH/DELETE carries the session's token (or, before sign-in, the
    token of the pre-session cookie); otherwise 403 and nothing happens.

    Async (it does no I/O: no thread hop); the sent token is read first, so a slow
    upload's body arrives before the request takes a database connection. A request
    signed in by a bearer token needs none: a browser never adds that header to a
    cross-site request by itself, and its cookies were not used to sign it in."""
    if request.method in SAFE_METHODS or getattr(request.state, "bearer", False):
        return
    expected = p.csrf_token if p else request.cookies.get(PRE_COOKIE)
    if not sent or not expected or not secrets.compare_digest(sent, expected):
        raise Forbidden("thiếu hoặc sai mã chống giả mạo (CSRF); hãy tải lại trang rồi làm lại.")


async def form_of(request: Request) -> FormData:
    """The request's parsed form, for a plain `def` route that reads fields by name.

    Parsed here on the event loop, which only awaits the body (Starlette spools a large
    file part to disk on a worker thread), so the route itself stays off the loop."""
    return await request.form()


Fields = Annotated[FormData, Depends(form_of)]


def check_path(request: Request) -> None:
    """An id in the path (unit_id, plan_id …) is digits 0-9 within 64 bits, or the page
    does not exist: 404 before any query ('/muc/99999999999999999999' or '/don-vi/²'
    made the database driver fail with a bare 500), before the sign-in and the CSRF
    check (a bad id with a bad token or none is 404, not 401 or 403)."""
    for name, value in request.path_params.items():
        if name.endswith("_id") and parse_id(str(value)) is None:
            raise NotFound("không có trang này.")


def pre_token(request: Request) -> str:
    """The pre-session CSRF token of this browser, made when it has none."""
    return request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(32)


def is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def set_cookie(request: Request, response: Any, name: str, value: str, *,
               max_age: int | None = None) -> None:
    """HttpOnly, SameSite=Lax, Secure over HTTPS or when the settings ask for it."""
    secure = settings_of(request).cookie_secure or is_https(request)
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax",
                        secure=secure, path="/")


def client_of(request: Request) -> str:
    """The client's address for the sign-in limits: the peer's, or, when the peer is one
    of THEODOI_TRUSTED_PROXIES, the last address in X-Forwarded-For that is not a
    trusted proxy (the one the nearest proxy of ours saw). Anyone else's header is
    ignored: a client could write any address there and dodge its own limit."""
    peer = request.client.host if request.client else "unknown"
    proxies = trusted_networks(settings_of(request).trusted_proxies)
    if not proxies or not _within(peer, proxies):
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _within(hop, proxies):
            return hop
    return peer


@cache
def trusted_networks(text: str) -> tuple[IPv4Network | IPv6Network, ...]:
    """THEODOI_TRUSTED_PROXIES as networks ('10.0.0.1, 192.168.0.0/16')."""
    return tuple(ip_network(part.strip(), strict=False) for part in text.split(",")
                 if part.strip())


def _within(address: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:  # 'unknown', a name: not one of ours
        return False
    return any(ip in net for net in networks)
