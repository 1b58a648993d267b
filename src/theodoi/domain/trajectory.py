"""Where a target should be on a given day, whether a value meets it, and the forecast.

Pure: a target is given as `TargetFacts`, its reported values as `Actual`s. Time is a
fractional year (2026.0 is 1 January 2026, the end of 2026 is 2027.0), so quarterly and
yearly reports sit on one scale.

Expected value (`expected`), by what the plan says:
- a roadmap (milestones): the milestone of that year, linear between milestones, and on
  to the target at the deadline after the last one;
- growth_rate with a baseline level: compound growth from the baseline at the rate;
  without a baseline the actuals are the yearly rates themselves, each year on its own;
- level and change: linear from the baseline (or, lacking one, the first actual) to the
  target at the end of the deadline year; the target itself when that start already meets
  it;
- annual targets (recurrence or per-year flows of a one-year plan): each year on its own,
  a flow pro rata within the year;
- a yearly flow (`TargetFacts.flow`, see domain/measures.py) is reported year-to-date: its
  expected value in a quarter is the year's expected figure pro rata, and only figures at
  a year's end count as that year's;
- milestone targets (no number) have no expected value: they are judged on completion.

The forecast is made from yearly points only (domain/measures.py says why), bounded by
what the indicator can be, and says what it was made from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple

_ON = attrgetter("on")  # an Actual's day, in C
MAX_EXP = 700.0  # math.exp overflows a float a little above 709


@dataclass(frozen=True)
class TargetFacts:
    """What the register knows of a target, as the status rules need it."""

    kind: str = "level"
    direction: str | None = "increase"
    comparator: str | None = "="
    value: float | None = None
    value_max: float | None = None
    value_of: float | None = None
    unit: str | None = None
    per_year: bool = False
    recurrence: str | None = None
    deadline_year: int | None = None
    milestones: tuple[tuple[int, float | None], ...] = field(default_factory=tuple)
    baseline: float | None = None
    baseline_year: int | None = None
    flow: bool = False  # a yearly flow reported year-to-date (domain.measures.is_flow)

    def __init__(self, kind: str = "level", direction: str | None = "increase",
                 comparator: str | None = "=", value: float | None = None,
                 value_max: float | None = None, value_of: float | None = None,
                 unit: str | None = None, per_year: bool = False,
                 recurrence: str | None = None, deadline_year: int | None = None,
                 milestones: tuple[tuple[int, float | None], ...] = (),
                 baseline: float | None = None, baseline_year: int | None = None,
                 flow: bool = False) -> None:
        """The dataclass's own `__init__` (the same fields, order and defaults, the empty
        tuple `milestones`' factory makes: a test holds them equal), filling the
        instance's dict in one statement instead of the frozen class's
        `object.__setattr__` per field, which cost more than the status rules read of
        it for a province's 7,500 targets."""
        d = self.__dict__
        (d["kind"], d["direction"], d["comparator"], d["value"], d["value_max"],
         d["value_of"], d["unit"], d["per_year"], d["recurrence"], d["deadline_year"],
         d["milestones"], d["baseline"], d["baseline_year"], d["flow"]) = (
            kind, direction, comparator, value, value_max, value_of, unit, per_year,
            recurrence, deadline_year, milestones, baseline, baseline_year, flow)


class Actual(NamedTuple):
    """A reported value at the end of a period (`on`); `value_of` is the whole for x/y
    values, or the quota for a target measured against the plan handed down. A named
    tuple, not a dataclass: a province's status makes 50,000 of them, and a tuple of
    plain values costs a third as much to make and nothing to the garbage collector."""

    on: date
    value: float
    value_of: float | None = None


@dataclass(frozen=True)
class Forecast:
    """The value expected at the deadline year, whether it meets the target, and what it
    was made from, in words for people ("từ số liệu năm 2024, 2025 và năm gốc 2023")."""

    year: int
    value: float
    will_meet: bool
    basis: str = ""

    @property
    def label(self) -> str:
        return "dự kiến đạt" if self.will_meet else "dự kiến không đạt"


