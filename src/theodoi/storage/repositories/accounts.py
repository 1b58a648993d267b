"""Queries on users, their role grants, web sessions and sign-in attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, case, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from theodoi.storage.models import LoginAttempt, LoginLimit, RoleGrant, User, WebSession

LONG_AGO = datetime(2000, 1, 1)


def user_by_name(s: Session, username: str) -> User | None:
    return s.scalar(select(User).where(func.lower(User.username) == username.lower())
                    .options(selectinload(User.grants)))


def get_user(s: Session, user_id: int) -> User | None:
    return s.get(User, user_id)


def add_user(s: Session, user: User) -> User:
    s.add(user)
    s.flush()
    return user


def all_users(s: Session) -> list[User]:
    return list(s.scalars(select(User).order_by(User.username)
                          .options(selectinload(User.grants).selectinload(RoleGrant.unit),
                                   selectinload(User.grants).selectinload(RoleGrant.agency))))


def add_grant(s: Session, grant: RoleGrant) -> RoleGrant:
    s.add(grant)
    s.flush()
    return grant


def find_grant(s: Session, user_id: int, unit_id: int, role: str) -> RoleGrant | None:
    return s.scalar(select(RoleGrant).where(RoleGrant.user_id == user_id,
                                            RoleGrant.unit_id == unit_id,
                                            RoleGrant.role == role))


def grants_of(s: Session, user_id: int) -> list[RoleGrant]:
    return list(s.scalars(select(RoleGrant).where(RoleGrant.user_id == user_id)
                          .order_by(RoleGrant.id)))


def add_session(s: Session, row: WebSession) -> WebSession:
    s.add(row)
    s.flush()
    return row


def session_by_hash(s: Session, token_hash: str) -> WebSession | None:
    return s.scalar(select(WebSession).where(WebSession.token_hash == token_hash)
                    .options(selectinload(WebSession.user).selectinload(User.grants)))


# Built once: every request of every page signs in with this query, and making the
# statement anew cost more than running it.
_SIGN_IN = (select(WebSession.id, WebSession.csrf_token, WebSession.last_seen,
                   WebSession.expires_at, User.id.label("user_id"), User.username,
                   User.full_name, User.active, User.must_change_password,
                   RoleGrant.unit_id, RoleGrant.role, RoleGrant.agency_id)
            .join(User, WebSession.user_id == User.id)
            .outerjoin(RoleGrant, RoleGrant.user_id == User.id)
            .where(WebSession.token_hash == bindparam("token_hash"))
            .order_by(RoleGrant.id))


def sign_in_rows(s: Session, token_hash: str) -> list[Row[*tuple[Any, ...]]]:
    """The session of a token hash with what sign-in needs of its user, one row per grant
    of the user (one row with empty grant columns when it has none; none without such a
    session): id, csrf_token, last_seen, expires_at, user_id, username, full_name, active,
    must_change_password, unit_id, role, agency_id. One round trip, plain rows."""
    return list(s.connection().execute(_SIGN_IN, {"token_hash": token_hash}).all())


def delete_session_by_id(s: Session, session_id: int) -> None:
    s.execute(delete(WebSession).where(WebSession.id == session_id))


def touch_session(s: Session, session_id: int, at: datetime) -> None:
    """The session was used at `at`: one UPDATE, without loading or versioning the row."""
    s.execute(update(WebSession).where(WebSession.id == session_id).values(last_seen=at))


def delete_session(s: Session, row: WebSession) -> None:
    s.delete(row)
    s.flush()


def delete_sessions_of(s: Session, user_id: int, keep: int | None = None) -> None:
    query = delete(WebSession).where(WebSession.user_id == user_id)
    if keep is not None:
        query = query.where(WebSession.id != keep)
    s.execute(query)


def delete_expired_sessions(s: Session, now: datetime) -> None:
    s.execute(delete(WebSession).where(WebSession.expires_at < now))


def add_attempt(s: Session, username: str, client: str, at: datetime, success: bool) -> None:
    s.add(LoginAttempt(username=username.lower(), client=client, at=at, success=success))
    s.flush()


def forget_attempts_before(s: Session, before: datetime) -> None:
    s.execute(delete(LoginAttempt).where(LoginAttempt.at < before))


def count_attempt(s: Session, key: str, now: datetime, *, free: int,
                  waits: list[datetime], stale_before: datetime, gated: bool = True
                  ) -> int | None:
    """Count one more attempt on `key`; the attempts of the window counting this one, or
    None when the key must still wait (`gated`: the free attempts are used up and
    `next_at` is ahead) and nothing was counted.

    One UPDATE … RETURNING decides and counts, under the row's lock (PostgreSQL) or the
    database's one write lock (SQLite): forty simultaneous attempts get forty different
    counts, and only the free ones pass. `waits[i]` is when the next attempt may come after
    the (free + i)-th; the last repeats. A window older than `stale_before` starts over.
    """
    _ensure_row(s, key)
    s.execute(update(LoginLimit).where(LoginLimit.key == key, LoginLimit.last_at < stale_before)
              .values(strikes=0, next_at=LONG_AGO))
    count = LoginLimit.strikes + 1
    next_at = case((count < free, LoginLimit.next_at),
                   *[(count == free + i, at) for i, at in enumerate(waits[:-1])],
                   else_=waits[-1])
    query = update(LoginLimit).where(LoginLimit.key == key)
    if gated:
        query = query.where(or_(LoginLimit.strikes < free, LoginLimit.next_at <= now))
    done = s.execute(query.values(strikes=count, last_at=now, next_at=next_at)
                     .returning(LoginLimit.strikes)
                     .execution_options(synchronize_session=False))
    return done.scalar_one_or_none()


def _ensure_row(s: Session, key: str) -> None:
    """The key's row, made empty if missing, whatever another attempt does meanwhile."""
    make = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(make(LoginLimit).values(key=key, strikes=0, last_at=LONG_AGO, next_at=LONG_AGO)
              .on_conflict_do_nothing(index_elements=["key"]))


def next_attempt_at(s: Session, key: str) -> datetime | None:
    return s.scalar(select(LoginLimit.next_at).where(LoginLimit.key == key))


def forgive(s: Session, address_key: str, account_key: str) -> None:
    """A right password: the address's attempt no longer counts, the account starts over."""
    s.execute(update(LoginLimit).where(LoginLimit.key == address_key, LoginLimit.strikes > 0)
              .values(strikes=LoginLimit.strikes - 1)
              .execution_options(synchronize_session=False))
    s.execute(update(LoginLimit).where(LoginLimit.key == account_key)
              .values(strikes=0, next_at=LONG_AGO)
              .execution_options(synchronize_session=False))


def delete_grant(s: Session, grant: RoleGrant) -> None:
    s.delete(grant)
    s.flush()
