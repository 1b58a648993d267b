"""Sign-in limits (issue 14, low), on SQLite and PostgreSQL: a growing delay per address
and per account instead of a lock-out, counted atomically, X-Forwarded-For believed only
from configured proxies, and passwords of at least 12 characters."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.web.conftest import PASSWORD, World, login
from theodoi.domain.access import TooManyAttempts, Unauthenticated
from theodoi.domain.errors import BadInput
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.storage.models import LoginAttempt, User, utcnow
from theodoi.web.app import create_app

GUESSER, OWNER = "10.0.0.66", "192.0.2.7"


def _try(world: World, password: str, client: str, at: Any, user: str = "xem") -> Any:
    with uow.transaction(world.settings) as s:
        return accounts.login(s, user, password, client, now=at)


def test_the_delay_grows_after_five_attempts_and_stops_at_eight_seconds(world: World
                                                                         ) -> None:
    t = utcnow()
    for _ in range(5):
        assert isinstance(_try(world, "sai-mat-khau", GUESSER, t), Unauthenticated)
    waits = []
    for _ in range(6):  # each next attempt tried too early, then exactly on time
        early = _try(world, "sai-mat-khau", GUESSER, t + timedelta(milliseconds=500))
        assert isinstance(early, TooManyAttempts)
        waits.append(int(early.render().split("chờ ")[1].split(" giây")[0]))
        step = {1: 1, 2: 2, 3: 4}.get(len(waits), 8)
        t += timedelta(seconds=step)
        assert isinstance(_try(world, "sai-mat-khau", GUESSER, t), Unauthenticated)
    assert waits == [1, 2, 4, 8, 8, 8]
    # the owner, from an address of its own, is never made to wait
    assert isinstance(_try(world, PASSWORD, OWNER, t), accounts.SignIn)
    # and the right password from the guessing address waits its turn, then works
    assert isinstance(_try(world, PASSWORD, GUESSER, t), TooManyAttempts)
    assert isinstance(_try(world, PASSWORD, GUESSER, t + timedelta(seconds=8)),
                      accounts.SignIn)


def test_the_window_starts_over_after_fifteen_minutes(world: World) -> None:
    t = utcnow()
    for _ in range(6):
        _try(world, "sai", GUESSER, t)
    assert isinstance(_try(world, PASSWORD, GUESSER, t), TooManyAttempts)
    assert isinstance(_try(world, PASSWORD, GUESSER, t + timedelta(minutes=16)),
                      accounts.SignIn)


def test_forty_simultaneous_guesses_get_five_checks(world: World) -> None:
    """Each attempt is counted by one UPDATE … RETURNING before its password is checked:
    of 40 threads guessing at once from one address, exactly 5 are checked."""
    at, start = utcnow(), threading.Barrier(40)
    outcomes: list[str] = []

    def guess(n: int) -> None:
        start.wait()
        try:
            with uow.transaction(world.settings) as s:
                refused = accounts.admit(s, "lanhdao", GUESSER, now=at)
            if refused is not None:
                outcomes.append("refused")
                return
            with uow.transaction(world.settings) as s:
                found = accounts.login(s, "lanhdao", f"sai-{n}", GUESSER, now=at,
                                       admitted=True)
            outcomes.append(type(found).__name__)
        except Exception as exc:  # noqa: BLE001 - every other outcome fails the test
            outcomes.append(repr(exc))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["Unauthenticated"] * 5 + ["refused"] * 35
    with uow.transaction(world.settings) as s:
        checked = s.scalar(select(func.count()).select_from(LoginAttempt)
                           .where(LoginAttempt.username == "lanhdao"))
    assert checked == 5


def test_x_forwarded_for_counts_only_from_a_trusted_proxy(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """From an untrusted peer the header is ignored: changing it each time dodges nothing.
    From a trusted proxy the address it names is the client's."""
    frozen = utcnow()  # the six attempts fall in the same second, however slow the machine
    monkeypatch.setattr(accounts, "utcnow", lambda: frozen)
    direct = TestClient(create_app(world.settings), client=("127.0.0.1", 40000))
    pre = direct.get("/api/csrf").json()["csrf_token"]
    codes = [direct.post("/api/login", json={"username": f"x{n}", "password": "sai-mat-khau"},
                         headers={"X-CSRF-Token": pre, "X-Forwarded-For": f"203.0.113.{n}"}
                         ).status_code for n in range(6)]
    assert codes == [401] * 5 + [429], codes
    proxied = world.settings.model_copy(update={"trusted_proxies": "127.0.0.1, 10.1.0.0/16"})
    behind = TestClient(create_app(proxied), client=("127.0.0.1", 40001))
    pre = behind.get("/api/csrf").json()["csrf_token"]
    r = behind.post("/api/login", json={"username": "xem", "password": PASSWORD},
                    headers={"X-CSRF-Token": pre, "X-Forwarded-For": "198.51.100.4, 10.1.2.3"})
    assert r.status_code == 200, r.text
    with uow.transaction(world.settings) as s:
        clients = set(s.scalars(select(LoginAttempt.client)))
    assert "198.51.100.4" in clients and not any(c.startswith("203.0.113") for c in clients)


def test_passwords_need_twelve_characters(world: World) -> None:
    with uow.transaction(world.settings) as s:
        for short in ("ngan", "mat-khau-11"):
            try:
                accounts.create_user(s, "moi", short)
            except BadInput as exc:
                assert "ít nhất 12 ký tự" in exc.render()
            else:
                raise AssertionError(short)
        accounts.create_user(s, "moi", "mat-khau-12c")
    client = world.client()
    login(client, "xem")
    r = client.post("/api/password", json={"current": PASSWORD, "new": "ngan-qua-11"})
    assert r.status_code == 400 and "ít nhất 12 ký tự" in r.json()["error"]["message"]


def test_a_short_password_set_before_the_rule_signs_in_then_must_be_changed(
        world: World) -> None:
    old = "cu-8-kytu"
    with uow.transaction(world.settings) as s:
        user = s.scalar(select(User).where(User.username == "xem"))
        user.password_hash = PasswordHasher(time_cost=1, memory_cost=64,
                                            parallelism=1).hash(old)
    client = world.client()
    login(client, "xem", old)
    assert client.get("/api/me").json()["must_change_password"] is True
    assert client.get("/", follow_redirects=False).headers["location"] == "/doi-mat-khau"
    r = client.post("/api/password", json={"current": old, "new": "mot-cau-dai-hon"})
    assert r.status_code == 200
    assert client.get("/api/me").json()["must_change_password"] is False