@lru_cache(maxsize=8192)  # reports fall on a few period ends: a province asks for the same days
def when(day: date) -> float:
    """A day as a fractional year: the end of a year is the next year's start."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + ((day - start).days + 1) / length


def is_annual(t: TargetFacts) -> bool:
    return t.recurrence == "annual" or t.kind == "plan_relative" or (
        t.kind == "growth_rate" and t.baseline is None)


def higher_is_better(t: TargetFacts) -> bool:
    """An amount of change or a rate is better larger; a level follows its direction."""
    if t.comparator in ("<", "<="):
        return False
    if t.kind in ("change", "growth_rate"):
        return True
    return t.direction != "decrease"


def normalised(t: TargetFacts, a: Actual) -> float:
    """An x/y actual on the target's own whole (3/8 against a goal of 4/9 counts as 3.375)."""
    if t.value_of and a.value_of and t.kind != "plan_relative":
        return a.value * t.value_of / a.value_of
    return a.value


def meets(t: TargetFacts, value: float, goal: float | None = None) -> bool:
    """Whether `value` satisfies the target (or `goal`, the expected value of a day)."""
    if goal is None:
        target = final_goal(t)
        if target is None:
            return value >= 1  # a milestone: 1 means reached
        comparator = t.comparator
        if comparator == "between" and t.value_max is not None:
            return t.value <= value <= t.value_max if t.value is not None else False
        strict = comparator == ">" or comparator == "<"
    else:
        target, strict = goal, False
    size = abs(target)  # arithmetic of a forecast must not miss by a hair: max(1, |target|)
    eps = 1e-9 * (size if size > 1.0 else 1.0)
    if higher_is_better(t):
        return value > target + eps if strict else value >= target - eps
    return value < target - eps if strict else value <= target + eps


def deadline(t: TargetFacts) -> float | None:
    return t.deadline_year + 1.0 if t.deadline_year else None


def expected(t: TargetFacts, on: date, actuals: Sequence[Actual] = ()) -> float | None:
    """The value the target should have reached on day `on`, or None when the plan says
    nothing to compare with yet."""
    if t.kind == "milestone" or (t.value is None and t.kind != "plan_relative"):
        return None
    if is_annual(t):
        return _annual(t, on, actuals)
    if t.flow:
        return _flow(t, on, actuals)
    return _level(t, when(on), actuals)


def _level(t: TargetFacts, x: float, actuals: Sequence[Actual]) -> float | None:
    """The expected level at fractional year `x`."""
    if t.milestones:
        return _roadmap(t, x, actuals)
    if t.kind == "growth_rate" and t.baseline is not None and t.baseline_year is not None:
        assert t.value is not None
        # float ** float is typed Any (a negative base gives a complex); 1 + rate is positive
        growth: float = (1 + t.value / 100) ** (x - (t.baseline_year + 1))
        return t.baseline * growth
    return _linear(t, x, _start(t, actuals))


def _flow(t: TargetFacts, on: date, actuals: Sequence[Actual]) -> float | None:
    """A yearly flow's expected year-to-date figure: the year's, pro rata. The path of the
    yearly figures starts from the baseline or the first whole year, never from a
    year-to-date quarter."""
    whole_years = [a for a in actuals if _year_end(a)]
    year = _level(t, on.year + 1.0, whole_years)
    if year is None:
        return None
    return year * min(1.0, when(on) - on.year)


def _year_end(a: Actual) -> bool:
    return a.on.month == 12 and a.on.day == 31

def _start(t: TargetFacts, actuals: Sequence[Actual]) -> tuple[float, float] | None:
    """The point the straight line starts from: the baseline, else the first actual."""
    if t.baseline is not None and t.baseline_year is not None:
        return t.baseline_year + 1.0, t.baseline
    if actuals:
        first = min(actuals, key=lambda a: a.on)
        return when(first.on), normalised(t, first)
    return None


def _linear(t: TargetFacts, x: float, start: tuple[float, float] | None) -> float | None:
    end = deadline(t)
    if t.value is None or end is None or start is None:
        return t.value if end is not None and x >= end else None
    x0, y0 = start
    # a start already at the goal (the first actual of a decrease target below it) asks
    # for the goal from then on: a line from there would demand more than the plan does
    if x >= end or end <= x0 or meets(t, y0):
        return t.value
    if x <= x0:
        return y0
    return y0 + (t.value - y0) * (x - x0) / (end - x0)


