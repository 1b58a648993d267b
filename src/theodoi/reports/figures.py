"""Which figure a report compares a target with, and which of its figures mean something.

A commune's quarterly, 6-, 9-month and year reports are held against the year's plan
("Kế hoạch năm"): the roadmap milestone of that year, or the value the plan sets for every
year; a sơ kết or tổng kết against the term's goal. A target with neither a milestone for
the year nor a yearly value is shown against its term goal with the year it is for
("90 (năm 2030)"), never a figure the plan did not set.

A share of the plan ("đạt 77,2 % kế hoạch") only means something for an amount that grows
toward its goal: not for a rate (a share of a share), not for a target meant to go down,
not for a goal that is a bound ("không quá 1,37 %"). Those are read as a value against the
plan in words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from theodoi.domain.numbers import vn_number
from theodoi.domain.phrases import GOAL_WORDS
from theodoi.domain.text import squash
from theodoi.reports.model import ANNUAL_KINDS, WORDED_GOALS

# An indicator extraction left as a stub: made only of these general words of a goal
# ("Hoàn thành", "Đạt tỷ lệ", "Có") or of an administration's general verbs with no object
# ("Bố trí", "Đóng góp", "Phát triển thêm", "Thành lập mới"), it names nothing, so the
# row shows the target's text.
STUB_WORDS = frozenset({"hoàn", "thành", "đạt", "tỷ", "tỉ", "lệ", "có", "được", "tăng",
                        "giảm", "duy", "trì", "trên", "dưới", "từ", "trở", "lên", "mức", "còn",
                        "không", "quá", "tối", "thiểu", "đa", "ít", "nhất", "chỉ", "tiêu",
                        "bố", "trí", "đóng", "góp", "phát", "triển", "thêm", "lập", "mới",
                        "quy", "hoạch", "xây", "dựng", "phấn", "đấu", "thực", "hiện", "nâng",
                        "cao", "và"})
# a list mark before a target's text: "- ", "(3) ", "a, ", "2. "
_LIST_MARK = re.compile(r"^\s*(?:[-–+•]|\(\d+\)|\d+[.)]|[a-zđ][,.)])\s+")
YEAR_NOTE = "{v} (năm {y})"  # a term goal in a year report: the year it is for


@dataclass(frozen=True)
class Goal:
    """What the plan sets: its value (and upper bound), comparator, the milestones by year,
    whether the value is set for every year ("hằng năm": domain.trajectory.is_annual, not
    a unit per year such as "triệu đồng/năm"), and the year it is due."""

    value: float | None
    comparator: str | None = None
    value_max: float | None = None
    milestones: Sequence[tuple[int, float | None]] = ()
    every_year: bool = False
    deadline_year: int | None = None


def plan_for(goal: Goal, report_kind: str, year: int) -> tuple[float | None, int | None]:
    """The plan figure a report compares with, and the year it is for when that is not the
    report's own (None): the year's milestone, else the yearly value, else the term goal."""
    if report_kind not in ANNUAL_KINDS:
        return goal.value, None
    for y, value in goal.milestones:
        if y == year and value is not None:
            return value, None
    if goal.every_year or goal.deadline_year in (None, year):
        return goal.value, None
    return goal.value, goal.deadline_year


def shows_percent(unit: str | None, comparator: str | None, higher_better: bool) -> bool:
    """Whether '% so với kế hoạch' means something: an amount that grows toward its goal,
    not a rate in %, not a target meant to go down, not a bound."""
    rate = (unit or "").lstrip().startswith("%")
    return higher_better and not rate and comparator not in WORDED_GOALS


def plan_words(value: float | None, comparator: str | None, value_max: float | None = None,
               plan_year: int | None = None) -> str | None:
    """The plan cell in words when a bare number would mislead: 'không quá 1,37',
    'từ 9,5 đến 10', '90 (năm 2030)'; None when the number alone says it."""
    if value is None:
        return None
    if comparator == "between" and value_max is not None:
        text = f"từ {vn_number(value)} đến {vn_number(value_max)}"
    elif comparator in WORDED_GOALS:
        text = GOAL_WORDS[comparator].format(v=vn_number(value))
    elif plan_year is None:
        return None
    else:
        text = vn_number(value)
    return YEAR_NOTE.format(v=text, y=plan_year) if plan_year is not None else text


def is_stub(indicator: str | None) -> bool:
    """An indicator made only of a goal's general words ('Hoàn thành', 'Đạt tỷ lệ')."""
    words = (indicator or "").lower().replace(",", " ").split()
    return not words or all(w in STUB_WORDS for w in words)


def row_name(indicator: str | None, text: str) -> str:
    """The name a report row shows: the indicator, or for a stub the target's own words
    on one line, without their list mark, starting with a capital."""
    words = squash(_LIST_MARK.sub("", text))
    if not (is_stub(indicator) and words):
        return indicator or text
    return words[:1].upper() + words[1:]
