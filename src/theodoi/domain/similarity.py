"""Whether two targets are the same commitment, as a score in [0, 1] with a reason.

A Nghị quyết, the Chương trình hành động that carries it out and the Kế hoạch under that
often state one commitment three times: "Tỷ lệ hộ gia đình sử dụng nước sạch đạt 95%" and
"Tỷ lệ hộ dân được sử dụng nước sạch 95%". The words of the indicator decide; the value,
unit of measure, year and kind raise or lower that, never make up for different words:

    score = words × (FACTS_FLOOR + (1 − FACTS_FLOOR) × facts)

so two different indicators with the same "95 %, 2030" stay low. Pure and symmetric:
score(a, b) == score(b, a).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from theodoi.domain.numbers import vn_number
from theodoi.domain.text import fold, squash

# Words that carry no meaning of their own in an indicator ("đạt", "của", "các" …).
FUNCTION_WORDS = frozenset({
    "của", "và", "các", "những", "được", "có", "trong", "trên", "dưới", "từ", "đến",
    "là", "với", "cho", "theo", "về", "tại", "ở", "này", "đó", "mỗi", "một",  # joining words
    "đạt", "phấn", "đấu", "ít", "nhất", "tối", "thiểu", "khoảng", "hơn", "trở",
    "lên", "mức",  # "phấn đấu đạt ít nhất … trở lên"
    "năm", "hằng", "hàng",  # "đến năm 2030", "hằng năm": the year is compared on its own
})
_PUNCT = re.compile(r"[^\w%]+")
_NUMBER = re.compile(r"^(?:\d+(?:[.,]\d+)*)?%?$")  # "95", "10,5", "95%", "%"
# Ways of writing one unit of measure -> the form compared.
UNIT_ALIASES = {"phần trăm": "%", "ha": "ha", "héc ta": "ha", "hecta": "ha"}

FACTS_FLOOR = 0.5  # words alone, with every fact against them, keep half their score
FACT_WEIGHTS = {"value": 0.4, "unit": 0.3, "year": 0.2, "kind": 0.1}
VALUE_TOLERANCE = 0.25  # values a quarter apart (75 and 100) no longer agree at all
YEARS_APART_MAX = 5  # five years apart (a whole term) and the year no longer agrees
SAME_WORDS = 0.999
_W = TypeVar("_W")


@dataclass(frozen=True)
class TargetFacts:
    """The parts of a target that say what it commits to."""

    indicator: str
    value: float | None = None
    unit: str | None = None
    deadline_year: int | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Similarity:
    score: float
    reason: str


def plain_words(text: str) -> str:
    """The folded words of `text` (domain.text.fold) without punctuation; '%' kept."""
    return squash(_PUNCT.sub(" ", fold(text)))


def words_of(indicator: str) -> tuple[str, ...]:
    """The indicator's meaningful words, in order: no function words, no bare numbers."""
    return tuple(w for w in plain_words(indicator).split()
                 if w not in FUNCTION_WORDS and not _NUMBER.match(w))


def word_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Mean of the Dice overlap of words and of word pairs (Vietnamese words are pairs)."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    single = _dice(set(a), set(b))
    pairs_a, pairs_b = word_pairs(a), word_pairs(b)
    if not pairs_a or not pairs_b:
        return single
    return (single + _dice(pairs_a, pairs_b)) / 2


def word_pairs(words: tuple[str, ...]) -> set[tuple[str, str]]:
    """Neighbouring words: "nước sạch", "hộ nghèo" are one Vietnamese word each."""
    return set(pairwise(words))


