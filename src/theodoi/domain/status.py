"""Status of targets and tasks as of a day: pure functions of the register and the reports.

The rules are the tables `TARGET_RULES` and `TASK_RULES` (code, Vietnamese label, when it
applies), in the order they are tried; docs/trang-thai.md renders them for people and a
test keeps the two in step. `tolerance` is the shortfall still counted as "at risk" rather
than "behind" (default 5 % of the expected value).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from theodoi.domain.trajectory import (
    Actual,
    Forecast,
    TargetFacts,
    deadline,
    expected,
    final_goal,
    forecast,
    higher_is_better,
    is_annual,
    meets,
    normalised,
    when,
    will_meet,
)

TOLERANCE = 0.05
_ON = attrgetter("on")

TARGET_RULES: list[tuple[str, str, str]] = [
    ("so_lieu_loi", "Số liệu không hợp lệ",
     "Mục tiêu hoặc số liệu đã báo cáo không phải là số hữu hạn (ví dụ do phiên bản cũ ghi "
     "vào); cần sửa mục tiêu hoặc nhập lại số liệu của kỳ đó."),
    ("chua_co_so_lieu", "Chưa có số liệu",
     "Chưa có số liệu thực hiện nào đến ngày xét (trừ chỉ tiêu mốc chưa đến hạn)."),
    ("dat", "Đạt",
     "Đã đạt mục tiêu: đến hạn (hoặc trong năm xét, với chỉ tiêu hằng năm) số liệu đạt đúng "
     "mức; chỉ tiêu mốc đã được công nhận."),
    ("vuot", "Vượt", "Đã đạt và vượt mức mục tiêu."),
    ("khong_dat", "Không đạt",
     "Đã qua hạn (hoặc hết năm, với chỉ tiêu hằng năm) mà số liệu không đạt mục tiêu."),
    ("chua_den_ky", "Chưa đến kỳ đánh giá",
     "Chưa có mức kỳ vọng để so sánh: chỉ tiêu mốc chưa đến hạn, hoặc lộ trình chưa bắt đầu."),
    ("dung_tien_do", "Đúng tiến độ",
     "Số liệu mới nhất đạt mức kỳ vọng của kỳ đó theo lộ trình và dự báo đến hạn vẫn đạt."),
    ("co_nguy_co", "Có nguy cơ không đạt",
     "Số liệu thấp hơn mức kỳ vọng không quá 5%, hoặc đạt mức kỳ vọng nhưng dự báo đến hạn "
     "không đạt."),
    ("cham_tien_do", "Chậm tiến độ", "Số liệu thấp hơn mức kỳ vọng quá 5%."),
]
TASK_RULES: list[tuple[str, str, str]] = [
    ("tam_dung", "Tạm dừng", "Cơ quan chủ trì báo tạm dừng nhiệm vụ."),
    ("hoan_thanh_dung_han", "Hoàn thành đúng hạn",
     "Đã hoàn thành, ngày hoàn thành không muộn hơn hạn (hoặc nhiệm vụ không có hạn)."),
    ("hoan_thanh_tre_han", "Hoàn thành trễ hạn", "Đã hoàn thành sau hạn."),
    ("qua_han", "Quá hạn", "Chưa hoàn thành mà đã qua hạn."),
    ("sap_den_han", "Sắp đến hạn",
     "Chưa hoàn thành, còn không quá số ngày cảnh báo (mặc định 14 ngày) đến hạn."),
    ("chua_den_han", "Chưa đến hạn", "Chưa hoàn thành, còn xa hạn, hoặc nhiệm vụ không có hạn."),
]
LABELS = {code: label for code, label, _ in TARGET_RULES + TASK_RULES}
# worst to best: a later actual closer to the goal never moves a target down this list
TARGET_RANK = ("so_lieu_loi", "khong_dat", "cham_tien_do", "co_nguy_co", "chua_co_so_lieu",
               "chua_den_ky", "dung_tien_do", "dat", "vuot")
TASK_STATES = ("chua_trien_khai", "dang_thuc_hien", "hoan_thanh", "tam_dung")
TASK_STATE_LABELS = {"chua_trien_khai": "Chưa triển khai", "dang_thuc_hien": "Đang thực hiện",
                     "hoan_thanh": "Hoàn thành", "tam_dung": "Tạm dừng"}


@dataclass(frozen=True)
class TargetStatus:
    code: str
    actual: float | None = None
    expected: float | None = None
    forecast: Forecast | None = None
    year: int | None = None

    def __init__(self, code: str, actual: float | None = None,
                 expected: float | None = None, forecast: Forecast | None = None,
                 year: int | None = None) -> None:
        """The dataclass's own `__init__` (same fields, order and defaults: a test holds
        them equal), filling the instance's dict without the frozen class's
        `object.__setattr__` per field: a province's status makes 7,500 of these."""
        d = self.__dict__
        d["code"], d["actual"], d["expected"], d["forecast"], d["year"] = (
            code, actual, expected, forecast, year)

    @property
    def label(self) -> str:
        return LABELS[self.code]


