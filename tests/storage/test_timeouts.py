"""Lock and statement timeouts reach every connection, and their errors read as contention;
PostgreSQL's JIT compilation is off on them."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from theodoi.storage import db


def test_connections_carry_the_configured_timeouts(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        engine = db.engine_for(db_url, db.Timeouts(lock_ms=1234))
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
        return
    engine = db.engine_for(db_url, db.Timeouts(lock_ms=1234, statement_ms=5678))
    with engine.connect() as conn:
        assert conn.execute(text("SHOW lock_timeout")).scalar() == "1234ms"
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "5678ms"
        assert conn.execute(text("SHOW jit")).scalar() == "off"  # the server's default: on
    engine.dispose()


def test_a_statement_past_its_time_is_contention_and_a_bug_is_not(db_url: str) -> None:
    engine = db.engine_for(db_url, db.Timeouts(statement_ms=50))
    with engine.connect() as conn, pytest.raises(DBAPIError) as bug:
        conn.execute(text("SELECT * FROM no_such_table"))
    assert not db.is_contention(bug.value)
    if db_url.startswith("postgresql"):
        with engine.connect() as conn, pytest.raises(DBAPIError) as slow:
            conn.execute(text("SELECT pg_sleep(2)"))
        assert db.is_contention(slow.value)
    engine.dispose()


def test_the_same_url_and_timeouts_share_one_engine(db_url: str) -> None:
    assert db.engine_for(db_url) is db.engine_for(db_url, db.Timeouts())
    assert db.engine_for(db_url) is not db.engine_for(db_url, db.Timeouts(lock_ms=1))
