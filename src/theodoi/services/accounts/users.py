"""Accounts of the web application: users, role grants, passwords, sign-in and sessions.

Passwords are argon2 hashes of at least 12 characters (a shorter one set before must be
changed at the next sign-in). Sign-in attempts are counted per client address and per
account (domain.access.LOGIN_*): after five in fifteen minutes each further one waits a
growing delay of at most eight seconds, refused (429) before the password is checked;
an address with no attempt of its own skips the account's delay, so nobody can keep an
account's owner out by guessing its password. A web session is a random token in an
HttpOnly cookie; only its sha256 is stored, with a CSRF token the pages echo back on every
state-changing request.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, NotFound, TheodoiError
from theodoi.domain.names import agency_key
from theodoi.services import uow
from theodoi.services.accounts.access import Principal
from theodoi.services.history import admin as admin_log
from theodoi.services.register import agencies, units
from theodoi.storage.models import RoleGrant, Unit, User, WebSession, utcnow
from theodoi.storage.repositories import accounts as repo
from theodoi.storage.repositories import agencies as agency_repo

MIN_PASSWORD = rules.MIN_PASSWORD
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,79}$")
TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most once a minute

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("không phải mật khẩu của ai")


@dataclass
class UserRow:
    id: int
    username: str
    full_name: str
    active: bool
    must_change_password: bool
    grants: list[str]


@dataclass
class SignIn:
    """A started session: the cookie value (shown once, never stored) and its CSRF token."""

    token: str
    csrf_token: str
    user_id: int
    must_change_password: bool


@dataclass
class Policy:
    """How long sessions live; from the settings, passed in so tests can shorten it."""

    idle: timedelta = timedelta(minutes=120)
    max_age: timedelta = timedelta(hours=12)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise BadInput(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự (nên là một câu ngắn dễ "
                       "nhớ, ví dụ 'xa-an-binh-mua-lua-2026').")


def create_user(s: Session, username: str, password: str, *, full_name: str = "",
                must_change_password: bool = False, p: Principal | None = None,
                unit_id: int | None = None) -> User:
    """A new active user; the username is lower case letters, digits, '.', '_' or '-'.
    Audited as made by `p` (None: the command line) on unit `unit_id`'s history."""
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise BadInput("tên đăng nhập cần 3–80 ký tự: chữ thường không dấu, số, '.', '_', '-'.")
    if repo.user_by_name(s, name):
        raise BadInput(f"đã có người dùng '{name}'.")
    _check_password(password)
    user = repo.add_user(s, User(username=name, full_name=" ".join(full_name.split()),
                                 password_hash=_hasher.hash(password),
                                 must_change_password=must_change_password))
    admin_log.user_created(s, p, user, unit_id)
    return user


def get_user(s: Session, username: str) -> User:
    user = repo.user_by_name(s, username.strip())
    if user is None:
        raise NotFound(f"không có người dùng '{username}'.")
    return user


def principal_for(s: Session, username: str) -> Principal:
    """The person as the CLI acts for them (`--as`): their grants, no web session, so a
    command may do exactly what they may do on the web."""
    user = get_user(s, username)
    if not user.active:
        raise BadInput(f"người dùng '{username}' đã bị khóa.")
    grants = tuple(rules.Grant(g.unit_id, g.role, g.agency_id) for g in user.grants)
    return Principal(user.id, user.username, user.full_name, grants)


def grant(s: Session, username: str, unit_text: str, role: str,
          agency_text: str | None = None, *, p: Principal | None = None) -> RoleGrant:
    """Give `username` a role at a unit; don_vi names the agency (id or name) it speaks
    for. Audited (by `p`; None: the command line) when it gives or changes something."""
    user = get_user(s, username)
    unit = units.find(s, unit_text)
    agency_id = _agency_id(s, unit, agency_text) if agency_text else None
    rules.check_grant(role, agency_id)
    existing = repo.find_grant(s, user.id, unit.id, role)
    before = None if existing is None else admin_log.role_text(role, existing.agency)
    if existing is not None:
        existing.agency_id = agency_id
        s.flush()
        s.expire(existing, ["agency"])  # read again: the agency just changed
        row = existing
    else:
        row = repo.add_grant(s, RoleGrant(user_id=user.id, unit_id=unit.id, role=role,
                                          agency_id=agency_id))
    admin_log.granted(s, p, user, row, before)
    return row


def _agency_id(s: Session, unit: Unit, text: str) -> int:
    if text.strip().isdigit():
        agency = agency_repo.get(s, int(text))
        if agency is not None and agency.unit_id == unit.id:
            return agency.id
        raise NotFound(f"đơn vị {unit.name} không có cơ quan số {text}.")
    found = agencies.Directory(s, unit).by_key.get(agency_key(text))
    if found is None:
        raise NotFound(f"danh mục của {unit.name} không có cơ quan '{text}'.")
    return found.id


def set_password(s: Session, username: str, password: str, *,
                 must_change_password: bool = False, p: Principal | None = None) -> User:
    """An administrator sets a password; every session of the user ends. Audited (that
    it was set, never what) by `p` (None: the command line)."""
    user = get_user(s, username)
    _check_password(password)
    user.password_hash = _hasher.hash(password)
    user.must_change_password = must_change_password
    repo.delete_sessions_of(s, user.id)
    s.flush()
    admin_log.password_set(s, p, user, new_password=True, must_change=must_change_password)
    return user


