"""A target's goal in the words a plan uses, never a code or a sign in front of people.

">=" reads "từ … trở lên", "<" "dưới …", "between" "từ … đến …": the table `GOAL_WORDS` is
the rule (the same wording extraction reads in `extraction/rules/targets.py`, written
back), and numbers are Vietnamese (`vn_number`).
"""

from __future__ import annotations

import math

from theodoi.domain.numbers import INVALID, vn_number

# comparator -> the goal phrase, {v} the value with its unit
GOAL_WORDS = {
    "=": "đạt {v}",             # "đạt 95%"
    ">=": "từ {v} trở lên",     # "từ 25 đảng viên trở lên", "ít nhất", "tối thiểu"
    ">": "trên {v}",            # "trên 95%"
    "<=": "không quá {v}",      # "không quá 5%", "tối đa"
    "<": "dưới {v}",            # "dưới 1%"
}


def _with_unit(number: str, unit: str | None) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"


def amount_text(value: float | None, unit: str | None) -> str:
    """A figure with its unit as people write it: '47,03%', '57,75 triệu đồng/năm';
    '' without a value, 'không hợp lệ' for one that is no finite number."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return INVALID
    return _with_unit(vn_number(value), unit)


def goal_text(comparator: str | None, value: float | None, value_max: float | None = None,
              unit: str | None = None) -> str:
    """'từ 9,5 đến 10%/năm', 'dưới 1%', 'đạt 90 triệu đồng'; '' without a value;
    'không hợp lệ' for a value that is no finite number (stored by an older version)."""
    if value is None:
        return ""
    if not all(math.isfinite(v) for v in (value, value_max) if v is not None):
        return INVALID
    if comparator == "between" and value_max is not None:
        return f"từ {vn_number(value)} đến {_with_unit(vn_number(value_max), unit)}"
    phrase = GOAL_WORDS.get(comparator or "=", GOAL_WORDS["="])
    return phrase.format(v=_with_unit(vn_number(value), unit))


def with_unit(number: str, unit: str | None) -> str:
    """A formatted number with its unit as a sentence writes it: '1,17%', '50 triệu đồng';
    '' (no figure) stays ''."""
    return _with_unit(number, unit) if number else ""
