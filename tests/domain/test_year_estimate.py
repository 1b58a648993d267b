"""Ước thực hiện cả năm: the whole year's figure from yearly points, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain.trajectory import Actual, TargetFacts, YearEstimate, year_estimate

POVERTY = TargetFacts(kind="level", direction="decrease", comparator="<=", value=1.0, unit="%",
                      deadline_year=2030, baseline=3.0, baseline_year=2024)
INCOME = TargetFacts(kind="level", direction="increase", comparator=">=", value=90.0,
                     unit="triệu đồng", deadline_year=2030, baseline=60.0, baseline_year=2024,
                     flow=True)


def test_a_level_follows_the_line_of_its_yearly_points() -> None:
    # baseline 3,0 at the end of 2024, 2,5 at the end of 2025: 0,5 a year less -> 2,0
    found = year_estimate(POVERTY, [Actual(date(2025, 12, 31), 2.5)], 2026)
    assert found == YearEstimate(2026, pytest.approx(2.0),
                                 "theo xu hướng, từ số liệu năm 2025 và năm gốc 2024")


def test_a_levels_figure_of_this_year_is_its_point_at_its_own_date() -> None:
    # baseline 3,0 at 2026.0; 2,638 on 30/06/2026 (day 181 of 365): the line falls
    # 0,362 in 181/365 of a year, so by the year's end 3 - 0,362 × 365/181 = 2,27
    facts = TargetFacts(kind="level", direction="decrease", comparator="<=", value=1.0,
                        unit="%", deadline_year=2030, baseline=3.0, baseline_year=2025)
    found = year_estimate(facts, [Actual(date(2026, 6, 30), 2.638)], 2026)
    assert found is not None and found.value == pytest.approx(2.27)
    assert found.basis == ("theo xu hướng, từ số liệu năm 2026 (đến ngày 30/06/2026) "
                           "và năm gốc 2025")


def test_a_flow_is_estimated_from_whole_years_not_from_its_quarters() -> None:
    # 60 (2024), 66 (2025): 6 a year more -> 72 in 2026; the 52 of nine months is no point
    known = [Actual(date(2025, 12, 31), 66.0), Actual(date(2026, 3, 31), 17.0),
             Actual(date(2026, 6, 30), 34.0), Actual(date(2026, 9, 30), 52.0)]
    found = year_estimate(INCOME, known, 2026)
    assert found is not None and found.value == pytest.approx(72.0)
    assert found.basis == "theo xu hướng, từ số liệu năm 2025 và năm gốc 2024"


def test_a_flow_never_ends_the_year_below_what_it_has_reached() -> None:
    known = [Actual(date(2025, 12, 31), 66.0), Actual(date(2026, 9, 30), 80.0)]
    assert year_estimate(INCOME, known, 2026) == YearEstimate(
        2026, 80.0, "số đã thực hiện từ đầu năm 2026 (xu hướng thấp hơn)")


def test_quarters_of_one_year_alone_give_no_estimate() -> None:
    facts = TargetFacts(kind="level", direction="increase", comparator=">=", value=90.0,
                        unit="triệu đồng", deadline_year=2030, baseline=60.0,
                        baseline_year=2025, flow=True)
    known = [Actual(date(2026, 3, 31), 15.0), Actual(date(2026, 6, 30), 31.0),
             Actual(date(2026, 9, 30), 48.0)]
    assert year_estimate(facts, known, 2026) is None
    # nor do a level's quarters without a second year or a baseline
    rate = TargetFacts(kind="level", comparator=">=", value=95.0, unit="%", deadline_year=2030)
    assert year_estimate(rate, [Actual(date(2026, 3, 31), 90.0),
                                Actual(date(2026, 9, 30), 93.0)], 2026) is None


def test_the_years_own_figure_when_reported_at_its_end() -> None:
    known = [Actual(date(2025, 12, 31), 66.0), Actual(date(2026, 12, 31), 70.5)]
    assert year_estimate(INCOME, known, 2026) == YearEstimate(2026, 70.5,
                                                              "số liệu cả năm 2026")


def test_no_estimate_for_a_milestone_or_a_target_set_year_by_year() -> None:
    known = [Actual(date(2024, 12, 31), 1.0), Actual(date(2025, 12, 31), 2.0)]
    assert year_estimate(TargetFacts(kind="milestone", value=None), known, 2026) is None
    yearly = TargetFacts(kind="level", value=25.0, unit="đảng viên", recurrence="annual",
                         deadline_year=2030)
    assert year_estimate(yearly, known, 2026) is None


def test_a_share_stays_within_100_percent() -> None:
    # 80 % (2024), 95 % (2025): the line says 110 % in 2026, a share cannot
    facts = TargetFacts(kind="level", comparator=">=", value=100.0, unit="%",
                        deadline_year=2030, baseline=80.0, baseline_year=2024)
    found = year_estimate(facts, [Actual(date(2025, 12, 31), 95.0)], 2026)
    assert found is not None and found.value == 100.0
