"""Targets across levels and their roll-up: which lower target may carry an upper one, and
how the lower units' figures add up to the upper target's.

A province's "Tỷ lệ hộ nghèo giảm còn dưới 2%" is carried by each commune's poverty rate;
its "Thu ngân sách 1.200 tỷ đồng" by each commune's budget revenue. A pair is a candidate
(`match`) when the indicators share their words (domain.similarity), are measured in the
same unit (or the same one in another scale: triệu / tỷ đồng, domain.quantities) and the
lower deadline falls no later than the upper one. Values are not compared: a commune's
count is a part of the province's, never equal to it.

How the lower figures add up is a method per upper target (`METHODS`): a sum for counts
and money, a mean for rates (weighted by population when every unit has one), or none
(the figures side by side only). A count over units ("4/9 tổ dân phố đạt chuẩn văn
hóa", "100 % thôn đạt chuẩn nông thôn mới") is split into one met / not met target per
thôn or tổ dân phố, each linked as `count`; the group's figure is how many have met theirs
(a figure of 1 or more: domain.trajectory's milestone rule), or their share in % when the
commune's target is a rate. `aggregate` applies it; pure, no clock: the figures and their
dates are given.

One figure per lower unit in a group (`counted_once`): a commune whose resolution and
yearly plan both carry the province's target is one commune, so a sum counts it once. The
figure that counts is the unit's one with a value, the most recent, the first listed on a
tie; the others stay on the page, marked `ONE_PER_UNIT` and left out of the aggregate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from theodoi.domain.errors import BadInput
from theodoi.domain.numbers import vn_number
from theodoi.domain.quantities import convert
from theodoi.domain.similarity import word_similarity, words_of
from theodoi.domain.status import TargetStatus, target_status
from theodoi.domain.trajectory import Actual, TargetFacts

# How a lower target's figure relates to the upper one (stored on the link).
RELATIONS = {"sum": "phần của tổng", "rate": "cùng tỷ lệ", "contribution": "đóng góp",
             "count": "số đơn vị đạt"}
# How a group adds up, as people read it.
METHODS = {"sum": "tổng các đơn vị", "weighted_mean": "bình quân gia quyền theo dân số",
           "mean": "bình quân cộng", "none": "không tổng hợp (chỉ đặt cạnh nhau)",
           "count": "số đơn vị đạt"}
# A rate is never summed: "12 % + 8 %" means nothing; the share of units that met is.
RATE_METHODS = ("weighted_mean", "mean", "none", "count")
MET = 1.0  # a met / not met target's figure: 1 reached, 0 not (domain.trajectory)
# 0.55: "Tỷ lệ hộ nghèo" and "Tỷ lệ hộ nghèo theo chuẩn tiếp cận đa chiều" (0.58) are one
# indicator at two levels (a commune restates it with its qualifiers); "Tỷ lệ hộ dân sử dụng
# nước sạch" and "Tỷ lệ hộ nghèo" (0.45) are not.
WORDS_THRESHOLD = 0.55
_PERCENT = re.compile(r"^\s*%")
# what a row not counted because its unit already counts by another target says
ONE_PER_UNIT = "không tính: đã có chỉ tiêu khác của đơn vị này"


@dataclass(frozen=True)
class Side:
    """What matching reads of a target: its indicator, unit of measure, deadline, kind."""

    indicator: str
    unit: str | None
    deadline_year: int | None
    kind: str = "level"


@dataclass(frozen=True)
class Match:
    score: float
    reason: str
    relation: str  # the relation proposed: 'rate' for a rate, 'sum' otherwise


def is_rate(unit: str | None, kind: str = "level") -> bool:
    """A share or a rate (unit '%', or a growth rate): averaged, never summed."""
    return kind == "growth_rate" or bool(unit and _PERCENT.match(unit))


def same_measure(upper: str | None, lower: str | None) -> bool:
    """Whether a figure in `lower` can be read in `upper` (equal, or another scale)."""
    if not upper or not lower:
        return not upper and not lower
    try:
        convert(1.0, lower, upper)
    except BadInput:
        return False
    return True


def match(upper: Side, lower: Side, *, threshold: float = WORDS_THRESHOLD) -> Match | None:
    """The lower target as a candidate carrier of the upper one, with the reason in
    Vietnamese; None when the words, the unit of measure or the deadline disagree."""
    words = word_similarity(words_of(upper.indicator), words_of(lower.indicator))
    if words < threshold or not same_measure(upper.unit, lower.unit):
        return None
    if upper.deadline_year and lower.deadline_year and lower.deadline_year > upper.deadline_year:
        return None
    parts = ["cùng chỉ tiêu" if words >= 0.999 else f"chỉ tiêu giống {round(words * 100)} %",
             f"cùng đơn vị {upper.unit}" if upper.unit else "cùng không có đơn vị"]
    if upper.deadline_year and lower.deadline_year:
        parts.append(f"cùng năm {upper.deadline_year}"
                     if upper.deadline_year == lower.deadline_year
                     else f"hạn {lower.deadline_year} trước hạn {upper.deadline_year}")
    relation = "rate" if is_rate(upper.unit, upper.kind) else "sum"
    return Match(round(words, 4), ", ".join(parts), relation)


def link_code(state: str, relation: str | None) -> str:
    """A link's decision as the audit history stores it: its state, and for a confirmed
    link how the lower figure relates ('confirmed_rate'); labels.LABELS['level_link']."""
    return f"{state}_{relation}" if state == "confirmed" and relation else state


def default_method(unit: str | None, kind: str, relations: Sequence[str],
                   populations_known: bool) -> str:
    """The method a group adds up by until a person chooses: a rate's mean (weighted when
    every unit has a population), a sum when every link is part of a sum, a count when
    every link counts a unit that met, else none."""
    if relations and all(r == "count" for r in relations):
        return "count"
    if is_rate(unit, kind) or "rate" in relations:
        return "weighted_mean" if populations_known else "mean"
    if relations and all(r == "sum" for r in relations):
        return "sum"
    return "none"


def check_method(method: str, unit: str | None, kind: str) -> str:
    """`method` if it may add up this target's figures; BadInput in Vietnamese if not."""
    if method not in METHODS:
        raise BadInput(f"cách tổng hợp '{method}' không có; dùng: {', '.join(METHODS)}.")
    if method == "sum" and is_rate(unit, kind):
        raise BadInput("chỉ tiêu tỷ lệ không cộng được; chọn bình quân hoặc không tổng hợp.")
    return method


