"""Reporting streams (domain.calendars): the due rules a plan writes, read from the words a
clerk types, and the due day of a period by each rule, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain import calendars as cal
from theodoi.domain.calendars import Stream
from theodoi.domain.errors import BadInput
from theodoi.domain.periods import parse_period


@pytest.mark.parametrize(("typed", "rule"), [
    ("10", (10, None, None)),
    ("10 ngày", (10, None, None)),
    ("5 ngày sau khi hết kỳ", (5, None, None)),
    ("0", (0, None, None)),
    ("trước ngày 15 của tháng cuối quý", (None, 15, None)),
    ("ngày 15 tháng cuối kỳ", (None, 15, None)),
    ("Trước ngày 20 tháng cuối năm", (None, 20, None)),
    ("trước ngày 10/12 hằng năm", (None, 10, 12)),
    ("10/12", (None, 10, 12)),
    ("ngày 25-6", (None, 25, 6)),
])
def test_due_rules_read_as_a_plan_writes_them(typed: str, rule: tuple[int | None, ...]) -> None:
    assert cal.read_due(typed) == rule


@pytest.mark.parametrize("typed", ["121", "tuần sau", "31/2", "ngày 32 tháng cuối kỳ",
                                   "10/13", ""])
def test_a_due_rule_that_cannot_be_is_refused_with_examples(typed: str) -> None:
    with pytest.raises(BadInput, match=r"hạn nộp .* không hợp lệ; ví dụ"):
        cal.read_due(typed)


@pytest.mark.parametrize(("stream", "period", "due"), [
    (Stream("quarter", 10), "Q3/2026", date(2026, 10, 10)),  # 30/9 + 10 days
    (Stream("quarter", 10), "Q4/2026", date(2027, 1, 10)),  # into the next year
    (Stream("quarter", None, 15), "Q3/2026", date(2026, 9, 15)),  # 15th of September
    (Stream("month", None, 31), "2/2026", date(2026, 2, 28)),  # no 31 February: its last
    (Stream("half", None, 20), "6 tháng 2026", date(2026, 6, 20)),
    (Stream("year", None, 10, 12), "2026", date(2026, 12, 10)),  # before the year ends
    (Stream("nine_months", None, 25, 9), "9 tháng 2026", date(2026, 9, 25)),
])
def test_the_due_day_of_a_period_by_each_rule(stream: Stream, period: str, due: date) -> None:
    assert stream.due(parse_period(period)) == due


def test_a_period_is_due_by_the_stream_of_its_kind_else_the_main_one() -> None:
    streams = [Stream("quarter", None, 15, recipient="UBND xã"),
               Stream("year", None, 10, 12, recipient="Ban Thường vụ Đảng ủy")]
    assert cal.due_of(streams, parse_period("2026")) == date(2026, 12, 10)
    assert cal.due_of(streams, parse_period("Q2/2026")) == date(2026, 6, 15)
    assert cal.due_of(streams, parse_period("6 tháng 2026")) == date(2026, 6, 15)  # main
    assert cal.main([]) == Stream("quarter", 5)  # nothing set: quarterly, 5 days after


def test_the_rule_in_words_and_back() -> None:
    assert Stream("quarter", 10).rule_text == "10 ngày sau khi hết kỳ"
    assert Stream("quarter", None, 15).rule_text == "trước ngày 15 của tháng cuối kỳ"
    assert Stream("year", None, 10, 12).rule_text == "trước ngày 10/12 hằng năm"
    for stream in (Stream("quarter", 10), Stream("quarter", None, 15),
                   Stream("year", None, 10, 12)):
        assert cal.read_due(stream.rule_input) == (stream.days_after, stream.day, stream.month)


def test_a_calendar_needs_one_to_six_distinct_streams() -> None:
    with pytest.raises(BadInput, match="ít nhất một luồng"):
        cal.check([])
    with pytest.raises(BadInput, match="luồng 2 trùng"):
        cal.check([Stream("year", 5, recipient="UBND xã"), Stream("year", 10,
                                                                   recipient="UBND  xã")])
    cal.check([Stream("year", 5, recipient="UBND xã"),
               Stream("year", None, 10, 12, recipient="Ban Thường vụ")])  # two bodies: fine
    with pytest.raises(BadInput, match="tối đa 6"):
        cal.check([Stream("month", i) for i in range(7)])
    assert cal.read_every("hằng quý") == "quarter" and cal.read_every("nine_months") == \
        "nine_months"
