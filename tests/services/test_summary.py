"""The province dashboard's commune rows come from one set-based read
(services/progress/summary.py); they must say exactly what the per-commune path says:
`status.status_of_unit` counted by code and `completeness.completeness` totalled, for each
commune of a generated province, on several days, on both databases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from bench import province
from sqlalchemy import insert

from tests.conftest import fresh_database
from theodoi.domain.access import Grant
from theodoi.services import memo
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import completeness, status, summary
from theodoi.services.views.dashboard_view import current_periods, dashboard_page
from theodoi.storage import db
from theodoi.storage.models import TaskUpdate
from theodoi.storage.repositories import plans as plan_repo
from theodoi.storage.repositories import status_rows

COMMUNES = 4
# the last day of the generated records, a day inside a quarter (some reports of the
# quarter in, late ones not yet), and the first quarter of the plans' term
DAYS = (date(2026, 12, 1), date(2026, 8, 3), date(2025, 4, 20))


@pytest.fixture
def generated(backend: str, tmp_path: Path) -> Iterator[str]:
    memo.COMPUTED.clear()
    with fresh_database(backend, tmp_path / "province.db") as url:
        db.upgrade(url)
        province.generate(db.engine_for(url), communes=COMMUNES)
        _vary(url)
        yield url
    memo.COMPUTED.clear()


def _vary(url: str) -> None:
    """What the generator leaves out, on each commune's first four tasks (due 28/03/2025,
    28/06/2026, 28/09/2027, 28/12/2025): the third finished in the first quarter of 2026,
    in time (it owes no later period anything), the first reported for the third quarter,
    the second reported for it only after 1 December, the fourth finished late in the
    third quarter."""
    rows = []
    for commune in range(COMMUNES):
        first = commune * province.TASKS + 1
        rows += [
            {"task_id": first + 2, "reported_on": date(2026, 2, 10), "state": "hoan_thanh",
             "completed_on": date(2026, 2, 1), "percent": None, "period_key": "2026-Q1"},
            {"task_id": first, "reported_on": date(2026, 10, 5), "state": "dang_thuc_hien",
             "percent": 40.0, "completed_on": None, "period_key": "2026-Q3"},
            {"task_id": first + 1, "reported_on": date(2026, 12, 20), "state": "dang_thuc_hien",
             "percent": 60.0, "completed_on": None, "period_key": "2026-Q3"},
            {"task_id": first + 3, "reported_on": date(2026, 11, 2), "state": "hoan_thanh",
             "completed_on": date(2026, 11, 1), "percent": None, "period_key": "2026-Q3"}]
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(TaskUpdate), [{"recorded_at": datetime(2026, 12, 1), **r}
                                          for r in rows])


def _per_commune(url: str, code: str, period: str, as_of: date) -> dict[str, object]:
    """One commune through the per-item path, with every cache emptied first."""
    memo.COMPUTED.clear()
    with db.session_factory(url)() as s:
        found = status.status_of_unit(s, code, as_of)
        owed = completeness.completeness(s, code, period, as_of)
    return {"counts": dict(Counter(r.code for r in found.targets + found.tasks)),
            "targets": len(found.targets), "tasks": len(found.tasks),
            "expected": sum(a.expected for a in owed.agencies),
            "reported": sum(a.reported for a in owed.agencies),
            "period_label": owed.period_label}


@pytest.mark.parametrize("as_of", DAYS)
def test_the_set_based_summary_equals_the_per_commune_status_and_completeness(
        generated: str, as_of: date) -> None:
    memo.COMPUTED.clear()
    with db.session_factory(generated)() as s:
        names = status_rows.names(s, status_rows.below(s, 1)[1:])
        periods = current_periods(s, list(names), as_of)
        found = summary.summaries_of_units(s, names, periods, as_of)
    assert len(found) == COMMUNES
    for i, row in found.items():
        code = f"tinh-bench.xa-{i - 2:03d}"  # the generator's commune i is unit i + 2
        expected = _per_commune(generated, code, periods[i].key, as_of)
        assert {"counts": row.counts, "targets": row.targets, "tasks": row.tasks,
                "expected": row.expected, "reported": row.reported,
                "period_label": row.period_label} == expected, code


def test_the_generated_province_exercises_what_the_summary_counts(generated: str) -> None:
    """Not a vacuous comparison: on the communes the codes the forecast decides occur,
    some reports of the current period are in and some are missing, and a task finished
    before the period owes nothing."""
    as_of = DAYS[0]
    memo.COMPUTED.clear()
    with db.session_factory(generated)() as s:
        names = status_rows.names(s, status_rows.below(s, 1)[1:])
        found = summary.summaries_of_units(s, names, current_periods(s, list(names), as_of),
                                           as_of)
    total: Counter[str] = Counter()
    for row in found.values():
        total.update(row.counts)
        # 75 targets and 75 tasks; the task finished in Q1 owes nothing; the targets' Q3
        # values and two of the tasks' Q3 updates are in (the third came after 1 December)
        assert (row.targets, row.tasks) == (province.TARGETS, province.TASKS)
        assert (row.expected, row.reported) == (province.TARGETS + province.TASKS - 1,
                                                province.TARGETS + 2)
    assert {"dung_tien_do", "co_nguy_co", "cham_tien_do", "qua_han", "hoan_thanh_dung_han",
            "hoan_thanh_tre_han"} <= set(total)


OFFICE = Principal(0, "vanphong", "", (Grant(1, "van_phong"),))  # reads restricted plans
OBSERVER = Principal(0, "xem", "", (Grant(1, "xem"),))  # does not


@pytest.fixture
def with_party_plans(backend: str, tmp_path: Path) -> Iterator[str]:
    """Three communes, each with the generated plan (tasks varied as above) and a
    restricted Party plan of milestone, quota, yearly, flow, no-baseline and change
    targets (an invalid figure in the first commune)."""
    memo.COMPUTED.clear()
    memo.VIEWS.clear()
    with fresh_database(backend, tmp_path / "party.db") as url:
        db.upgrade(url)
        engine = db.engine_for(url)
        province.generate(engine, communes=3)
        province.add_party_plans(engine, 3)
        yield url
    memo.COMPUTED.clear()
    memo.VIEWS.clear()


def _per_commune_without(url: str, code: str, as_of: date, hidden: bool) -> dict[str, object]:
    """One commune through the per-item path, its restricted plans left out if `hidden`."""
    memo.COMPUTED.clear()
    with db.session_factory(url)() as s:
        unit_id = status_rows.names(s, status_rows.below(s, 1)[1:])
        unit = next(i for i in unit_id if f"tinh-bench.xa-{i - 2:03d}" == code)
        left_out = frozenset(plan_repo.restricted_ids(s, [unit]).get(unit, set())
                             if hidden else ())
        period = current_periods(s, [unit], as_of)[unit].key
        found = status.status_of_unit(s, code, as_of)
        owed = completeness.without_plans(completeness.completeness(s, code, period, as_of),
                                          left_out)
    rows = [r for r in found.targets + found.tasks if r.plan_id not in left_out]
    return {"counts": dict(sorted(Counter(r.code for r in rows).items())),
            "targets": sum(r.kind == "target" for r in rows),
            "tasks": sum(r.kind == "task" for r in rows),
            "completeness": {"period_label": owed.period_label,
                             "expected": sum(a.expected for a in owed.agencies),
                             "reported": sum(a.reported for a in owed.agencies)}}


@pytest.mark.parametrize("as_of", DAYS)
def test_the_dashboards_commune_rows_equal_the_per_commune_path_with_restricted_plans(
        with_party_plans: str, as_of: date) -> None:
    for who, hidden in ((OFFICE, False), (OBSERVER, True)):
        memo.COMPUTED.clear()
        memo.VIEWS.clear()
        with db.session_factory(with_party_plans)() as s:
            rows = dashboard_page(s, who, 1, as_of)["communes"]
        assert len(rows) == 3
        for row in rows:
            code = f"tinh-bench.xa-{row['id'] - 2:03d}"
            got = {k: row[k] for k in ("counts", "targets", "tasks", "completeness")}
            assert got == _per_commune_without(with_party_plans, code, as_of, hidden), \
                (who.username, code)


def test_restricted_plans_are_counted_for_their_readers_only(with_party_plans: str) -> None:
    """By hand: the Party plan adds six targets and four tasks to each commune; the first
    commune's no-baseline target has an invalid figure; its milestone was reached in
    June 2026, before its deadline (2027): 'dat'."""
    found = {}
    for who in (OFFICE, OBSERVER):
        memo.VIEWS.clear()
        with db.session_factory(with_party_plans)() as s:
            found[who.username] = dashboard_page(s, who, 1, DAYS[0])["communes"]
    office, observer = found["vanphong"], found["xem"]
    assert [(r["targets"], r["tasks"]) for r in office] == [(81, 79)] * 3
    assert [(r["targets"], r["tasks"]) for r in observer] == [(75, 75)] * 3
    assert office[0]["counts"].get("so_lieu_loi") == 1
    assert all("so_lieu_loi" not in r["counts"] for r in observer + office[1:])
    extra_dat = [o["counts"].get("dat", 0) - b["counts"].get("dat", 0)
                 for o, b in zip(office, observer, strict=True)]
    assert all(n >= 1 for n in extra_dat)
