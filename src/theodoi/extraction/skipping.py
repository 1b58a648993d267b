"""Rules searched only from the characters a match can start with: the same matches, fewer steps.

Python's regex engine skips ahead only in a pattern that opens with a literal or a class. A
rule that opens otherwise (a word boundary, a look-behind, an optional word, an alternation
of a class and a word: `DATED_WORK`, `VALUE`, `DAY`) makes it call its matcher at every
character, most of them failing at once. `skipping(rule)` reads from the rule's parsed
pattern the characters every match starts with and searches a finder first: that class,
then a look-behind over it holding a look-ahead of the rule itself ("[…](?<=(?=RULE).)"), a
pattern the engine skips through to the class's characters. The finder stops at the first
character where the rule matches; the rule itself is matched there (`rule.match`, what its
search tries at that position: look-behinds and '^' see the text before `pos`), so every
match returned is the rule's own (the same span and groups; only `Match.pos` differs).

The class is read from the pattern (its first literals, classes and categories, past
anchors, look-arounds, optional parts and into groups and branches), so it follows the rule
when the rule is edited. A rule whose first character is not so bounded (a negated class,
'.', a back-reference), that can match the empty string, or that switches IGNORECASE in a
group its matches start in is refused when compiled.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from typing import Any

_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class_items(items: Any) -> list[str]:
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(_char(av))
        elif op is C.RANGE:
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:  # a negated class, or what a class cannot say again: refused
            raise ValueError(f"no class of first characters for {op}")
    return out


def _firsts(items: Any) -> tuple[list[str], bool]:
    """The class items a match of the sequence can start with, and whether the sequence
    can match the empty string (then what follows it can start the match as well)."""
    found: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # an anchor or a look-around: the match starts with what follows it
        if op is C.LITERAL:
            return [*found, _char(av)], False
        if op is C.IN:
            return found + _class_items(av), False
        if op is C.BRANCH:
            empty = False
            for branch in av[1]:
                more, may_be_empty = _firsts(branch)
                found += more
                empty = empty or may_be_empty
        elif op is C.SUBPATTERN:
            if (av[1] | av[2]) & re.IGNORECASE:
                raise ValueError("a group that switches IGNORECASE")
            more, empty = _firsts(av[3])
            found += more
        elif op in _REPEATS:
            more, empty = _firsts(av[2])
            found += more
            empty = empty or av[0] == 0
        elif op is C.ATOMIC_GROUP:
            more, empty = _firsts(av)
            found += more
        else:  # '.', a negated literal, a back-reference, a conditional: refused
            raise ValueError(f"no class of first characters for {op}")
        if not empty:
            return found, False
    return found, True


def first_class(rule: re.Pattern[str]) -> str:
    """The class (as pattern text, "[…]") of every character a match of `rule` can start
    with, read as the rule reads it (under its flags); ValueError when there is none."""
    parsed = _parser.parse(rule.pattern, rule.flags)
    found, empty = _firsts(parsed.data)
    if empty or not found or parsed.getwidth()[0] == 0:
        raise ValueError(f"no class of first characters: {rule.pattern!r}")
    return "[" + "".join(dict.fromkeys(found)) + "]"


def _engine_skips(items: Any) -> bool:
    """Whether the engine skips ahead in the pattern by itself: it opens with a literal, a
    class, or a branch whose every alternative opens with a literal (CPython's prefixes)."""
    while items and items[0][0] is C.SUBPATTERN:
        items = items[0][1][3]
    if not items:
        return False
    op, av = items[0]
    return op in (C.LITERAL, C.IN) or (op is C.BRANCH and all(
        branch and branch[0][0] is C.LITERAL for branch in av[1]))


def searching(rule: re.Pattern[str]) -> Skipping | re.Pattern[str]:
    """`rule` as a Skipping where that lets the engine skip, else `rule` itself: when the
    engine skips ahead in the rule by itself, or no class of first characters can be read
    from it (or written before a look-behind holding it: a group referred to)."""
    if _engine_skips(_parser.parse(rule.pattern, rule.flags).data):
        return rule
    try:
        return Skipping(rule)
    except (ValueError, re.error):
        return rule


def finder(rule: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern whose search starts where `rule`'s does (or finds none where it finds none),
    which the engine skips through to the characters the rule's matches start with; None
    where `searching` keeps the rule itself."""
    found = searching(rule)
    return found.finder if isinstance(found, Skipping) else None


class RuleFace:
    """What a wrapper of a compiled rule answers as the rule does: its pattern and flags
    (the wrapper keeps the rule as `rule`)."""

    __slots__ = ()
    rule: re.Pattern[str]

    @property
    def pattern(self) -> str:
        return self.rule.pattern

    @property
    def flags(self) -> int:
        return self.rule.flags


class Skipping(RuleFace):
    """A rule searched from the characters its matches start with (see the module);
    `search`, `finditer` and `sub` answer as the rule does, `match` is the rule's own."""

    __slots__ = ("finder", "rule")

    def __init__(self, rule: re.Pattern[str]) -> None:
        self.rule = rule
        self.finder = re.compile(f"{first_class(rule)}(?<=(?=(?:{rule.pattern}))(?s:.))",
                                 rule.flags)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        start = self.finder.search(text, pos, end)
        return None if start is None else self.rule.match(text, start.start(), end)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.rule.match(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None
                 ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        found = self.search(text, pos, end)
        while found is not None:
            yield found
            found = self.search(text, found.end(), end)  # never empty: it moves on


    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        """The rule's own `sub`, where the finder finds a match (text without one is kept)."""
        return text if self.finder.search(text) is None else self.rule.sub(repl, text, count)


def skipping(rule: re.Pattern[str]) -> Skipping:
    """`rule` searched from the characters its matches start with (see the module);
    ValueError for a rule whose first characters the pattern does not bound, or that can
    match the empty string."""
    return Skipping(rule)
