"""Line-anchored rules matched from line start to line start (extraction/line_rules.py): each
answers as the rule alone, on the seed and corpus plans joined, in upper and lower case,
and on strings of line breaks, spaces and the rules' own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.extraction.line_rules import LineRule, line_rule
from theodoi.extraction.rules import document, fields, tables, targets, tasks
from theodoi.extraction.stages import outline

ROOT = Path(__file__).resolve().parents[2]


def _key(m: re.Match[str] | None) -> tuple[object, ...] | None:
    return (m.span(), m.groups(), m.group()) if m else None


def _line_rules() -> list[LineRule]:
    found = [v for m in (document, fields, tables, targets, tasks, outline)
             for v in vars(m).values() if isinstance(v, LineRule)]
    assert len(found) >= 4
    return found


def _agree(rule: LineRule, text: str) -> None:
    plain = rule.rule
    assert [_key(m) for m in rule.finditer(text)] == [_key(m) for m in plain.finditer(text)]
    for pos in {0, 1, len(text) // 3, len(text) // 2, len(text) - 1, len(text), len(text) + 1}:
        if pos >= 0:
            assert _key(rule.search(text, pos)) == _key(plain.search(text, pos)), pos
            assert _key(rule.match(text, pos)) == _key(plain.match(text, pos)), pos


def test_every_line_rule_answers_as_written_on_the_plans() -> None:
    texts = [p.read_text(encoding="utf-8-sig") for p in
             [*sorted((ROOT / "samples").glob("*.txt")),
              *sorted((ROOT / "tests/data/shared/corpus").glob("*.txt")),
              *sorted((ROOT / "tests/data/unseen").glob("*.txt"))]]
    whole = "\n".join(texts)
    seen = 0
    for rule in _line_rules():
        for text in (whole, whole.upper(), whole.lower(), whole.replace("\n", "\r\n")):
            _agree(rule, text)
            seen += sum(1 for _ in rule.rule.finditer(text))
    assert seen > 50  # the plans hold lines the rules find


@settings(max_examples=1500, deadline=None)
@given(data=st.data())
def test_line_rules_agree_on_strings_of_lines(data: st.DataObject) -> None:
    """Line breaks, blank lines, spaces, tabs and bars around the words the rules look for:
    matches at the text's start, at its end, on consecutive lines and across a blank line."""
    rule = data.draw(st.sampled_from(_line_rules()))
    parts = st.sampled_from(["\n", "\n\n", " ", "\t", "|", " | ", "-", "* ", "I. ", "II ",
                             "B. ", "Về ", "Về văn hóa", "Quý I năm 2027", "QUÝ II/2027",
                             "tháng 9", "PHỤ LỤC", "Phụ lục 01", "PHỤ LỤCX", "a", "Số: 12/KH",
                             "2027", ":", "x" * 60, "\r", "Cơ quan chủ trì: ", "1.2. "])
    text = "".join(data.draw(st.lists(parts, max_size=16)))
    _agree(rule, text)


@pytest.mark.parametrize(("pattern", "flags"), [
    (r"^abc", 0),                    # not MULTILINE: '^' is the text's start only
    (r"^abc|abd", re.MULTILINE),     # a branch that matches anywhere
    (r"\Aabc", re.MULTILINE),
    (r"^\s*", re.MULTILINE),         # an empty match
    (r"abc", re.MULTILINE),
])
def test_refuses_a_rule_not_anchored_at_line_starts(pattern: str, flags: int) -> None:
    with pytest.raises(ValueError, match="line starts"):
        line_rule(re.compile(pattern, flags))


def test_a_match_may_run_over_lines_and_the_next_starts_where_it_ends() -> None:
    rule = line_rule(re.compile(r"^\s*PHỤ LỤC\b", re.MULTILINE))
    text = "x\n\n  PHỤ LỤC\nPHỤ LỤC 2\nx PHỤ LỤC"
    assert [m.span() for m in rule.finditer(text)] == [(2, 12), (13, 20)]
    assert [m.span() for m in rule.finditer(text)] == [m.span() for m in rule.rule.finditer(text)]
