"""Rules searched only in text that holds a word every one of their matches holds.

Python's regex engine skips ahead only in a pattern that opens with a literal or a class;
a rule opening with an alternation of capitalised words ('[Tt]rước|[Cc]hậm nhất …'), a
look-behind or a lazy run of letters is tried at every character of every text it is
given. Most texts hold none of the words such a rule needs, and `str.__contains__` says so
in a fraction of the steps.

`gated(rule)` reads the words from the rule itself (`required`): sets of strings ("needs")
such that every match of the rule contains a word of each, so the gate is a necessary
condition of a match by construction and follows the rule when the rule is edited. It
looks for its two most telling needs (longest shortest word first; a need of one-letter
words is in nearly every text and would only cost). When the part of the text searched
lacks every word of a need, `search`, `match`, `finditer`, `sub` and the rest answer as
the rule does on such text (no match); otherwise the rule itself answers, so every match
is the rule's own.

What the words are read from: literal letters and small classes ('[Tt]'), concatenated
while few; for an alternation, the words of each branch together; for a repeat of at least
one, the words of what is repeated. Assertions (look-ahead, look-behind, '\\b', '^', '$')
need nothing of the match; a class of more than a few characters ('\\d', '[^,;]') and
back-references say nothing. A case-insensitive rule's words are looked for in the text's
lower case, kept from one rule to the next (`folded._lowered`), when that lower case is
letter for letter and holds none of the letters IGNORECASE folds to another; otherwise
the rule is searched ungated.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import product
from typing import Any

from theodoi.extraction.folded import _EXOTIC, _LONGEST, _lowered
from theodoi.extraction.skipping import RuleFace, searching

_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")

_MAX_EXACT = 16  # the most strings a part may stand for and still be spelt out
_MAX_CLASS = 6  # a class of more characters than this says nothing
_MAX_WORDS = 8  # the most words a gate tests (each is one scan of the text)

# A part of a pattern: ("exact", every string it matches) or ("any_of", strings of which
# each match holds one); None when nothing is known of it.
Info = tuple[str, frozenset[str]] | None
_EMPTY: Info = ("exact", frozenset({""}))


def _class(items: list[tuple[Any, Any]]) -> Info:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars |= {chr(c) for c in range(av[0], av[1] + 1)}
        else:
            return None  # a negation, a category ('\\d', '\\s') or a wide range
    return ("exact", frozenset(chars)) if len(chars) <= _MAX_CLASS else None


def _words(info: Info) -> frozenset[str] | None:
    """The strings one of which every match of the part holds; None when there are none."""
    if info is None or "" in info[1]:
        return None
    return info[1]


def _branch(branches: list[Any]) -> Info:
    infos = [_sequence(b) for b in branches]
    if any(i is None for i in infos):
        return None
    if all(i is not None and i[0] == "exact" for i in infos):
        every = frozenset().union(*(i[1] for i in infos if i is not None))
        if len(every) <= _MAX_EXACT:
            return ("exact", every)
    words = [_words(i) for i in infos]
    if any(w is None for w in words):
        return None
    return ("any_of", frozenset().union(*(w for w in words if w is not None)))


def _repeat(low: int, high: int, items: Any) -> Info:
    info = _sequence(items)
    if low == 0:
        return None  # nothing, or any number of what it repeats: a break in the words
    if info is not None and info[0] == "exact" and low == high == 1:
        return info
    words = _words(info)
    return ("any_of", words) if words else None


def _item(op: Any, av: Any) -> Info:
    if op is C.LITERAL:
        return ("exact", frozenset({chr(av)}))
    if op is C.IN:
        return _class(av)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _EMPTY  # zero width: it needs nothing of the match
    if op is C.SUBPATTERN:  # a group; one that switches case folding on is unknown
        return None if av[1] & re.IGNORECASE else _sequence(av[3])
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op is C.BRANCH:
        return _branch(av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _repeat(av[0], av[1], av[2])
    return None  # any character, a negated literal, a back-reference, a condition


def _sequence(items: Iterable[tuple[Any, Any]]) -> Info:
    """The strings a run of items spells while few, else the most telling requirement."""
    needs = _needs(items)
    if isinstance(needs, frozenset):
        return ("exact", needs)
    return ("any_of", max(needs, key=_telling)) if needs else None


def _telling(words: frozenset[str]) -> tuple[int, int]:
    return (min(map(len, words)), -len(words))


def _needs(items: Iterable[tuple[Any, Any]]) -> frozenset[str] | list[frozenset[str]]:
    """Every string a run of items matches (a frozenset) when few; else the requirements
    each of its matches meets (a list of word sets, one word of each in every match)."""
    exact = frozenset({""})  # the strings the run since the last break spells
    needs: list[frozenset[str]] = []
    whole = True  # no break yet: `exact` is all the run can match
    for op, av in items:
        info = _item(op, av)
        if info is not None and info[0] == "exact" and len(exact) * len(info[1]) <= _MAX_EXACT:
            exact = frozenset(a + b for a, b in product(exact, info[1]))
            continue
        whole = False
        needs += [w for w in (_words(("exact", exact)), _words(info)) if w]
        exact = info[1] if info is not None and info[0] == "exact" else frozenset({""})
    if whole:
        return exact
    return needs + [w for w in (_words(("exact", exact)),) if w]


def required(rule: re.Pattern[str]) -> list[frozenset[str]]:
    """Sets of strings every match of `rule` holds one of each of, the most telling first
    (longest shortest word, then fewest words). For a case-insensitive rule the words are
    in lower case, to be looked for in the text's lower case (`folded._lowered`)."""
    needs = _needs(_parser.parse(rule.pattern, rule.flags))
    if isinstance(needs, frozenset):
        needs = [needs] if "" not in needs else []
    if rule.flags & re.IGNORECASE:
        needs = [frozenset(w.lower() for w in words) for words in needs
                 if all(_lowers_alike(w) for w in words)]
    return sorted(set(needs), key=_telling, reverse=True)