def _dice(a: set[_W], b: set[_W]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def score(a: TargetFacts, b: TargetFacts) -> Similarity:
    """How likely `a` and `b` are one commitment, and why, in Vietnamese."""
    wa, wb = words_of(a.indicator), words_of(b.indicator)
    words = word_similarity(wa, wb) if wa or wb else float(plain_words(a.indicator) ==
                                                          plain_words(b.indicator))
    return score_with(words, a, b)


def score_with(words: float, a: TargetFacts, b: TargetFacts) -> Similarity:
    """`score` given the word similarity already computed (it bounds the score from above,
    so a caller scoring many pairs can skip those whose words alone fall short)."""
    facts = _facts(a, b)
    total_weight = sum(FACT_WEIGHTS[name] for name in facts)
    agreement = (sum(FACT_WEIGHTS[n] * v for n, v in facts.items()) / total_weight
                 if total_weight else 1.0)
    total = words * (FACTS_FLOOR + (1 - FACTS_FLOOR) * agreement)
    return Similarity(round(min(1.0, max(0.0, total)), 4), _reason(words, a, b))


def _facts(a: TargetFacts, b: TargetFacts) -> dict[str, float]:
    """Agreement in [0, 1] of each fact both targets state."""
    facts: dict[str, float] = {}
    if a.value is not None and b.value is not None:
        facts["value"] = _closeness(a.value, b.value)
    if a.unit and b.unit:
        facts["unit"] = float(unit_key(a.unit) == unit_key(b.unit))
    if a.deadline_year and b.deadline_year:
        apart = min(abs(a.deadline_year - b.deadline_year), YEARS_APART_MAX)
        facts["year"] = 1 - apart / YEARS_APART_MAX
    if a.kind and b.kind:
        facts["kind"] = float(a.kind == b.kind)
    return facts


def _closeness(x: float, y: float) -> float:
    """1 for equal values, falling with their relative difference (90 and 95: 0.79).

    Steep on purpose: "75 %" and "35 %" of a similar indicator are two commitments.
    """
    largest = max(abs(x), abs(y))
    if largest == 0:
        return 1.0
    return max(0.0, 1 - abs(x - y) / largest / VALUE_TOLERANCE)


def unit_key(unit: str) -> str:
    text = plain_words(unit)
    return UNIT_ALIASES.get(text, text.replace(" ", ""))


def _reason(words: float, a: TargetFacts, b: TargetFacts) -> str:
    """'cùng chỉ tiêu, cùng giá trị 95 %, cùng năm 2030'; the same whichever comes first."""
    parts = ["cùng chỉ tiêu" if words >= SAME_WORDS
             else f"chỉ tiêu giống {round(words * 100)} %"]
    unit = ""
    if a.unit and b.unit and unit_key(a.unit) == unit_key(b.unit):  # one spelling, whichever
        unit = " " + min(a.unit, b.unit, key=lambda u: (len(u), u))  # comes first: '%'
    if a.value is not None and b.value is not None:
        low, high = sorted((a.value, b.value))
        parts.append(f"cùng giá trị {vn_number(low)}{unit}" if low == high
                     else f"giá trị khác ({vn_number(low)} / {vn_number(high)})")
    if a.unit and b.unit and not unit:
        parts.append("đơn vị khác ({} / {})".format(*sorted((a.unit, b.unit))))
    if a.deadline_year and b.deadline_year:
        low_y, high_y = sorted((a.deadline_year, b.deadline_year))
        parts.append(f"cùng năm {low_y}" if low_y == high_y else f"năm khác ({low_y} / {high_y})")
    if a.kind and b.kind and a.kind != b.kind:
        parts.append("khác loại chỉ tiêu")
    return ", ".join(parts)




def candidate_pairs(words: list[tuple[str, ...]], groups: list[int], *,
                    max_block: int = 200) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth scoring: targets of different groups sharing a word pair.

    Scoring every pair of thousands of targets is quadratic; a commitment said twice shares
    at least one word pair ("nước sạch"). A pair held by more than `max_block` targets
    ("tỷ lệ") says nothing and is skipped, unless it is all a target has.
    """
    keys = [_keys(w) for w in words]
    index: dict[object, list[int]] = {}
    for i, own in enumerate(keys):
        for key in own:
            index.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, own in enumerate(keys):
        usable = [k for k in own if len(index[k]) <= max_block]
        if not usable and own:
            usable = [min(own, key=lambda k: len(index[k]))]
        for key in usable:
            pairs.update((min(i, j), max(i, j)) for j in index[key] if groups[j] != groups[i])
    return pairs


def _keys(words: tuple[str, ...]) -> set[object]:
    """What a target is indexed by: its word pairs, or its single word."""
    return set(word_pairs(words)) or set(words)
