"""Targets: every clause in the plan's body that commits to a value, a rate, or a recognition.

Clauses under a target list heading ("Chỉ tiêu cụ thể", "Mục tiêu cụ thể") are targets when
they hold a value or a recognition; elsewhere a clause needs a commitment word ("phấn đấu",
"đạt", "tăng bình quân" …). Sections about the past or the purpose are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from theodoi.extraction.model import Heading, Target
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules import targets as R
from theodoi.extraction.stages import target_fields as F
from theodoi.extraction.stages.clauses import clauses
from theodoi.extraction.warnings import warn


class Sections:
    """For an offset: the innermost heading, whether it lies in a target list or is skipped."""

    def __init__(self, outline: list[Heading]) -> None:
        self.outline = sorted(outline, key=lambda h: h.span[0])
        self.starts = [h.span[0] for h in self.outline]
        self.by_id = {h.id: h for h in outline}

    def at(self, offset: int) -> Heading | None:
        i = bisect_right(self.starts, offset) - 1
        return self.outline[i] if i >= 0 else None

    def chain(self, heading: Heading | None) -> list[Heading]:
        out = []
        while heading is not None:
            out.append(heading)
            heading = self.by_id.get(heading.parent) if heading.parent else None
        return out

    def flags(self, offset: int) -> tuple[str | None, bool, bool]:
        """(section id, in a target list, skipped)."""
        heading = self.at(offset)
        chain = self.chain(heading)
        skipped = heading is None or any(R.SKIP_SECTION.search(h.title) for h in chain
                                         if not R.TARGET_SECTION.search(h.title)
                                         or R.SKIP_SECTION.search(h.title))
        listed = any(R.TARGET_SECTION.search(h.title) and not R.SKIP_SECTION.search(h.title)
                     for h in chain)
        return (heading.id if heading else None), listed, skipped


def clause_targets(ctx: Context, span: tuple[int, int], section: str | None, listed: bool,
                   term_end: int | None) -> list[Target]:
    text = ctx.text[span[0]:span[1]]
    if R.NOT_TARGET.search(text):
        return []
    annual = F.is_annual(text)
    found: list[Target] = []
    for m in R.VALUE.finditer(text):
        if not (m.group("unit") or m.group("of") or m.group("aunit")):
            continue
        if not listed and not R.COMMITMENT.search(text):
            continue
        found.append(_value_target(ctx, span, section, text, m, annual, term_end))
    if not found and (listed or text.lower().startswith("phấn đấu")):
        special = _no_value_kind(text)
        if special:
            found.append(_bare_target(span, section, text, special, annual, term_end))
    return found


def _value_target(ctx: Context, span: tuple[int, int], section: str | None, text: str,
                  m: re.Match[str], annual: bool, term_end: int | None) -> Target:
    rel = m.start("a") - len(m.group("pre") or "")
    value, value_max, value_of = F.values(m)
    noun = (m.group("unit") or "").strip() if m.group("of") else None
    unit = F.norm_unit(m.group("unit") or m.group("aunit"), bool(m.group("of")), noun)
    kind = F.kind(text, rel)
    target = Target(
        id="", label=None, section=section, text=text, span=span,
        indicator=F.indicator(text, rel), kind=kind, direction=F.direction(text),
        comparator=F.comparator(text, m, m.start()), value=value, value_max=value_max,
        value_of=value_of, unit=unit, per_year=F.per_year(text, unit, kind, rel),
        recurrence="annual" if annual else None, deadline_year=F.years(text, annual, term_end))
    if unit is None:
        ctx.warnings.append(warn("W301", span))
    return target


def _no_value_kind(text: str) -> str | None:
    if R.PLAN_RELATIVE.search(text):
        return "plan_relative"
    if R.MILESTONE.search(text):
        return "milestone"
    return None


def _bare_target(span: tuple[int, int], section: str | None, text: str, kind: str,
                 annual: bool, term_end: int | None) -> Target:
    return Target(id="", label=None, section=section, text=text, span=span,
                  indicator=F.indicator(text, len(text)), kind=kind, direction="increase",
                  comparator=">=" if kind == "plan_relative" else None,
                  recurrence="annual" if annual else None,
                  deadline_year=F.years(text, annual, term_end))


def run(ctx: Context) -> None:
    if not ctx.outline:
        return
    sections = Sections(ctx.outline)
    term_end = ctx.document.term[1] if ctx.document.term else None
    body_start = sections.starts[0]
    targets: list[Target] = []
    for span in clauses(ctx.text, body_start, len(ctx.text)):
        section, listed, skipped = sections.flags(span[0])
        if skipped:
            continue
        targets.extend(clause_targets(ctx, span, section, listed, term_end))
    for i, target in enumerate(targets, start=1):
        target.id = f"t{i}"
    ctx.targets = targets


STAGE = Stage("targets", needs=("source", "document", "outline", "tasks"),
              provides=("targets",), run=run)
