"""Cheap tests that answer for a rule before it is searched (a digit for the dates, a colon
at a line's end for a role's name broken off): the same answers as the searches alone."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.extraction import dates
from theodoi.extraction.gated import required
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import tasks as R
from theodoi.extraction.source import SourceText
from theodoi.extraction.stages import paragraphs, target_values, task_prose

ROOT = Path(__file__).resolve().parents[2]
START = date(2026, 3, 1)
DATE_RULES = [R.ANNUAL_DAY, R.ANNUAL_MONTH, R.DAY, R.DAY_HINT, R.DAY_NO_YEAR, R.MONTH_NO_YEAR,
              R.MONTH, R.HALF, R.PERIOD, R.YEAR, R.DEADLINE_YEAR]
WORDS = ["Quý", "quý", "I", "IV", "hằng năm", "hàng năm", "năm", "tháng", "ngày", "trước",
         "Trước", "chậm nhất", "đầu", "giữa", "giai đoạn", "hạn chót", "/", "-", ".", " ", ":",
         "trong", "hoàn thành", "đến", "2027", "15", "3"]


def _seed_lines() -> list[str]:
    return [ln for p in sorted((ROOT / "samples").glob("*.txt"))
            for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _searching_all(text: str, strict: bool) -> dates.Due | None:
    """parse_due as it was before its digit test: every finder asked in turn."""
    finders = (dates._deadline_day, dates._quarter, dates._month, dates._half,
               dates._deadline_year) if strict else (
        dates._day, dates._quarter, dates._month, dates._half, dates._period, dates._year)
    if "năm" in text:
        annual = dates._annual_day(text, START) or dates._annual_month(text, START)
        if annual:
            return annual
    for finder in finders:
        found = finder(text, 2026)
        if found:
            return dates._first_quarter(found, START) if found.recurrence else found
    return dates._without_year(text, START)


def _same_due(text: str) -> None:
    for strict in (False, True):
        assert dates.parse_due(text, 2026, strict=strict, start=START) == _searching_all(
            text, strict)


def test_every_date_rule_but_the_quarter_needs_a_digit() -> None:
    """The seeds' lines with their digits written as letters: no date rule but QUARTER finds
    anything, and parse_due answers as the search of every rule does."""
    for line in _seed_lines():
        text = re.sub(r"\d", "x", line)
        assert not any(rule.search(text) for rule in DATE_RULES), text
        _same_due(text)
        _same_due(line)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_dates_with_and_without_digits(words: list[str]) -> None:
    _same_due(" ".join(words))
    _same_due(re.sub(r"\d", "", " ".join(words)))


LINE_END = st.sampled_from(["Cơ quan chủ trì", "(chủ trì", "; thời gian", ", Thời hạn", "Phòng",
                            ":", " ", "\n", ":\n", ": ", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE_END, max_size=8), st.integers(0, 3))
def test_a_role_broken_off_is_looked_for_only_before_a_colon(parts: list[str], cut: int) -> None:
    text = "".join(parts)
    for line in ((0, len(text)), (min(cut, len(text)), len(text)), (0, max(0, len(text) - cut))):
        assert paragraphs._role_before_break(text, line) == bool(
            R.ROLE_BEFORE_BREAK.search(text, *line))


def test_a_role_broken_off_on_the_seed_lines() -> None:
    text = "\n".join(_seed_lines())
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for s, e in pairwise(starts):
        for line in ((s, e), (s, e - 1)):
            assert paragraphs._role_before_break(text, line) == bool(
                R.ROLE_BEFORE_BREAK.search(text, *line))


PIECES = st.sampled_from([" ", "  ", "\n", "(", ")", ".", ";", ",", ":", "Giao", "giao", "Phòng Kinh tế",
                          "chủ trì", "phối hợp", "thời gian: Quý II/2027", "abcd", "x", "đ", "2027",
                          "Công an xã chủ trì, phối hợp với các thôn"])


def _key(m: re.Match[str] | None) -> tuple[object, ...] | None:
    return (m.span(), m.groups()) if m else None


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=16))
def test_the_assignment_at_a_paragraphs_end_is_matched_where_it_can_start(
        pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _key(task_prose.assigned_at_end(text)) == _key(R.ASSIGNED_AT_END.search(text))


def test_the_assignment_at_the_end_on_the_seed_lines() -> None:
    found = 0
    for line in _seed_lines():
        for text in (line, line + "\n", line.rstrip(".") + " (Phòng Kinh tế chủ trì)."):
            want = R.ASSIGNED_AT_END.search(text)
            assert _key(task_prose.assigned_at_end(text)) == _key(want)
            found += want is not None
    assert found > 50


SPACES = st.sampled_from(["a", "đạt", " ", "  ", "\n", "\t", "\xa0", "\u2028", "\x1c", "\u3000",
                          "\x00", "\u200b", ".", "5%"])


def _words_by_the_rule(text: str) -> str:
    return target_values.WHITESPACE_RUN.sub(" ", text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(SPACES, max_size=12))
def test_a_clauses_words_are_read_by_the_rule_when_printable_text_is_let_through(
        pieces: list[str]) -> None:
    """clause_words passes printable text with no two spaces in a row as it is: the same
    words as the whitespace rule gives, and the same offsets into the document."""
    text = "".join(pieces)
    ctx = Context(source=SourceText(text="x " + text + " y", format="txt"))
    words, at = target_values.clause_words(ctx, (2, 2 + len(text)))
    assert words == _words_by_the_rule(text)
    for i in range(len(words)):  # each character but a folded run maps back to itself
        assert ctx.text[at(i)] == words[i] or words[i] == " "


def test_a_clauses_words_on_the_seed_lines() -> None:
    text = "\n".join(_seed_lines())
    ctx = Context(source=SourceText(text=text, format="txt"))
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for s, e in pairwise(starts):
        for span in ((s, e), (s, e - 1), (s, min(e + 40, len(text)))):
            assert target_values.clause_words(ctx, span)[0] == _words_by_the_rule(
                text[span[0]:span[1]])


def test_every_inline_role_holds_a_colon() -> None:
    """task_prose and task_blocks search R.INLINE_ROLE only in text with a ':': a need of
    the rule as its own pattern says (gated.required), so an edit that drops it fails here."""
    assert frozenset({":"}) in required(R.INLINE_ROLE)
