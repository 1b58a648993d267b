"""Vietnamese numbers in a plan's text: decimal comma, thousands dot ('10,9' is 10.9;
'13.284' is 13284), read by the one parser (`domain.numbers.read_number`)."""

from __future__ import annotations

from theodoi.domain.numbers import NotANumber, read_number

MULTIPLIERS = {"nghìn": 1_000, "ngàn": 1_000}  # "trên 1 nghìn con" -> 1000


def parse_number(token: str) -> float | None:
    """One Vietnamese-written number of the text; None when it is not one (prose, unlike
    a form, simply has no value there)."""
    try:
        return read_number(token.strip()) if token.strip() else None
    except NotANumber:
        return None
