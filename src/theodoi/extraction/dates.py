"""Due dates from Vietnamese phrases: quarters, days, months, half years, years, periods."""

from __future__ import annotations

import calendar
from datetime import date

from theodoi.domain.dates import quarter_number
from theodoi.domain.text import squash
from theodoi.extraction.model import Due
from theodoi.extraction.rules import tasks as R


def _end_of_month(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def plan_start(issued_on: str | None, term: tuple[int, int] | None) -> date | None:
    """The first day a plan's duties run: its issue day, or the start of its term if later;
    with no issue day, the year after the term starts (a term plan is issued in its first year)."""
    if not issued_on:
        return date(term[0] + 1, 1, 1) if term else None
    start = date.fromisoformat(issued_on)
    return max(start, date(term[0], 1, 1)) if term else start


def parse_due(text: str, first_year: int | None = None, *, strict: bool = False,
              start: date | None = None) -> Due | None:
    """The first due date in `text`, or the end of the span it gives ('từ … đến hết tháng 3
    năm 2026'); `first_year` is used for 'Quý I hằng năm', `start` (the plan's first day)
    for 'trước ngày 15/12 hằng năm'.

    strict: for prose that mentions years and periods for other reasons (duties), accept
    only phrases said as deadlines ("trong năm 2025", "Quý I năm 2026", "trước ngày …").
    """
    if not R.DIGIT.search(text):  # most work says no date: only a quarter needs no digit
        found = _quarter(text, first_year)
        return _first_quarter(found, start) if found and found.recurrence else found
    finders = (_deadline_day, _quarter, _month, _half, _deadline_year) if strict else (
        _day, _quarter, _month, _half, _period, _year)
    until = R.UNTIL.search(text) if "đến" in text else None
    if until:  # "từ tháng 10 năm 2025 đến hết tháng 3 năm 2026": due when the span ends
        tail = text[until.end():]
        found = next((f for finder in finders if (f := finder(tail, first_year))), None)
        if found and not found.recurrence:
            return found
    if "năm" in text:  # every annual day says "hằng năm": skip the search otherwise
        annual = _annual_day(text, start) or _annual_month(text, start)
        if annual:
            return annual
    for finder in finders:
        found = finder(text, first_year)
        if found:
            return _first_quarter(found, start) if found.recurrence else found
    return _without_year(text, start)


def _first_quarter(due: Due, start: date | None) -> Due:
    """'Quý III hằng năm' in a plan that starts on 20/01/2026: 30/09/2026, the first such
    quarter end on or after the start (the year after the issue year when none is known)."""
    if start is None or due.date is None:
        return due
    when = date.fromisoformat(due.date).replace(year=start.year)
    if when < start:
        when = when.replace(year=start.year + 1)
    return Due(due.text, when.isoformat(), due.recurrence)


def _annual_day(text: str, start: date | None) -> Due | None:
    """'trước ngày 15/12 hằng năm', 'hằng năm (trước ngày 15 tháng 12)' -> the first 15
    December on or after the plan's start."""
    m = R.ANNUAL_DAY.search(text) or R.YEARLY_BEFORE_DAY.search(text)
    if not m:
        return None
    day, month = int(m.group("d")), int(m.group("m"))
    when = None
    try:
        if start is not None:
            when = date(start.year, month, day)
            if when < start:
                when = date(start.year + 1, month, day)
    except ValueError:
        when = None
    return Due(squash(m.group()), when.isoformat() if when else None, "annual")


def _annual_month(text: str, start: date | None) -> Due | None:
    """'Tháng 11 hằng năm' -> the end of the first November on or after the plan's start."""
    m = R.ANNUAL_MONTH.search(text)
    if not m or not 1 <= int(m.group("m")) <= 12:
        return None
    month, when = int(m.group("m")), None
    if start is not None:
        year = start.year if month >= start.month else start.year + 1
        when = _end_of_month(year, month)
    return Due(squash(m.group()), when, "annual")


def _day(text: str, _: int | None, *, cued: bool = False) -> Due | None:
    """The first day written with its year; with `cued`, only one said as a deadline
    ('trước ngày 08 tháng 12 năm 2025', not 'Thông tư … ngày 23 tháng 11 năm 2015')."""
    if not R.DAY_HINT.search(text):
        return None  # the cheap search first: it finds a part of every day
    for m in R.DAY.finditer(text):
        if cued and not R.DEADLINE_CUE.search(text, max(0, m.start() - 20), m.start()):
            continue
        y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (
            m.group("y2"), m.group("m2"), m.group("d2"))
        try:
            return Due(m.group(), date(int(y), int(mo), int(d)).isoformat())
        except ValueError:
            return Due(m.group(), None)
    return None


def _deadline_day(text: str, first_year: int | None) -> Due | None:
    return _day(text, first_year, cued=True)


def _without_year(text: str, start: date | None) -> Due | None:
    """'trước ngày 20/11', 'trước tháng 6': the first such day or month end on or after the
    plan's start (none without a start)."""
    if start is None:
        return None
    m = R.DAY_NO_YEAR.search(text)
    if m:
        try:
            when = date(start.year, int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None
        when = when if when >= start else when.replace(year=start.year + 1)
        return Due(m.group(), when.isoformat())
    m = R.MONTH_NO_YEAR.search(text)
    if m and 1 <= int(m.group("m")) <= 12:
        month = int(m.group("m"))
        year = start.year if month >= start.month else start.year + 1
        return Due(m.group(), _end_of_month(year, month))
    return None


def _quarter(text: str, first_year: int | None) -> Due | None:
    m = R.QUARTER.search(text)
    if not m:
        return None
    dash = R.RANGE_DASH.match(text, m.end())
    second = R.QUARTER.match(text, dash.end()) if dash else None
    m = second or m  # "Quý IV/2025 - Quý II/2026" ends with the second quarter
    q = quarter_number(m.group("q"))
    year = int(m.group("y")) if m.group("y") else first_year
    when = _end_of_month(year, 3 * q) if year else None
    return Due(squash(m.group()), when, "annual" if m.group("annual") else None)


def _month(text: str, _: int | None) -> Due | None:
    m = R.MONTH.search(text)
    if not m or not 1 <= int(m.group("m")) <= 12:
        return None
    return Due(m.group(), _end_of_month(int(m.group("y")), int(m.group("m"))))


def _half(text: str, _: int | None) -> Due | None:
    """'6 tháng đầu năm 2026' -> 30/6/2026, '9 tháng đầu năm' -> 30/9, 'đầu năm' -> 31/3,
    'giữa năm' -> 30/6."""
    m = R.HALF.search(text)
    if not m:
        return None
    month = int(m.group("n")) if m.group("n") else R.HALF_MONTH[m.group("part").lower()]
    return Due(m.group(), _end_of_month(int(m.group("y")), month))


def _period(text: str, _: int | None) -> Due | None:
    m = R.PERIOD.search(text)
    return Due(m.group(), f"{m.group('y')}-12-31") if m else None


def _year(text: str, _: int | None) -> Due | None:
    m = R.YEAR.search(text)
    return Due(m.group().strip(), f"{m.group('y')}-12-31") if m else None


def _deadline_year(text: str, _: int | None) -> Due | None:
    if "năm" not in text and "Năm" not in text:
        return None  # every form of DEADLINE_YEAR says it; the search costs far more
    m = R.DEADLINE_YEAR.search(text)
    if not m:
        return None
    year = m.group("y1") or m.group("y2") or m.group("y3")
    return Due(m.group().strip(" -+*•"), f"{year}-12-31")

