"""Days and quarters as Vietnamese documents and clerks write them: one grammar for both.

Extraction finds due dates and a plan's date in prose with these pieces (composed in
`extraction/rules/tasks.py` and `rules/document.py`), the period code reads "Quý 2/2026"
with the same numerals, a typed day is read by `read_day`, and every screen, report and
command writes a day with `vn_day` (dd/mm/yyyy, as NĐ 30 and the design say).
"""

from __future__ import annotations

import re
from datetime import date, datetime

# The numeral after "Quý": "Quý II/2026", "Quý 2/2026", "quý iv năm 2025"
QUARTER_NUMERAL = r"(?:IV|I{1,3}|[1-4])"
QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# A year of the plans theodoi reads (and a clerk types): 19xx or 20xx
YEAR = r"(?:19|20)\d{2}"
# "30/6/2026", "30-6-2026", "30.6.2026": one separator throughout (a cited "64/KH-UBND" is none)
DAY_DIGITS = rf"(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<y>{YEAR})\b"
# "ngày 10 tháng 12 năm 2026", "ngày 05 tháng 02 năm 2026"
DAY_WORDS = rf"ngày\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})\s+năm\s+(?P<y>{YEAR})"
# a day as typed: dd/mm/yyyy, or '.', '-' or spaces between (a phone's number pad has no
# '/'), or the eight digits ddmmyyyy; ISO yyyy-mm-dd is the API's
_TYPED = re.compile(rf"(\d{{1,2}})\s*[/.\- ]\s*(\d{{1,2}})\s*[/.\- ]\s*({YEAR})"
                    rf"|(\d{{2}})(\d{{2}})({YEAR})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def renamed(piece: str, suffix: str) -> str:
    """`piece` with its groups d, m, y (and sep) named d2, m2 … so two pieces share a regex."""
    return re.sub(r"\(\?P([<=])(d|m|y|sep)\b", lambda g: f"(?P{g[1]}{g[2]}{suffix}", piece)


def quarter_number(numeral: str) -> int:
    """'II', 'ii', '2' -> 2 (KeyError for what is no quarter)."""
    return QUARTERS[numeral.upper()]


def read_day(text: str) -> date:
    """A day as a clerk types it (see _TYPED) or as ISO yyyy-mm-dd; ValueError otherwise
    (and for a day that does not exist, 31/02/2026)."""
    raw = text.strip()
    typed = _TYPED.fullmatch(raw)
    if typed:
        day, month, year = (int(g) for g in typed.groups() if g is not None)
        return date(year, month, day)
    if _ISO.fullmatch(raw):
        return date.fromisoformat(raw)
    raise ValueError(f"not a day: {text!r}")


def vn_day(value: date | datetime | str | None) -> str:
    """A day (or an ISO date text) as people read it: dd/mm/yyyy; '' for none."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")
