"""The one date grammar (domain/dates.py): days and quarters as plans and clerks write them."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from theodoi.domain.dates import (
    DAY_DIGITS,
    DAY_WORDS,
    QUARTER_NUMERAL,
    quarter_number,
    read_day,
    renamed,
    vn_day,
)
from theodoi.domain.periods import parse_period
from theodoi.extraction.dates import parse_due


@pytest.mark.parametrize("typed", ["15/03/2026", "15/3/2026", " 15 / 03 / 2026 ", "15.03.2026",
                                   "15-03-2026", "15 03 2026", "15032026", "2026-03-15"])
def test_a_typed_day(typed: str) -> None:
    assert read_day(typed) == date(2026, 3, 15)


@pytest.mark.parametrize("typed", ["31/02/2026", "03/15/2026", "2026/03/15", "hôm qua",
                                   "1532026", "2026-3-15", "15/03/26", "1/1/99"])
def test_what_is_no_day_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        read_day(typed)


@pytest.mark.parametrize(("text", "day"), [
    ("trước ngày 30/6/2026", (30, 6, 2026)),
    ("hạn chót 30.6.2026", (30, 6, 2026)),
    ("hoàn thành trước ngày 5-9-2026", (5, 9, 2026)),
    ("Ngọc Liên, ngày 15 tháng 11 năm 2025", (15, 11, 2025)),
])
def test_a_day_in_prose(text: str, day: tuple[int, int, int]) -> None:
    both = re.compile(f"{DAY_DIGITS}|{renamed(DAY_WORDS, '2')}")
    m = both.search(text)
    assert m is not None
    found = [g for g in (m["d"] or m["d2"], m["m"] or m["m2"], m["y"] or m["y2"])]
    assert tuple(int(g) for g in found) == day


def test_a_cited_number_is_no_day() -> None:
    assert re.search(DAY_DIGITS, "Kế hoạch số 64/KH-UBND của UBND xã") is None


@pytest.mark.parametrize(("numeral", "q"), [("I", 1), ("II", 2), ("iii", 3), ("IV", 4), ("2", 2)])
def test_quarter_numerals(numeral: str, q: int) -> None:
    assert re.fullmatch(QUARTER_NUMERAL, numeral.upper())
    assert quarter_number(numeral) == q


@pytest.mark.parametrize(("said", "end"), [("Quý II/2026", "2026-06-30"),
                                           ("Quý 2/2026", "2026-06-30"),
                                           ("quý iv/2025", "2025-12-31")])
def test_extraction_and_periods_read_quarters_alike(said: str, end: str) -> None:
    """A due date in a plan and a reporting period a clerk types end on the same day."""
    assert parse_period(said).end.isoformat() == end
    if said[0] == "Q":  # prose writes "Quý" with a capital or not, never "quý iv"
        due = parse_due(f"hoàn thành trong {said}")
        assert due is not None and due.date == end


@pytest.mark.parametrize(("value", "shown"), [
    (date(2026, 3, 5), "05/03/2026"), ("2026-03-05", "05/03/2026"),
    (datetime(2026, 12, 1, 8, 30), "01/12/2026"), (None, ""),
])
def test_vn_day(value: date | str | None, shown: str) -> None:
    assert vn_day(value) == shown
