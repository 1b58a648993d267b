"""Case-insensitive rules searched in lower-cased text first (extraction/folded.py): the
same matches as the rule alone, on plans' own sentences and on the letters that fold oddly."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from theodoi.extraction.folded import Folded, folded
from theodoi.extraction.rules import fields, targets, tasks

ROOT = Path(__file__).resolve().parents[2]
RULE = folded(re.compile(r"\bphấn đấu\b|đạt(?= \d)|tỷ lệ [^\W\d_]+", re.IGNORECASE))


def _key(m: re.Match[str] | None) -> tuple[object, ...] | None:
    return (m.span(), m.groups(), m.group()) if m else None


def _same(found: re.Match[str] | None, want: re.Match[str] | None) -> None:
    assert _key(found) == _key(want)


@pytest.mark.parametrize(("text", "span"), [
    ("Phấn đấu đến năm 2030 tỷ lệ hộ nghèo còn 1%", (0, 8)),
    ("PHẤN ĐẤU ĐẠT 95%", (0, 8)),
    ("Năm 2026 ĐẠT 30%", (9, 12)),
    ("Tỷ Lệ Hộ Nghèo giảm", (0, 8)),
    ("không phấn đấuxyz", None),                # the word boundary holds in lower case too
    ("nothing here", None),
    ("Tỷ lệ hộ nghèo İ", (0, 8)),               # 'İ' lowers to two letters: the rule alone
    ("ıt phấn đấu", (3, 11)),                   # 'ı' folds to 'i' only in IGNORECASE
])
def test_search_answers_as_the_rule(text: str, span: tuple[int, int] | None) -> None:
    found = RULE.search(text)
    assert (found.span() if found else None) == span
    _same(found, RULE.rule.search(text))
    assert found is None or found.group() == text[span[0]:span[1]]  # the text's own case


@pytest.mark.parametrize(("text", "span"), [
    ("tín dụng", (0, 3)),
    ("TIN HỌC", (0, 3)),
    ("tın", (0, 3)),   # IGNORECASE takes the dotless 'ı' for 'i'; lower case text would not
    ("tſn", None),
])
def test_letters_that_fold_to_another_letter(text: str, span: tuple[int, int] | None) -> None:
    rule = folded(re.compile(r"tin|tín", re.IGNORECASE))
    found = rule.search(text)
    assert (found.span() if found else None) == span
    _same(found, rule.rule.search(text))


def test_search_finditer_sub_with_positions() -> None:
    text = "Đạt 5 ĐẠT 6; phấn đấu; Tỷ lệ A"
    for pos, endpos in ((0, len(text)), (3, len(text)), (0, 12), (13, 20)):
        _same(RULE.search(text, pos, endpos), RULE.rule.search(text, pos, endpos))
        assert [m.span() for m in RULE.finditer(text, pos, endpos)] == [
            m.span() for m in RULE.rule.finditer(text, pos, endpos)]
    assert RULE.sub("#", text) == "# 5 # 6; #; #"
    assert RULE.sub("#", "không có gì") == "không có gì"


@pytest.mark.parametrize("pattern", [
    r"Năm \d{4}",         # an upper case letter
    r"[A-Z]\d",           # a range with upper case letters
    r"(?-i:a)b",          # a part without IGNORECASE
    r"(a)\1",             # a back-reference
])
def test_refuses_what_lower_case_text_would_answer_otherwise(pattern: str) -> None:
    with pytest.raises(ValueError, match="not a rule"):
        folded(re.compile(pattern, re.IGNORECASE))


def test_refuses_a_case_sensitive_rule() -> None:
    with pytest.raises(ValueError):
        folded(re.compile(r"phấn đấu"))


def _folded_rules() -> list[Folded]:
    found = [v for m in (targets, tasks, fields) for v in vars(m).values() if isinstance(v, Folded)]
    found += [p for _, p in fields.FIELDS + fields.SECTION_FIELDS if isinstance(p, Folded)]
    return found + [p for p, _ in tasks.KINDS if isinstance(p, Folded)]


def test_every_folded_rule_matches_as_written_on_the_seed_plans() -> None:
    """Each rule wrapped in the rules modules, on every line of the seeds in upper, lower and
    written case: the same first match, the same matches, the same substitution."""
    rules = _folded_rules()
    assert len(rules) >= 20
    lines = [ln for p in sorted((ROOT / "samples").glob("*.txt"))
             for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for line in lines[::6]:
        for text in (line, line.upper(), line.lower()):
            for rule in rules:
                _same(rule.search(text), rule.rule.search(text))
                assert [m.span() for m in rule.finditer(text)] == [
                    m.span() for m in rule.rule.finditer(text)]
                assert rule.sub("|", text) == rule.rule.sub("|", text)


def test_every_folded_rule_matches_as_written_on_unaccented_lines() -> None:
    """ASCII text is lower-cased without the scan for letters that fold oddly (it holds
    none): the seeds' lines without their accents ("Phan dau dat 95%"), as an unaccented
    PDF's text is, in upper, lower and written case, match as the rules alone do."""
    rules = _folded_rules()
    lines = [ln for p in sorted((ROOT / "samples").glob("*.txt"))
             for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    plain = ["".join(c for c in unicodedata.normalize("NFD", ln.replace("đ", "d").replace(
        "Đ", "D")) if not unicodedata.combining(c)) for ln in lines[1::6]]
    plain = [ln for ln in plain if ln.isascii()]
    assert len(plain) >= 20
    for line in plain:
        for text in (line, line.upper(), line.lower()):
            for rule in rules:
                _same(rule.search(text), rule.rule.search(text))
                assert [m.span() for m in rule.finditer(text)] == [
                    m.span() for m in rule.rule.finditer(text)]