def list_users(s: Session) -> list[UserRow]:
    return [UserRow(u.id, u.username, u.full_name, u.active, u.must_change_password,
                    [_grant_text(g) for g in u.grants]) for u in repo.all_users(s)]


def _grant_text(g: RoleGrant) -> str:
    text = f"{g.role}@{g.unit.code}"
    return f"{text} ({g.agency.name})" if g.agency else text


def _verify(hash_: str, password: str) -> bool:
    try:
        return _hasher.verify(hash_, password)
    except (VerificationError, InvalidHashError):
        return False


def _keys(username: str, client: str) -> tuple[str, str]:
    return f"a:{client}"[:200], f"u:{username.strip().lower()[:80]}"


def admit(s: Session, username: str, client: str, *,
          now: datetime | None = None) -> rules.TooManyAttempts | None:
    """Count a sign-in attempt against its address and its account before the password is
    checked; the refusal to show when one of them must still wait, else None.

    The edge commits right after, so concurrent attempts see each other's count and the
    slow password check holds no lock."""
    now = now or utcnow()
    address, account = _keys(username, client)
    waits = [now + w for w in rules.LOGIN_WAITS]
    count = partial(repo.count_attempt, s, free=rules.LOGIN_FREE, waits=waits,
                    stale_before=now - rules.LOGIN_WINDOW)
    on_address = count(address, now)
    if on_address is None:
        return _refusal(s, address, now)
    # a fresh address (its first attempt of the window) skips the account's delay
    if count(account, now, gated=on_address > 1) is None:
        return _refusal(s, account, now)
    return None


def _refusal(s: Session, key: str, now: datetime) -> rules.TooManyAttempts:
    ready = repo.next_attempt_at(s, key) or now
    seconds = max(1, math.ceil((ready - now).total_seconds()))
    return rules.TooManyAttempts(f"đăng nhập sai nhiều lần liên tiếp; hãy chờ {seconds} giây "
                                 "rồi thử lại.")


def login(s: Session, username: str, password: str, client: str, *,
          policy: Policy | None = None, now: datetime | None = None,
          admitted: bool = False) -> SignIn | TheodoiError:
    """Check the password and start a session, or return the error to show.

    The error is returned, not raised, so the edge can commit the counted attempt before
    it renders the error. `admitted`: `admit` already counted this attempt (the web does,
    and commits, first). A password shorter than the rule (set before the rule) still
    signs in, and must then be changed.
    """
    now = now or utcnow()
    if not admitted:
        refused = admit(s, username, client, now=now)
        if refused is not None:
            return refused
    name = username.strip().lower()[:80]
    user = repo.user_by_name(s, name) if name else None
    ok = _verify(user.password_hash if user else _DUMMY_HASH, password) and bool(
        user and user.active)
    repo.add_attempt(s, name, client, now, ok)
    if not ok or user is None:
        return rules.Unauthenticated("tên đăng nhập hoặc mật khẩu không đúng.")
    repo.forgive(s, *_keys(name, client))
    if len(password) < MIN_PASSWORD and not user.must_change_password:
        user.must_change_password = True
        s.flush()
    return _start(s, user, policy or Policy(), now)


def _start(s: Session, user: User, policy: Policy, now: datetime) -> SignIn:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    repo.add_session(s, WebSession(token_hash=token_hash(token), user_id=user.id,
                                   csrf_token=csrf, created_at=now, last_seen=now,
                                   expires_at=now + policy.max_age))
    return SignIn(token, csrf, user.id, user.must_change_password)


def session_of(s: Session, token: str | None, *, policy: Policy | None = None,
               now: datetime | None = None) -> Principal | None:
    """Who the cookie value signs in, its session touched; None when missing, idle or
    expired (the session is then deleted) or the user is disabled.

    Read as plain rows of one query (the session, its user and the grants): every request
    of every page starts here, and ORM objects cost most of a cached page's time."""
    if not token:
        return None
    now, policy = now or utcnow(), policy or Policy()
    rows = repo.sign_in_rows(s, token_hash(token))
    if not rows:
        return None
    row = rows[0]
    if row.expires_at <= now or row.last_seen + policy.idle <= now or not row.active:
        repo.delete_session_by_id(s, row.id)
        return None
    if now - row.last_seen >= TOUCH_EVERY:
        uow.at_commit(s, lambda: repo.touch_session(s, row.id, now))
    grants = tuple(rules.Grant(r.unit_id, r.role, r.agency_id)
                   for r in rows if r.unit_id is not None)
    return Principal(row.user_id, row.username, row.full_name, grants, row.id,
                     row.csrf_token, row.must_change_password)


def logout(s: Session, token: str | None) -> None:
    if token:
        row = repo.session_by_hash(s, token_hash(token))
        if row is not None:
            repo.delete_session(s, row)


def change_password(s: Session, user_id: int, current: str, new: str, *,
                    keep_session: int | None = None) -> User:
    """The user changes their own password; their other sessions end."""
    user = repo.get_user(s, user_id)
    if user is None:
        raise NotFound("không có người dùng này.")
    if not _verify(user.password_hash, current):
        raise BadInput("mật khẩu hiện tại không đúng.")
    if new == current:
        raise BadInput("mật khẩu mới phải khác mật khẩu cũ.")
    _check_password(new)
    user.password_hash = _hasher.hash(new)
    user.must_change_password = False
    repo.delete_sessions_of(s, user.id, keep=keep_session)
    s.flush()
    return user
