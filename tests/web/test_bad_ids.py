"""Ids and numbers in URLs (issue 14, low): a 20-digit id, '²' or Arabic-Indic digits are
no page (404) or a bad request (400/422) in the one error shape, never a bare 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from tests.web.conftest import World, login
from theodoi.storage import db
from theodoi.web.app import create_app

HUGE = "99999999999999999999"
IDS = [HUGE, "9223372036854775808", "²", "١", "1²", "-1", "1.0", "%20"]


@pytest.fixture
def client(world: World) -> TestClient:
    c = TestClient(create_app(world.settings), raise_server_exceptions=False)
    login(c, "quantri")
    return c


def _id_paths() -> list[str]:
    return [path for bad in IDS for path in (
        f"/don-vi/{bad}", f"/don-vi/{bad}/tong-quan", f"/ke-hoach/{bad}",
        f"/don-vi/{bad}/so-theo-doi", f"/api/units/{bad}", f"/api/plans/{bad}/review",
        f"/api/units/{bad}/dashboard", f"/don-vi/{bad}/lich-su")]


def test_a_bad_id_in_the_path_is_not_found(client: TestClient) -> None:
    for path in _id_paths():
        r = client.get(path)
        assert r.status_code == 404, (path, r.status_code)
        if path.startswith("/api"):
            assert r.json()["error"]["type"] == "not_found"
        else:
            assert "Không có trang này" in r.text
    for bad in IDS:
        r = client.post(f"/api/agencies/{bad}/confirm", json={"version": 1})
        assert r.status_code == 404, bad


REFS = [(f"t{HUGE}", 404), (f"k{HUGE}", 404), ("t²", 400), ("t١", 400), ("k1²", 400)]


def test_a_bad_item_ref_is_refused_in_vietnamese(client: TestClient) -> None:
    for ref, status in REFS:
        for path in (f"/chi-tieu/{ref}", f"/nhiem-vu/{ref}", f"/api/items/{ref}",
                     f"/muc/{ref}/lich-su", f"/api/items/{ref}/explanations"):
            r = client.get(path)
            assert r.status_code == status, (path, r.status_code)
            shown = r.json()["error"]["message"] if path.startswith("/api") else r.text
            assert "mục" in shown
        r = client.post(f"/api/items/{ref}/progress", json={"period": "2026", "value": "1"})
        assert r.status_code == status, ref


def test_bad_numbers_in_the_query_are_bad_requests(client: TestClient, world: World) -> None:
    unit = world.units["Xã An Bình"]
    for path in (f"/api/units/{unit}/audit?page={HUGE}", f"/don-vi/{unit}/lich-su?trang={HUGE}",
                 f"/api/units/{unit}/audit?page=2&per_page={HUGE}"):
        assert client.get(path).status_code == 200, path  # past the end: an empty page
    for path in (f"/api/units/{unit}/audit?page=²",
                 f"/api/units/{unit}/dashboard?as_of=2026-0²-01",
                 f"/don-vi/{unit}/tong-quan?ngay=٢٠٢٦-01-01"):
        r = client.get(path)
        assert 400 <= r.status_code < 500, (path, r.status_code)


def test_a_bad_id_is_not_found_before_any_query_sign_in_or_csrf_check(world: World) -> None:
    """The path's ids are checked first: no statement runs, and a bad id is 404 even
    with a bad API token (else 401), no session (else 401) or no CSRF token on a POST
    (else 403)."""
    engine = db.engine_for(world.settings.effective_database_url)
    seen: list[str] = []

    def counted(*args: Any) -> None:
        seen.append(args[2])

    anonymous = TestClient(create_app(world.settings), raise_server_exceptions=False)
    assert anonymous.get("/dang-nhap").status_code == 200  # the schema known
    event.listen(engine, "before_cursor_execute", counted)
    try:
        statuses = [
            anonymous.get(f"/don-vi/{HUGE}/tong-quan").status_code,
            anonymous.get(f"/api/units/{HUGE}/dashboard",
                          headers={"Authorization": "Bearer sai-ma"}).status_code,
            anonymous.post(f"/api/agencies/{HUGE}/confirm", json={"version": 1}).status_code,
            anonymous.post(f"/don-vi/{HUGE}/tai-len").status_code]
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    assert statuses == [404, 404, 404, 404]
    assert seen == []
    assert anonymous.get(f"/api/units/{world.units['Xã An Bình']}/dashboard",
                         headers={"Authorization": "Bearer sai-ma"}).status_code == 401