@dataclass(frozen=True)
class Figure:
    """A lower unit's latest figure (in its own target's unit), its date and population."""

    unit: str
    value: float | None
    on: date | None
    measure: str | None = None
    population: int | None = None
    unit_id: int | None = None  # which unit it is (two units may share a name)


@dataclass(frozen=True)
class Aggregate:
    """The group's figure in the upper target's unit (None when not meaningful), from
    how many units, the oldest figure's date, what is missing, in words, and the
    positions of the figures left out because their unit counts by another one."""

    method: str
    value: float | None
    counted: int
    on: date | None
    note: str
    of: int | None = None  # a count: how many units were counted among (the n of "k/n")
    doubles: tuple[int, ...] = ()


def counted_once(figures: Sequence[Figure]) -> list[bool]:
    """For each figure, whether it is its unit's one figure in the group: the unit's
    figure with a value, the most recent, the first listed on a tie (a unit is its
    `unit_id`, or its name when no id is given)."""
    best: dict[object, int] = {}
    for i, f in enumerate(figures):
        key = f.unit if f.unit_id is None else f.unit_id
        if key not in best or _rank(f) > _rank(figures[best[key]]):
            best[key] = i
    kept = set(best.values())
    return [i in kept for i in range(len(figures))]


def _rank(f: Figure) -> tuple[bool, date]:
    return f.value is not None, f.on or date.min


def aggregate(method: str, figures: Sequence[Figure], measure: str | None) -> Aggregate:
    """The figures added up by `method`, each converted to `measure` first, one per unit
    (`counted_once`: the others are named in the note and left out). Units with no
    figure, or one in a unit of measure not readable in `measure`, are named in the note
    and left out (a partial sum says so); a weighted mean with a unit lacking its
    population has no value. A count is `count_met`'s, over the same one figure per unit."""
    once = counted_once(figures)
    doubles = tuple(i for i, kept in enumerate(once) if not kept)
    kept = [f for f, ok in zip(figures, once, strict=True) if ok]
    if method == "count":
        found = count_met(kept, measure)
        note = "; ".join(n for n in (found.note, _doubles_note(figures, doubles)) if n)
        return replace(found, note=note, doubles=doubles)
    usable = [f for f in kept if f.value is not None and same_measure(measure, f.measure)]
    missing = [f.unit for f in kept if f.value is None]
    other = [f.unit for f in kept if f.value is not None and f not in usable]
    values = [convert(f.value, f.measure, measure) for f in usable if f.value is not None]
    on = min((f.on for f in usable if f.on is not None), default=None)
    notes = [f"chưa có số liệu: {', '.join(missing)}"] if missing else []
    if other:
        notes.append(f"đơn vị đo khác, không tính: {', '.join(other)}")
    if doubles:
        notes.append(_doubles_note(figures, doubles))
    if method == "none" or not values:
        return Aggregate(method, None, len(values), on, "; ".join(notes), doubles=doubles)
    if method == "sum":
        total: float | None = sum(values)
    elif method == "mean":
        total = sum(values) / len(values)
    else:
        total = _weighted(usable, values, notes)
    return Aggregate(method, total, len(values), on, "; ".join(notes), doubles=doubles)


