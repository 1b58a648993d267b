"""Status rules of targets and tasks, with cases taken from the seeds' kinds of targets."""

from __future__ import annotations

import inspect
from dataclasses import MISSING, FrozenInstanceError, astuple, fields, make_dataclass
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.domain.status import (
    TARGET_RANK,
    TargetStatus,
    TaskFacts,
    TaskStatus,
    TaskUpdate,
    target_status,
    task_status,
)
from theodoi.domain.trajectory import Actual, TargetFacts, expected, forecast

END = date(2026, 12, 31)

# seed 000: "(6) Thu nhập bình quân đầu người đến năm 2030 đạt 140 triệu đồng/năm" with a
# roadmap 2025: 120 … 2029: 140
INCOME = TargetFacts(kind="level", value=140, unit="triệu đồng/năm", per_year=True,
                     deadline_year=2030, milestones=((2025, 120), (2026, 125), (2027, 130),
                                                     (2028, 135), (2029, 140)))
# seed 000: the waste collection rate with its roadmap 2026: 30 %, 2027: 50 % …
WASTE = TargetFacts(kind="level", value=100, unit="%", deadline_year=2030,
                    milestones=((2026, 30), (2027, 50), (2028, 80), (2029, 100)))
# "Tỷ lệ hộ nghèo giảm còn dưới 1%" from 3 % in 2025
POVERTY = TargetFacts(kind="level", direction="decrease", comparator="<", value=1, unit="%",
                      deadline_year=2030, baseline=3, baseline_year=2025)
# "tăng bình quân 10,9%/năm" of a level of 1000 in 2025
GROWTH = TargetFacts(kind="growth_rate", value=10.9, unit="%/năm", per_year=True,
                     deadline_year=2030, baseline=1000, baseline_year=2025)
# "Hằng năm, tỷ lệ dân số tham gia BHYT đạt trên 95%"
ANNUAL = TargetFacts(kind="level", comparator=">", value=95, unit="%", recurrence="annual")
# "giải quyết việc làm cho 250 lao động mỗi năm" (a yearly flow)
JOBS = TargetFacts(kind="level", value=250, unit="lao động", per_year=True,
                   recurrence="annual")
# "được công nhận đạt chuẩn nông thôn mới nâng cao vào năm 2027"
RECOGNITION = TargetFacts(kind="milestone", value=None, deadline_year=2027)
# "có 4/9 tổ dân phố đạt chuẩn văn minh đô thị" by 2030, none in 2025
PART = TargetFacts(kind="level", value=4, value_of=9, unit="tổ dân phố", deadline_year=2030,
                   baseline=0, baseline_year=2025)
# "thu ngân sách đạt và vượt kế hoạch được giao" — the quota comes with each report
BUDGET = TargetFacts(kind="plan_relative", value=None, unit="tỷ đồng")
# "cải tạo 3 km đường" over 2026-2030
ROADS = TargetFacts(kind="change", value=3, unit="km", deadline_year=2030, baseline=0,
                    baseline_year=2025)


def status(t: TargetFacts, actuals: list[tuple[date, float]] | list[Actual],
           as_of: date = END) -> str:
    given_ = [a if isinstance(a, Actual) else Actual(a[0], a[1]) for a in actuals]
    return target_status(t, given_, as_of).code


