"""Reading the parts of a plan that launches an emulation movement (thi đua – khen thưởng).

`Sections` finds each part (slogan, contents, period, participants, criteria, rewards,
dossier, deadline, responsible bodies) by its heading in the outline, with the rules of
`rules/emulation.py`; the functions below turn a part's text into model objects. Pure
functions of the text and the outline: the stage in `stages/emulation.py` assembles them.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from theodoi.domain.text import fold, squash
from theodoi.extraction.model import (
    Condition,
    Criterion,
    DossierItem,
    Heading,
    Passage,
    Responsible,
    Reward,
    Span,
)
from theodoi.extraction.rules import emulation as R
from theodoi.extraction.stages.outline import part_ends

_TRIM = " \t\n:;,.-–"


@dataclass
class Sections:
    """The outline of one document, with the text, and where each emulation part sits.

    What every question asks of the outline is worked out once, when it is made: each
    heading's folded title and where its part ends (`outline.part_ends`), so that finding
    the parts costs a walk of the outline, not a walk per heading and per role.
    """

    text: str
    outline: list[Heading]
    body_end: int
    folded: list[str] = field(init=False, repr=False)
    ends: list[int] = field(init=False, repr=False)
    by_id: dict[str, Heading] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.folded = [fold(h.title) for h in self.outline]
        self.by_id = {h.id: h for h in self.outline}
        self.ends = part_ends(self.outline, self.body_end)

    @classmethod
    def of(cls, text: str, outline: list[Heading]) -> Sections:
        """Sections over `text`; the body ends at "Trên đây là …" / "Nơi nhận" after the
        last heading (or at the end of the text)."""
        last = outline[-1].span[1] if outline else 0
        end = R.BODY_END.search(text, last)
        return cls(text, outline, end.start() if end else len(text))

    def subtree_end(self, i: int) -> int:
        """Where heading i's part ends: the next heading at its level or above, or the body end."""
        return self.ends[i]

    def own_end(self, i: int) -> int:
        """Where heading i's own text ends: the next heading of any level, or the body end."""
        return self.outline[i + 1].span[0] if i + 1 < len(self.outline) else self.body_end

    def after_label(self, i: int) -> int:
        """The offset just after heading i's label ("1.", "a)")."""
        h = self.outline[i]
        at = self.text.find(h.label, h.span[0], h.span[0] + len(h.label) + 8)
        return at + len(h.label) if at >= 0 else h.span[0]

    def children(self, i: int) -> list[int]:
        """The indexes of heading i's direct children."""
        return [j for j, h in enumerate(self.outline) if h.parent == self.outline[i].id]

    def inside(self, i: int, j: int) -> bool:
        """Whether heading j lies in heading i's part (j below i)."""
        return self.outline[i].span[0] < self.outline[j].span[0] < self.subtree_end(i)

    def find(self, role: str) -> list[int]:
        """The deepest headings whose titles match the role's pattern, in document order;
        "đối tượng" counts only in a part about emulation or rewards."""
        pattern = R.SECTIONS[role]
        hits = [i for i, title in enumerate(self.folded) if pattern.search(title)]
        if role == "participants":
            hits = [i for i in hits if self._about_rewards(i)]
        return [i for i in hits if not any(j != i and self.inside(i, j) for j in hits)]

    def _about_rewards(self, i: int) -> bool:
        chain = [self.outline[i]]
        while chain[-1].parent:
            chain.append(self.by_id[chain[-1].parent])
        return any(R.REWARD_PART.search(fold(h.title)) for h in chain)


def passages(text: str, start: int, end: int) -> list[Passage]:
    """The list items of text[start:end]: cut at bullets ("- ", "+ ") when it has any,
    else at line ends after ".", ";" or ":"; each cleaned of bullets and spaces."""
    piece = text[start:end]
    cuts = [m.start() for m in R.BULLET.finditer(piece)]
    if not cuts:
        cuts = [m.end() for m in re.finditer(r"[.;:]\s*\n", piece)]
    bounds = [0, *cuts, len(piece)]
    out: list[Passage] = []
    for a, b in itertools.pairwise(bounds):
        passage = _clean(text, start + a, start + b)
        if passage:
            out.append(passage)
    return out


def _clean(text: str, a: int, b: int) -> Passage | None:
    """text[a:b] without its bullet and edge punctuation, whitespace squashed, or None."""
    bullet = R.BULLET.match(text, a)
    a = bullet.end() if bullet else a
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    if b - a < 3:
        return None
    return Passage(squash(text[a:b]), (a, b))


def part_passages(s: Sections, i: int) -> list[Passage]:
    """The items of part i: one per child heading (its title and text) when it has
    children, else the items of its own text."""
    kids = s.children(i)
    if not kids:
        return passages(s.text, s.outline[i].span[1], s.own_end(i))
    return [p for k in kids if (p := _clean(s.text, s.after_label(k), s.subtree_end(k)))]


def conditions(sentence: str) -> list[Condition]:
    """The measurable conditions a criterion sentence states, in rule order."""
    low = fold(sentence)
    out: list[Condition] = []
    for code, pattern in R.CONDITIONS:
        m = pattern.search(low)
        if m:
            rate = R.MIN_RATE.search(m.group()) if code == "min_rate" else None
            value = float(rate.group("v").replace(",", ".")) if rate else None
            out.append(Condition(code, m.group(), value))
    return out


