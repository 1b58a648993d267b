"""Matching the items of a revised plan to those of the version it replaces.

Pure: each item is given as an `ItemSig` (its words folded, plus the facts that make it
the same commitment). `match` pairs old and new items one to one, best first, and says
for each pair whether anything changed; items left over are new or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from theodoi.domain.similarity import plain_words

SIMILAR = 0.6  # below this the words differ too much to be the same item reworded


@dataclass(frozen=True)
class ItemSig:
    """What identifies an item across versions: its folded words and its facts."""

    words: str
    facts: tuple[Any, ...]


@dataclass(frozen=True)
class Match:
    """One row of the comparison: old index, new index (either may be None), and change."""

    old: int | None
    new: int | None
    change: str  # unchanged | changed | new | removed


def same_words(a: str, b: str) -> bool:
    """Whether two texts of a document say the same words: its DOCX and its PDF export
    differ in line breaks, hyphen-free wrapping, bullets and case, never in words."""
    return plain_words(a) == plain_words(b)


def similarity(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def match(old: Sequence[ItemSig], new: Sequence[ItemSig]) -> list[Match]:
    """Pair items one to one: identical words first, then the most similar above SIMILAR."""
    pairs: dict[int, int] = {}
    by_words: dict[str, list[int]] = {}
    for i, sig in enumerate(old):
        by_words.setdefault(sig.words, []).append(i)
    for j, sig in enumerate(new):
        free = [i for i in by_words.get(sig.words, []) if i not in pairs]
        if free:
            pairs[free[0]] = j
    taken = set(pairs.values())
    candidates = sorted(
        ((similarity(o.words, n.words), i, j) for i, o in enumerate(old) if i not in pairs
         for j, n in enumerate(new) if j not in taken), reverse=True)
    for score, i, j in candidates:
        if score >= SIMILAR and i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return _rows(old, new, pairs)


def _rows(old: Sequence[ItemSig], new: Sequence[ItemSig], pairs: dict[int, int]) -> list[Match]:
    rows = [Match(i, j, "unchanged" if old[i] == new[j] else "changed")
            for i, j in pairs.items()]
    rows += [Match(None, j, "new") for j in range(len(new)) if j not in pairs.values()]
    rows += [Match(i, None, "removed") for i in range(len(old)) if i not in pairs]
    return sorted(rows, key=lambda m: (m.new if m.new is not None else 10**9,
                                       m.old if m.old is not None else -1))
