"""A clause's words and the value mentions in them, for the targets stage (targets.py).

A clause is read as words, each run of whitespace one space, with a map back to the
document's offsets; its values are the mentions of a number with a unit that commit to
something, each with the part of the clause that belongs to it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import targets as R
from theodoi.extraction.rules.targets import DIGIT_REF
from theodoi.extraction.stages import target_fields as F

WHITESPACE_RUN = re.compile(r"\s{2,}|[^\S ]")  # what a clause's words are read without


def clause_words(ctx: Context, span: tuple[int, int]) -> tuple[str, Callable[[int], int]]:
    """A clause's text as words, each run of whitespace one space (a PDF breaks a line
    wherever it ran out, and its text puts a blank line after each: "tăng ⏎⏎bình quân",
    "đạt ⏎⏎chuẩn"), and where each of its offsets is in the document (the end of the text
    maps to the clause's end)."""
    raw = ctx.text[span[0]:span[1]]
    # every whitespace character but ' ' is unprintable, so printable text without two
    # spaces in a row holds no run (a scan that costs a ninth of the search)
    words = raw if raw.isprintable() and "  " not in raw else WHITESPACE_RUN.sub(" ", raw)
    if len(words) == len(raw):  # no run longer than one: the offsets are the clause's
        return words, lambda i: span[0] + i
    runs: list[tuple[int, int]] = []  # (offset in `words` after a run, what it shortened)

    def at(i: int) -> int:
        """The document offset of `words[i]`: the runs, found when first asked (few
        clauses give a target), say how much shorter the words are before it."""
        if not runs:
            gone = 0
            for m in WHITESPACE_RUN.finditer(raw):
                gone += len(m.group()) - 1
                runs.append((m.end() - gone, gone))
        k = bisect_right(runs, (i, len(raw) + 1)) - 1
        return span[0] + i + (runs[k][1] if k >= 0 else 0)

    return words, at


def segment_start(text: str, matches: list[re.Match[str]], k: int) -> int:
    if k == 0:
        return 0
    between = (matches[k - 1].end(), matches[k].start())
    cuts = [m.end() for m in R.SEGMENT_END.finditer(text, *between)]
    return cuts[-1] if cuts else between[0]


def segment(text: str, matches: list[re.Match[str]], k: int) -> tuple[int, int]:
    """The part of the clause that belongs to value k: from the last comma / 'và' before it
    to where the next value's part starts, so two values of one clause get distinct spans."""
    start = segment_start(text, matches, k)
    end = segment_start(text, matches, k + 1) if k + 1 < len(matches) else len(text)
    while start < end and text[start] in " \n\t,;":
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def values(text: str) -> list[re.Match[str]]:
    """Value mentions that are commitments: with a unit, not a year ('năm 2030 xã'); a '1'
    per hectare or after a percentage describes what is measured ('trên 1 ha đất … đạt 230
    triệu', '100% trường có ít nhất 01 phòng học')."""
    refs = [r.span() for r in R.REFERENCE_NUMBER.finditer(text)] if DIGIT_REF.search(text) else []
    found = [m for m in R.VALUE.finditer(text)
             if (m.group("unit") or m.group("of") or m.group("aunit"))
             and not is_year(text, m)
             and not any(a <= m.start("a") < b for a, b in refs)
             and not (F.is_generic(m) and not (F.unit_text(m) and _spaced(m)))
             and not (F.is_generic(m) and R.ORDINAL_BEFORE.search(text, max(0, m.start() - 12),
                                                                   m.start()))]
    found = _drop_scope(text, found)
    if len(found) > 1:
        first_pct = next((i for i, m in enumerate(found) if m.group("aunit")
                          or (m.group("unit") or "").startswith("%")), None)
        found = [m for i, m in enumerate(found) if not (F.values(m)[0] == 1 and (
            (m.group("unit") or "").lower() in {"ha", "km"}
            or (first_pct is not None and i > first_pct)))]
    return found


def _spaced(m: re.Match[str]) -> bool:
    """A counted noun stands apart from its number: '5G', '4G' name a technology."""
    return m.end() > m.start("unit") > (m.end("b") if m.group("b") else m.end("a"))


def _drop_scope(text: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """A counted value right after another value in the same part of the clause describes
    what the first one measures, not a second target: '70% phụ nữ mang thai được tầm soát ít
    nhất 4 loại bệnh', '100% xã có ít nhất 01 điểm tư vấn'."""
    kept: list[re.Match[str]] = []
    for m in found:
        if kept and F.is_generic(m) and not R.SEGMENT_END.search(text, kept[-1].end(), m.start()):
            continue
        kept.append(m)
    return kept


def is_year(text: str, m: re.Match[str]) -> bool:
    """'đến năm 2030 xã …': a year followed by a noun that looks like a unit."""
    # the number test first: it is cheap, the search scans all the text before the value
    return bool(R.YEAR_NUMBER.match(m.group("a")) and R.YEAR_BEFORE.search(text[:m.start()]))