@pytest.mark.parametrize(("target", "actuals", "as_of", "code"), [
    (INCOME, [(date(2026, 12, 31), 123)], END, "co_nguy_co"),   # 123 against the roadmap's 125
    (INCOME, [(date(2026, 12, 31), 126)], END, "dung_tien_do"),
    (INCOME, [(date(2026, 12, 31), 110)], END, "cham_tien_do"),  # 12 % short
    (INCOME, [], END, "chua_co_so_lieu"),
    (INCOME, [(date(2030, 12, 31), 140)], date(2031, 1, 15), "dat"),
    (INCOME, [(date(2030, 12, 31), 141)], date(2031, 1, 15), "vuot"),
    (INCOME, [(date(2030, 12, 31), 139)], date(2031, 1, 15), "khong_dat"),
    (INCOME, [(date(2027, 12, 31), 140)], END, "chua_co_so_lieu"),  # reported after as_of
    (WASTE, [(date(2027, 12, 31), 50)], date(2028, 1, 10), "dung_tien_do"),
    (WASTE, [(date(2027, 6, 30), 37)], date(2027, 7, 10), "cham_tien_do"),  # 39.9 due mid-year
    (WASTE, [(date(2027, 6, 30), 39)], date(2027, 7, 10), "co_nguy_co"),
    (POVERTY, [(date(2027, 12, 31), 2.1)], date(2028, 1, 5), "dung_tien_do"),  # 2.2 expected
    (POVERTY, [(date(2027, 12, 31), 2.3)], date(2028, 1, 5), "co_nguy_co"),
    (POVERTY, [(date(2027, 12, 31), 2.8)], date(2028, 1, 5), "cham_tien_do"),
    (POVERTY, [(date(2030, 12, 31), 0.9)], date(2031, 1, 5), "dat"),
    (POVERTY, [(date(2030, 12, 31), 1.0)], date(2031, 1, 5), "khong_dat"),  # "dưới 1%"
    (GROWTH, [(date(2026, 12, 31), 1109)], date(2027, 1, 5), "dung_tien_do"),
    (GROWTH, [(date(2026, 12, 31), 1080)], date(2027, 1, 5), "co_nguy_co"),  # 2.6 % short
    (ANNUAL, [(date(2026, 12, 31), 96)], date(2027, 1, 5), "dat"),
    (ANNUAL, [(date(2026, 12, 31), 95)], date(2027, 1, 5), "khong_dat"),  # "trên 95%"
    (ANNUAL, [(date(2026, 6, 30), 93)], date(2026, 7, 5), "co_nguy_co"),
    (JOBS, [(date(2026, 6, 30), 130)], date(2026, 7, 5), "dung_tien_do"),  # half of 250 due
    (JOBS, [(date(2026, 6, 30), 100)], date(2026, 7, 5), "cham_tien_do"),
    (JOBS, [(date(2026, 12, 31), 260)], date(2027, 1, 5), "vuot"),
    (RECOGNITION, [], date(2026, 6, 1), "chua_den_ky"),
    (RECOGNITION, [(date(2027, 10, 1), 1)], date(2027, 11, 1), "dat"),
    (RECOGNITION, [(date(2027, 10, 1), 0)], date(2028, 2, 1), "khong_dat"),
    (RECOGNITION, [], date(2028, 2, 1), "chua_co_so_lieu"),
    (ROADS, [(date(2027, 12, 31), 1.2)], date(2028, 1, 5), "dung_tien_do"),  # 1.2 km due
    (ROADS, [(date(2027, 12, 31), 0.5)], date(2028, 1, 5), "cham_tien_do"),
])
def test_target_status(target: TargetFacts, actuals: list[tuple[date, float]], as_of: date,
                       code: str) -> None:
    assert status(target, actuals, as_of) == code


def test_part_of_whole_is_compared_on_the_targets_whole() -> None:
    # 2/9 by the end of 2027 against a straight line from 0 in 2025 to 4 in 2030: 1.6 due
    assert status(PART, [Actual(date(2027, 12, 31), 2, 9)], date(2028, 1, 5)) == "dung_tien_do"
    # 4/10 (a ward split in two) is 3.6 of 9: not yet the goal at the deadline
    assert status(PART, [Actual(date(2030, 12, 31), 4, 10)], date(2031, 1, 5)) == "khong_dat"
    assert status(PART, [Actual(date(2030, 12, 31), 4, 9)], date(2031, 1, 5)) == "dat"


def test_plan_relative_targets_use_the_quota_reported_with_the_value() -> None:
    assert status(BUDGET, [Actual(date(2026, 12, 31), 12.5, 12)], date(2027, 1, 5)) == "vuot"
    assert status(BUDGET, [Actual(date(2026, 12, 31), 12, 12)], date(2027, 1, 5)) == "dat"
    assert status(BUDGET, [Actual(date(2026, 12, 31), 11, 12)], date(2027, 1, 5)) == "khong_dat"
    assert status(BUDGET, [Actual(date(2026, 12, 31), 11)], date(2027, 1, 5)) == "chua_den_ky"