def target_status(t: TargetFacts, actuals: Sequence[Actual], as_of: date, *,
                  tolerance: float = TOLERANCE, outlook: bool = True) -> TargetStatus:
    """The status of target `t` on `as_of`, from the actuals reported for days up to it.

    A target or an actual holding inf or nan (a former version let them in) is invalid:
    'so_lieu_loi', with no value, instead of arithmetic on it. With `outlook=False` the
    forecast is made only where the code depends on it (an on-track target whose forecast
    misses is at risk) and is otherwise None: the code is always the same, and counting a
    province's codes skips most of the forecasts' cost."""
    known = _up_to(actuals, as_of)
    if not finite_facts(t) or not _all_finite(known):
        return TargetStatus("so_lieu_loi")
    end = deadline(t)
    if t.kind == "milestone" or (t.value is None and t.kind != "plan_relative"):
        return _milestone(known, as_of, end)
    if not known:
        return TargetStatus("chua_co_so_lieu")
    last = known[-1]
    value = normalised(t, last)
    if is_annual(t):
        return _annual(t, known, last, as_of, tolerance)
    if end is not None and when(as_of) >= end:
        return _final(t, value, last)
    return _in_progress(t, known, last, value, tolerance, outlook)


def finite_facts(t: TargetFacts) -> bool:
    """Whether every number of the target is finite (or absent)."""
    isfinite = math.isfinite  # loops, not a list and a generator: asked 7,500 times
    for v in (t.value, t.value_max, t.value_of, t.baseline):
        if v is not None and not isfinite(v):
            return False
    for _y, v in t.milestones:  # noqa: SIM110 - `all` of a generator costs more
        if v is not None and not isfinite(v):
            return False
    return True


def finite_actual(a: Actual) -> bool:
    return math.isfinite(a.value) and (a.value_of is None or math.isfinite(a.value_of))


def _up_to(actuals: Sequence[Actual], as_of: date) -> list[Actual]:
    """The actuals of days up to `as_of`, in order of their days (a stable sort's). Sorted
    first and filtered only when a later one is there: the rows read for a day hold none
    after it, and a province asks this of 7,500 targets."""
    known = sorted(actuals, key=_ON)
    if known and known[-1].on > as_of:
        known = [a for a in known if a.on <= as_of]
    return known


def _all_finite(known: list[Actual]) -> bool:
    """`finite_actual` of every one (inlined, a plain loop rather than a generator in
    `all`: a province asks it of 50,000 values)."""
    isfinite = math.isfinite
    for _on, v, of in known:  # noqa: SIM110 - `all` of a generator costs twice this
        if not isfinite(v) or (of is not None and not isfinite(of)):
            return False
    return True


def _milestone(known: list[Actual], as_of: date, end: float | None) -> TargetStatus:
    reached = next((a for a in known if a.value >= 1), None)
    if reached is not None:
        late = end is not None and when(reached.on) > end
        return TargetStatus("khong_dat" if late else "dat", 1.0)
    if end is not None and when(as_of) >= end:
        return TargetStatus("khong_dat" if known else "chua_co_so_lieu", 0.0 if known else None)
    return TargetStatus("chua_den_ky", 0.0 if known else None)


def _final(t: TargetFacts, value: float, last: Actual) -> TargetStatus:
    goal = final_goal(t)
    if not meets(t, value):
        return TargetStatus("khong_dat", value, goal, year=t.deadline_year)
    return TargetStatus(_met(t, value), value, goal, year=t.deadline_year)


def _met(t: TargetFacts, value: float) -> str:
    """vuot when beyond the goal (for '=' and the inclusive comparators), else dat."""
    goal = final_goal(t)
    if goal is None or t.comparator in (">", "<", "between"):
        return "dat"
    beyond = value > goal if higher_is_better(t) else value < goal
    return "vuot" if beyond and abs(value - goal) > 1e-9 * max(1.0, abs(goal)) else "dat"


def _in_progress(t: TargetFacts, known: list[Actual], last: Actual, value: float,
                 tolerance: float, always: bool) -> TargetStatus:
    """A target under way; `known` in order of their days, `value` the last normalised."""
    outlook = forecast(t, known) if always else None
    if t.kind != "change" and meets(t, value) and not t.recurrence and t.direction != "maintain":
        return TargetStatus(_met(t, value), value, final_goal(t), outlook)
    goal = expected(t, last.on, known)
    if goal is None:
        return TargetStatus("chua_den_ky", value, None, outlook)
    code = _against(t, value, goal, tolerance)
    if code == "dung_tien_do":  # the one code the forecast decides
        meeting = (None if outlook is None else outlook.will_meet) if always \
            else will_meet(t, known, ordered=True)  # whether it meets: no words of basis
        if meeting is False:
            code = "co_nguy_co"
    return TargetStatus(code, value, goal, outlook)