def _roadmap(t: TargetFacts, x: float, actuals: Sequence[Actual]) -> float | None:
    points = [(year + 1.0, v) for year, v in sorted(t.milestones) if v is not None]
    end = deadline(t)
    if end is not None and t.value is not None and (not points or end > points[-1][0]):
        points.append((end, t.value))
    start = _start(t, actuals)
    if start is not None and points and start[0] < points[0][0]:
        points.insert(0, start)
    if not points or x < points[0][0] - 1.0:
        return None
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in pairwise(points):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def _annual(t: TargetFacts, on: date, actuals: Sequence[Actual]) -> float | None:
    goal = t.value
    if t.kind == "plan_relative":
        quota = [a.value_of for a in actuals if a.on.year == on.year and a.value_of]
        goal = quota[-1] if quota else None
    if goal is None:
        return None
    flow = t.flow or (t.per_year and not (t.unit or "").startswith("%")
                      and t.kind != "growth_rate")
    fraction = (when(on) - on.year) if flow else 1.0
    return goal * min(1.0, fraction)


def forecast(t: TargetFacts, actuals: Sequence[Actual]) -> Forecast | None:
    """The value at the deadline if things go on as the yearly figures so far show.

    A straight line through the baseline and the yearly points (least squares), or through
    their logarithms for compound growth, bounded by what the indicator can be; None with
    fewer than two yearly points (the baseline counts as one) or no deadline.
    """
    found = _projected(t, actuals)
    if found is None:
        return None
    end, value, points, compound = found
    if t.baseline is not None and t.baseline_year is not None:
        points = points[1:]  # the baseline is not a year of figures
    years = [_year_of(x) for x, _ in points]
    return Forecast(int(end) - 1, value, meets(t, value), _basis(t, years, compound))


def will_meet(t: TargetFacts, actuals: Sequence[Actual], *,
              ordered: bool = False) -> bool | None:
    """`forecast(t, actuals).will_meet` without the words of its basis (None where there
    is no forecast): what a target's status code needs, for a province's 3,000 targets on
    track at a time. `ordered`: the actuals are already in order of their days."""
    found = _projected(t, actuals, ordered)
    return None if found is None else meets(t, found[1])


def _projected(t: TargetFacts, actuals: Sequence[Actual], ordered: bool = False
               ) -> tuple[float, float, list[tuple[float, float]], bool] | None:
    """The forecast's deadline (a fractional year), its bounded value, the points it was
    made from (the baseline first, when there is one) and whether it is compound growth;
    None where `forecast` makes none."""
    end = deadline(t)
    if end is None or t.kind == "milestone" or is_annual(t):
        return None
    points = _yearly(t, actuals if ordered else sorted(actuals, key=_ON))
    if t.baseline is not None and t.baseline_year is not None:
        points.insert(0, (t.baseline_year + 1.0, t.baseline))
    xs = [x for x, _ in points]
    if len(set(xs)) < 2:
        return None
    compound = t.kind == "growth_rate" and all(y > 0 for _, y in points)
    ys = [math.log(y) for _, y in points] if compound else [y for _, y in points]
    projected = _fit(xs, ys, end)
    # a steep log line through two close points must not overflow: a huge finite value
    # still reads "dự kiến đạt" and stays valid JSON
    value = bounded(t, math.exp(min(projected, MAX_EXP)) if compound else projected)
    return end, value, points, compound


@dataclass(frozen=True)
class YearEstimate:
    """The figure a target is estimated to reach at the end of `year` (ước thực hiện cả
    năm) and what the estimate was made from, in words."""

    year: int
    value: float
    basis: str