def _lowers_alike(word: str) -> bool:
    """A word whose lower case has its length and none of the letters that fold oddly."""
    return len(word.lower()) == len(word) and not any(c in _EXOTIC for c in word.lower())


class Gated(RuleFace):
    """A rule searched only where the text holds a word of each of its `needs` (see the
    module)."""

    __slots__ = ("lower", "needs", "rule", "searcher")

    def __init__(self, rule: re.Pattern[str], needs: tuple[tuple[str, ...], ...]) -> None:
        self.rule = rule
        self.needs = needs
        self.lower = bool(rule.flags & re.IGNORECASE)  # the words are looked for in lower case
        # where the engine cannot skip ahead in the rule, its search goes from where a
        # finder says a match starts (skipping.py)
        self.searcher = searching(rule)

    def _may(self, text: str, pos: int, endpos: int | None) -> bool:
        """Whether text[pos:endpos] holds a word of each need (True when it cannot tell:
        a case-insensitive rule on text whose lower case is not letter for letter)."""
        if self.lower:
            low = _lowered(text) if len(text) <= _LONGEST else None
            if low is None:
                return True
            text = low
        # plain loops: the generator expressions they replace cost more than the scans
        if pos == 0 and endpos is None:
            for words in self.needs:
                for w in words:
                    if w in text:
                        break
                else:
                    return False
            return True
        end = len(text) if endpos is None else endpos
        for words in self.needs:
            for w in words:
                if text.find(w, pos, end) >= 0:
                    break
            else:
                return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self._may(text, pos, endpos):
            return None
        return self.searcher.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self._may(text, pos, endpos):
            return None
        return self.rule.match(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None
                 ) -> Iterator[re.Match[str]]:
        if not self._may(text, pos, endpos):
            return iter(())
        return self.rule.finditer(text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None
                  ) -> re.Match[str] | None:
        if not self._may(text, pos, endpos):
            return None
        return self.rule.fullmatch(text, pos, len(text) if endpos is None else endpos)

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        if not self._may(text, pos, endpos):
            return []
        return self.rule.findall(text, pos, len(text) if endpos is None else endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.rule.sub(repl, text, count) if self._may(text, 0, None) else text

    def subn(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0
             ) -> tuple[str, int]:
        return self.rule.subn(repl, text, count) if self._may(text, 0, None) else (text, 0)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.rule.split(text, maxsplit) if self._may(text, 0, None) else [text]


def _fewer(words: frozenset[str]) -> frozenset[str]:
    """The same need in at most _MAX_WORDS words: the longest starts of its words that are
    few enough (a text holding a word holds its start: 'thi hành Quyết định này', 'thi
    hành Chỉ thị này' -> 'thi hành')."""
    for size in range(max(map(len, words)), 0, -1):
        starts = frozenset(w[:size] for w in words)
        if len(starts) <= _MAX_WORDS:
            return starts
    return words  # more than _MAX_WORDS different first letters: refused below


def gated(rule: re.Pattern[str], most: int = 2) -> Gated:
    """`rule` searched only in text holding a word of each of its `most` most telling
    needs (see the module), each in at most _MAX_WORDS words (`_fewer`); ValueError for a
    rule with no such need of words of two letters or more (a gate of one letter is in
    nearly every text: it would only cost)."""
    fewer = sorted({_fewer(w) for w in required(rule)}, key=_telling, reverse=True)
    needs = [tuple(sorted(w, key=len, reverse=True)) for w in fewer
             if len(w) <= _MAX_WORDS and min(map(len, w)) >= 2][:most]
    if not needs:
        raise ValueError(f"no words to gate {rule.pattern!r} by: {required(rule)}")
    return Gated(rule, tuple(needs))
