"""Reading what a clerk types as a reported value, a task state, a percentage.

Values are numbers written the Vietnamese way ("123,5", "1.234", "1.234,5"); a sentence
such as "đang thực hiện" is refused, because status can only be computed from numbers.
Milestone targets take 1/0 or "đạt"/"chưa đạt"; x/y targets take "3/9".
"""

from __future__ import annotations

import math

from theodoi.domain.calendars import read_every
from theodoi.domain.errors import BadInput
from theodoi.domain.numbers import NotANumber, read_number
from theodoi.domain.quantities import convert
from theodoi.domain.status import TASK_STATE_LABELS, TASK_STATES
from theodoi.domain.text import fold

MILESTONE_WORDS = {"1": 1.0, "0": 0.0, "đạt": 1.0, "chưa đạt": 0.0, "hoàn thành": 1.0,
                   "chưa hoàn thành": 0.0, "x": 1.0}


def _key(text: str) -> str:
    """A typed word as compared: domain.text.fold with '_' a space ('nine_months')."""
    return fold(text.replace("_", " "))


def number(raw: str | float | int, what: str = "giá trị") -> float:
    """A Vietnamese-written number (or a number as Excel or JSON gives it), finite and in
    digits 0-9, read by the one parser (domain.numbers.read_number); BadInput otherwise."""
    try:
        return read_number(raw)
    except NotANumber:
        shown = raw.strip() if isinstance(raw, str) else raw
        raise BadInput(f"{what} '{shown}' không phải là số; hãy nhập số hữu hạn bằng chữ số "
                       "0-9 (ví dụ 123,5 hoặc 1.234), còn nội dung diễn giải ghi vào phần "
                       "ghi chú.") from None


def fraction(raw: str) -> tuple[float, float] | None:
    """'3/9' -> (3, 9); None when the text is not of that form."""
    left, sep, right = raw.partition("/")
    if not sep:
        return None
    whole = number(right, "mẫu số")
    if whole <= 0:
        raise BadInput(f"mẫu số của '{raw}' phải lớn hơn 0.")
    return number(left, "tử số"), whole


def milestone(raw: str | float | int) -> float:
    """1 (đạt) or 0 (chưa đạt) for a target that is a milestone, not a number."""
    key = _key(str(int(raw)) if isinstance(raw, int | float) and raw in (0, 1) else str(raw))
    if key not in MILESTONE_WORDS:
        raise BadInput(f"chỉ tiêu dạng mốc chỉ nhận 1 (đạt) hoặc 0 (chưa đạt), hoặc chữ "
                       f"'đạt'/'chưa đạt'; không nhận '{raw}'.")
    return MILESTONE_WORDS[key]


def to_target_unit(value: float, entered: str | None, target_unit: str | None) -> float:
    """`value` typed in `entered` (e.g. 'tỷ đồng') in the target's unit ('triệu đồng/năm').

    A target's unit often carries '/năm' ('triệu đồng/năm') that nobody types with a
    yearly figure, so the scale is matched without it when the plain units do not match.
    """
    try:
        converted = convert(value, entered, target_unit)
    except BadInput:
        base, sep, per = (target_unit or "").rpartition("/")
        if not sep or "/" in (entered or "") or per.strip() != "năm":
            raise
        converted = convert(value, entered, base)
    if not math.isfinite(converted):  # 1e300 tỷ đồng is no number of đồng
        raise BadInput(f"giá trị {value:g} {entered} quá lớn khi đổi sang {target_unit}.")
    return converted


def task_state(raw: str) -> str:
    """A state code from its code or its Vietnamese label ('Hoàn thành' -> 'hoan_thanh')."""
    key = _key(raw)
    for code in TASK_STATES:
        if key in (_key(code), _key(TASK_STATE_LABELS[code])):
            return code
    labels = ", ".join(f"{c} ({TASK_STATE_LABELS[c]})" for c in TASK_STATES)
    raise BadInput(f"trạng thái nhiệm vụ '{raw}' không có; dùng: {labels}.")


def percent(raw: str | float | int | None) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = number(raw.strip().rstrip("%") if isinstance(raw, str) else raw, "tỷ lệ hoàn thành")
    if not 0 <= value <= 100:
        raise BadInput(f"tỷ lệ hoàn thành phải từ 0 đến 100, không phải {raw}.")
    return value


def calendar_kind(raw: str) -> str:
    """The period kind a typed calendar word names (domain.calendars.read_every)."""
    return read_every(raw)
