"""The CLI's and the jobs' unit of work (`uow.transaction`) turns a lock wait that ran out
into the same Conflict as the web, with nothing stored (issue 14, M4)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tests.services.conftest import MAX, PLANS
from theodoi.domain.errors import Conflict
from theodoi.services import uow
from theodoi.services.register import importing, units
from theodoi.settings import Settings
from theodoi.storage.models import Plan


def test_a_write_that_waits_too_long_is_a_conflict_and_stores_nothing(
        db_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=db_url, data_dir=tmp_path, lock_timeout_ms=200)
    with uow.transaction(settings) as s:
        unit_id = units.create(s, "Xã An Bình").id
    parsed = make_url(db_url)
    if parsed.get_backend_name() == "sqlite":
        holder: sqlite3.Connection | psycopg.Connection = sqlite3.connect(
            str(parsed.database), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # SQLite's one write lock
    else:
        holder = psycopg.connect(parsed.set(drivername="postgresql")
                                 .render_as_string(hide_password=False))
        holder.execute("SELECT 1 FROM unit_stamps WHERE unit_id = %s FOR UPDATE",
                       (unit_id,))  # the unit's stamp row: taken first by every write
    plan = PLANS / "ke-hoach-v1.txt"
    try:
        with pytest.raises(Conflict, match="người khác thay đổi"), \
                uow.transaction(settings) as s:
            importing.import_plan(s, "Xã An Bình", plan.read_bytes(), plan.name,
                                  max_bytes=MAX)
    finally:
        holder.rollback()
        holder.close()
    with uow.transaction(settings) as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 0
