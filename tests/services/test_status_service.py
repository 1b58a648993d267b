"""Status of a unit as of a day, on both backends: the register mapped to the pure rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.services.progress import records as progress
from theodoi.services.progress.status import status_of_unit
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Target, Task

UNIT = "Xã An Bình"


def _row(session: Any, ref: str, as_of: date, **kw: Any) -> Any:
    result = status_of_unit(session, UNIT, as_of, **kw)
    return next(r for r in result.targets + result.tasks if r.ref == ref)


@pytest.mark.parametrize("actual,code,outlook", [
    ("72", "co_nguy_co", "dự kiến không đạt"),  # 2 below the line's 74: within 5 %
    ("65", "cham_tien_do", "dự kiến không đạt"),  # 9 below: behind
    ("74", "dung_tien_do", "dự kiến đạt"),  # on the line from 70 (2025) to 90 (2030)
])
def test_income_against_the_line_from_its_baseline(session: Any, actual: str, code: str,
                                                   outlook: str) -> None:
    r = active_v1(session)
    progress.set_baseline(session, r.income, 70, 2025)
    progress.record_progress(session, r.income, "2026", actual)
    row = _row(session, r.income, date(2027, 1, 10))
    assert (row.code, row.expected, row.forecast_label) == (code, pytest.approx(74.0), outlook)
    assert (row.actual, row.planned, row.due, row.lead_agency, row.field) == (
        float(actual), 90.0, 2030, "Phòng Kinh tế", "kinh_te")


def test_a_value_counts_only_once_its_period_has_ended(session: Any) -> None:
    r = active_v1(session)
    progress.set_baseline(session, r.income, 70, 2025)
    progress.record_progress(session, r.income, "2026", "72")
    assert _row(session, r.income, date(2026, 6, 30)).code == "chua_co_so_lieu"
    assert _row(session, r.income, date(2026, 12, 31)).code == "co_nguy_co"


def test_the_newest_correction_decides(session: Any) -> None:
    r = active_v1(session)
    progress.set_baseline(session, r.income, 70, 2025)
    progress.record_progress(session, r.income, "2026", "72")
    progress.record_progress(session, r.income, "2026", "74")
    row = _row(session, r.income, date(2027, 1, 10))
    assert (row.code, row.actual) == ("dung_tien_do", 74.0)


def test_tolerance_is_passed_through(session: Any) -> None:
    r = active_v1(session)
    progress.set_baseline(session, r.income, 70, 2025)
    progress.record_progress(session, r.income, "2026", "72")
    assert _row(session, r.income, date(2027, 1, 1), tolerance=0.01).code == "cham_tien_do"


def test_without_a_deadline_year_the_plan_term_end_counts(session: Any) -> None:
    r = active_v1(session)
    session.get(Target, int(r.insured[1:])).deadline_year = None
    session.flush()
    progress.record_progress(session, r.insured, "2026", "96")
    row = _row(session, r.insured, date(2027, 1, 1))
    assert (row.due, row.code) == (2030, "vuot")


def test_a_task_due_in_q3_is_overdue_in_october_unless_completed(session: Any) -> None:
    r = active_v1(session)
    october = date(2026, 10, 5)
    assert _row(session, r.invest, october).code == "qua_han"
    assert _row(session, r.invest, date(2026, 9, 20)).code == "sap_den_han"
    assert _row(session, r.invest, date(2026, 9, 20), window_days=5).code == "chua_den_han"
    progress.update_task(session, r.invest, "dang_thuc_hien", percent=60, on=date(2026, 9, 1))
    row = _row(session, r.invest, october)
    assert (row.code, row.state, row.percent, row.due) == (
        "qua_han", "dang_thuc_hien", 60.0, date(2026, 9, 30))
    progress.update_task(session, r.invest, "hoan_thanh", on=date(2026, 9, 28))
    assert _row(session, r.invest, october).code == "hoan_thanh_dung_han"
    assert _row(session, r.invest, date(2026, 9, 10)).state == "dang_thuc_hien"


def test_a_task_finished_late(session: Any) -> None:
    r = active_v1(session)
    progress.update_task(session, r.invest, "hoan_thanh", on=date(2026, 10, 20),
                         completed_on=date(2026, 10, 15))
    assert _row(session, r.invest, date(2026, 11, 1)).label == "Hoàn thành trễ hạn"


def test_counts_by_field_and_agency_and_only_active_live_items(session: Any) -> None:
    r = active_v1(session)
    active_v1(session, unit="Xã Bình Minh", activate=False)  # a draft elsewhere: not counted
    progress.record_progress(session, r.poor, "2026", "0,8")
    result = status_of_unit(session, UNIT, date(2027, 1, 5))
    assert [x.ref for x in result.targets] == [r.income, r.poor, r.insured]
    assert result.by_agency == {
        "Phòng Kinh tế": {"chua_co_so_lieu": 1, "chua_den_han": 1, "qua_han": 1},
        "Phòng Văn hóa - Xã hội": {"chua_co_so_lieu": 1, "chua_den_han": 1, "dat": 1}}
    assert result.by_field["van_hoa_xa_hoi"] == {"chua_co_so_lieu": 1, "dat": 1}
    assert sum(sum(c.values()) for c in result.by_agency.values()) == \
        len(result.targets) + len(result.tasks)
    assert status_of_unit(session, "Xã Bình Minh", date(2027, 1, 5)).targets == []


def test_rejected_items_are_left_out(session: Any) -> None:
    r = active_v1(session, activate=False)
    review.reject(session, r.poor)
    review.activate(session, r.plan_id, accept_rest=True)
    result = status_of_unit(session, UNIT, date(2027, 1, 5))
    assert r.poor not in [x.ref for x in result.targets]


def _queries(session: Any, as_of: date) -> int:
    from sqlalchemy import event

    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        session.expunge_all()
        status_of_unit(session, UNIT, as_of)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_status_costs_the_same_queries_for_more_items_and_records(session: Any) -> None:
    r = active_v1(session)
    progress.record_progress(session, r.income, "2026", "72")
    session.commit()
    few = _queries(session, date(2027, 1, 5))
    for n in range(20):  # many more items, records and updates
        target = Target(plan_id=r.plan_id, review="added", indicator=f"chỉ tiêu {n}",
                        value=10.0, unit="%", deadline_year=2030)
        task = Task(plan_id=r.plan_id, review="added", title=f"nhiệm vụ {n}")
        session.add_all([target, task])
        session.flush()
        for period in ("2026", "Q1/2026", "2027"):
            progress.record_progress(session, f"t{target.id}", period, str(n))
        progress.update_task(session, f"k{task.id}", "dang_thuc_hien", on=date(2026, 8, 1))
    session.commit()
    assert _queries(session, date(2027, 1, 5)) == few
    assert len(status_of_unit(session, UNIT, date(2027, 1, 5)).targets) == 23
