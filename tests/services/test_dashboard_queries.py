"""The province dashboard is a fixed number of statements however many communes the
province has: its communes' status and completeness are read together, per period and per
agency, not commune by commune (a loop of queries per commune cost a 100-commune province
~1,400 queries and 3 s cold). Statements are counted, never timed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bench import province
from sqlalchemy import event

from tests.conftest import fresh_database
from theodoi.domain.access import Grant
from theodoi.services import memo
from theodoi.services.accounts.access import Principal
from theodoi.services.views.dashboard_view import dashboard_page
from theodoi.storage import db

AS_OF = date(2026, 12, 1)
PROVINCE = 1  # the generator's province unit; its communes are 2, 3, …


@pytest.fixture(autouse=True)
def _cold() -> Iterator[None]:
    memo.COMPUTED.clear()
    memo.VIEWS.clear()
    yield
    memo.COMPUTED.clear()
    memo.VIEWS.clear()


OFFICE = Principal(0, "vanphong", "", (Grant(PROVINCE, "van_phong"),))
# reads no commune's restricted plans: each commune's row leaves its Party plan out
OBSERVER = Principal(0, "xem", "", (Grant(PROVINCE, "xem"),))


def _cold_dashboard(url: str, communes: int, who: Principal = OFFICE,
                    party: bool = False) -> tuple[int, dict[str, Any]]:
    """Statements run to build the province's dashboard with empty caches, and the page
    (with a restricted Party plan in every commune when `party`)."""
    sent, page = _statements(url, communes, who, PROVINCE, party)
    return len(sent), page


def _statements(url: str, communes: int, who: Principal, unit: int,
                party: bool = False) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """(statement with its whitespace folded, its parameters) of every statement run to
    build `unit`'s dashboard with empty caches in a new province of `communes`, and the
    page."""
    db.upgrade(url)
    engine = db.engine_for(url)
    province.generate(engine, communes=communes)
    if party:
        province.add_party_plans(engine, communes)
    seen: list[tuple[str, str]] = []

    def sent(_c: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        seen.append((" ".join(statement.split()), repr(parameters)))

    event.listen(engine, "before_cursor_execute", sent)
    try:
        with db.session_factory(url)() as s:
            page = dashboard_page(s, who, unit, AS_OF)
    finally:
        event.remove(engine, "before_cursor_execute", sent)
    return seen, page


def test_the_province_dashboard_costs_the_same_statements_for_2_and_6_communes(
        backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path / "two.db") as url:
        two, small = _cold_dashboard(url, 2)
    memo.COMPUTED.clear()
    memo.VIEWS.clear()
    with fresh_database(backend, tmp_path / "six.db") as url:
        six, large = _cold_dashboard(url, 6)
    assert [c["name"] for c in small["communes"]] == ["Xã thử 000", "Xã thử 001"]
    assert len(large["communes"]) == 6
    # every commune owes a report on each of its 75 targets and its unfinished tasks
    assert all(c["completeness"]["expected"] >= province.TARGETS for c in large["communes"])
    assert two == six


@pytest.mark.parametrize("who", [OFFICE, OBSERVER], ids=["office", "observer"])
def test_restricted_plans_in_every_commune_cost_no_statement_per_commune(
        backend: str, tmp_path: Path, who: Principal) -> None:
    with fresh_database(backend, tmp_path / "two.db") as url:
        two, small = _cold_dashboard(url, 2, who, party=True)
    memo.COMPUTED.clear()
    memo.VIEWS.clear()
    with fresh_database(backend, tmp_path / "six.db") as url:
        six, large = _cold_dashboard(url, 6, who, party=True)
    # the Party plan's six targets and four tasks count for the office only
    targets = province.TARGETS + (6 if who is OFFICE else 0)
    assert [c["targets"] for c in large["communes"]] == [targets] * 6
    assert len(small["communes"]) == 2
    assert two == six


COMMUNE = 2  # the generator's first commune: 75 targets and 75 tasks
COMMUNE_OFFICE = Principal(0, "vanphong-xa", "", (Grant(COMMUNE, "van_phong"),))
# the reads of a unit's items that its status and its completeness both need, by how
# their statements begin (the tasks' latest updates: PostgreSQL's LATERAL, SQLite's)
ITEM_READS = {"SELECT targets.id,": "targets", "SELECT tasks.id,": "tasks",
              "SELECT assignments.target_id,": "targets' leads",
              "SELECT assignments.task_id,": "tasks' leads",
              "SELECT anon_1.task_id,": "latest updates",
              "SELECT task_updates.task_id, task_updates.reported_on,": "latest updates",
              "SELECT plans.id,": "calendars"}


def test_a_dashboard_reads_its_units_items_once_for_status_and_completeness(
        backend: str, tmp_path: Path) -> None:
    """A unit's own part asks its status and its completeness, which read the same rows
    (its targets, tasks, their leads, the tasks' latest updates, its plans' calendars):
    each is read once (held in the session: storage/repositories/held_rows.py), and both
    parts count every item."""
    with fresh_database(backend, tmp_path / "one.db") as url:
        seen, page = _statements(url, 1, COMMUNE_OFFICE, COMMUNE)
    reads = [read for read in seen if read[0].startswith(tuple(ITEM_READS))]
    assert {name for start, name in ITEM_READS.items()
            if any(st.startswith(start) for st, _p in reads)} == set(ITEM_READS.values())
    assert len(reads) == len(set(reads))  # none of them twice with the same arguments
    assert page["totals"] == {"targets": province.TARGETS, "tasks": province.TASKS}
    assert page["completeness"]["expected"] >= province.TARGETS