def _against(t: TargetFacts, value: float, goal: float, tolerance: float) -> str:
    """On track, at risk or behind: how far `value` falls short of `goal`."""
    if meets(t, value, goal):
        return "dung_tien_do"
    shortfall = (goal - value) if higher_is_better(t) else (value - goal)
    return "co_nguy_co" if shortfall <= tolerance * max(abs(goal), 1e-9) else "cham_tien_do"


def _annual(t: TargetFacts, known: list[Actual], last: Actual, as_of: date,
            tolerance: float) -> TargetStatus:
    """Each year on its own: the latest year with a report, finished or under way."""
    value = normalised(t, last)
    year_end = date(last.on.year, 12, 31)
    goal = expected(t, year_end, known)
    if goal is None:
        return TargetStatus("chua_den_ky", value, None, year=last.on.year)
    # the year's goal is the target's own (strict for "trên"), or the quota handed down
    reached = meets(t, value, goal) if t.kind == "plan_relative" else meets(t, value)
    if reached or as_of >= year_end:
        code = _year_met(t, value, goal) if reached else "khong_dat"
        return TargetStatus(code, value, goal, year=last.on.year)
    goal_now = expected(t, last.on, known) or goal
    return TargetStatus(_against(t, value, goal_now, tolerance), value, goal_now,
                        year=last.on.year)


def _year_met(t: TargetFacts, value: float, goal: float) -> str:
    if t.kind == "plan_relative":  # "đạt và vượt kế hoạch được giao"
        return "vuot" if value > goal + 1e-9 * max(1.0, abs(goal)) else "dat"
    return _met(t, value)


@dataclass(frozen=True)
class TaskFacts:
    due: date | None = None
    recurrence: str | None = None


@dataclass(frozen=True)
class TaskUpdate:
    """A report on a task made on day `on`."""

    on: date
    state: str
    percent: float | None = None
    completed_on: date | None = None

    def __init__(self, on: date, state: str, percent: float | None = None,
                 completed_on: date | None = None) -> None:
        """The dataclass's own `__init__`, filling the dict directly (`TargetStatus`)."""
        d = self.__dict__
        d["on"], d["state"], d["percent"], d["completed_on"] = on, state, percent, completed_on


@dataclass(frozen=True)
class TaskStatus:
    code: str
    due: date | None
    state: str | None = None
    percent: float | None = None

    def __init__(self, code: str, due: date | None, state: str | None = None,
                 percent: float | None = None) -> None:
        """The dataclass's own `__init__`, filling the dict directly (`TargetStatus`)."""
        d = self.__dict__
        d["code"], d["due"], d["state"], d["percent"] = code, due, state, percent

    @property
    def label(self) -> str:
        return LABELS[self.code]


def due_on(task: TaskFacts, as_of: date) -> date | None:
    """The deadline that counts on `as_of`: a yearly task's occurrence of that year."""
    if task.due is None or task.recurrence != "annual" or as_of.year <= task.due.year:
        return task.due
    try:
        return task.due.replace(year=as_of.year)
    except ValueError:  # 29 February in a year without one
        return task.due.replace(year=as_of.year, day=28)


def task_status(task: TaskFacts, updates: Sequence[TaskUpdate], as_of: date, *,
                window_days: int = 14) -> TaskStatus:
    """The status of a task on `as_of` from its latest report up to that day."""
    due = due_on(task, as_of)
    known = sorted([u for u in updates if u.on <= as_of], key=_ON)
    if task.recurrence == "annual" and due is not None:
        known = [u for u in known if u.on.year == due.year]
    last = known[-1] if known else None
    state, percent = (last.state, last.percent) if last else (None, None)
    if state == "tam_dung":
        return TaskStatus("tam_dung", due, state, percent)
    if state == "hoan_thanh":
        done = (last.completed_on if last and last.completed_on else last.on) if last else as_of
        late = due is not None and done > due
        return TaskStatus("hoan_thanh_tre_han" if late else "hoan_thanh_dung_han", due, state,
                          100.0 if percent is None else percent)
    if due is not None and as_of > due:
        return TaskStatus("qua_han", due, state, percent)
    if due is not None and (due - as_of).days <= window_days:
        return TaskStatus("sap_den_han", due, state, percent)
    return TaskStatus("chua_den_han", due, state, percent)
