"""Merge a target stated twice (in the list, again where it is assigned) into one.

The restatement keeps its span in `also_spans`; an assignment around it ("Giao cho X chủ trì,
phối hợp với Y, Z") gives the merged target its lead and co-agencies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from theodoi.domain.text import fold, squash
from theodoi.extraction.agencies import split_bodies
from theodoi.extraction.model import Target
from theodoi.extraction.rules.agencies import ASSIGN_BEFORE_WORK

WORD = re.compile(r"\w+")
MIN_OVERLAP = 0.5  # Jaccard share of indicator words
MIN_WORDS = 3      # "Duy trì", "Hoàn thành" say too little to call two targets the same
MIN_TEXT_WORDS = 5  # clause words (fillers aside) for the text comparison to say anything
MIN_SAME_WORDS = 0.8  # Jaccard of clause words when the deadlines read differently
MIN_CONTAINED = 0.85  # share of the shorter clause's words the longer one holds
MIN_CLAUSE_SHARED = 0.5  # the same share when the indicators are alike (a paraphrase)
# Words every target clause may hold: they say nothing about which commitment it is
FILLER = frozenset({"đạt", "tỷ", "lệ", "phấn", "đấu", "năm", "đến", "hằng", "hàng", "trên", "các",
                    "và", "có", "được", "từ", "trở", "lên", "ít", "nhất", "tối", "thiểu", "địa",
                    "bàn", "xã", "đảm", "bảo", "duy", "trì"})


@lru_cache(maxsize=4096)  # a kept target's indicator is compared with every later one
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(fold(text)) if not w.isdigit())


def _key(target: Target) -> tuple[float | None, float | None, bool]:
    """What two statements of one commitment must share exactly: value, maximum, milestone."""
    return target.value, target.value_max, target.kind == "milestone"


def _unit(target: Target) -> str:
    """The unit without spaces or case ('Sản phẩm' opening a sentence); a rate's '/năm' is
    often left out where the target is restated ('tăng bình quân 2,5%/năm' in the list,
    'tăng 2,5%' where it is assigned)."""
    unit = (target.unit or "").replace(" ", "").lower()
    return "%" if unit == "%/năm" else unit


def same_commitment(a: Target, b: Target) -> bool:
    """Same value; then either the same unit, deadline and indicators sharing most words, or
    clauses whose words (fillers aside) are nearly all shared — a restatement may drop the
    'Hằng năm' its list item opened with, or cut the counted noun shorter."""
    if _key(a) != _key(b):
        return False
    return _same_indicator(a, b) or _same_clause(a, b)


def _same_indicator(a: Target, b: Target) -> bool:
    if a.value is None or _unit(a) != _unit(b):
        return False
    if (a.recurrence, a.deadline_year) != (b.recurrence, b.deadline_year):
        return False  # "hằng năm … đạt 100%" and "đến năm 2030 … đạt 100%" are two commitments
    wa, wb = _words(a.indicator), _words(b.indicator)
    if len(wa) < MIN_WORDS or len(wb) < MIN_WORDS:
        return False
    if len(wa & wb) / len(wa | wb) < MIN_OVERLAP:
        return False
    # indicators meet by their stock words ("Đảm bảo thủ tục hành chính lĩnh vực xây dựng",
    # "Bảo đảm thủ tục hành chính xử lý …"): a restatement also says much of its clause again
    ta, tb = _words(a.text) - FILLER, _words(b.text) - FILLER
    return not ta or not tb or len(ta & tb) / min(len(ta), len(tb)) >= MIN_CLAUSE_SHARED


def _same_clause(a: Target, b: Target) -> bool:
    if _unit(a).split("/")[0][:3] != _unit(b).split("/")[0][:3]:
        return False  # "tổ chức đảng" and "tổ chức" may meet; "%" and "ha" never
    if a.kind != b.kind and a.value is None:
        return False
    ta, tb = _words(a.text) - FILLER, _words(b.text) - FILLER
    if len(ta) < MIN_TEXT_WORDS or len(tb) < MIN_TEXT_WORDS:
        return False
    if (a.recurrence, a.deadline_year) != (b.recurrence, b.deadline_year):
        # one clause inside a longer one about other work is no restatement: both must match
        return len(ta & tb) / len(ta | tb) >= MIN_SAME_WORDS
    return len(ta & tb) / min(len(ta), len(tb)) >= MIN_CONTAINED


def assignment(text: str) -> tuple[str | None, list[str]]:
    """(lead, co-agencies) of the last 'Giao cho X chủ trì, phối hợp với Y' before `text`."""
    found = list(ASSIGN_BEFORE_WORK.finditer(text))
    if not found:
        return None, []
    m = found[-1]
    return squash(m.group("lead")), split_bodies(m.group("co") or "")


def merge(targets: list[Target], context: Callable[[int], str], part: dict[int, str | None]
          ) -> list[Target]:
    """Fold each restated target into its first statement in another part of the plan.

    `context` gives a target's index the text of its section (where an assignment may
    stand; asked only of a restatement, since each is a slice of the plan); `part` maps it
    to the top-level heading it stands under (a restatement is elsewhere)."""
    kept: list[tuple[Target, str | None]] = []
    # kept targets by _key, in order: only those can be the same commitment
    by_key: dict[tuple[float | None, float | None, bool], list[tuple[Target, str | None]]] = {}
    for i, target in enumerate(targets):
        candidates = by_key.get(_key(target), [])
        first = next((k for k, p in candidates
                      if p != part.get(i) and same_commitment(k, target)), None)
        if first is None:
            kept.append((target, part.get(i)))
            by_key.setdefault(_key(target), []).append(kept[-1])
            continue
        first.also_spans.append(target.span)
        if not first.milestones:  # the roadmap may stand under the restatement
            first.milestones = target.milestones
        lead, co = assignment(context(i))
        if not lead:  # the restatement's own lead (read from where it stands, or its row's)
            lead, co = target.lead_agency, target.co_agencies
        if lead and not first.lead_agency:
            first.lead_agency, first.co_agencies = lead, co
    return [k for k, _ in kept]
