"""Merge a target stated twice (in the list, again where it is assigned) into one.

The restatement keeps its span in `also_spans`; an assignment around it ("Giao cho X chủ trì,
phối hợp với Y, Z") gives the merged target its lead and co-agencies.
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.extraction.agencies import split_bodies
from theodoi.extraction.model import Target

WORD = re.compile(r"\w+")
MIN_OVERLAP = 0.5  # Jaccard share of indicator words
MIN_WORDS = 3      # "Duy trì", "Hoàn thành" say too little to call two targets the same
ASSIGN = re.compile(r"[Gg]iao\s+(?:cho\s+)?(?P<lead>[^,;.:]{3,80}?)\s+chủ trì"
                    r"(?:\s*,?\s*phối hợp(?:\s+với)?\s+(?P<co>[^;.:]{3,200}))?"  # split_bodies cuts
                    r"(?=\s+(?:triển khai|tổ chức|thực hiện|xây dựng|tham mưu|theo dõi)|[;.:]|$)")


@lru_cache(maxsize=4096)  # a kept target's indicator is compared with every later one
def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(text) if not w.isdigit())


def _key(target: Target) -> tuple[float | None, float | None, bool]:
    """What two statements of one commitment must share exactly: value, maximum, milestone."""
    return target.value, target.value_max, target.kind == "milestone"


def same_commitment(a: Target, b: Target) -> bool:
    """Same value, unit and deadline, and indicators sharing most words."""
    if _key(a) != _key(b):
        return False
    if a.value is None or (a.unit or "").replace(" ", "") != (b.unit or "").replace(" ", ""):
        return False
    if (a.recurrence, a.deadline_year) != (b.recurrence, b.deadline_year):
        return False  # "hằng năm … đạt 100%" and "đến năm 2030 … đạt 100%" are two commitments
    wa, wb = _words(a.indicator), _words(b.indicator)
    if len(wa) < MIN_WORDS or len(wb) < MIN_WORDS:
        return False
    return len(wa & wb) / len(wa | wb) >= MIN_OVERLAP


def assignment(text: str) -> tuple[str | None, list[str]]:
    """(lead, co-agencies) of the last 'Giao cho X chủ trì, phối hợp với Y' before `text`."""
    found = list(ASSIGN.finditer(text))
    if not found:
        return None, []
    m = found[-1]
    return " ".join(m.group("lead").split()), split_bodies(m.group("co") or "")


def merge(targets: list[Target], context: dict[int, str], part: dict[int, str | None]
          ) -> list[Target]:
    """Fold each restated target into its first statement in another part of the plan.

    `context` maps a target's index to the text of its section (where an assignment may
    stand); `part` to the top-level heading it stands under (a restatement is elsewhere)."""
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
        lead, co = assignment(context.get(i, ""))
        if not lead:  # the restatement's own lead, read from where it stands
            lead, co = target.lead_agency, target.co_agencies
        if lead and not first.lead_agency:
            first.lead_agency, first.co_agencies = lead, co
    return [k for k, _ in kept]
