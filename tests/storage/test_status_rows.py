"""The status engine's reads as plain rows (storage/repositories/status_rows.py): each
live target's current values as the rules' `Actual`s, made in one pass over the
driver's rows, and each task's latest update (a LATERAL probe on PostgreSQL, a matched
id on SQLite), on both databases."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from bench import province
from sqlalchemy import event, insert, inspect, update

from theodoi.domain.trajectory import Actual
from theodoi.storage import db
from theodoi.storage.models import ProgressRecord, Target, TaskUpdate
from theodoi.storage.repositories import status_rows

# the generator's quarters ended by 1 December 2026 (its last quarter ends on 31 December)
QUARTERS = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31),
            date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]


def _november(url: str) -> None:
    """A monthly figure of November 2026 for the first target: 12.5 of 20, corrected to
    13.5 of 20 (the first one superseded)."""
    rows = [{"target_id": 1, "period_key": "2026-11", "period_end": date(2026, 11, 30),
             "value": value, "value_of": 20.0, "superseded": superseded,
             "recorded_at": datetime(2026, 12, 1), "recorded_by": "test"}
            for value, superseded in ((12.5, True), (13.5, False))]
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(ProgressRecord.__table__), rows)


def test_each_target_gets_its_current_values_as_actuals(db_url: str) -> None:
    province.generate(db.engine_for(db_url), communes=1)  # the province 1, the commune 2
    _november(db_url)
    with db.session_factory(db_url)() as s:
        found = status_rows.actuals_by_target(s, [1, 2], date(2026, 12, 1))
        before = status_rows.actuals_by_target(s, [1, 2], date(2026, 11, 29))
        none = status_rows.actuals_by_target(s, [1], date(2026, 12, 1))
    assert sorted(found) == list(range(1, province.TARGETS + 1))
    # one current value a quarter (the corrections superseded), days as dates
    assert all(sorted(a.on for a in values) == QUARTERS
               for i, values in found.items() if i != 1)
    assert all(type(a) is Actual and type(a.on) is date and a.value_of is None
               for i, values in found.items() if i != 1 for a in values)
    november = [a for a in found[1] if a.on == date(2026, 11, 30)]
    assert november == [Actual(date(2026, 11, 30), 13.5, 20.0)]
    assert sorted(a.on for a in found[1]) == [*QUARTERS, date(2026, 11, 30)]
    assert sorted(a.on for a in before[1]) == QUARTERS  # November's ended after the day
    assert none == {}  # the province has no plan of its own


def _task_updates(url: str) -> None:
    """Task 1: two updates on 1 June 2026 (the second recorded is the later), a withdrawn
    one of 1 July and one of 2 December; task 2: every update withdrawn."""
    rows = [{"task_id": 1, "reported_on": on, "state": state, "percent": percent,
             "completed_on": done, "withdrawn": withdrawn, "recorded_at": datetime(2026, 12, 2)}
            for on, state, percent, done, withdrawn in (
                (date(2026, 6, 1), "dang_thuc_hien", 40.0, None, False),
                (date(2026, 6, 1), "tam_dung", 50.0, None, False),
                (date(2026, 7, 1), "hoan_thanh", 100.0, date(2026, 7, 1), True),
                (date(2026, 12, 2), "hoan_thanh", 100.0, date(2026, 12, 2), False))]
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(TaskUpdate.__table__), rows)
        conn.execute(update(TaskUpdate.__table__).where(TaskUpdate.task_id == 2)
                     .values(withdrawn=True))


def test_each_task_gets_its_latest_update_by_the_day(db_url: str) -> None:
    province.generate(db.engine_for(db_url), communes=1)  # updates 10-23 January 2025
    _task_updates(db_url)
    with db.session_factory(db_url)() as s:
        found = {row[0]: tuple(row) for row in
                 status_rows.latest_updates(s, [1, 2], date(2026, 12, 1))}
        january = {row[0]: tuple(row) for row in
                   status_rows.latest_updates(s, [1, 2], date(2025, 1, 15))}
        none = status_rows.latest_updates(s, [1], date(2026, 12, 1))
    # the later of one day's two; the withdrawn one and the one after the day not counted
    assert found[1] == (1, date(2026, 6, 1), "tam_dung", 50.0, None)
    assert 2 not in found and 2 not in january  # every update of task 2 withdrawn
    assert sorted(found) == [1, *range(3, province.TASKS + 1)]
    # the generator's sixth update (15 January 2025, 8 % a day from 0) of task 3
    assert january[3] == (3, date(2025, 1, 15), "dang_thuc_hien", 40.0, None)
    assert january[1] == (1, date(2025, 1, 15), "dang_thuc_hien", 40.0, None)
    assert none == []  # the province has no plan of its own


def test_each_task_row_carries_its_latest_update_by_the_day(db_url: str) -> None:
    """task_rule_rows: every live task (its rule columns) with the update latest_updates
    chooses, in one read; a task with none has four None."""
    province.generate(db.engine_for(db_url), communes=1)  # updates 10-23 January 2025
    _task_updates(db_url)
    with db.session_factory(db_url)() as s:
        found = {row[0]: tuple(row) for row in
                 status_rows.task_rule_rows(s, [1, 2], date(2026, 12, 1))}
        january = {row[0]: tuple(row) for row in
                   status_rows.task_rule_rows(s, [1, 2], date(2025, 1, 15))}
        latest = {row[0]: tuple(row) for row in
                  status_rows.latest_updates(s, [1, 2], date(2026, 12, 1))}
        none = status_rows.task_rule_rows(s, [1], date(2026, 12, 1))
    assert sorted(found) == list(range(1, province.TASKS + 1))  # every task, updated or not
    # (id, unit, plan, due, recurrence) + the later of one day's two, the withdrawn one and
    # the one after the day not counted
    assert found[1] == (1, 2, 1, date(2025, 3, 28), None,
                        date(2026, 6, 1), "tam_dung", 50.0, None)
    assert found[2] == (2, 2, 1, date(2026, 6, 28), None, None, None, None, None)
    # task 3's last generated update: 23 January 2025, 8 % a day from 0, capped at 100
    assert found[3] == (3, 2, 1, date(2027, 9, 28), None,
                        date(2025, 1, 23), "dang_thuc_hien", 100.0, None)
    assert january[3][5:] == (date(2025, 1, 15), "dang_thuc_hien", 40.0, None)
    assert january[2][5:] == (None, None, None, None)
    assert all(row[5:] == latest[i][1:] for i, row in found.items() if i in latest)
    assert all(type(row[3]) is date for row in found.values())
    assert none == []  # the province has no plan of its own


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_sends_the_plain_reads_in_binary_and_the_rest_as_text(db_url: str) -> None:
    """The reads made the driver's tuples ask PostgreSQL for binary rows (no number or
    date written as text and parsed back); statements whose rows SQLAlchemy converts
    keep text. SQLite has one format: nothing to ask."""
    province.generate(db.engine_for(db_url), communes=1)
    formats: dict[str, int] = {}

    def seen(_c: Any, cursor: Any, statement: str, *_args: Any) -> None:
        formats[statement.split()[1]] = cursor.pgresult.fformat(0)

    engine = db.engine_for(db_url)
    event.listen(engine, "after_cursor_execute", seen)
    try:
        with db.session_factory(db_url)() as s:
            found = status_rows.actuals_by_target(s, [1, 2], date(2026, 12, 1))
            rows = status_rows.targets(s, [2])
    finally:
        event.remove(engine, "after_cursor_execute", seen)
    assert formats["progress_records.target_id,"] == 1  # binary
    assert formats["targets.id,"] == 0  # text
    assert sorted(a.on for a in found[2]) == QUARTERS and type(found[2][0].value) is float
    assert len(rows) == province.TARGETS


def test_the_current_records_have_an_index_of_their_own_on_both_databases(
        db_url: str) -> None:
    """Migration 0033: the current values (records no correction superseded) indexed apart,
    with the old index's key columns but the flag, on SQLite and PostgreSQL alike."""
    found = {i["name"]: i for i in inspect(db.engine_for(db_url)).get_indexes(
        "progress_records")}
    index = found["ix_progress_records_current_only"]
    assert index["column_names"] == ["target_id", "period_end", "value", "value_of"]
    assert not index["unique"]
    where = next(str(v) for k, v in index["dialect_options"].items() if k.endswith("_where"))
    assert where.strip("()").upper() == "NOT SUPERSEDED"
    assert "ix_progress_records_current_values" in found  # the other readers keep theirs


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_may_read_the_current_values_from_the_index_of_current_records(
        db_url: str) -> None:
    """The current values' read says what the index of current records is conditioned on
    (NOT superseded), so PostgreSQL can answer it from that index alone; said as `IS
    false` it could not, and probed the index of every record once per target. The
    plan is asked with sequential scans off, as on a province's thousands of rows."""
    province.generate(db.engine_for(db_url), communes=2)
    _november(db_url)
    province.settle(db.engine_for(db_url))  # statistics taken, as a server in use has
    sent: list[tuple[str, Any]] = []

    def seen(_c: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        sent.append((statement, parameters))

    engine = db.engine_for(db_url)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with db.session_factory(db_url)() as s:
            found = status_rows.actuals_by_target(s, [1, 2, 3], date(2026, 12, 1))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    statement, parameters = next((st, p) for st, p in sent if "progress_records" in st)
    with engine.connect() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement,
                                                            parameters))
    assert "ix_progress_records_current_only" in plan
    assert "ix_progress_records_current_values" not in plan
    assert [a for a in found[1] if a.on == date(2026, 11, 30)] == [
        Actual(date(2026, 11, 30), 13.5, 20.0)]  # the correction, not what it corrected
    assert len(found) == 2 * province.TARGETS


def test_rule_rows_take_the_wording_and_the_deadline_the_rules_read(db_url: str) -> None:
    """rule_rows has the database choose `indicator or text` and `deadline_year or
    term_end`, as the rules read them: an empty indicator gives the text (a space does
    not), and a missing or zero deadline year gives the plan's last year."""
    province.generate(db.engine_for(db_url), communes=1)
    cases = {1: ("", "Văn bản", None), 2: ("Chỉ số", "Văn bản", 2027), 3: (" ", "", 0),
             4: ("", "", 2029)}
    with db.engine_for(db_url).begin() as conn:
        for target_id, (indicator, text, year) in cases.items():
            conn.execute(update(Target).where(Target.id == target_id).values(
                indicator=indicator, text=text, deadline_year=year))
    with db.session_factory(db_url)() as s:
        rows = {row[0]: row for row in status_rows.rule_rows(s, [2])}
    assert len(rows) == province.TARGETS
    for target_id, (indicator, text, year) in cases.items():
        assert rows[target_id][3] == (indicator or text)
        assert rows[target_id][13] == (year or 2030)  # the generated plans end in 2030
    assert rows[5][3] == "Chỉ tiêu 4" and rows[5][13] == 2030