# "Tỉ lệ lao động nông nghiệp trong tổng lao động năm 2030 (còn) 36%", no baseline entered
FARM_LABOUR = TargetFacts(kind="level", direction="decrease", value=36, unit="%",
                          deadline_year=2030)


def test_a_first_actual_already_past_the_goal_asks_for_the_goal_not_more() -> None:
    """The line from the first actual runs to the goal; when that actual already met the
    goal, what is expected later is the goal itself, not a value better than the plan's."""
    reports = [Actual(date(2026, 3, 31), 26.5), Actual(date(2026, 12, 31), 37.5)]
    assert expected(FARM_LABOUR, date(2026, 12, 31), reports) == pytest.approx(36)
    assert status(FARM_LABOUR, reports, date(2027, 1, 5)) == "co_nguy_co"  # 1,5 over 36
    reports[-1] = Actual(date(2026, 12, 31), 40)
    assert status(FARM_LABOUR, reports, date(2027, 1, 5)) == "cham_tien_do"
    reports[-1] = Actual(date(2026, 12, 31), 35)
    assert status(FARM_LABOUR, reports, date(2027, 1, 5)) == "vuot"
    rising = TargetFacts(kind="level", value=95, unit="%", deadline_year=2030)
    early = [Actual(date(2026, 3, 31), 99), Actual(date(2026, 12, 31), 93)]
    assert status(rising, early, date(2027, 1, 5)) == "co_nguy_co"  # 2 short of 95


def test_expected_follows_roadmap_and_baseline() -> None:
    assert expected(INCOME, date(2026, 12, 31)) == pytest.approx(125)
    assert expected(INCOME, date(2027, 6, 30)) == pytest.approx(127.5, abs=0.1)
    assert expected(POVERTY, date(2027, 12, 31)) == pytest.approx(2.2)
    assert expected(GROWTH, date(2027, 12, 31)) == pytest.approx(1000 * 1.109 ** 2)
    assert expected(WASTE, date(2025, 6, 30)) is None  # the roadmap starts in 2026


def test_on_track_now_but_the_forecast_misses_is_at_risk() -> None:
    slow = TargetFacts(kind="level", value=100, unit="%", deadline_year=2030,
                       milestones=((2026, 60), (2030, 100)))
    # on the roadmap at the end of 2026, but flat since 2025: the line will not reach 100
    reports = [Actual(date(2025, 12, 31), 60), Actual(date(2026, 12, 31), 60)]
    result = target_status(slow, reports, date(2027, 1, 5))
    assert result.code == "co_nguy_co"
    assert result.forecast is not None and not result.forecast.will_meet
    assert result.forecast.label == "dự kiến không đạt"


def test_forecast_is_linear_or_compound() -> None:
    line = forecast(ROADS, [Actual(date(2026, 12, 31), 0.6), Actual(date(2027, 12, 31), 1.2)])
    assert line is not None and line.year == 2030 and line.value == pytest.approx(3.0)
    assert line.will_meet
    compound = forecast(GROWTH, [Actual(date(2026, 12, 31), 1100)])
    assert compound is not None and compound.value == pytest.approx(1000 * 1.1 ** 5)
    assert not compound.will_meet  # 10 % a year against 10,9 %
    assert forecast(INCOME, [Actual(date(2026, 12, 31), 123)]) is None  # one point only


