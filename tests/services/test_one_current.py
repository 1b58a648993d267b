"""One current record per target and period (issue 14 M3), on SQLite and PostgreSQL.

Concurrent saves of one (target, period) used to leave several records current. Now the
save locks the current record and supersedes it in one guarded statement, and a partial
unique index refuses a second current record: a save that loses the race gets Conflict
(409 on the web), never a second current record, never a lost accepted value.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.services.progress_setup import active_v1
from theodoi.domain.errors import Conflict
from theodoi.services import uow
from theodoi.services.progress import records as progress
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.storage.models import ProgressRecord

CLIENTS = 12
SAVES = 3  # each client saves the period this many times, one after the other


def _settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, data_dir=tmp_path / "data")


def _race(settings: Settings, ref: str) -> tuple[list[str], list[str], list[BaseException]]:
    """CLIENTS threads saving the same period at once; (accepted, refused, other errors)."""
    accepted: list[str] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(CLIENTS)

    def client(number: int) -> None:
        start.wait()
        for save in range(SAVES):
            note = f"client {number} save {save}"
            try:
                with uow.transaction(settings) as s:
                    progress.record_progress(s, ref, "2026", str(60 + number), note=note)
                accepted.append(note)
            except Conflict:
                refused.append(note)
            except BaseException as exc:  # noqa: BLE001 - the test reports every kind
                errors.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return accepted, refused, errors


def test_concurrent_saves_leave_exactly_one_current_record(db_url: str, tmp_path: Path
                                                           ) -> None:
    settings = _settings(db_url, tmp_path)
    with uow.transaction(settings) as s:
        ref = active_v1(s).income
    accepted, refused, errors = _race(settings, ref)
    assert errors == []
    assert len(accepted) + len(refused) == CLIENTS * SAVES and accepted
    with uow.transaction(settings) as s:
        rows = progress.history(s, ref)
    assert sorted(r.note for r in rows) == sorted(accepted)  # none lost, none refused kept
    current = [r for r in rows if r.current]
    assert len(current) == 1 and current[0].id == max(r.id for r in rows)
    # each accepted save corrected the one current before it: a chain, no branches
    corrects = [r.corrects for r in rows[1:]]
    assert corrects == [r.id for r in rows[:-1]]


def test_the_database_refuses_a_second_current_record(session: Any) -> None:
    ref = active_v1(session).income
    progress.record_progress(session, ref, "2026", "70")
    session.commit()
    [first] = session.query(ProgressRecord).all()
    session.add(ProgressRecord(target_id=first.target_id, period_key="2026",
                               period_end=first.period_end, value=71.0))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    session.add(ProgressRecord(target_id=first.target_id, period_key="2026",
                               period_end=first.period_end, value=71.0, superseded=True))
    session.flush()  # superseded records are as many as the history needs


def test_a_stale_save_is_a_conflict_and_writes_nothing(session: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite takes no row lock: two saves may both read record 1 as current. The one that
    writes second finds it superseded already and is refused."""
    ref = active_v1(session).income
    progress.record_progress(session, ref, "2026", "70")
    progress.record_progress(session, ref, "2026", "71")  # what the other save did
    session.commit()
    stale = session.query(ProgressRecord).order_by(ProgressRecord.id).first()
    monkeypatch.setattr(progress.repo, "current", lambda *_a: stale)
    with pytest.raises(Conflict, match="vừa được người khác ghi số liệu"):
        progress.record_progress(session, ref, "2026", "72")
    session.rollback()
    assert [(r.value, r.current) for r in progress.history(session, ref)] == [
        (70.0, False), (71.0, True)]


def test_the_migration_repairs_duplicates_before_the_index(empty_db_url: str) -> None:
    """A database where the race left three current records of one period upgrades to
    one current record (the newest), the others superseded and audited."""
    db.upgrade(empty_db_url, "0004")
    engine = db.engine_for(empty_db_url)
    with engine.begin() as conn:
        conn.execute(text("insert into units (id, code, name, level, created_at) values "
                          "(1, 'xa-a', 'Xã A', 'xa', '2026-01-01')"))
        conn.execute(text("insert into plans (id, unit_id, kind, title, recipients, status, "
                          "created_at, version, report_every, report_due_days) values (1, 1, "
                          "'ke_hoach', 'Kế hoạch A', '[]', 'active', '2026-01-01', 1, "
                          "'quarter', 5)"))
        conn.execute(text("insert into targets (id, plan_id, position, text, also_spans, "
                          "indicator, kind, review, per_year, version) values (1, 1, 0, "
                          "'Thu nhập', '[]', 'Thu nhập', 'level', 'accepted', :f, 1)"),
                     {"f": False})
        for record_id, period in ((1, "2026"), (2, "2026"), (3, "2026"), (4, "Q1/2026")):
            conn.execute(text("insert into progress_records (id, target_id, period_key, "
                              "period_end, value, recorded_at, superseded) values (:id, 1, "
                              ":p, '2026-12-31', :v, '2027-01-02', :f)"),
                         {"id": record_id, "p": period, "v": 60.0 + record_id, "f": False})
    db.upgrade(empty_db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("select id, superseded from progress_records order by id"))
        assert [(i, bool(sup)) for i, sup in rows] == [(1, True), (2, True), (3, False),
                                                       (4, False)]
        audited = conn.execute(text("select entity_kind, entity_id, field, username "
                                    "from audit_log order by id")).all()
    assert [tuple(a) for a in audited] == [("target", 1, "progress_current",
                                            "migration 0006")] * 2
    db.downgrade(empty_db_url, "0004")
    db.upgrade(empty_db_url)