def _doubles_note(figures: Sequence[Figure], doubles: Sequence[int]) -> str:
    if not doubles:
        return ""
    return ("mỗi đơn vị tính một chỉ tiêu, không tính lần hai: "
            + ", ".join(figures[i].unit for i in doubles))


def count_met(figures: Sequence[Figure], measure: str | None) -> Aggregate:
    """How many of the units have met their target (a figure of 1 or more), or their share
    in % when `measure` is a rate; a unit with no figure has not met it and is named. The
    date is the latest figure's of a unit that met (the count holds from then on)."""
    met = [f for f in figures if f.value is not None and f.value >= MET]
    missing = [f.unit for f in figures if f.value is None]
    on = max((f.on for f in met if f.on is not None), default=None)
    note = f"{len(met)}/{len(figures)} đơn vị đạt"
    if missing:
        note += f"; chưa có số liệu: {', '.join(missing)}"
    if not figures:
        return Aggregate("count", None, 0, None, "", of=0)
    value = len(met) * 100.0 / len(figures) if is_rate(measure) else float(len(met))
    return Aggregate("count", value, len(met), on, note, of=len(figures))


def _weighted(usable: Sequence[Figure], values: Sequence[float],
              notes: list[str]) -> float | None:
    lacking = [f.unit for f in usable if not f.population]
    if lacking:
        notes.append(f"chưa có dân số: {', '.join(lacking)}")
        return None
    weights = [f.population or 0 for f in usable]
    return sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)


def method_label(method: str, counted: int, of: int | None = None) -> str:
    """'tổng các đơn vị (4 đơn vị)', 'số đơn vị đạt (3/4 đơn vị)': the method as the page
    shows it beside the figure."""
    if of is not None:
        return f"{METHODS[method]} ({vn_number(counted, 0)}/{vn_number(of, 0)} đơn vị)"
    return f"{METHODS[method]} ({vn_number(counted, 0)} đơn vị)"


# What the aggregate's date is, by method: a sum or mean holds as of its oldest part, a
# count of units that met from the latest unit that met (count_met).
DATE_LABELS = {"count": "đơn vị đạt gần nhất ngày"}
OLDEST_PART = "số liệu cũ nhất đến"


def date_label(method: str) -> str:
    """The words before the aggregate's date on the page: 'số liệu cũ nhất đến 30/06/2026'
    for a sum or a mean, 'đơn vị đạt gần nhất ngày 05/10/2026' for a count."""
    return DATE_LABELS.get(method, OLDEST_PART)


def group_status(t: TargetFacts, found: Aggregate, as_of: date) -> TargetStatus | None:
    """The aggregate judged by the upper target's own status rules (domain.status), as one
    figure dated by its oldest part; None when there is no aggregate to judge."""
    if found.value is None or found.on is None:
        return None
    return target_status(t, [Actual(found.on, found.value)], as_of, outlook=False)


_MET_WORD = re.compile(r"\b(đạt|hoàn thành|được công nhận)\b", re.IGNORECASE)


def met_phrase(indicator: str) -> str:
    """What each unit of a count has to reach, from the commune's indicator: 'Số tổ dân phố
    đạt chuẩn văn hóa' -> 'đạt chuẩn văn hóa'; an indicator with no 'đạt' / 'hoàn thành'
    becomes 'đạt chỉ tiêu: …'."""
    text = " ".join(indicator.split())
    found = _MET_WORD.search(text)
    if found is None:
        return f"đạt chỉ tiêu: {text}"
    return text[found.start():][:1].lower() + text[found.start() + 1:]
