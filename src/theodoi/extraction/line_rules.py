"""Line-anchored rules searched from line start to line start: the same matches, fewer steps.

A MULTILINE rule that opens with '^' ("a line that is only a period", "a group row", "PHỤ
LỤC on a line of its own") is searched over a document's whole text. Python's regex engine
cannot skip ahead in such a pattern: it calls its matcher at every character, and all but
the line starts fail at the '^'. `line_rule(rule)` keeps the rule as written and finds the
line starts where it matches with a finder, '\\n' followed by a look-ahead of the rule: a
pattern that opens with a literal, which the engine skips to. At each line start the
finder proves a match of the rule there, the rule itself is matched (`rule.match` at that
position, the same as its search finds there: '^' and look-behinds see the text before
`pos`), so every match returned is the rule's own (the same span and groups; only
`Match.pos` is where the line starts).

Only for rules that match nothing but at a line start (every branch opens with '^') and
never match the empty string (`finditer`'s handling of empty matches is not repeated here);
`line_rule` refuses others when compiled. `match` is the rule's own.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

from theodoi.extraction.skipping import RuleFace

_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")


def _at_line_start(items: Any) -> bool:
    """Whether every match of the parsed pattern starts with '^' (MULTILINE)."""
    if not items:
        return False
    op, av = items[0]
    if op is C.AT:
        return av is C.AT_BEGINNING  # '^' parses as AT_BEGINNING, read as a line start under M
    if op is C.BRANCH:
        return all(_at_line_start(branch) for branch in av[1])
    if op is C.SUBPATTERN:
        return _at_line_start(av[3])
    return False


class LineRule(RuleFace):
    """A MULTILINE rule that opens with '^', matched only at the line starts its finder
    proves a match at (see the module); `search` and `finditer` answer as the rule does."""

    __slots__ = ("finder", "rule")

    def __init__(self, rule: re.Pattern[str]) -> None:
        parsed = _parser.parse(rule.pattern, rule.flags)
        if (not rule.flags & re.MULTILINE or not _at_line_start(parsed.data)
                or parsed.getwidth()[0] == 0):
            raise ValueError(f"not a rule of non-empty matches at line starts: {rule.pattern!r}")
        self.rule = rule
        self.finder = re.compile("\n(?=(?:" + rule.pattern + "))", rule.flags)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if pos <= len(text) and (pos == 0 or text[pos - 1] == "\n"):
            found = self.rule.match(text, pos)
            if found is not None:
                return found
        start = self.finder.search(text, pos)
        return None if start is None else self.rule.match(text, start.end())

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.rule.match(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        found = self.search(text)
        while found is not None:
            yield found
            found = self.search(text, found.end())  # a match is never empty: it moves on


def line_rule(rule: re.Pattern[str]) -> LineRule:
    """`rule` matched only at the line starts its finder proves a match at (see the module);
    ValueError for a rule that is not MULTILINE, has a branch that does not open with '^',
    or can match the empty string."""
    return LineRule(rule)
