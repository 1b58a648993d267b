"""A save that waits for a row (PostgreSQL) or the write lock (SQLite) another transaction
holds ends after `lock_timeout_ms` as a 409 in Vietnamese, stores nothing, and the same
save succeeds once the other transaction is gone (issue 14, M4)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from tests.web.conftest import A, World, login
from theodoi.web.app import create_app


@contextmanager
def held(url: str, target_id: int) -> Iterator[None]:
    """Another connection holds the target's row lock (PostgreSQL) or the database's write
    lock (SQLite) until the block ends, then rolls back."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        conn: Any = sqlite3.connect(str(parsed.database), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
    else:
        conn = psycopg.connect(parsed.set(drivername="postgresql")
                               .render_as_string(hide_password=False))
        conn.execute("UPDATE targets SET version = version WHERE id = %s", (target_id,))
    try:
        yield
    finally:
        conn.rollback()
        conn.close()


def _titles(client: Any, ref: str) -> list[str]:
    return [e["new"] for e in client.get(f"/api/items/{ref}/audit").json()["entries"]
            if e["field"] == "indicator"]


def test_a_save_waiting_on_a_lock_ends_in_409_and_stores_nothing(world: World) -> None:
    settings = world.settings.model_copy(update={"lock_timeout_ms": 300})
    ref, item = next((r, i) for r, i in world.items[A].items() if r.startswith("t"))
    change = {"version": item["version"], "changes": {"indicator": "chờ khoá"}}
    with create_app_client(settings) as client:
        with held(settings.effective_database_url, int(ref[1:])):
            r = client.post(f"/api/items/{ref}/correct", json=change)
            page = client.post(f"/muc/{ref}/sua", data={"version": str(item["version"]),
                                                       "indicator": "chờ khoá"})
        assert r.status_code == 409, r.text
        error = r.json()["error"]
        assert (error["code"], error["type"]) == ("E300", "conflict")
        assert "người khác thay đổi" in error["message"]
        assert page.status_code == 409 and "người khác thay đổi" in page.text
        assert "chờ khoá" not in _titles(client, ref)  # nothing of it was stored
        again = client.post(f"/api/items/{ref}/correct", json=change)
        assert again.status_code == 200 and _titles(client, ref) == ["chờ khoá"]


@contextmanager
def create_app_client(settings: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(create_app(settings)) as client:
        login(client, "quantri")
        yield client
