"""A plan's reporting calendar: one or more streams (luồng báo cáo), each a kind of period,
a due rule and, optionally, the body the report goes to.

A plan is reported on quarterly to the UBND and yearly to the Ban Thường vụ, say; each
stream's reports fall due by its own rule:

- N days after the period ends ("5 ngày sau khi hết kỳ");
- a day of the period's last month ("trước ngày 15 của tháng cuối quý");
- a fixed day and month of the period's last year ("trước ngày 10/12 hằng năm").

The first stream is the plan's main one: a report made on a day is filed under its
period (services.progress.records.report_period). Pure: no clock, no I/O.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from theodoi.domain.errors import BadInput
from theodoi.domain.periods import Period
from theodoi.domain.text import fold, squash

EVERY = ("month", "quarter", "half", "nine_months", "year")
MAX_DAYS_AFTER = 120
MAX_STREAMS = 6
DEFAULT_EVERY, DEFAULT_DAYS = "quarter", 5  # a plan nobody has set a calendar for

# the words for a stream's period kind (CLI, API and forms; compared folded, '_' a space)
EVERY_WORDS = {"month": "month", "tháng": "month", "hằng tháng": "month",
               "quarter": "quarter", "quý": "quarter", "hằng quý": "quarter",
               "half": "half", "6 tháng": "half", "nine_months": "nine_months",
               "9 tháng": "nine_months", "year": "year", "năm": "year", "hằng năm": "year"}
# what a clerk types for a due rule -> which rule; matched on the text folded to lower case
DUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "10", "10 ngày", "10 ngày sau khi hết kỳ", "sau 10 ngày"
    (re.compile(r"^(?:sau\s*)?(\d{1,3})(?:\s*ngày)?(?:\s*sau(?:\s*khi)?(?:\s*hết)?(?:\s*kỳ)?)?$"),
     "after"),
    # "trước ngày 15 của tháng cuối quý", "ngày 15 tháng cuối kỳ", "15 tháng cuối"
    (re.compile(r"^(?:trước\s*)?(?:ngày\s*)?(\d{1,2})\s*(?:của\s*)?tháng\s*cuối"
                r"(?:\s*(?:kỳ|quý|năm|tháng|6 tháng|9 tháng))?$"), "last_month"),
    # "trước ngày 10/12 hằng năm", "10/12", "ngày 10-12"
    (re.compile(r"^(?:trước\s*)?(?:ngày\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})"
                r"(?:\s*(?:hằng|hàng)\s*năm)?$"), "fixed"),
)
DUE_EXAMPLES = ("5 (ngày sau khi hết kỳ), ngày 15 tháng cuối kỳ (trước ngày 15 của tháng "
                "cuối kỳ), 10/12 (trước ngày 10/12 hằng năm)")


@dataclass(frozen=True)
class Stream:
    """One reporting stream: every `every` period, due by one of the three rules (exactly
    one of `days_after`, `day` alone, or `day` with `month`), sent to `recipient`."""

    every: str = DEFAULT_EVERY
    days_after: int | None = DEFAULT_DAYS
    day: int | None = None
    month: int | None = None
    recipient: str | None = None

    def due(self, period: Period) -> date:
        """The day the report on `period` is due by this stream's rule."""
        if self.days_after is not None:
            return period.end + timedelta(days=self.days_after)
        year = period.end.year
        month = self.month or period.end.month
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(self.day or last, last))

    @property
    def rule_text(self) -> str:
        """The due rule as the plan would write it."""
        if self.days_after is not None:
            return f"{self.days_after} ngày sau khi hết kỳ"
        if self.month is None:
            return f"trước ngày {self.day} của tháng cuối kỳ"
        return f"trước ngày {self.day}/{self.month} hằng năm"

    @property
    def rule_input(self) -> str:
        """The due rule as a form shows it back (what `read_due` reads)."""
        if self.days_after is not None:
            return str(self.days_after)
        if self.month is None:
            return f"ngày {self.day} tháng cuối kỳ"
        return f"{self.day}/{self.month}"


DEFAULT = Stream()


def read_every(raw: str) -> str:
    """The period kind a typed word names ('quý', 'quarter', 'nine_months'); BadInput."""
    known = {fold(k.replace("_", " ")): v for k, v in EVERY_WORDS.items()}
    key = fold(str(raw).replace("_", " "))
    if key not in known:
        raise BadInput(f"lịch báo cáo '{squash(str(raw))}' không có; dùng month (tháng), "
                       "quarter (quý), half (6 tháng), nine_months (9 tháng) hoặc year (năm).")
    return known[key]


def read_due(text: str) -> tuple[int | None, int | None, int | None]:
    """(days_after, day, month) from what a clerk typed; BadInput with examples otherwise."""
    folded = squash(" ".join(str(text).lower().split()))
    for pattern, rule in DUE_PATTERNS:
        found = pattern.match(folded)
        if found is None:
            continue
        numbers = [int(g) for g in found.groups()]
        if rule == "after" and 0 <= numbers[0] <= MAX_DAYS_AFTER:
            return numbers[0], None, None
        if rule == "last_month" and 1 <= numbers[0] <= 31:
            return None, numbers[0], None
        if rule == "fixed" and _real_day(numbers[0], numbers[1]):
            return None, numbers[0], numbers[1]
    raise BadInput(f"hạn nộp '{squash(str(text))}' không hợp lệ; ví dụ: {DUE_EXAMPLES}; "
                   f"số ngày sau khi hết kỳ từ 0 đến {MAX_DAYS_AFTER}.")


def _real_day(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def check(streams: Sequence[Stream]) -> None:
    """A calendar has one to MAX_STREAMS streams, known kinds, each kind to one recipient
    at most once; BadInput naming the stream (1-based) otherwise."""
    if not streams:
        raise BadInput("lịch báo cáo cần ít nhất một luồng báo cáo.")
    if len(streams) > MAX_STREAMS:
        raise BadInput(f"lịch báo cáo có tối đa {MAX_STREAMS} luồng báo cáo.")
    seen: set[tuple[str, str]] = set()
    for number, stream in enumerate(streams, 1):
        if stream.every not in EVERY:
            raise BadInput(f"luồng {number}: kỳ báo cáo '{stream.every}' không có.")
        key = (stream.every, squash((stream.recipient or "").lower()))
        if key in seen:
            raise BadInput(f"luồng {number} trùng một luồng trước: cùng kỳ, cùng nơi nhận.")
        seen.add(key)


def main(streams: Sequence[Stream]) -> Stream:
    """The stream reports are filed under: the first (the default when none is set)."""
    return streams[0] if streams else DEFAULT


def for_period(streams: Sequence[Stream], period: Period) -> Stream:
    """The stream a report on `period` answers: the first of the period's kind, else the
    main one (a quarter asked of a plan reported on yearly is due by the main rule)."""
    return next((x for x in streams if x.every == period.kind), main(streams))


def due_of(streams: Sequence[Stream], period: Period) -> date:
    """When the report on `period` is due under the calendar."""
    return for_period(streams, period).due(period)
