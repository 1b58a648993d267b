"""Period semantics: levels and yearly flows, and forecasts made only from yearly figures.

The cases are the kinds of target plans state (issue 17): a per-capita income reported
quarterly year-to-date, a share in %, a poverty rate going down. Expected answers are
worked out by hand from the rules in domain/measures.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.domain.measures import is_count, is_flow
from theodoi.domain.status import target_status
from theodoi.domain.trajectory import Actual, TargetFacts, expected, forecast

# "Thu nhập bình quân đầu người đến năm 2030 đạt 85 triệu đồng", 2025: 60 (baseline)
INCOME = TargetFacts(kind="level", value=85, unit="triệu đồng", deadline_year=2030,
                     baseline=60, baseline_year=2025, flow=True)
# "Tỷ lệ trường đạt chuẩn quốc gia đạt 93,3%"
SCHOOLS = TargetFacts(kind="level", value=93.3, unit="%", deadline_year=2030)
QUARTER_ENDS = (date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30))


@pytest.mark.parametrize(("indicator", "unit", "per_year", "kind", "flow"), [
    ("Thu nhập bình quân đầu người", "triệu đồng", False, "level", True),
    ("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", False, "level", True),
    ("Kim ngạch xuất khẩu", "triệu USD", False, "level", True),
    ("Sản lượng lương thực", "tấn", False, "level", True),
    ("Đón lượt khách du lịch", "lượt", False, "level", True),
    ("Giải quyết việc làm cho lao động", "lao động", True, "level", True),  # "mỗi năm"
    ("Tỷ lệ hộ nghèo", "%", False, "level", False),                  # a rate is a level
    ("Tỷ trọng thu nhập từ dịch vụ", "%", False, "level", False),     # a share, whatever words
    ("Tốc độ tăng thu nhập bình quân", "%/năm", True, "growth_rate", False),
    ("Số trường đạt chuẩn quốc gia", "trường", False, "level", False),
    ("Kết nạp đảng viên mới trong nhiệm kỳ", "đảng viên", False, "change", False),
    ("Xây mới tuyến đường giao thông nông thôn", "tuyến", False, "change", False),
])
def test_what_is_a_yearly_flow(indicator: str, unit: str, per_year: bool, kind: str,
                               flow: bool) -> None:
    assert is_flow(indicator, unit, per_year, kind) is flow


def test_a_flow_is_expected_pro_rata_within_its_year() -> None:
    # 60 at the end of 2025 to 85 at the end of 2030: 65 for 2026, a quarter of it by March
    assert expected(INCOME, date(2026, 12, 31)) == pytest.approx(65)
    assert expected(INCOME, date(2026, 6, 30)) == pytest.approx(65 * 181 / 365)
    assert expected(INCOME, date(2026, 3, 31)) == pytest.approx(65 * 90 / 365)


def test_year_to_date_income_on_its_path_is_on_track_not_behind() -> None:
    # 47,6 / 54,4 / 61,2 were read as levels below 65 and "behind"; year-to-date, half the
    # year's 65 by June is 32,3, so 33 by June is on track
    found = target_status(INCOME, [Actual(date(2026, 6, 30), 33.0)], date(2026, 7, 15))
    assert found.code == "dung_tien_do"
    assert found.expected == pytest.approx(65 * 181 / 365)


def test_no_forecast_from_quarters_of_one_year() -> None:
    # the demo's "dự kiến đạt: 176,55" came from three year-to-date quarters of one year
    quarters = [Actual(day, v) for day, v in zip(QUARTER_ENDS, (47.6, 54.4, 61.2),
                                                 strict=True)]
    assert forecast(replace(INCOME, baseline=None, baseline_year=None), quarters) is None
    assert forecast(SCHOOLS, [Actual(d, v) for d, v in zip(QUARTER_ENDS, (90, 91, 92),
                                                             strict=True)]) is None


def test_a_flow_forecast_uses_whole_years_with_the_baseline() -> None:
    # baseline 60 (2025), 2026 whole year 65: a straight line gives 85 in 2030
    year_2026 = Actual(date(2026, 12, 31), 65.0)
    outlook = forecast(INCOME, [year_2026])
    assert outlook is not None
    assert outlook.value == pytest.approx(85)
    assert outlook.will_meet
    assert outlook.basis == "theo xu hướng, từ số liệu năm 2026 và năm gốc 2025"


@given(st.lists(st.tuples(st.sampled_from(QUARTER_ENDS), st.floats(0, 500)), max_size=6))
def test_year_to_date_quarters_never_move_a_flow_forecast(quarters: list) -> None:
    whole = [Actual(date(2026, 12, 31), 65.0)]
    extra = [Actual(day, value) for day, value in quarters]
    assert forecast(INCOME, whole + extra) == forecast(INCOME, whole)


@given(st.lists(st.tuples(st.integers(2026, 2029), st.integers(1, 365),
                          st.floats(-1e6, 1e6)), min_size=2, max_size=12))
def test_a_share_is_forecast_between_0_and_100(reports: list) -> None:
    actuals = [Actual(date.fromordinal(date(year, 1, 1).toordinal() + day - 1),
                      value) for year, day, value in reports]
    outlook = forecast(SCHOOLS, actuals)
    if outlook is not None:
        assert 0.0 <= outlook.value <= 100.0


@given(st.lists(st.tuples(st.integers(2026, 2029), st.integers(1, 300),
                          st.floats(0, 1e4)), min_size=1, max_size=12))
def test_a_level_forecast_reads_only_the_last_figure_of_each_year(reports: list) -> None:
    """Earlier figures of a year (Q1, Q2) are superseded by its last one."""
    actuals = [Actual(date.fromordinal(date(y, 1, 1).toordinal() + d - 1), v)
               for y, d, v in reports]
    # add a later figure in every year: the forecast equals that of the later figures alone
    later = [Actual(date(y, 12, 31), 50.0 + y - 2026) for y in {y for y, _, _ in reports}]
    assert forecast(SCHOOLS, actuals + later) == forecast(SCHOOLS, later)


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_an_amount_is_never_forecast_below_zero(first: float, second: float) -> None:
    houses = TargetFacts(kind="level", value=120, unit="căn nhà", deadline_year=2030)
    outlook = forecast(houses, [Actual(date(2026, 12, 31), first),
                                Actual(date(2027, 12, 31), second)])
    assert outlook is not None and outlook.value >= 0.0


@pytest.mark.parametrize(("unit", "expected"), [
    ("doanh nghiệp", True), ("tổ chức đảng", True), ("nhà đa năng", True), ("Hộ", True),
    ("lao động", True), ("%", False), ("triệu đồng", False), ("nghìn người", False),
    ("lần", False), ("ha", False), (None, False), ("hộ/năm", False),
])
def test_units_that_count_whole_things(unit: str | None, expected: bool) -> None:
    assert is_count(unit) is expected
