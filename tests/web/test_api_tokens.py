"""API tokens: a script signs in with `Authorization: Bearer …` and is exactly its user
(same reads, same 404s, same checks); revoked is 401; only the hash is stored."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.web.conftest import A, B, World, login
from theodoi.services import uow
from theodoi.services.accounts import tokens
from theodoi.services.accounts import users as accounts
from theodoi.storage import db


def _token(world: World, username: str, name: str = "tập lệnh") -> str:
    with uow.transaction(world.settings) as s:
        return tokens.create(s, accounts.get_user(s, username).id, name).token


def _bearer(world: World, token: str) -> TestClient:
    """A client with no cookie and no CSRF token: the bearer header only."""
    client = world.client()
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def test_a_token_reads_what_its_user_reads_and_404s_the_rest(world: World) -> None:
    session = world.client()
    login(session, "vanphong")
    script = _bearer(world, _token(world, "vanphong"))
    for path in (f"/api/plans/{world.plans[A]}/review", f"/api/units/{world.units[A]}",
                 "/api/units", "/api/me"):
        by_token, by_session = script.get(path), session.get(path)
        assert by_token.status_code == 200, path
        assert by_token.json() == by_session.json(), path
    for path in (f"/api/plans/{world.plans[B]}/review", f"/api/units/{world.units[B]}"):
        r = script.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "E200", path


def _item(world: World, unit: str, lead: str) -> dict[str, Any]:
    return next(i for i in world.items[unit].values() if i.get("lead_agency") == lead)


def test_a_token_writes_without_csrf_under_its_users_checks(world: World) -> None:
    office = _bearer(world, _token(world, "vanphong"))
    own, far = _item(world, A, "Phòng Kinh tế"), _item(world, B, "Phòng Kinh tế")
    r = office.post(f"/api/items/{own['ref']}/accept", json={"version": own["version"]})
    assert r.status_code == 200, r.text
    r = office.post(f"/api/items/{far['ref']}/accept", json={"version": far["version"]})
    assert r.status_code == 404  # another commune's item, as for the user's session
    agency = _bearer(world, _token(world, "donvi"))  # an agency does not review: 403
    r = agency.post(f"/api/items/{own['ref']}/accept", json={"version": own["version"]})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E400"
    cookie_only = world.client()  # the same write by cookie without its CSRF token fails
    login(cookie_only, "vanphong")
    del cookie_only.headers["X-CSRF-Token"]
    r = cookie_only.post(f"/api/items/{own['ref']}/accept", json={"version": 0})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]["message"]


def test_a_revoked_or_unknown_token_is_401_even_beside_a_good_cookie(world: World) -> None:
    token = _token(world, "vanphong")
    with uow.transaction(world.settings) as s:
        user_id = accounts.get_user(s, "vanphong").id
        (row,) = tokens.list_of(s, user_id)
        tokens.revoke(s, user_id, row.id)
    r = _bearer(world, token).get("/api/me")
    assert r.status_code == 401 and r.json()["error"]["code"] == "E410"
    signed_in = world.client()
    login(signed_in, "vanphong")
    assert signed_in.get("/api/me").status_code == 200
    for bad in (token, "tdi_khong-phai-ma", "abc"):
        r = signed_in.get("/api/me", headers={"Authorization": f"Bearer {bad}"})
        assert r.status_code == 401, bad  # the cookie does not rescue a bad bearer


def test_tokens_are_hashed_at_rest_and_last_use_is_noted(world: World) -> None:
    token = _token(world, "xem", "đọc số liệu")
    assert re.fullmatch(r"tdi_[A-Za-z0-9_-]{43}", token)
    url = world.settings.effective_database_url
    with db.engine_for(url).connect() as conn:
        row = conn.execute(text("select * from api_tokens")).mappings().one()
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in [str(v) for v in row.values()] and row["prefix"] == token[:12]
    assert row["last_used_at"] is None
    assert _bearer(world, token).get("/api/me").status_code == 200
    with db.engine_for(url).connect() as conn:
        assert conn.execute(text("select last_used_at from api_tokens")).scalar() is not None


def test_pages_ignore_a_bearer_token_and_tokens_cannot_manage_tokens(world: World) -> None:
    script = _bearer(world, _token(world, "vanphong"))
    page = script.get("/ma-truy-cap", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/dang-nhap")
    assert script.get("/api/tokens").status_code == 200
    r = script.post("/api/tokens", json={"name": "con của mã bị lộ"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E400"
    assert script.post("/api/tokens/1/revoke").status_code == 403


def test_the_page_shows_a_new_token_once_and_revokes_it(world: World) -> None:
    client = world.client()
    csrf = login(client, "lanhdao")
    r = client.post("/ma-truy-cap", data={"name": "báo cáo tuần", "csrf_token": csrf})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    token = re.search(r"tdi_[A-Za-z0-9_-]{43}", r.text)
    assert token is not None and "báo cáo tuần" in r.text
    assert _bearer(world, token.group()).get("/api/me").json()["username"] == "lanhdao"
    again = client.get("/ma-truy-cap")
    assert token.group() not in again.text and token.group()[:12] in again.text
    (listed,) = client.get("/api/tokens").json()
    assert listed["name"] == "báo cáo tuần" and listed["active"] and "token" not in listed
    r = client.post(f"/ma-truy-cap/{listed['id']}/thu-hoi", data={"csrf_token": csrf},
                    follow_redirects=False)
    assert r.status_code == 303
    assert "đã thu hồi" in client.get("/ma-truy-cap").text
    assert _bearer(world, token.group()).get("/api/me").status_code == 401


def test_another_users_token_cannot_be_revoked(world: World) -> None:
    _token(world, "vanphong")
    other = world.client()
    login(other, "khac")
    with uow.transaction(world.settings) as s:
        (row,) = tokens.list_of(s, accounts.get_user(s, "vanphong").id)
    r = other.post(f"/api/tokens/{row.id}/revoke")
    assert r.status_code == 404
    r = other.post("/api/tokens", json={"name": "  "})
    assert r.status_code == 400 and "tên mã truy cập" in r.json()["error"]["message"]


def test_a_token_follows_its_user_disabled_or_made_to_change_the_password(
        world: World) -> None:
    token = _token(world, "xem")
    script = _bearer(world, token)
    with uow.transaction(world.settings) as s:
        accounts.set_password(s, "xem", "mot-mat-khau-moi-du-dai", must_change_password=True)
    r = script.get(f"/api/units/{world.units[A]}")
    assert r.status_code == 403 and r.json()["error"]["code"] == "E430"
    with uow.transaction(world.settings) as s:
        user = accounts.get_user(s, "xem")
        user.must_change_password, user.active = False, False
    assert script.get("/api/me").status_code == 401
