"""Reporting periods: month, quarter, 6 and 9 months, year, mid-term and term-end reviews.

A period is a date range with a stable key ("2026-Q1", "2026-H1", "2026-9M", "2026",
"2026-03", "2025-2030-SK", "2025-2030-TK") and a Vietnamese label ("Quý I/2026", "6 tháng
đầu năm 2026", "Sơ kết giữa nhiệm kỳ 2025 - 2030"). `parse_period` reads the keys and the
ways a clerk types them ("Q1/2026", "quý 1/2026", "6 tháng 2026", "năm 2026", "3/2026").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from theodoi.domain.dates import QUARTER_NUMERAL, quarter_number
from theodoi.domain.errors import BadInput
from theodoi.domain.text import squash

KINDS = ("month", "quarter", "half", "nine_months", "year", "midterm", "term_end")
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: [start, end] inclusive, with its key and kind."""

    end: date
    start: date
    kind: str
    key: str

    @property
    def label(self) -> str:
        return _label(self)

    def due(self, days_after: int) -> date:
        """When the report on this period is due: `days_after` days after it ends."""
        return self.end + timedelta(days=days_after)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month(year: int, m: int) -> Period:
    return Period(_month_end(year, m), date(year, m, 1), "month", f"{year}-{m:02d}")


def quarter(year: int, q: int) -> Period:
    return Period(_month_end(year, 3 * q), date(year, 3 * q - 2, 1), "quarter", f"{year}-Q{q}")


def half(year: int) -> Period:
    return Period(date(year, 6, 30), date(year, 1, 1), "half", f"{year}-H1")


def nine_months(year: int) -> Period:
    return Period(date(year, 9, 30), date(year, 1, 1), "nine_months", f"{year}-9M")


def year(y: int) -> Period:
    return Period(date(y, 12, 31), date(y, 1, 1), "year", str(y))


def midterm(start: int, end: int) -> Period:
    """Sơ kết: from the term's start to the end of its middle year (2025-2030 -> 2027)."""
    middle = start + (end - start) // 2
    return Period(date(middle, 12, 31), date(start, 1, 1), "midterm", f"{start}-{end}-SK")


def term_end(start: int, end: int) -> Period:
    return Period(date(end, 12, 31), date(start, 1, 1), "term_end", f"{start}-{end}-TK")


def _label(p: Period) -> str:
    y = p.end.year
    if p.kind == "month":
        return f"Tháng {p.end.month}/{y}"
    if p.kind == "quarter":
        return f"Quý {ROMAN[(p.end.month - 1) // 3]}/{y}"
    if p.kind == "half":
        return f"6 tháng đầu năm {y}"
    if p.kind == "nine_months":
        return f"9 tháng năm {y}"
    if p.kind == "year":
        return f"Năm {y}"
    first, last = p.key.split("-")[:2]
    review = "Sơ kết giữa nhiệm kỳ" if p.kind == "midterm" else "Tổng kết nhiệm kỳ"
    return f"{review} {first} - {last}"


# what a clerk types -> builder; matched on the text folded to lower case
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(\d{{4}})-q([1-4])$|^(?:q|quý\s*)((?i:{QUARTER_NUMERAL}))\s*[/-]\s*(\d{{4}})$"),
     "quarter"),
    (re.compile(r"^(\d{4})-h1$|^6\s*tháng(?:\s*đầu)?(?:\s*năm)?\s*(\d{4})$"), "half"),
    (re.compile(r"^(\d{4})-9m$|^9\s*tháng(?:\s*năm)?\s*(\d{4})$"), "nine_months"),
    (re.compile(r"^(\d{4})-(\d{1,2})$|^(?:tháng\s*)?(\d{1,2})\s*/\s*(\d{4})$"), "month"),
    (re.compile(r"^(?:năm\s*)?(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})\s*-\s*(\d{4})-(sk|tk)$|^(sơ kết|tổng kết)\s*(\d{4})\s*-\s*(\d{4})$"),
     "review"),
]


def parse_period(text: str) -> Period:
    """The period `text` names; BadInput with the accepted forms otherwise."""
    folded = squash(text.strip().lower())
    for pattern, kind in _PATTERNS:
        found = pattern.match(folded)
        if found:
            groups = [g for g in found.groups() if g]
            period = _build(kind, groups)
            if period is not None:
                return period
    raise BadInput(f"kỳ báo cáo '{text}' không hợp lệ; ví dụ: 2026 (năm), Q1/2026 (quý), "
                   "6 tháng 2026, 9 tháng 2026, 3/2026 (tháng), sơ kết 2025-2030, "
                   "tổng kết 2025-2030.")


def _build(kind: str, g: list[str]) -> Period | None:
    try:
        if kind == "quarter":
            y, q = (g[0], g[1]) if len(g[0]) == 4 else (g[1], g[0])
            return quarter(int(y), quarter_number(q))
        if kind in ("half", "nine_months", "year"):
            return {"half": half, "nine_months": nine_months, "year": year}[kind](int(g[0]))
        if kind == "month":
            y, m = (g[0], g[1]) if len(g[0]) == 4 else (g[1], g[0])
            return month(int(y), int(m)) if 1 <= int(m) <= 12 else None
        word = g[2] if len(g[0]) == 4 else g[0]
        first, last = (g[0], g[1]) if len(g[0]) == 4 else (g[1], g[2])
        if int(last) <= int(first):
            return None
        builder = midterm if word in ("sk", "sơ kết") else term_end
        return builder(int(first), int(last))
    except ValueError:
        return None


def periods_in(kind: str, first_year: int, last_year: int) -> list[Period]:
    """Every period of `kind` from `first_year` to `last_year`, in order (a plan's calendar)."""
    out: list[Period] = []
    for y in range(first_year, last_year + 1):
        if kind == "month":
            out += [month(y, m) for m in range(1, 13)]
        elif kind == "quarter":
            out += [quarter(y, q) for q in range(1, 5)]
        elif kind == "half":
            out.append(half(y))
        elif kind == "nine_months":
            out.append(nine_months(y))
        elif kind == "year":
            out.append(year(y))
        else:
            raise BadInput(f"lịch báo cáo '{kind}' không có; dùng month, quarter, half, "
                           "nine_months hoặc year.")
    return out
