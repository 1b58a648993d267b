"""Case-insensitive rules searched in lower-cased text first: the same matches, fewer steps.

Python's regex engine cannot skip ahead in an IGNORECASE alternation ('phấn đấu|đạt|tăng|…'):
it tries every word at every character, lower-casing as it goes. Compiled without
IGNORECASE, the same words let it jump to their first letters. `folded(rule)` keeps the
rule as written and searches its case-sensitive twin in the lower-cased text first: most
clauses hold none of a rule's words, and the twin says so in a fraction of the steps. Where
the twin finds a match, the rule itself is searched from there, so every match returned is
the rule's own (the same span and groups; only `Match.pos` is where the twin found it).

The twin finds exactly where the rule matches when
- every letter the rule names is its own lower case (no 'Đ', no '[A-Z]'; a rule that needs
  one is refused when compiled, so it keeps plain IGNORECASE), and
- the text lower-cases letter for letter (`str.lower` keeps its length) and holds none of
  the few letters IGNORECASE folds to another lower case letter ('ı', 'ſ', Greek variants,
  'İ', 'Σ'); other text is searched with the rule alone.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from typing import Any

from theodoi.extraction.skipping import finder

# the regex engine's own parser, its opcodes and its table of case folds (CPython's `re`)
_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")
_EXTRA_CASES: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES


def _exotic() -> str:
    """The letters whose IGNORECASE match differs from a match in `str.lower`'s text: the
    lower case letters that share an upper case with another (casefix: 'ı', 'ſ', Greek and
    Cyrillic variants) and the upper case letters lower-cased to them, 'İ' and 'Σ'."""
    found = {"\u0130", "\u03a3"}
    for key, others in _EXTRA_CASES.items():
        for letter in map(chr, (key, *others)):
            if not letter.isascii():
                found.add(letter)
                found |= {up for up in (letter.upper(), letter.title()) if up.lower() == letter}
    return "".join(sorted(found))


_EXOTIC = _exotic()
_GUARD = re.compile("[" + re.escape(_EXOTIC) + "]")
_LONGEST = 100_000  # longer text is searched with the rule alone: its copy costs memory
_last: tuple[str, str | None] = ("", "")  # the last text lowered, and its lower case


def _lowered(text: str) -> str | None:
    """`text` in lower case, offsets kept; None when the twin could miss a match in it.
    The rules of one clause ask one after another: the last text's answer is kept."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    lower = text.lower()
    # ASCII (a flag, no scan) lower-cases letter for letter and holds no exotic letter
    low = lower if text.isascii() else (
        None if len(lower) != len(text) or _GUARD.search(text) else lower)
    _last = (text, low)
    return low


def may_hold(text: str, words: str, rule: re.Pattern[str]) -> bool:
    """Whether `text` may hold `words`, as `rule` reads them: as they are, or for an
    IGNORECASE rule (its words in lower case) in any case; False only when `text`, or its
    lower case letter for letter, proves it does not (a cheap scan before a rule that must
    try every line start)."""
    if not rule.flags & re.IGNORECASE:
        return words in text
    low = _lowered(text) if len(text) <= _LONGEST else None
    return low is None or words in low


def _plain(code: int) -> bool:
    letter = chr(code)
    return letter.lower() == letter and letter not in _EXOTIC


def _range_closed(low: int, high: int) -> bool:
    """Every letter of the range has its lower case inside it ('a-z', 'à-ỹ'; not 'A-Z')."""
    return all(len(c := chr(i).lower()) == 1 and low <= ord(c) <= high
               and chr(i) not in _EXOTIC for i in range(low, high + 1))


def _class_ok(items: list[tuple[Any, Any]]) -> bool:
    """A character class: lower case letters, closed ranges, categories ('\\w', '\\s')."""
    for op, av in items:
        if (op is C.LITERAL and not _plain(av)) or (op is C.RANGE and not _range_closed(*av)):
            return False
        if op not in (C.LITERAL, C.RANGE, C.CATEGORY, C.NEGATE):
            return False
    return True


def _item_ok(op: Any, av: Any) -> bool:
    if op in (C.LITERAL, C.NOT_LITERAL):
        return _plain(av)
    if op is C.IN:
        return _class_ok(av)
    if op in (C.AT, C.ANY):
        return True
    if op is C.BRANCH:
        return all(_ok(branch) for branch in av[1])
    if op is C.SUBPATTERN:  # a group; one that switches IGNORECASE off or on is refused
        return not (av[1] | av[2]) & re.IGNORECASE and _ok(av[3])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _ok(av[2])
    if op in (C.ASSERT, C.ASSERT_NOT):
        return _ok(av[1])
    if op is C.ATOMIC_GROUP:
        return _ok(av)
    if op is C.GROUPREF_EXISTS:
        return _ok(av[1]) and (av[2] is None or _ok(av[2]))
    return False  # a back-reference compares text as IGNORECASE does: refused


def _ok(items: Any) -> bool:
    """Whether the parsed pattern holds only what matches alike in lower-cased text."""
    return all(_item_ok(op, av) for op, av in items)


class Folded:
    """An IGNORECASE rule with its case-sensitive twin for lower-cased text; `search`,
    `finditer` and `sub` answer as the rule does, the rest is the rule's own."""

    __slots__ = ("rule", "twin")

    def __init__(self, rule: re.Pattern[str]) -> None:
        if not rule.flags & re.IGNORECASE or rule.flags & re.ASCII or not _ok(
                _parser.parse(rule.pattern, rule.flags)):
            raise ValueError(f"not a rule lower-cased text answers alike: {rule.pattern!r}")
        self.rule = rule
        twin = re.compile(rule.pattern, rule.flags & ~re.IGNORECASE)
        # where the engine cannot skip ahead in the twin (a word boundary first, '^' or a
        # class and words in branches), a finder of where its matches start (skipping.py):
        # only the start of the twin's match is used
        self.twin = finder(twin) or twin

    @property
    def pattern(self) -> str:
        return self.rule.pattern

    def _start(self, text: str, pos: int, endpos: int) -> int | None:
        """Where the rule's first match in text[pos:endpos] starts (the twin's answer), or
        `pos` when the text is searched with the rule alone; None when there is none."""
        low = _lowered(text) if len(text) <= _LONGEST else None
        if low is None:
            return pos
        found = self.twin.search(low, pos, endpos)
        return found.start() if found else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        # `_start` written out: the most frequent call of the folded rules, one call less
        end = len(text) if endpos is None else endpos
        low = _lowered(text) if len(text) <= _LONGEST else None
        if low is None:
            return self.rule.search(text, pos, end)
        found = self.twin.search(low, pos, end)
        return None if found is None else self.rule.search(text, found.start(), end)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None
                 ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        start = self._start(text, pos, end)
        return iter(()) if start is None else self.rule.finditer(text, start, end)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        if self._start(text, 0, len(text)) is None:
            return text
        return self.rule.sub(repl, text, count)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.rule.match(text, pos, len(text) if endpos is None else endpos)


def folded(rule: re.Pattern[str]) -> Folded:
    """`rule` searched in lower-cased text first (see the module); ValueError for a rule
    whose letters are not all lower case, or that is not IGNORECASE."""
    return Folded(rule)
