"""The page where a signed-in user manages their own API tokens (/ma-truy-cap)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.services.accounts import tokens
from theodoi.web import deps
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)


def _page(request: Request, s: deps.Db, user_id: int,
          made: tokens.NewToken | None = None) -> Response:
    return HTMLResponse(render("tokens.html", request, rows=tokens.list_of(s, user_id),
                               made=made),
                        headers={"cache-control": "no-store"})  # the new token is on it


@router.get("/ma-truy-cap")
def tokens_page(request: Request, s: deps.Db, p: deps.User) -> Response:
    return _page(request, s, p.user_id)


@router.post("/ma-truy-cap")
def create_token(request: Request, s: deps.Db, p: deps.User,
                 name: Annotated[str, Form()]) -> Response:
    made = tokens.create(s, p.user_id, name)
    return _page(request, s, p.user_id, made)


@router.post("/ma-truy-cap/{token_id}/thu-hoi")
def revoke_token(token_id: int, s: deps.Db, p: deps.User) -> Response:
    tokens.revoke(s, p.user_id, token_id)
    return RedirectResponse("/ma-truy-cap", status_code=303)
