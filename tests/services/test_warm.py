"""A served web process runs the province dashboard's statements once at start, for no
unit (services/views/warm.py), so its first dashboard does not compile them: counted in
the engine's statement cache, never timed. Nothing of a unit is read, nothing cached."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bench import province
from sqlalchemy import event

from theodoi.domain.access import Grant
from theodoi.services import db as services_db
from theodoi.services import memo
from theodoi.services.accounts.access import Principal
from theodoi.services.db import DatabaseError
from theodoi.services.views import warm
from theodoi.services.views.dashboard_view import dashboard_page
from theodoi.settings import Settings
from theodoi.storage import db

AS_OF = date(2026, 12, 1)
OFFICE = Principal(0, "vanphong", "", (Grant(1, "van_phong"),))


@pytest.fixture(autouse=True)
def _cold() -> Iterator[None]:
    memo.COMPUTED.clear()
    memo.VIEWS.clear()
    yield
    memo.COMPUTED.clear()
    memo.VIEWS.clear()


def _compiled(url: str, clear: bool = False) -> int:
    """Statements in the engine's compiled cache (emptied first when `clear`)."""
    cache = db.engine_for(url)._compiled_cache
    assert cache is not None
    if clear:
        cache.clear()
    return len(cache)


def _dashboard(url: str) -> int:
    """The province's dashboard, cold; returns how many statements it compiled."""
    memo.COMPUTED.clear()
    memo.VIEWS.clear()
    before = _compiled(url)
    with db.session_factory(url)() as s:
        assert len(dashboard_page(s, OFFICE, 1, AS_OF)["communes"]) == 2
    return _compiled(url) - before


def test_the_first_dashboard_after_warming_compiles_no_statement(db_url: str) -> None:
    province.generate(db.engine_for(db_url), communes=2)
    _compiled(db_url, clear=True)  # as a new process: nothing compiled
    unwarmed = _dashboard(db_url)
    _compiled(db_url, clear=True)
    with db.session_factory(db_url)() as s:
        warm.warm_dashboard(s, AS_OF)
        s.rollback()
    after_warming = _dashboard(db_url)
    assert unwarmed >= 25  # the kinds of statement a province's dashboard runs
    assert after_warming == 0  # not even the reads past the unit's own look-ups


def test_warming_reads_no_unit_and_caches_nothing(db_url: str) -> None:
    """No statement writes, no unit's row is loaded, nothing is kept in the caches; on
    PostgreSQL (which counts the rows a read returns) no statement returns a row."""
    province.generate(db.engine_for(db_url), communes=2)
    seen: list[tuple[str, int]] = []

    def counted(_c: Any, cursor: Any, statement: str, *_args: Any) -> None:
        seen.append((statement.lstrip().split()[0].upper(), cursor.rowcount))

    engine = db.engine_for(db_url)
    event.listen(engine, "after_cursor_execute", counted)
    try:
        with db.session_factory(db_url)() as s:
            warm.warm_dashboard(s, AS_OF)
            loaded = len(s.identity_map)
            s.rollback()
    finally:
        event.remove(engine, "after_cursor_execute", counted)
    assert len(seen) >= 20
    assert {verb for verb, _ in seen} <= {"SELECT", "WITH"}
    assert loaded == 0
    if db_url.startswith("postgresql"):
        assert [n for _, n in seen if n] == []
    assert len(memo.COMPUTED._data) == 0 and len(memo.VIEWS._data) == 0


def test_warming_a_database_not_reachable_leaves_it_to_the_first_request(
        tmp_path: Path) -> None:
    """A served process whose database does not answer (here: no server on the port)
    still starts: the first request reports it, as without warming."""
    settings = Settings(database_url="postgresql+psycopg://postgres@127.0.0.1:9/none",
                        data_dir=tmp_path / "data")
    warm.warm_process(settings, AS_OF)  # no error
    with pytest.raises(DatabaseError), services_db.session(settings):
        pass
