"""API tokens: a user's keys for scripts calling /api with `Authorization: Bearer …`.

Owns creating (the token is returned once and never stored), listing, revoking, and
signing a request in by its token. A token acts exactly as its user: the same grants and
the same checks (a disabled user's tokens stop working; one who must change the password
gets 403 like on the web), and it stops at once when revoked.

Stored as the sha256 of the token, not argon2 like passwords: the token is 256 random bits
(`secrets.token_urlsafe(32)`), so a stolen hash cannot be reversed by guessing, which is
what a slow hash protects low-entropy passwords from; and an unsalted hash can be looked
up by index, where argon2 would have to be verified (~50 ms) against every token on every
request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services import uow
from theodoi.services.accounts.access import Principal
from theodoi.storage.models import ApiToken, utcnow
from theodoi.storage.repositories import tokens as repo

PREFIX = "tdi_"  # marks a theodoi token in a script or a leaked-secret scan
SHOWN = 12  # characters kept in clear (the prefix and 8 more) to tell tokens apart
TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most once a minute
MAX_NAME = 100


@dataclass
class TokenRow:
    """A token as its owner sees it in a list; never the token itself."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass
class NewToken:
    """A created token: `token` is shown once, here, and never again."""

    row: TokenRow
    token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _row(t: ApiToken) -> TokenRow:
    return TokenRow(t.id, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at)


def create(s: Session, user_id: int, name: str, *, now: datetime | None = None) -> NewToken:
    """A new token of the user, named for the script that will use it."""
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise BadInput(f"tên mã truy cập cần 1–{MAX_NAME} ký tự (ví dụ: 'báo cáo hằng tuần').")
    token = PREFIX + secrets.token_urlsafe(32)
    row = repo.add(s, ApiToken(user_id=user_id, name=name, prefix=token[:SHOWN],
                               token_hash=token_hash(token), created_at=now or utcnow()))
    return NewToken(_row(row), token)


def list_of(s: Session, user_id: int) -> list[TokenRow]:
    return [_row(t) for t in repo.of_user(s, user_id)]


def revoke(s: Session, user_id: int, token_id: int, *,
           now: datetime | None = None) -> TokenRow:
    """Revoke one of the user's tokens (again: no change); another user's token is
    NotFound, as one that does not exist."""
    row = repo.get(s, token_id)
    if row is None or row.user_id != user_id:
        raise NotFound(f"không có mã truy cập số {token_id}.")
    if row.revoked_at is None:
        row.revoked_at = now or utcnow()
        s.flush()
    return _row(row)


def principal_of(s: Session, token: str, *, now: datetime | None = None) -> Principal | None:
    """Who the bearer token signs in, its use noted; None when unknown, revoked or its
    user disabled. One query, plain rows (every API request of a script starts here)."""
    if not token.startswith(PREFIX):
        return None
    rows = repo.sign_in_rows(s, token_hash(token))
    if not rows or rows[0].revoked_at is not None or not rows[0].active:
        return None
    row, now = rows[0], now or utcnow()
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        uow.at_commit(s, lambda: repo.touch(s, row.id, now))
    grants = tuple(rules.Grant(r.unit_id, r.role, r.agency_id)
                   for r in rows if r.unit_id is not None)
    return Principal(row.user_id, row.username, row.full_name, grants, None, None,
                     row.must_change_password)