@pytest.mark.parametrize(("task", "updates", "as_of", "code"), [
    (TaskFacts(date(2026, 9, 30)), [], date(2026, 8, 1), "chua_den_han"),
    (TaskFacts(date(2026, 9, 30)), [], date(2026, 9, 20), "sap_den_han"),
    (TaskFacts(date(2026, 9, 30)), [], date(2026, 10, 1), "qua_han"),
    (TaskFacts(date(2026, 9, 30)), [TaskUpdate(date(2026, 9, 25), "hoan_thanh", 100,
                                               date(2026, 9, 25))],
     date(2026, 10, 1), "hoan_thanh_dung_han"),
    (TaskFacts(date(2026, 9, 30)), [TaskUpdate(date(2026, 10, 5), "hoan_thanh", 100,
                                               date(2026, 10, 3))],
     date(2026, 10, 10), "hoan_thanh_tre_han"),
    (TaskFacts(date(2026, 9, 30)), [TaskUpdate(date(2026, 10, 5), "hoan_thanh")],
     date(2026, 10, 1), "qua_han"),  # the report came after the day asked about
    (TaskFacts(date(2026, 9, 30)), [TaskUpdate(date(2026, 5, 1), "tam_dung", 40)],
     date(2026, 10, 1), "tam_dung"),
    (TaskFacts(None), [TaskUpdate(date(2026, 5, 1), "dang_thuc_hien", 40)],
     date(2030, 1, 1), "chua_den_han"),
    # "Quý I hằng năm": the 2027 occurrence is due on 31/3/2027; 2026's completion is not it
    (TaskFacts(date(2026, 3, 31), "annual"), [TaskUpdate(date(2026, 3, 20), "hoan_thanh")],
     date(2027, 4, 2), "qua_han"),
    (TaskFacts(date(2026, 3, 31), "annual"), [TaskUpdate(date(2027, 3, 20), "hoan_thanh")],
     date(2027, 4, 2), "hoan_thanh_dung_han"),
])
def test_task_status(task: TaskFacts, updates: list[TaskUpdate], as_of: date,
                     code: str) -> None:
    assert task_status(task, updates, as_of).code == code


def test_window_is_configurable() -> None:
    task = TaskFacts(date(2026, 9, 30))
    assert task_status(task, [], date(2026, 9, 1), window_days=30).code == "sap_den_han"
    assert task_status(task, [], date(2026, 9, 1)).code == "chua_den_han"


def test_window_counts_its_last_day() -> None:
    """Due exactly `window_days` days ahead is near; a day more is not."""
    task = TaskFacts(date(2026, 9, 30))
    assert task_status(task, [], date(2026, 9, 16)).code == "sap_den_han"  # 14 days
    assert task_status(task, [], date(2026, 9, 15)).code == "chua_den_han"  # 15 days


def test_actuals_in_any_order_and_after_the_day_change_nothing() -> None:
    """The status reads the actuals up to the day, in order of their days, whatever order
    they come in and whatever later ones are given with them."""
    early, late = Actual(date(2025, 12, 31), 121), Actual(date(2026, 6, 30), 118)
    later = Actual(date(2027, 6, 30), 150)
    as_of = date(2026, 9, 1)
    alone = target_status(INCOME, [early, late], as_of)
    assert alone.actual == 118  # the last one by day, not by position
    for order in ([late, early], [later, late, early], [early, later, late]):
        assert target_status(INCOME, order, as_of) == alone


# --- properties ---------------------------------------------------------------

def rank(code: str) -> int:
    return TARGET_RANK.index(code)


kinds = st.sampled_from([INCOME, WASTE, ROADS, PART, GROWTH])
days = st.dates(min_value=date(2025, 3, 1), max_value=date(2031, 6, 30))
values = st.floats(min_value=0, max_value=2000, allow_nan=False)


@given(kinds, days, values, values, st.lists(st.tuples(days, values), max_size=3))
def test_a_later_actual_closer_to_the_goal_never_worsens_the_status(
        target: TargetFacts, day: date, low: float, high: float,
        history: list[tuple[date, float]]) -> None:
    low, high = sorted((low, high))
    earlier = [Actual(d, v) for d, v in history if d < day]
    worse = target_status(target, [*earlier, Actual(day, low)], day).code
    better = target_status(target, [*earlier, Actual(day, high)], day).code
    assert rank(better) >= rank(worse)


@given(days, st.floats(min_value=0, max_value=10, allow_nan=False),
       st.floats(min_value=0, max_value=10, allow_nan=False))
def test_a_decrease_target_moving_up_never_improves(day: date, a: float, b: float) -> None:
    low, high = sorted((a, b))
    down = target_status(POVERTY, [Actual(day, low)], day).code
    up = target_status(POVERTY, [Actual(day, high)], day).code
    assert rank(up) <= rank(down)


