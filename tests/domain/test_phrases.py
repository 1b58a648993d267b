"""A target's goal in words, as a plan states it (issue 17: no '>=' or '=' in front of people)."""

from __future__ import annotations

import pytest

from theodoi.domain.phrases import goal_text


@pytest.mark.parametrize(("comparator", "value", "value_max", "unit", "text"), [
    ("=", 90, None, "triệu đồng/năm", "đạt 90 triệu đồng/năm"),
    (">=", 25, None, "đảng viên", "từ 25 đảng viên trở lên"),
    (">", 95, None, "%", "trên 95%"),
    ("<=", 5, None, "%", "không quá 5%"),
    ("<", 1, None, "%", "dưới 1%"),
    ("between", 9.5, 10, "%/năm", "từ 9,5 đến 10%/năm"),   # the upper bound is kept
    (None, 1234.5, None, "tấn", "đạt 1.234,5 tấn"),
    ("between", 9.5, None, "%/năm", "đạt 9,5%/năm"),       # a range missing its end
    ("=", None, None, "%", ""),
])
def test_goal_in_words(comparator: str | None, value: float | None, value_max: float | None,
                       unit: str | None, text: str) -> None:
    assert goal_text(comparator, value, value_max, unit) == text


def test_a_stored_inf_or_nan_reads_invalid() -> None:
    assert goal_text("=", float("inf"), None, "%") == "không hợp lệ"
    assert goal_text("between", 1.0, float("nan"), "%") == "không hợp lệ"
