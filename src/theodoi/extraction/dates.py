"""Due dates from Vietnamese phrases: quarters, days, months, half years, years, periods."""

from __future__ import annotations

import calendar
import re
from datetime import date

from theodoi.extraction.model import Due
from theodoi.extraction.rules import tasks as R


def _end_of_month(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def parse_due(text: str, first_year: int | None = None, *, strict: bool = False) -> Due | None:
    """The first due date in `text`; `first_year` is used for 'Quý I hằng năm'.

    strict: for prose that mentions years and periods for other reasons (duties), accept
    only phrases said as deadlines ("trong năm 2025", "Quý I năm 2026", "trước ngày …").
    """
    finders = (_day, _quarter, _month, _half, _deadline_year) if strict else (
        _day, _quarter, _month, _half, _period, _year)
    for finder in finders:
        found = finder(text, first_year)
        if found:
            return found
    return None


def _day(text: str, _: int | None) -> Due | None:
    m = R.DAY.search(text)
    if not m:
        return None
    try:
        return Due(m.group(), date(int(m.group("y")), int(m.group("m")),
                                   int(m.group("d"))).isoformat())
    except ValueError:
        return Due(m.group(), None)


def _quarter(text: str, first_year: int | None) -> Due | None:
    m = R.QUARTER.search(text)
    if not m:
        return None
    q = R.ROMAN_QUARTER[m.group("q")]
    year = int(m.group("y")) if m.group("y") else first_year
    when = _end_of_month(year, 3 * q) if year else None
    return Due(" ".join(m.group().split()), when, "annual" if m.group("annual") else None)


def _month(text: str, _: int | None) -> Due | None:
    m = R.MONTH.search(text)
    if not m or not 1 <= int(m.group("m")) <= 12:
        return None
    return Due(m.group(), _end_of_month(int(m.group("y")), int(m.group("m"))))


def _half(text: str, _: int | None) -> Due | None:
    m = R.HALF.search(text)
    return Due(m.group(), f"{m.group('y')}-06-30") if m else None


def _period(text: str, _: int | None) -> Due | None:
    m = R.PERIOD.search(text)
    return Due(m.group(), f"{m.group('y')}-12-31") if m else None


def _year(text: str, _: int | None) -> Due | None:
    m = R.YEAR.search(text)
    return Due(m.group().strip(), f"{m.group('y')}-12-31") if m else None


def _deadline_year(text: str, _: int | None) -> Due | None:
    m = R.DEADLINE_YEAR.search(text)
    if not m:
        return None
    year = m.group("y1") or m.group("y2")
    return Due(m.group().strip(" -+*•"), f"{year}-12-31")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