@pytest.mark.parametrize(("value", "unit", "to", "result"), [
    (12.5, "tỷ đồng", "triệu đồng", 12500.0),
    (140000, "nghìn đồng/năm", "triệu đồng/năm", 140.0),
    (95, "%", "%", 95),
    (3, None, "km", 3),
])
def test_convert_between_scales(value: float, unit: str | None, to: str,
                                result: float) -> None:
    from theodoi.domain.quantities import convert

    assert convert(value, unit, to) == pytest.approx(result)


def test_units_that_are_not_scales_of_each_other_are_refused() -> None:
    from theodoi.domain.errors import BadInput
    from theodoi.domain.quantities import convert

    with pytest.raises(BadInput, match="không đổi được từ đơn vị 'ha' sang 'km'"):
        convert(3, "ha", "km")


def test_a_steep_compound_forecast_does_not_overflow() -> None:
    from dataclasses import replace

    tiny_start = replace(GROWTH, baseline=1e-300)  # from next to nothing to 2000 in a year
    outlook = forecast(tiny_start, [Actual(date(2026, 12, 31), 2000)])
    assert outlook is not None and outlook.will_meet and outlook.value < float("inf")


def test_a_target_holding_inf_or_nan_is_invalid_not_a_crash() -> None:
    """A former version let inf and nan in (issue 14 M1): the status names the problem."""
    from theodoi.domain.status import target_status
    from theodoi.domain.trajectory import Actual, TargetFacts

    day = date(2027, 1, 5)
    good = TargetFacts(kind="level", value=90.0, deadline_year=2030)
    assert target_status(good, [Actual(date(2026, 12, 31), float("inf"))], day).code == \
        "so_lieu_loi"
    assert target_status(good, [Actual(date(2026, 12, 31), 3.0, float("nan"))], day).code == \
        "so_lieu_loi"
    bad_goal = TargetFacts(kind="level", value=float("nan"), deadline_year=2030)
    found = target_status(bad_goal, [Actual(date(2026, 12, 31), 60.0)], day)
    assert (found.code, found.actual, found.expected) == ("so_lieu_loi", None, None)
    later = [Actual(date(2026, 12, 31), float("inf")), Actual(date(2027, 12, 31), 60.0)]
    assert target_status(good, later, day).code == "so_lieu_loi"  # known by the day only
    assert target_status(good, later[1:], date(2028, 1, 5)).code != "so_lieu_loi"


@pytest.mark.parametrize("cls", [TargetFacts, TargetStatus, TaskStatus, TaskUpdate])
def test_the_hand_written_inits_are_the_dataclass_ones(cls: type) -> None:
    """TargetFacts, TargetStatus, TaskStatus and TaskUpdate fill their dict in their own
    `__init__` (cheaper than the frozen dataclass's): its parameters are the fields, in
    order, with their defaults (what a default factory makes), and what it makes equals,
    hashes and prints as the dataclass's would, and stays frozen."""
    params = list(inspect.signature(cls).parameters.values())
    assert [(p.name, p.default) for p in params] == [
        (f.name, f.default_factory() if f.default_factory is not MISSING
         else inspect.Parameter.empty if f.default is MISSING else f.default)
        for f in fields(cls)]
    reference = make_dataclass(cls.__name__, [(f.name, f.type, f) for f in fields(cls)],
                               frozen=True)
    values = [f"v{i}" for i in range(len(params))]
    made, same = cls(*values), reference(*values)
    assert astuple(made) == astuple(same) and repr(made) == repr(same)
    assert made == cls(**{p.name: v for p, v in zip(params, values, strict=True)})
    assert hash(made) == hash(cls(*values))
    short = [v for v, p in zip(values, params, strict=True) if p.default is p.empty]
    assert astuple(cls(*short)) == astuple(reference(*short))
    with pytest.raises(FrozenInstanceError):
        made.state = "x"
    assert astuple(cls()) == astuple(reference()) if all(
        p.default is not p.empty for p in params) else True
