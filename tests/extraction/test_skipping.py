"""Rules searched from the characters their matches start with (extraction/skipping.py): the
class read from a pattern holds every match's first character, and a skipping rule (and a
folded rule's finder) answers as the rule alone on the plans' lines, in upper and lower
case, and on strings drawn from the rule's own pattern."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.extraction.folded import Folded
from theodoi.extraction.rules import fields, headings, targets, tasks
from theodoi.extraction.skipping import Skipping, finder, first_class, skipping

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\bgiảm\b|\bcòn\b", 0, "[gc]"),
    (r"(?<!không )\bdưới\b", 0, "[d]"),
    (r"^(?:[-+*•]\s*)?năm", re.MULTILINE, r"[\-\+\*•n]"),  # an optional label, then the word
    (r"(?:từ\s+)?\d+%", re.IGNORECASE, r"[t\d]"),
    (r"(?:\s*x)?y", 0, r"[\sxy]"),
    (r"[a-c]+z|q", 0, "[a-cq]"),
])
def test_the_class_read_from_a_pattern(pattern: str, flags: int, expected: str) -> None:
    assert first_class(re.compile(pattern, flags)) == expected


@pytest.mark.parametrize("pattern", [
    r"[^a]b",         # a negated class: nearly any character
    r".x",
    r"(a)?\1b",       # a back-reference first
    r"x?",            # an empty match
    r"(?i:a)b",       # a group that switches IGNORECASE: its class would not read alike
])
def test_refuses_a_rule_whose_first_character_is_not_bounded(pattern: str) -> None:
    with pytest.raises(ValueError):
        skipping(re.compile(pattern))


def test_no_finder_where_the_engine_skips_by_itself_or_a_group_is_referred_to() -> None:
    assert finder(re.compile("abc|abd")) is None               # a literal first
    assert finder(re.compile("[ab]c")) is None                 # a class first
    assert finder(re.compile(r"(?P<a>x)?(?(a)y|z)\b")) is None  # a condition in a look-behind
    assert finder(re.compile(r"\bab")) is not None


def _key(m: re.Match[str] | None) -> tuple[object, ...] | None:
    return (m.span(), m.groups(), m.group()) if m else None


def _pairs() -> list[tuple[object, re.Pattern[str]]]:
    """(the rule as searched, the plain rule it must answer as): each skipping rule, and
    each folded rule's twin where a finder stands for it (only its start is used)."""
    found: list[tuple[object, re.Pattern[str]]] = []
    for module in (fields, headings, targets, tasks):
        for value in vars(module).values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                for rule in (item if isinstance(item, tuple) else (item,)):
                    if isinstance(rule, Skipping):
                        found.append((rule, rule.rule))
                    elif isinstance(rule, Folded) and rule.twin.pattern != rule.rule.pattern:
                        found.append((rule.twin, re.compile(rule.rule.pattern,
                                                            rule.rule.flags & ~re.IGNORECASE)))
    assert len(found) >= 8
    return found


def _agree(rule: object, plain: re.Pattern[str], text: str) -> None:
    if isinstance(rule, Skipping):
        assert _key(rule.search(text)) == _key(plain.search(text))
        assert [_key(m) for m in rule.finditer(text)] == [_key(m) for m in plain.finditer(text)]
        assert rule.sub("|", text) == plain.sub("|", text)
        for pos, endpos in ((1, len(text)), (0, len(text) // 2), (len(text) // 3, len(text) - 1)):
            assert _key(rule.search(text, pos, endpos)) == _key(plain.search(text, pos, endpos))
    else:  # a folded rule's finder: where the twin's search starts
        assert isinstance(rule, re.Pattern)
        for pos, endpos in ((0, len(text)), (1, len(text)), (len(text) // 3, len(text) - 1)):
            got, want = rule.search(text, pos, endpos), plain.search(text, pos, endpos)
            assert (got and got.start()) == (want and want.start()), (plain.pattern, text)


def test_every_skipping_rule_answers_as_written_on_the_plans() -> None:
    texts = [p.read_text(encoding="utf-8-sig") for p in
             [*sorted((ROOT / "samples").glob("*.txt")),
              *sorted((ROOT / "tests/data/shared/corpus").glob("*.txt"))]]
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()]
    pairs = _pairs()
    for line in lines[::2]:
        for text in (line, line.lower(), line.upper()):
            for rule, plain in pairs:
                _agree(rule, plain, text)


@settings(max_examples=1500, deadline=None)
@given(data=st.data())
def test_skipping_rules_agree_on_strings_drawn_from_their_patterns(data: st.DataObject) -> None:
    """A string drawn from the rule's pattern with text before and after it: the match
    itself, near it, and a first character of the class that does not start a match."""
    rule, plain = data.draw(st.sampled_from(_pairs()))
    noise = st.text(alphabet="gcdtnh 0123456789.,;:-\n", max_size=8)
    text = data.draw(noise) + data.draw(st.from_regex(plain, fullmatch=True)) + data.draw(noise)
    _agree(rule, plain, text)
