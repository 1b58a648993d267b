"""Numbers as Vietnamese text writes them: thousands dot, decimal comma (1.234,5).

Screens, reports and messages all format through `vn_number` (`shown_number` where a
stored value may be an inf or nan from an older version), so a value reads the same
in the CLI, a DOCX report and an Excel appendix's text cells. Every number a person
enters (web form, JSON, CLI, Excel cell, review correction) is read by `read_number`,
the one parser: ASCII digits only and finite, so `inf`, `1e999`, `nan`, '²' or Arabic-
Indic digits never reach the database (a stored inf made pages fail, issue 14 M1).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

# ASCII only: `re` and float() would take any Unicode digit ('١٢' is 12 to them)
_DIGITS = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+", re.ASCII)  # 1.234.567
_BLANKS = str.maketrans("", "", " \u00a0\u202f\t")  # spaces people put between groups


class NotANumber(ValueError):
    """Text that is not a finite number written with ASCII digits."""


def is_finite(value: object) -> bool:
    """True for an int or a finite float (not bool, not inf/nan, not text)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and \
        math.isfinite(value)


def read_number(raw: str | float | int) -> float:
    """A number as a Vietnamese clerk types it ('10,9', '1.234,5', '13.284', '98', '-2'),
    or as Excel/JSON gives it (int, float); NotANumber for anything else.

    Decimal comma, thousands dot; one dot followed by exactly three digits is a thousands
    dot ('13.284' is thirteen thousand, as plans write it) except after a lone 0 ('0.125').
    Refused: exponents, words (inf, nan), non-ASCII digits, more than one comma, and any
    value that is not finite (400 digits overflow to inf).
    """
    if isinstance(raw, bool):
        raise NotANumber(repr(raw))
    value = float(raw) if isinstance(raw, int | float) else float(_normalise(raw))
    if not math.isfinite(value):
        raise NotANumber(repr(raw))
    return value


def _normalise(raw: str) -> str:
    """`raw` as Python's float() reads it, checked digit by digit."""
    text = raw.translate(_BLANKS)
    if not _DIGITS.fullmatch(text) or text.count(",") > 1:
        raise NotANumber(raw)
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if _GROUPED.fullmatch(text) and not text.lstrip("+-").startswith("0."):
        return text.replace(".", "")
    if text.count(".") > 1:
        raise NotANumber(raw)
    return text


def vn_number(value: float | None, digits: int = 2) -> str:
    """1234.5 -> '1.234,5', 95.0 -> '95', None -> '': at most `digits` decimals, no trailing 0."""
    if value is None:
        return ""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    # half away from zero on the shortest decimal form, as a clerk (and Excel) rounds 98,25
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    text = f"{abs(rounded):,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sign = "-" if rounded < 0 else ""  # a small negative value rounds to "0", not "-0"
    return sign + text.replace(",", "\0").replace(".", ",").replace("\0", ".")


INVALID = "không hợp lệ"  # how a stored inf or nan (kept by an older version) is shown


def shown_number(value: float | str | None, digits: int = 2) -> str:
    """`vn_number` for a page or a command's table: '' for none, INVALID for an inf or nan
    a former version stored, so the page still opens and shows what to correct."""
    if value is None or value == "":
        return ""
    number = float(value)
    return vn_number(number, digits) if math.isfinite(number) else INVALID


def vn_percent(value: float | None, digits: int = 1) -> str:
    """98.25 -> '98,3%' (the value is already a percentage); None -> ''."""
    return "" if value is None else vn_number(value, digits) + "%"


MAX_ID = 2**63 - 1  # the largest integer SQLite and PostgreSQL (bigint) store


def parse_id(text: str) -> int | None:
    """A record id as a URL or a command carries it: digits 0-9 only, at most MAX_ID;
    None otherwise (str.isdigit() also takes '²' and '١', and a 20-digit id made the
    database driver fail instead of finding nothing)."""
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
