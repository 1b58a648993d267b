"""Vietnamese numbers and due dates: parametrized tables and a round-trip property."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.domain.numbers import vn_number
from theodoi.extraction.dates import parse_due
from theodoi.extraction.numbers import parse_number


@pytest.mark.parametrize(("token", "value"), [
    ("10,9", 10.9), ("13.284", 13284), ("130.000", 130000), ("03", 3), ("1.234,5", 1234.5),
    ("0,63", 0.63), ("2.000", 2000), ("95", 95), ("abc", None), ("", None), ("0.125", 0.125),
])
def test_parse_number(token: str, value: float | None) -> None:
    assert parse_number(token) == value


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_vietnamese_format_round_trips(number) -> None:
    value = float(number)
    text = vn_number(value)
    if "." in text or "," in text or len(text) < 4:  # "1234" alone is ambiguous in prose
        assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(("text", "date", "recurrence"), [
    ("Quý I năm 2026", "2026-03-31", None),
    ("trình trong Quý IV/2025", "2025-12-31", None),
    ("quý III năm 2027", "2027-09-30", None),
    ("Quý II hằng năm", "2027-06-30", "annual"),
    ("trước ngày 10/11/2024", "2024-11-10", None),
    ("hoàn thành trong năm 2025", "2025-12-31", None),
    ("tháng 9/2026", "2026-09-30", None),
    ("tháng 2 năm 2028", "2028-02-29", None),
    ("6 tháng đầu năm 2026", "2026-06-30", None),
    ("Thời gian thực hiện: giai đoạn 2026 - 2030", "2030-12-31", None),
    ("Năm 2029: Các trục đường chính có điện chiếu sáng", "2029-12-31", None),
])
def test_due_dates(text: str, date: str, recurrence: str | None) -> None:
    due = parse_due(text, first_year=2027)
    assert due is not None
    assert (due.date, due.recurrence) == (date, recurrence)


@pytest.mark.parametrize("text", ["thường xuyên", "kịp thời báo cáo", "ngày 31/2/2026"])
def test_no_or_impossible_date(text: str) -> None:
    due = parse_due(text)
    assert due is None or due.date is None


START = date(2025, 11, 24)  # a plan issued on 24/11/2025


@pytest.mark.parametrize(("text", "when", "recurrence"), [
    ("Thời gian hoàn thành: Quý 2/2026", "2026-06-30", None),
    ("hoàn thành trước 30/6/2026", "2026-06-30", None),
    ("báo cáo trước ngày 30-6-2026", "2026-06-30", None),
    ("hạn chót 30.6.2026", "2026-06-30", None),
    ("Thời gian hoàn thành: Tháng 11 - 12/2025.", "2025-12-31", None),
    ("Thời gian: Quý IV/2025- Quý II/2026", "2026-06-30", None),
    ("Thời gian thực hiện: năm 2026 - 2027.", "2027-12-31", None),
    ("định kỳ trước ngày 30 tháng 11 hàng năm", "2025-11-30", "annual"),
    ("hoàn thành trong Quý II hằng năm", "2026-06-30", "annual"),
    ("trình UBND xã trước tháng 6", "2026-06-30", None),
    ("định kỳ báo cáo kết quả thực hiện trước ngày 20/11", "2026-11-20", None),
    # a table's time cell starts with a capital
    ("Trước 15/10/2026", "2026-10-15", None),
    ("Trước ngày 20/01", "2026-01-20", None),
    # a month of every year: the first such month end on or after the plan's start
    ("Tháng 11 hằng năm", "2025-11-30", "annual"),  # November 2025 is still to run
    ("trong tháng 12 hàng năm", "2025-12-31", "annual"),
    # a day with no "ngày" and no year, a period in a table's cell, parts of a year
    ("Trước 15/12", "2025-12-15", None),
    ("Giai đoạn 2026-2030", "2030-12-31", None),
    ("9 tháng đầu năm 2026", "2026-09-30", None),
    ("Đầu năm 2026", "2026-03-31", None),
    ("giữa năm 2026", "2026-06-30", None),
])
def test_due_dates_in_every_written_form(text: str, when: str, recurrence: str | None) -> None:
    due = parse_due(text, first_year=2026, start=START)
    assert due is not None
    assert (due.date, due.recurrence) == (when, recurrence)


@pytest.mark.parametrize(("text", "when"), [
    # the date of a cited document is no deadline; the deadline after it is
    ("Triển khai hiệu quả Kế hoạch số 64/KH-UBND ngày 22/8/2025 của UBND tỉnh.", None),
    ("Phối hợp với Sở Tư pháp tổ chức thực hiện Quyết định ngày 25 tháng 01 năm 2021.", None),
    ("Rà soát thiệt hại theo Thông tư liên tịch số 43/2015/TTLT ngày 23 tháng 11 năm 2015, "
     "gửi Bộ Tài chính trước ngày 08 tháng 12 năm 2025.", "2025-12-08"),
    # a horizon in a name is not the duty's deadline; finishing by then is
    ("Tổ chức sơ kết Chiến lược dân số Việt Nam đến năm 2030.", None),
    ("Đến năm 2027 hoàn thành số hóa hồ sơ.", "2027-12-31"),
    # when work starts is no deadline; the end of a year, capitalised in a cell, is
    ("Ngay từ đầu năm 2026, tập trung triển khai các nhiệm vụ.", None),
    ("Cuối năm 2026 hoàn thành.", "2026-12-31"),
])
def test_a_duty_takes_only_dates_said_as_deadlines(text: str, when: str | None) -> None:
    due = parse_due(text, first_year=2026, strict=True, start=START)
    assert (due.date if due else None) == when


@pytest.mark.parametrize(("text", "date"), [
    # a span of time: the work is due when it ends
    ("Phong trào thi đua cao điểm được triển khai thực hiện từ tháng 10 năm 2025 đến hết "
     "tháng 3 năm 2026.", "2026-03-31"),
    ("Thời gian tổ chức phong trào thi đua từ ngày UBND thị trấn ban hành kế hoạch đến hết "
     "năm 2024.", "2024-12-31"),
    ("Thực hiện từ quý II năm 2026 đến quý IV năm 2027.", "2027-12-31"),
    ("từ ngày 01/3/2026 đến ngày 15/5/2026", "2026-05-15"),
    # no span: the first date
    ("Tổng kết vào tháng 4 năm 2026, báo cáo trước ngày 10/5/2026.", "2026-05-10"),
])
def test_a_span_of_time_is_due_at_its_end(text: str, date: str) -> None:
    due = parse_due(text, first_year=2026)
    assert due is not None and due.date == date
