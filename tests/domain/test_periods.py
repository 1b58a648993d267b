"""Reporting periods: the forms clerks type, labels, ranges, due dates."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain.errors import BadInput
from theodoi.domain.periods import parse_period, periods_in


@pytest.mark.parametrize(("text", "key", "label", "start", "end"), [
    ("2026", "2026", "Năm 2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("năm 2027", "2027", "Năm 2027", date(2027, 1, 1), date(2027, 12, 31)),
    ("Q1/2026", "2026-Q1", "Quý I/2026", date(2026, 1, 1), date(2026, 3, 31)),
    ("quý IV/2025", "2025-Q4", "Quý IV/2025", date(2025, 10, 1), date(2025, 12, 31)),
    ("Quý 3/2026", "2026-Q3", "Quý III/2026", date(2026, 7, 1), date(2026, 9, 30)),
    ("2026-Q2", "2026-Q2", "Quý II/2026", date(2026, 4, 1), date(2026, 6, 30)),
    ("6 tháng đầu năm 2026", "2026-H1", "6 tháng đầu năm 2026", date(2026, 1, 1),
     date(2026, 6, 30)),
    ("6 tháng 2026", "2026-H1", "6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30)),
    ("9 tháng năm 2026", "2026-9M", "9 tháng năm 2026", date(2026, 1, 1), date(2026, 9, 30)),
    ("2/2028", "2028-02", "Tháng 2/2028", date(2028, 2, 1), date(2028, 2, 29)),
    ("tháng 12/2026", "2026-12", "Tháng 12/2026", date(2026, 12, 1), date(2026, 12, 31)),
    ("sơ kết 2025-2030", "2025-2030-SK", "Sơ kết giữa nhiệm kỳ 2025 - 2030", date(2025, 1, 1),
     date(2027, 12, 31)),
    ("Tổng kết 2025 - 2030", "2025-2030-TK", "Tổng kết nhiệm kỳ 2025 - 2030",
     date(2025, 1, 1), date(2030, 12, 31)),
])
def test_parse_period(text: str, key: str, label: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.key, period.label, period.start, period.end) == (key, label, start, end)
    assert parse_period(period.key) == period  # keys read back as themselves


@pytest.mark.parametrize("text", ["", "quý 5/2026", "13/2026", "năm sau", "sơ kết 2030-2025",
                                  "Q1"])
def test_bad_periods_say_what_is_accepted(text: str) -> None:
    with pytest.raises(BadInput, match="ví dụ: 2026"):
        parse_period(text)


def test_due_date_and_calendar() -> None:
    q = parse_period("Q1/2026")
    assert q.due(5) == date(2026, 4, 5) and q.contains(date(2026, 2, 14))
    calendar = periods_in("quarter", 2026, 2027)
    assert [p.key for p in calendar][:3] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert len(calendar) == 8
    with pytest.raises(BadInput, match="lịch báo cáo"):
        periods_in("week", 2026, 2026)
