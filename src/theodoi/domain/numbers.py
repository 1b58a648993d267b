"""Numbers as Vietnamese text writes them: thousands dot, decimal comma (1.234,5).

Screens, reports and messages all format through `vn_number`, so a value reads the same
in the CLI, a DOCX report and an Excel appendix's text cells.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


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


def vn_percent(value: float | None, digits: int = 1) -> str:
    """98.25 -> '98,3%' (the value is already a percentage); None -> ''."""
    return "" if value is None else vn_number(value, digits) + "%"
