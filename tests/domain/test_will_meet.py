"""Whether a target's forecast meets it, asked without the forecast's words
(`trajectory.will_meet`): what the status code of a target on track depends on, and the
same answer as `forecast(...).will_meet`."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain.status import target_status
from theodoi.domain.trajectory import Actual, TargetFacts, forecast, will_meet

# "Tỷ lệ … đạt 100% vào năm 2030", on a roadmap of 60 % in 2026
SHARE = TargetFacts(kind="level", value=100, unit="%", deadline_year=2030,
                    milestones=((2026, 60), (2030, 100)))
FLAT = [Actual(date(2025, 12, 31), 60), Actual(date(2026, 12, 31), 60)]
# 60 then 70: ten points a year from the end of 2025 reach 110 by the end of 2030,
# bounded to 100 %: it meets the goal
RISING = [Actual(date(2025, 12, 31), 60), Actual(date(2026, 12, 31), 70)]


@pytest.mark.parametrize(("actuals", "meets"), [
    (FLAT, False),  # 60 at the deadline
    (RISING, True),
    (RISING[::-1], True),  # in any order
    (RISING[:1], None),  # one yearly point and no baseline: no forecast
    ([], None),
])
def test_will_meet_says_what_the_forecast_says(actuals: list[Actual],
                                               meets: bool | None) -> None:
    assert will_meet(SHARE, actuals) is meets
    made = forecast(SHARE, actuals)
    assert (None if made is None else made.will_meet) is meets


def test_actuals_already_in_order_give_the_same_answer() -> None:
    assert will_meet(SHARE, FLAT, ordered=True) is False
    assert will_meet(SHARE, RISING, ordered=True) is True


def test_no_forecast_for_a_milestone_or_a_target_set_year_by_year() -> None:
    assert will_meet(TargetFacts(kind="milestone", deadline_year=2030), RISING) is None
    yearly = TargetFacts(kind="level", value=95, unit="%", recurrence="annual",
                         deadline_year=2030)
    assert will_meet(yearly, RISING) is None


def test_counting_codes_only_decides_as_the_full_status() -> None:
    """On track on the roadmap at the start of 2027 (60 % expected), but flat since 2025:
    at risk, with or without the forecast kept."""
    full = target_status(SHARE, FLAT, date(2027, 1, 5))
    codes_only = target_status(SHARE, FLAT, date(2027, 1, 5), outlook=False)
    assert full.code == codes_only.code == "co_nguy_co"
    assert full.forecast is not None and codes_only.forecast is None
    rising = target_status(SHARE, RISING, date(2027, 1, 5), outlook=False)
    assert rising.code == "dung_tien_do"