def applies_to(words: str) -> str | None:
    """collective / individual / all, from words that name tập thể and/or cá nhân."""
    low = fold(words)
    both = (bool(R.COLLECTIVE.search(low)), bool(R.INDIVIDUAL.search(low)))
    return {(True, True): "all", (True, False): "collective",
            (False, True): "individual"}.get(both)


def reward_form(words: str) -> str | None:
    """The code of the first reward form `words` name, or None."""
    low = fold(words)
    return next((code for code, p in R.REWARD_FORMS if p.search(low)), None)


def rewards(p: Passage) -> list[Reward]:
    """One Reward per form a reward-form item names, each with who awards it."""
    low = fold(p.text)
    found: list[tuple[int, int, str]] = []
    for code, pattern in R.REWARD_FORMS:
        for m in pattern.finditer(low):
            if not any(a <= m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), code))
    found.sort()
    before = R.AWARDED_BY_BEFORE.search(p.text.lower())
    kind = R.FOR_KIND.search(low)
    out = []
    for a, b, code in found:
        after = R.AWARDED_BY_AFTER.match(p.text[b:])
        by = after.group("by") if after else (
            p.text[before.start("by"):before.end("by")] if before and before.start() < a else None)
        out.append(Reward(code, p.text, p.span, by, bool(R.PROPOSED.search(low[:a])),
                          applies_to(kind.group()) if kind else None, conditions(p.text)))
    return out


def criteria(s: Sections, i: int) -> Iterator[Criterion]:
    """The criteria of part i: every item of it and of its sub-headings, each for the
    participants and reward form its nearest heading names; lead-ins ending in ":" skipped."""
    for j in [i, *itertools.takewhile(lambda j: s.inside(i, j), range(i + 1, len(s.outline)))]:
        chain = _titles_up_to(s, i, j)
        who = next((a for t in chain if (a := applies_to(t))), None)
        form = next((f for t in chain if (f := reward_form(t))), None)
        for p in passages(s.text, s.outline[j].span[1], s.own_end(j)):
            if s.text[p.span[1]:p.span[1] + 2].lstrip(" ").startswith(":"):
                continue
            line = R.LINE_KIND.match(fold(p.text))
            yield Criterion(p.text, p.span, applies_to(line.group("kind")) if line else who,
                            conditions(p.text), form)


def _titles_up_to(s: Sections, top: int, j: int) -> list[str]:
    """Titles from heading j up to (not including) heading `top`, nearest first."""
    out, h = [], s.outline[j]
    while h is not s.outline[top]:
        out.append(h.title)
        if h.parent is None:
            break
        h = s.by_id[h.parent]
    return out


def dossier_item(p: Passage) -> DossierItem:
    """A dossier paper with its kind and the form it follows, when the rules know them."""
    low = fold(p.text)
    kind = next((code for code, pattern in R.DOSSIER_KINDS if pattern.search(low)), None)
    form = R.FORM_REF.search(p.text)
    ref = R.BROKEN_NUMBER.sub("-", squash(form.group())) if form else None
    return DossierItem(p.text, p.span, kind, ref)


def responsible(p: Passage) -> Responsible:
    """The body a duty item names first ("Đề nghị X: …", "Công chức X có trách nhiệm …")."""
    body = R.RESPONSIBLE_LEAD.sub("", p.text)
    colon = body.find(":")
    duty = R.DUTY_START.search(body)
    cut = colon if 0 < colon < 150 else (duty.start() if duty else len(body))
    return Responsible(body[:cut].strip(_TRIM), p.text, p.span)


def day(y: str, m: str, d: str) -> str | None:
    """The ISO date of day d/m/y, or None when there is no such day."""
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def period(text: str, issued_on: str | None) -> tuple[str | None, str | None]:
    """(start, end) ISO of a movement's period; "từ ngày … ban hành" starts on the issue day."""
    low = fold(text)
    from_issue = R.PERIOD_FROM_ISSUE.search(low)
    start = issued_on if from_issue else _bound(R.PERIOD_FROM.search(low), False)
    return start, _bound(R.PERIOD_TO.search(low), True)


def _bound(m: re.Match[str] | None, end: bool) -> str | None:
    if m is None:
        return None
    if m.group("y"):
        return day(m.group("y"), m.group("m"), m.group("d"))
    if m.group("my"):
        y, mo = int(m.group("my")), int(m.group("mm"))
        if not 1 <= mo <= 12:
            return None
        return day(str(y), str(mo), str(calendar.monthrange(y, mo)[1] if end else 1))
    return f"{m.group('yy')}-12-31" if end else f"{m.group('yy')}-01-01"


def deadline(text: str) -> tuple[str | None, str | None, str | None]:
    """(ISO deadline, receiving office, via which office) from the deadline part's text."""
    flat = squash(text)
    m = R.DEADLINE_DAY.search(flat)
    to = R.SEND_TO.search(flat)
    return (day(m.group("y"), m.group("m"), m.group("d")) if m else None,
            squash(to.group("to")) if to else None,
            squash(to.group("via")) if to and to.group("via") else None)


def span_of(s: Sections, found: dict[str, list[int]]) -> Span:
    """From the first part's heading to the end of the last part."""
    indexes = [i for hits in found.values() for i in hits]
    return (min(s.outline[i].span[0] for i in indexes), max(s.subtree_end(i) for i in indexes))
