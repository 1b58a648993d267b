"""Rules searched only in text holding the words their matches need (extraction/gated.py):
the words read from a pattern are in every match of it, and a gated rule answers as the
rule alone on plans' own sentences, upper and lower case, and on strings made of its words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.extraction.gated import Gated, gated, required
from theodoi.extraction.rules import document, tables, targets, tasks

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("pattern", "flags", "needs"), [
    (r"[Tt]rước\s+ngày", 0, [{"trước", "Trước"}, {"ngày"}]),
    (r"(?:[Cc]hậm nhất|[Hh]ạn chót)\s+\d", 0, [{"chậm nhất", "Chậm nhất", "hạn chót",
                                                "Hạn chót"}]),
    (r"\s*,?\s*giao", 0, [{"giao"}]),           # an optional part breaks the word: ",giao" is no need
    (r"ab?c", 0, [{"a"}, {"c"}]),
    (r"(?:x|y\d)z", 0, [{"z"}, {"x", "y"}]),
    (r"^(?=Đồng)\w+\s+chí", 0, [{"chí"}]),       # what a look-ahead sees is not the match's
    (r"(?:abc|\d+)", 0, []),                     # a branch that needs nothing: no need
    (r"(a)\1b", 0, [{"a"}, {"b"}]),
    (r"Cơ quan (?:chủ trì|phối hợp)", re.IGNORECASE, [{"cơ quan chủ trì", "cơ quan phối hợp"}]),
    (r"[^\S\n]*\|", 0, [{"|"}]),
])
def test_words_read_from_a_pattern(pattern: str, flags: int, needs: list[set[str]]) -> None:
    assert sorted(map(sorted, required(re.compile(pattern, flags)))) == sorted(map(sorted, needs))


@pytest.mark.parametrize("pattern", [r"\d+\s*%", r"[^,;]+:", r"a|\w", r"x?y?"])
def test_refuses_a_rule_with_no_word_to_look_for(pattern: str) -> None:
    with pytest.raises(ValueError, match="no words"):
        gated(re.compile(pattern))


def _key(m: re.Match[str] | None) -> tuple[object, ...] | None:
    return (m.span(), m.groups(), m.group()) if m else None


def _agree(rule: Gated, text: str) -> None:
    plain = rule.rule
    assert _key(rule.search(text)) == _key(plain.search(text))
    assert _key(rule.match(text)) == _key(plain.match(text))
    assert [_key(m) for m in rule.finditer(text)] == [_key(m) for m in plain.finditer(text)]
    assert rule.sub("|", text) == plain.sub("|", text)
    assert rule.split(text) == plain.split(text)
    assert rule.findall(text) == plain.findall(text)
    for pos, endpos in ((1, len(text)), (0, len(text) // 2), (len(text) // 3, len(text) - 1)):
        assert _key(rule.search(text, pos, endpos)) == _key(plain.search(text, pos, endpos))
        assert _key(rule.match(text, pos, endpos)) == _key(plain.match(text, pos, endpos))


def _gated_rules() -> list[Gated]:
    found = [v for m in (document, tables, targets, tasks) for v in vars(m).values()
             if isinstance(v, Gated)]
    assert len(found) >= 20
    return found


def test_every_gated_rule_answers_as_written_on_the_seed_plans() -> None:
    """Each rule gated in the rules modules, on every line and paragraph of the seeds as
    written, in upper and in lower case."""
    rules = _gated_rules()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()]
    for line in lines[::3]:
        for text in (line, line.upper(), line.lower(), line.replace(" ", "\n")):
            for rule in rules:
                _agree(rule, text)


def test_the_words_are_in_every_match_on_the_seed_plans() -> None:
    """Whatever the rules find in the seeds holds a word of each of the needs they are gated
    by (in lower case for a case-insensitive rule): the gate never hides a match."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt")))
    seen = 0
    for rule in _gated_rules():
        for m in rule.rule.finditer(text):
            said = m.group().lower() if rule.lower else m.group()
            assert all(any(w in said for w in words) for words in rule.needs), (rule.pattern, said)
            seen += 1
    assert seen > 100


@settings(max_examples=1000, deadline=None)
@given(data=st.data())
def test_gated_rules_agree_on_strings_made_of_their_words(data: st.DataObject) -> None:
    """Strings built from every word the rule's pattern needs (not only those its gate looks
    for), digits, spaces, punctuation and capitals: near misses ('tháng' without its
    number) as well as matches."""
    rule = data.draw(st.sampled_from(_gated_rules()))
    words = sorted({w for need in required(rule.rule) for w in need}
                   | {"Đ", "2027", "15", "3", "/", "Phòng Kinh tế"})
    parts = st.one_of(st.sampled_from(words), st.sampled_from(words).map(str.upper),
                      st.sampled_from([" ", "\n", ",", ";", ".", ":", "(", ")", "a"]),
                      st.text(alphabet="0123456789 ", max_size=4))
    text = "".join(data.draw(st.lists(parts, max_size=14)))
    _agree(rule, text)


@pytest.mark.parametrize("rule", _gated_rules(), ids=lambda r: r.pattern[:24])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_what_a_rule_matches_holds_its_gate_words(rule: Gated, data: st.DataObject) -> None:
    """Strings drawn from the rule's own pattern (Hypothesis' from_regex): every match of
    the rule in them holds a word of each need, and the gated rule finds it too."""
    text = data.draw(st.from_regex(rule.rule))
    for m in rule.rule.finditer(text):
        said = m.group().lower() if rule.lower else m.group()
        assert all(any(w in said for w in words) for words in rule.needs), (rule.pattern, said)
    _agree(rule, text)


def test_a_need_of_many_words_is_looked_for_by_their_starts() -> None:
    """'thi hành Quyết định này', 'thi hành Chỉ thị này' …: more words than a gate tests,
    looked for by the longest starts that are few enough (a text holding a word holds its
    start)."""
    rule = gated(re.compile(r"thi hành (?:[Qq]uyết định|[Nn]ghị quyết|[Cc]hỉ thị|[Tt]hông tư) "
                            r"này|n(?<!\wn)ếu có (?:khó khăn|vướng mắc)"))
    assert sorted(rule.needs[0]) == ["nếu có kh", "nếu có vư", "thi hành "]
    _agree(rule, "Trường hợp nếu có khó khăn, báo cáo")
    _agree(rule, "Tổ chức thi hành Quyết định này.")