def year_estimate(t: TargetFacts, actuals: Sequence[Actual], year: int) -> YearEstimate | None:
    """The whole year's figure from what is known by now (`actuals`: those reported so far).

    The year's own figure when one is reported at its end; otherwise the forecast's line
    (yearly points only, the baseline counting as one, two at least) at the year's end,
    bounded like a forecast, and for a yearly flow never below what the year has already
    reached. A level is never extrapolated from the quarters of one year (its yearly point
    is its last figure of the year), and there is none for a milestone or a target set year
    by year (`forecast` makes none either): None, the report's cell stays empty.
    """
    known = [a for a in actuals if a.on.year <= year]
    closing = [a for a in known if a.on == date(year, 12, 31)]
    if closing:
        return YearEstimate(year, normalised(t, closing[-1]), f"số liệu cả năm {year}")
    if t.kind == "milestone" or is_annual(t):
        return None
    points = yearly_points(t, known)
    years = [_year_of(x) for x, _ in points]
    if t.baseline is not None and t.baseline_year is not None and t.baseline_year < year:
        points.insert(0, (t.baseline_year + 1.0, t.baseline))
    if len({x for x, _ in points}) < 2:
        return None
    compound = t.kind == "growth_rate" and all(y > 0 for _, y in points)
    ys = [math.log(y) if compound else y for _, y in points]
    projected = _fit([x for x, _ in points], ys, year + 1.0)
    value = bounded(t, math.exp(min(projected, MAX_EXP)) if compound else projected)
    basis = _basis(t, years, compound)
    partial = [a.on for a in known if a.on.year == year]
    if year in years and partial:  # a level's figure of this year so far, said as such
        basis = basis.replace(str(year), f"{year} (đến ngày {max(partial):%d/%m/%Y})")
    reached = [normalised(t, a) for a in known if a.on.year == year]
    if t.flow and reached and max(reached) > value:
        value, basis = max(reached), f"số đã thực hiện từ đầu năm {year} (xu hướng thấp hơn)"
    return YearEstimate(year, value, basis)


def yearly_points(t: TargetFacts, actuals: Sequence[Actual]) -> list[tuple[float, float]]:
    """One point a year, in order: a flow's figure at a year's end (placed there), a
    level's last figure of the year (at its own date)."""
    return _yearly(t, sorted(actuals, key=_ON))


def _yearly(t: TargetFacts, ordered: Sequence[Actual]) -> list[tuple[float, float]]:
    """`yearly_points` of actuals already in order of their days (a stable sort's): each
    year is met first in that order, so the years' last figures come out in order too."""
    last: dict[int, Actual] = {}
    if t.flow:
        for a in ordered:
            if _year_end(a):
                last[a.on.year] = a
    else:
        for a in ordered:
            last[a.on.year] = a
    return [(when(a.on), normalised(t, a)) for a in last.values()]


def _year_of(x: float) -> int:
    """The calendar year of a fractional-year point (the end of 2025 is 2026.0)."""
    return math.ceil(x) - 1


def bounded(t: TargetFacts, value: float) -> float:
    """A projected value within what the indicator can be: a share (%) from 0 to 100 (a
    growth rate in % is not a share), an amount not below zero."""
    if t.kind == "growth_rate":
        return value
    if (t.unit or "").lstrip().startswith("%") and not t.value_of:
        return min(100.0, max(0.0, value))
    return max(0.0, value)


def _basis(t: TargetFacts, years: list[int], compound: bool) -> str:
    """What a forecast was made from, in words."""
    named = ", ".join(str(y) for y in years)
    parts = [f"số liệu năm {named}"] if years else []
    if t.baseline is not None and t.baseline_year is not None:
        parts.append(f"năm gốc {t.baseline_year}")
    how = "theo tốc độ tăng bình quân" if compound else "theo xu hướng"
    return f"{how}, từ {' và '.join(parts)}"


def final_goal(t: TargetFacts) -> float | None:
    """The value to reach by the deadline: the target's own, or for compound growth from a
    baseline the level the rate leads to, since its actuals are levels."""
    if t.kind == "growth_rate" and t.baseline is not None and t.baseline_year is not None \
            and t.value is not None and t.deadline_year is not None:
        return t.baseline * (1 + t.value / 100) ** (t.deadline_year - t.baseline_year)
    return t.value


def _fit(xs: list[float], ys: list[float], at: float) -> float:
    """The least-squares line through the points, at `at` (lists, not generators, summed:
    the same additions in the same order)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum([(x - mx) ** 2 for x in xs])
    slope = sum([(x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)]) / sxx
    return my + slope * (at - mx)
