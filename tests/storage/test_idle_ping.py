"""A PostgreSQL connection idle in the pool is checked before use (storage/db.py): one the
server dropped meanwhile (restarted, cut) is replaced and the transaction goes ahead; a
connection returned a moment ago is used without the extra round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from tests.conftest import _pg_conninfo, fresh_database
from theodoi.storage import db

# PostgreSQL only: a pool of SQLite's has no server to lose a connection
pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def _pings(monkeypatch: pytest.MonkeyPatch, engine: Any) -> list[int]:
    seen: list[int] = []
    real = engine.dialect.do_ping

    def ping(dbapi: Any) -> bool:
        seen.append(1)
        return bool(real(dbapi))

    monkeypatch.setattr(engine.dialect, "do_ping", ping)
    return seen


def test_a_dropped_idle_connection_is_replaced_before_use(
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with fresh_database(backend, tmp_path / "x.db") as url:
        engine = db.engine_for(url)
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        with psycopg.connect(_pg_conninfo(url), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)  # every checkout is "idle"
        pings = _pings(monkeypatch, engine)
        with engine.connect() as conn:  # the dropped one is pinged, replaced
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar() != pid
        assert pings


def test_a_connection_in_use_a_moment_ago_is_not_pinged(
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with fresh_database(backend, tmp_path / "x.db") as url:
        engine = db.engine_for(url)
        pings = _pings(monkeypatch, engine)
        for _ in range(3):
            with engine.connect() as conn:
                assert conn.execute(text("SELECT 1")).scalar() == 1
        assert pings == []
