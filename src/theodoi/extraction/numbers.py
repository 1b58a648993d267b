"""Vietnamese numbers: decimal comma, thousands dot. '10,9' is 10.9; '13.284' is 13284."""

from __future__ import annotations

import math
import re

THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
MULTIPLIERS = {"nghìn": 1_000, "ngàn": 1_000}  # "trên 1 nghìn con" -> 1000


def parse_number(token: str) -> float | None:
    """Parse one Vietnamese-written number; None when it is not one."""
    token = token.strip()
    if not token or not token.isascii():  # float() would read '١٢' (Arabic-Indic) as 12
        return None
    if THOUSANDS.match(token):
        return float(token.replace(".", ""))
    if "," in token and "." in token:  # 1.234,5
        token = token.replace(".", "").replace(",", ".")
    else:
        token = token.replace(",", ".")
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # 400 digits in a plan overflow to inf


def format_vi(value: float) -> str:
    """Format the Vietnamese way (used by tests for round trips): 1234.5 -> '1.234,5'."""
    whole, _, frac = f"{value:.6f}".rstrip("0").rstrip(".").partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ".".join(groups) + ("," + frac if frac else "")
