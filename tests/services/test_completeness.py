"""Completeness of a period on both backends: what each lead agency has not reported, and
what came in after the due date (period end + the plan's due days)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tests.services.progress_setup import active_v1
from theodoi.services.progress import records as progress
from theodoi.services.progress.completeness import completeness, missing_count

UNIT = "Xã An Bình"


def _agency(result: Any, name: str) -> Any:
    return next(a for a in result.agencies if a.agency == name)


def test_missing_and_late_reports_per_lead_agency(session: Any) -> None:
    r = active_v1(session)
    progress.set_calendar(session, r.plan_id, "quarter", 10)  # Q3/2026 due 10/10/2026
    progress.record_progress(session, r.income, "Q3/2026", "71", at=datetime(2026, 10, 8))
    progress.record_progress(session, r.poor, "Q3/2026", "1,2", at=datetime(2026, 10, 20))
    progress.update_task(session, r.invest, "dang_thuc_hien", on=date(2026, 10, 12),
                         period_text="Q3/2026")  # past its due day: named, not guessed
    result = completeness(session, UNIT, "Q3/2026", date(2026, 11, 1))
    assert (result.period, result.period_label) == ("2026-Q3", "Quý III/2026")
    econ, social = _agency(result, "Phòng Kinh tế"), _agency(result, "Phòng Văn hóa - Xã hội")
    assert (econ.expected, econ.reported) == (3, 2)  # income, invest, and the follow-up task
    assert [o.ref for o in econ.late] == [r.invest]
    assert [o.ref for o in social.missing] == [r.insured, r.tourism]
    assert [(o.ref, o.reported_on) for o in social.late] == [(r.poor, date(2026, 10, 20))]
    assert all(o.overdue and o.due == date(2026, 10, 10) for o in social.missing)
    assert missing_count(result) == 3


def test_a_report_after_the_day_asked_does_not_count_yet(session: Any) -> None:
    r = active_v1(session)
    progress.record_progress(session, r.income, "Q3/2026", "71", at=datetime(2026, 10, 8))
    result = completeness(session, UNIT, "Q3/2026", date(2026, 10, 3))
    econ = _agency(result, "Phòng Kinh tế")
    assert r.income in [o.ref for o in econ.missing]
    assert not any(o.overdue for o in econ.missing)  # due 05/10/2026, asked on 03/10


def test_a_task_finished_before_the_period_owes_nothing(session: Any) -> None:
    r = active_v1(session)
    progress.update_task(session, r.invest, "hoan_thanh", on=date(2026, 6, 20))
    result = completeness(session, UNIT, "Q3/2026", date(2026, 11, 1))
    owed = [o.ref for a in result.agencies for o in a.missing]
    assert r.invest not in owed and r.tourism in owed


def test_draft_plans_and_other_units_owe_nothing_here(session: Any) -> None:
    active_v1(session)
    active_v1(session, unit="Xã Bình Minh", activate=False)
    assert completeness(session, "Xã Bình Minh", "Q3/2026", date(2026, 11, 1)).agencies == []
    assert missing_count(completeness(session, UNIT, "Q3/2026", date(2026, 11, 1))) == 6
