"""vn_number: Vietnamese separators, read back to the same value (property test)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.domain.numbers import (
    NotANumber,
    parse_id,
    read_number,
    shown_number,
    vn_number,
    vn_percent,
)


@pytest.mark.parametrize(("value", "text"), [
    (1234.5, "1.234,5"), (13284, "13.284"), (10.9, "10,9"), (95.0, "95"), (0, "0"),
    (1234567.891, "1.234.567,89"), (-1234.5, "-1.234,5"), (-0.001, "0"), (0.005, "0,01"),
    (None, ""), (999.999, "1.000"),
])
def test_examples(value: float | None, text: str) -> None:
    assert vn_number(value) == text


def test_percent_and_digits() -> None:
    assert vn_percent(98.25) == "98,3%"  # half up, not to even
    assert vn_percent(None) == ""
    assert vn_number(2.345678, 3) == "2,346"


def test_not_finite_is_refused() -> None:
    with pytest.raises(ValueError):
        vn_number(float("nan"))


@pytest.mark.parametrize(("value", "text"), [
    (1234.5, "1.234,5"), ("13284", "13.284"), (None, ""), ("", ""),
    (float("inf"), "không hợp lệ"), (float("nan"), "không hợp lệ"),  # stored by an old version
])
def test_shown_number_is_the_pages_and_commands_form(value: float | str | None, text: str) -> None:
    assert shown_number(value) == text


def _read(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_reads_back_to_the_rounded_value(value: float) -> None:
    text = vn_number(value)
    assert abs(_read(text) - value) <= 0.005 + 1e-9 * max(1.0, abs(value))
    whole, _, decimals = text.lstrip("-").partition(",")
    groups = whole.split(".")
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    assert len(decimals) <= 2 and not decimals.endswith("0")


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_whole_numbers_have_no_comma(value: int) -> None:
    assert "," not in vn_number(value)
    assert _read(vn_number(value)) == value


@pytest.mark.parametrize(("raw", "value"), [
    ("10,9", 10.9), ("1.234,5", 1234.5), ("13.284", 13284), ("98", 98), ("-2", -2),
    ("0.125", 0.125), ("1.5", 1.5), ("1.234.567", 1234567), ("1 234", 1234), (" 5 ", 5),
    (3, 3.0), (2.5, 2.5), ("+5", 5),
])
def test_read_number_reads_what_a_clerk_types(raw: str | float, value: float) -> None:
    assert read_number(raw) == value


@pytest.mark.parametrize("raw", [
    "inf", "-inf", "Infinity", "nan", "NaN", "1e999", "1e5", "9" * 400, "١٢", "²", "12²",
    "１２", "1,2,3", "1.2.3", "", "abc", "1_000", float("inf"), float("nan"), True,
])
def test_read_number_refuses_what_is_not_a_finite_number(raw: str | float) -> None:
    with pytest.raises(NotANumber):
        read_number(raw)


@pytest.mark.parametrize(("text", "found"), [
    ("1", 1), ("9223372036854775807", 2**63 - 1), ("9223372036854775808", None),
    ("99999999999999999999", None), ("²", None), ("١", None), ("1²", None), ("", None),
    ("-1", None), (" 1", None),
])
def test_parse_id_takes_ascii_digits_within_64_bits(text: str, found: int | None) -> None:
    assert parse_id(text) == found
