"""Recording actual values and task updates, on both backends: numbers only, units
converted, x/y values, milestones, corrections keeping history, active plans only."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain.calendars import Stream
from theodoi.domain.errors import BadInput, Conflict
from theodoi.services import calendars
from theodoi.services.progress import records as progress
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan, ProgressRecord, Target


def test_a_value_is_stored_in_the_period_with_what_was_typed(session: Any) -> None:
    r = active_v1(session)
    row = progress.record_progress(session, r.income, "2026", "72,5", note=" tạm tính ",
                                   by="Phòng Kinh tế")
    assert (row.period, row.period_end, row.value, row.entered_value) == (
        "2026", date(2026, 12, 31), 72.5, 72.5)
    assert row.note == "tạm tính" and row.recorded_by == "Phòng Kinh tế" and row.current
    assert row.period_label == "Năm 2026" and row.corrects is None


@pytest.mark.parametrize("typed,value", [("1.234", 1234.0), ("1.234,5", 1234.5),
                                         ("123,5", 123.5), (" 80 ", 80.0), (95, 95.0)])
def test_vietnamese_numbers(session: Any, typed: Any, value: float) -> None:
    r = active_v1(session)
    assert progress.record_progress(session, r.insured, "Q1/2026", typed).value == value


@pytest.mark.parametrize("typed", ["đang thực hiện", "khoảng 80", "", "đạt"])
def test_free_text_is_refused_with_a_clear_message(session: Any, typed: str) -> None:
    r = active_v1(session)
    with pytest.raises(BadInput, match="không phải là số"):
        progress.record_progress(session, r.insured, "2026", typed)
    assert session.query(ProgressRecord).count() == 0


def test_a_value_in_another_scale_is_converted_and_the_typed_one_kept(session: Any) -> None:
    r = active_v1(session)
    row = progress.record_progress(session, r.income, "2026", "0,072", unit="tỷ đồng")
    assert row.value == pytest.approx(72.0) and row.unit == "triệu đồng/năm"
    assert (row.entered_value, row.entered_unit) == (0.072, "tỷ đồng")
    with pytest.raises(BadInput, match="không đổi được"):
        progress.record_progress(session, r.income, "2026", "5", unit="người")


def test_a_correction_keeps_history_and_the_newest_counts(session: Any) -> None:
    r = active_v1(session)
    first = progress.record_progress(session, r.income, "2026", "71")
    other = progress.record_progress(session, r.income, "2027", "76")
    fixed = progress.record_progress(session, r.income, "năm 2026", "72")
    assert fixed.corrects == first.id
    rows = progress.history(session, r.income)
    assert [(x.id, x.value, x.current) for x in rows] == [
        (first.id, 71.0, False), (other.id, 76.0, True), (fixed.id, 72.0, True)]
    again = progress.record_progress(session, r.income, "2026", "73")
    assert again.corrects == fixed.id
    superseded = {x.id: x.superseded for x in session.query(ProgressRecord)}
    assert superseded == {first.id: True, other.id: False, fixed.id: True, again.id: False}
    from theodoi.services.progress import status

    found = status.status_of_unit(session, "Xã An Bình", date(2027, 1, 20)).targets
    # 2027 has not ended on that day; 2026 counts with its last correction, 73
    assert next(t for t in found if t.ref == r.income).actual == 73.0


def test_x_of_y_values_for_a_target_counted_out_of_a_whole(session: Any) -> None:
    r = active_v1(session)
    target = session.get(Target, int(r.insured[1:]))
    target.value, target.value_of, target.unit = 4.0, 9.0, "thôn"
    session.flush()
    row = progress.record_progress(session, r.insured, "2026", "3/9")
    assert (row.value, row.value_of) == (3.0, 9.0)
    row = progress.record_progress(session, r.insured, "2027", "4", value_of="8")
    assert (row.value, row.value_of) == (4.0, 8.0)
    with pytest.raises(BadInput, match="x/y"):
        progress.record_progress(session, r.income, "2026", "3/9")
    with pytest.raises(BadInput, match="mẫu số"):
        progress.record_progress(session, r.insured, "2026", "3/0")


@pytest.mark.parametrize("typed,value", [("1", 1.0), ("0", 0.0), ("đạt", 1.0),
                                         ("Chưa đạt", 0.0)])
def test_milestone_targets_take_reached_or_not(session: Any, typed: str, value: float) -> None:
    r = active_v1(session)
    target = session.get(Target, int(r.poor[1:]))
    target.kind, target.value, target.comparator, target.unit = "milestone", None, None, None
    session.flush()
    assert progress.record_progress(session, r.poor, "2026", typed).value == value
    with pytest.raises(BadInput, match="mốc"):
        progress.record_progress(session, r.poor, "2026", "0,5")


def test_only_items_of_active_plans_take_reports(session: Any) -> None:
    r = active_v1(session, activate=False)
    with pytest.raises(Conflict, match="bản nháp"):
        progress.record_progress(session, r.income, "2026", "72")
    with pytest.raises(Conflict, match="bản nháp"):
        progress.update_task(session, r.invest, "dang_thuc_hien", on=date(2026, 5, 1))
    review.reject(session, r.poor)
    review.activate(session, r.plan_id, accept_rest=True)
    with pytest.raises(Conflict, match="bị loại"):
        progress.record_progress(session, r.poor, "2026", "2")
    review.close(session, r.plan_id)
    with pytest.raises(Conflict, match="đã đóng"):
        progress.record_progress(session, r.income, "2026", "72")


def test_evidence_is_stored_with_the_record(session: Any) -> None:
    r = active_v1(session)
    row = progress.record_progress(session, r.income, "Q3/2026", "70",
                                   attachment=("bao-cao.pdf", b"%PDF-1.4 ..."))
    assert row.evidence is not None and row.period == "2026-Q3"


def test_refs_and_periods_are_checked(session: Any) -> None:
    r = active_v1(session)
    with pytest.raises(BadInput, match="nhiệm vụ"):
        progress.record_progress(session, r.invest, "2026", "1")
    with pytest.raises(BadInput, match="kỳ báo cáo"):
        progress.record_progress(session, r.income, "quý 5/2026", "72")


def test_baseline_and_calendar(session: Any) -> None:
    r = active_v1(session)
    target = progress.set_baseline(session, r.income, "70", 2025)
    assert (target.baseline_value, target.baseline_year) == (70.0, 2025)
    with pytest.raises(BadInput, match="năm gốc"):
        progress.set_baseline(session, r.income, 70, 2031)
    plan = progress.set_calendar(session, r.plan_id, "quý", 10)
    assert calendars.of_plan(plan) == [Stream("quarter", 10)]
    assert calendars.of_plan(progress.set_calendar(session, r.plan_id, "nine_months", 5)) == \
        [Stream("nine_months", 5)]
    with pytest.raises(BadInput, match="lịch báo cáo"):
        progress.set_calendar(session, r.plan_id, "tuần", 5)
    with pytest.raises(BadInput, match="hạn báo cáo"):
        progress.set_calendar(session, r.plan_id, "year", -1)


def test_task_updates_are_validated(session: Any) -> None:
    r = active_v1(session)
    on = date(2026, 10, 3)
    done = progress.update_task(session, r.invest, "Hoàn thành", on=on, product="KH số 30")
    assert (done.state, done.completed_on, done.period) == ("hoan_thanh", on, "2026-Q3")
    mid = progress.update_task(session, r.tourism, "dang_thuc_hien", percent="40%",
                               on=date(2026, 8, 15))
    assert (mid.percent, mid.period) == (40.0, "2026-Q3")
    for state, kw, message in [
            ("xong", {}, "trạng thái"),
            ("dang_thuc_hien", {"percent": 120}, "0 đến 100"),
            ("hoan_thanh", {"percent": 80}, "100%"),
            ("dang_thuc_hien", {"completed_on": on}, "ngày hoàn thành"),
            ("hoan_thanh", {"completed_on": date(2026, 11, 1)}, "sau ngày báo cáo")]:
        with pytest.raises(BadInput, match=message):
            progress.update_task(session, r.tourism, state, on=on, **kw)
    assert [u.state for u in progress.task_history(session, r.tourism)] == ["dang_thuc_hien"]


def test_report_period_follows_the_plan_calendar(session: Any) -> None:
    r = active_v1(session)
    plan = session.get(Plan, r.plan_id)
    assert progress.report_period(plan, date(2026, 4, 5)).key == "2026-Q1"
    assert progress.report_period(plan, date(2026, 4, 6)).key == "2026-Q2"
    assert progress.report_period(plan, date(2027, 1, 2)).key == "2026-Q4"
