"""Yearly roadmaps ('+ Năm 2026: Đạt 30%' lines) attached to the target they are about.

A run of roadmap lines follows a lead-in ending with ':' or a statement. It belongs to:
- the statement before it when the lead-in breaks that statement down by year ("… đạt 140
  triệu đồng/năm. Trong đó:") or when there is no lead-in;
- a target of its own, named by the lead-in, when the lead-in names an indicator without
  a value ("Phấn đấu tỷ lệ sử dụng thùng rác văn minh tại các trục đường chính:");
- nothing, when the lead-in names nothing and each line names what it is about ("Phấn
  đấu:" then "+ Năm 2026 có 02 tổ dân phố đạt chuẩn thông minh: Trần Phú; Việt Cường."):
  each line is then a target of its year, named by its words and the names it lists.
A target a roadmap makes takes its value and deadline from the roadmap: a level the value
of its last year, an amount of change the sum of its years (each line adds to the others).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from theodoi.extraction.model import Milestone, Span, Target
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import targets as R
from theodoi.extraction.warnings import warn


@dataclass
class Roadmaps:
    """The roadmap run being read: its lead-in and the target its lines go to."""

    ctx: Context
    lead: tuple[Span, str] | None = None  # the ':' clause right before, if it stated nothing
    owner: Target | None = None
    made: bool = False  # the owner was made by this run (its value comes from the lines)
    own_lines: bool = False  # each line of this run is a target of its own year

    def clause(self, span: Span, text: str, found: list[Target]) -> None:
        """A clause that is no roadmap line. One stating a target, or a lead-in, ends the
        run; one stating nothing ('Việt Cường.' after '…: Trần Phú;') may be the rest of
        a line and leaves it open."""
        ends_lead_in = self.ctx.text.startswith(":", span[1])
        if self.own_lines and (R.ROADMAP.match(text) or not (found or ends_lead_in)):
            return  # a line that is a target of its own year, or the rest of one
        self.own_lines = False
        if found or ends_lead_in:
            self.close()
            self.lead = (span, text) if ends_lead_in and not found else None
        elif self.owner is None:
            self.lead = None

    def commits(self, text: str) -> bool:
        """A roadmap line right after a lead-in or another line commits as they do
        ('Trong đó: + Năm 2025 có 02 sản phẩm OCOP' has no verb of its own)."""
        return (self.owner is not None or self.lead is not None or self.own_lines) and bool(
            R.ROADMAP.match(text))

    def line(self, targets: list[Target], span: Span, found: list[Target]) -> bool:
        """Attach a roadmap line to its run's target; False when the clause is none."""
        m = R.ROADMAP.match(self.ctx.text[span[0]:span[1]])
        if not m or len(found) != 1:
            return False
        if self.owner is None and not self.own_lines:
            self.owner = self._owner(targets, found[0])
        if self.own_lines:
            found[0].indicator = self._listing(found[0].indicator, span)
            return False
        if self.owner is None:
            self.ctx.warnings.append(warn("W302", span, year=m.group("y")))
            return True
        self.owner.milestones.append(Milestone(int(m.group("y")), found[0].value,
                                               found[0].text, span))
        return True

    def _owner(self, targets: list[Target], first: Target) -> Target | None:
        lead = self.lead
        if lead is None or R.ROADMAP_BREAKDOWN.match(lead[1].strip()):
            return targets[-1] if targets else None
        named = _indicator(lead[1])
        if named:
            made = replace(first, indicator=named, text=lead[1].strip(), span=lead[0])
        elif len(first.indicator.split()) >= R.ROADMAP_NAME_WORDS:
            self.own_lines = True
            return None
        else:
            return targets[-1] if targets else None
        made.milestones, made.also_spans, made.rule = [], [], "target_roadmap"
        targets.append(made)
        self.made = True
        return made

    def _listing(self, indicator: str, span: Span) -> str:
        """After ':' a line lists what its year brings ('…: Trần Phú; Việt Cường.'), to
        the end of the line: the names go in brackets after what they are."""
        head, colon, _ = indicator.partition(":")
        if not colon:
            return indicator
        end = self.ctx.text.find("\n", span[0])
        line = self.ctx.text[span[0]:end if end >= 0 else len(self.ctx.text)]
        names = [n.strip(" .") for n in line.rpartition(":")[2].split(";") if n.strip(" .")]
        return f"{head.strip()} ({', '.join(names)})" if names else head.strip()

    def close(self) -> None:
        """End the run: a target it made takes its value and deadline from its years."""
        owner, self.owner = self.owner, None
        if owner is None or not self.made or not owner.milestones:
            self.made = False
            return
        self.made = False
        years = owner.milestones
        values = [m.value for m in years if m.value is not None]
        owner.deadline_year = years[-1].year
        owner.value = sum(values) if owner.kind == "change" and values else years[-1].value


def _indicator(lead: str) -> str | None:
    """What a lead-in names, without its commitment words ('Phấn đấu …'); None when it
    names too little to be an indicator."""
    words = R.LEAD_WORDS.sub("", lead.strip()).strip(" :,")
    if len(words.split()) < R.ROADMAP_NAME_WORDS:
        return None
    return words[0].upper() + words[1:]
