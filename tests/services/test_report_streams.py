"""A plan reported on in two streams, on both backends: quarterly to the UBND before the
15th of the quarter's last month, yearly to the Ban Thường vụ before 10/12. Completeness
takes each period's due day from its own stream, reminders owe one report per stream, and
a report made on a day is filed under the main stream's period. Days worked out by hand."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain.calendars import Stream
from theodoi.domain.errors import BadInput, Conflict
from theodoi.services import calendars
from theodoi.services.progress import records as progress
from theodoi.services.progress.completeness import completeness
from theodoi.services.register import review_decisions as review
from theodoi.services.reminders import collect
from theodoi.storage.models import Plan

UNIT = "Xã An Bình"
UBND = Stream("quarter", None, 15, None, "UBND xã")
BTV = Stream("year", None, 10, 12, "Ban Thường vụ Đảng ủy")


def _two_streams(session: Any) -> Any:
    r = active_v1(session)
    calendars.set_streams(session, r.plan_id, [
        calendars.read_stream("quý", "trước ngày 15 của tháng cuối quý", "UBND xã"),
        calendars.read_stream("năm", "trước ngày 10/12 hằng năm", "Ban Thường vụ Đảng ủy")])
    return r


def test_streams_are_stored_in_order_and_replaced_whole(session: Any) -> None:
    r = _two_streams(session)
    plan = session.get(Plan, r.plan_id)
    session.expire(plan)
    assert calendars.of_plan(plan) == [UBND, BTV]
    calendars.set_streams(session, r.plan_id, [Stream("month", 3)])
    session.expire(plan)
    assert calendars.of_plan(plan) == [Stream("month", 3)]


def test_each_period_is_due_by_its_own_stream(session: Any) -> None:
    r = _two_streams(session)
    progress.record_progress(session, r.income, "Q3/2026", "71", at=datetime(2026, 9, 14))
    progress.record_progress(session, r.poor, "Q3/2026", "1,2", at=datetime(2026, 9, 20))
    quarter = completeness(session, UNIT, "Q3/2026", date(2026, 10, 1))
    econ = next(a for a in quarter.agencies if a.agency == "Phòng Kinh tế")
    social = next(a for a in quarter.agencies if a.agency == "Phòng Văn hóa - Xã hội")
    assert econ.late == [] and [o.ref for o in social.late] == [r.poor]  # after 15/09
    assert all(o.due == date(2026, 9, 15) for o in social.missing)
    progress.record_progress(session, r.income, "2026", "80", at=datetime(2026, 12, 9))
    progress.record_progress(session, r.insured, "2026", "93", at=datetime(2026, 12, 11))
    year = completeness(session, UNIT, "2026", date(2026, 12, 20))
    owed = [o for a in year.agencies for o in (*a.missing, *a.late)]
    assert {o.due for o in owed} == {date(2026, 12, 10)}
    late = [o.ref for a in year.agencies for o in a.late]
    assert late == [r.insured]  # 11/12 is after 10/12; income on 09/12 was in time


def test_reminders_owe_one_report_per_stream(session: Any) -> None:
    r = _two_streams(session)
    plan = session.get(Plan, r.plan_id)
    owed = collect.owed_periods(plan, date(2026, 12, 9), 7)
    # Q4/2026 due 15/12 (reminders from 08/12); the year due 10/12 (from 03/12)
    assert [(p.key, s.recipient, s.due(p)) for p, s in owed] == [
        ("2026-Q4", "UBND xã", date(2026, 12, 15)),
        ("2026", "Ban Thường vụ Đảng ủy", date(2026, 12, 10))]
    # on 02/12 neither has begun: the latest begun are Q3 (due 15/09) and 2025 (10/12/2025)
    assert [p.key for p, _ in collect.owed_periods(plan, date(2026, 12, 2), 7)] == [
        "2026-Q3", "2025"]


def test_reports_are_filed_under_the_main_streams_period(session: Any) -> None:
    r = _two_streams(session)
    plan = session.get(Plan, r.plan_id)
    # due before the quarter ends: a report on 20/09 is the third quarter's, under way
    assert progress.report_period(plan, date(2026, 9, 20)).key == "2026-Q3"
    assert progress.report_period(plan, date(2026, 10, 3)).key == "2026-Q4"
    calendars.set_streams(session, r.plan_id, [Stream("quarter", 10), BTV])
    session.expire(plan)
    assert progress.report_period(plan, date(2026, 10, 3)).key == "2026-Q3"  # still due


def test_a_bad_or_closed_calendar_changes_nothing(session: Any) -> None:
    r = _two_streams(session)
    with pytest.raises(BadInput, match="trùng"):
        calendars.set_streams(session, r.plan_id, [UBND, UBND])
    with pytest.raises(BadInput, match="hạn nộp 'cuối tháng' không hợp lệ"):
        calendars.read_stream("quý", "cuối tháng")
    plan = session.get(Plan, r.plan_id)
    session.expire(plan)
    assert calendars.of_plan(plan) == [UBND, BTV]
    review.close(session, r.plan_id)
    with pytest.raises(Conflict, match="đã đóng"):
        calendars.set_streams(session, r.plan_id, [Stream("year", 5)])
    session.expire(plan)
    assert calendars.of_plan(plan) == [UBND, BTV]
