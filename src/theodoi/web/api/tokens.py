"""The signed-in user's API tokens as JSON (the twin of the page /ma-truy-cap)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from theodoi.services.accounts import tokens
from theodoi.web import deps

router = APIRouter(prefix="/api/tokens", tags=["mã truy cập API"])


class NewToken(BaseModel):
    name: str


def as_json(row: tokens.TokenRow) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "prefix": row.prefix, "active": row.active,
            "created_at": row.created_at.isoformat(),
            "last_used_at": row.last_used_at.isoformat() if row.last_used_at else None,
            "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None}


@router.get("")
def list_tokens(s: deps.Db, p: deps.User) -> list[dict[str, Any]]:
    """The user's tokens, newest first; never the tokens themselves."""
    return [as_json(r) for r in tokens.list_of(s, p.user_id)]


@router.post("")
def create_token(body: NewToken, s: deps.Db, p: deps.SessionUser) -> dict[str, Any]:
    """A new token; `token` is in this answer only (signed in by session, not by token)."""
    made = tokens.create(s, p.user_id, body.name)
    return {**as_json(made.row), "token": made.token}


@router.post("/{token_id}/revoke")
def revoke_token(token_id: int, s: deps.Db, p: deps.SessionUser) -> dict[str, Any]:
    return as_json(tokens.revoke(s, p.user_id, token_id))
