"""Sign-in, sign-out, the rate limit, CSRF, cookies and security headers — both backends."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, World, login
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.storage.models import utcnow
from theodoi.web.app import create_app


def _form_login(client: Any, username: str, password: str) -> Any:
    client.get("/dang-nhap")
    return client.post("/dang-nhap", data={"username": username, "password": password,
                                           "csrf_token": client.cookies.get("theodoi_csrf")},
                       follow_redirects=False)


def test_login_page_then_home_then_logout(world: World) -> None:
    client = world.client()
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/dang-nhap")
    r = _form_login(client, "vanphong", PASSWORD)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    home = client.get("/")
    assert "Xã An Bình" in home.text and "Xã Bình Minh" not in home.text
    csrf = home.text.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post("/dang-xuat", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_wrong_password_is_refused_in_vietnamese(world: World) -> None:
    client = world.client()
    r = _form_login(client, "vanphong", "sai-mat-khau")
    assert r.status_code == 401 and "không đúng" in r.text
    pre = client.get("/api/csrf").json()["csrf_token"]
    r = client.post("/api/login", json={"username": "khong-co", "password": "x" * 9},
                    headers={"X-CSRF-Token": pre})
    assert r.status_code == 401
    assert r.json() == {"error": {"code": "E410", "type": "unauthenticated",
                                  "message": "tên đăng nhập hoặc mật khẩu không đúng."}}


def test_five_failures_slow_the_address_but_never_lock_the_owner_out(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once lock-out (issue 14, low): five wrong passwords shut the owner out for 15
    minutes. Now the guessing address waits a few seconds; the owner still signs in."""
    frozen = utcnow()  # every attempt in the same second, however slow the machine
    monkeypatch.setattr(accounts, "utcnow", lambda: frozen)
    client = world.client()
    for _ in range(5):
        assert _form_login(client, "xem", "sai-mat-khau").status_code == 401
    r = _form_login(client, "xem", PASSWORD)
    assert r.status_code == 429 and "hãy chờ 1 giây rồi thử lại" in r.text
    owner = TestClient(create_app(world.settings), client=("192.0.2.7", 40000))
    assert _form_login(owner, "xem", PASSWORD).status_code == 303


def test_five_failures_from_one_client_slow_it_across_usernames(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    frozen = utcnow()
    monkeypatch.setattr(accounts, "utcnow", lambda: frozen)
    client = world.client()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        _form_login(client, name, "sai-mat-khau")
    assert _form_login(client, "lanhdao", PASSWORD).status_code == 429


def test_failures_older_than_the_window_do_not_count(world: World) -> None:
    with uow.transaction(world.settings) as s:
        for _ in range(5):
            accounts.login(s, "xem", "sai", "10.0.0.9", now=utcnow() - timedelta(minutes=20))
        assert isinstance(accounts.login(s, "xem", PASSWORD, "10.0.0.9"), accounts.SignIn)


def test_state_changing_requests_need_the_csrf_token(world: World) -> None:
    client = world.client()
    login(client, "vanphong")
    plan = world.plans["Xã An Bình"]
    del client.headers["X-CSRF-Token"]
    r = client.post(f"/api/plans/{plan}/accept-all", json={"version": 1})
    assert r.status_code == 403 and r.json()["error"]["type"] == "forbidden"
    assert "CSRF" in r.json()["error"]["message"]
    r = client.post(f"/ke-hoach/{plan}/chap-nhan-tat-ca", data={"version": "1"})
    assert r.status_code == 403
    r = client.post(f"/ke-hoach/{plan}/chap-nhan-tat-ca",
                    data={"version": "1", "csrf_token": "gia-mao"})
    assert r.status_code == 403
    anonymous = world.client()
    r = anonymous.post("/api/login", json={"username": "xem", "password": PASSWORD})
    assert r.status_code == 403


def test_security_headers_on_pages_api_static_and_errors(world: World) -> None:
    client = world.client()
    for path in ("/dang-nhap", "/api/me", "/static/app.css", "/khong-co-trang-nay"):
        h = client.get(path).headers
        assert "default-src 'self'" in h["content-security-policy"]
        assert "unsafe-inline" not in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY"
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "same-origin"


def test_secure_cookie_over_https_or_when_the_settings_ask(world: World) -> None:
    r = _form_login(world.client("https://testserver"), "xem", PASSWORD)
    assert "secure" in r.headers["set-cookie"].lower()
    world.settings = world.settings.model_copy(update={"cookie_secure": True})
    assert "secure" in world.client().get("/dang-nhap").headers["set-cookie"].lower()


def test_idle_and_logged_out_sessions_end(world: World) -> None:
    with uow.transaction(world.settings) as s:
        start = utcnow()
        signed = accounts.login(s, "xem", PASSWORD, "c", now=start)
        assert isinstance(signed, accounts.SignIn)
        policy = accounts.Policy(idle=timedelta(minutes=30))
        assert accounts.session_of(s, signed.token, policy=policy,
                                   now=start + timedelta(minutes=29)) is not None
        assert accounts.session_of(s, signed.token, policy=policy,
                                   now=start + timedelta(minutes=61)) is None
        other = accounts.login(s, "xem", PASSWORD, "c")
        assert isinstance(other, accounts.SignIn)
        accounts.logout(s, other.token)
        assert accounts.session_of(s, other.token) is None


def test_password_change_ends_other_sessions(world: World) -> None:
    first, second = world.client(), world.client()
    login(first, "xem")
    login(second, "xem")
    r = first.post("/api/password", json={"current": "sai-sai-sai", "new": "moi-moi-moi-123"})
    assert r.status_code == 400 and "không đúng" in r.json()["error"]["message"]
    r = first.post("/api/password", json={"current": PASSWORD, "new": "moi-moi-moi-123"})
    assert r.status_code == 200
    assert first.get("/api/me").status_code == 200
    assert second.get("/api/me").status_code == 401
    login(world.client(), "xem", "moi-moi-moi-123")


def test_openapi_lists_the_api(world: World) -> None:
    paths = world.client().get("/openapi.json").json()["paths"]
    assert "/api/items/{ref}/accept" in paths and "/dang-nhap" not in paths
