"""Queries on API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.orm import Session

from theodoi.storage.models import ApiToken, RoleGrant, User


def add(s: Session, row: ApiToken) -> ApiToken:
    s.add(row)
    s.flush()
    return row


def of_user(s: Session, user_id: int) -> list[ApiToken]:
    """A user's tokens, revoked ones included, newest first."""
    return list(s.scalars(select(ApiToken).where(ApiToken.user_id == user_id)
                          .order_by(ApiToken.id.desc())))


def get(s: Session, token_id: int) -> ApiToken | None:
    return s.get(ApiToken, token_id)


# Built once, like the session sign-in query: every bearer request starts with it.
_SIGN_IN = (select(ApiToken.id, ApiToken.last_used_at, ApiToken.revoked_at,
                   User.id.label("user_id"), User.username, User.full_name, User.active,
                   User.must_change_password, RoleGrant.unit_id, RoleGrant.role,
                   RoleGrant.agency_id)
            .join(User, ApiToken.user_id == User.id)
            .outerjoin(RoleGrant, RoleGrant.user_id == User.id)
            .where(ApiToken.token_hash == bindparam("token_hash"))
            .order_by(RoleGrant.id))


def sign_in_rows(s: Session, token_hash: str) -> list[Row[*tuple[Any, ...]]]:
    """The token of a hash with its user and one row per grant of the user (one row with
    empty grant columns when it has none; none without such a token): id, last_used_at,
    revoked_at, user_id, username, full_name, active, must_change_password, unit_id,
    role, agency_id."""
    return list(s.connection().execute(_SIGN_IN, {"token_hash": token_hash}).all())


def touch(s: Session, token_id: int, at: datetime) -> None:
    """The token was used at `at`: one UPDATE, without loading the row."""
    s.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=at))
