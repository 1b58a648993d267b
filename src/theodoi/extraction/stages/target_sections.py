"""Where a target stands in the plan's outline: the innermost heading above an offset,
whether it lies in a target list ("Chỉ tiêu cụ thể") or a section that is skipped (the
past, the purpose), the horizon and the area of work its headings name. Shared by the
targets stage, which asks it of every clause.
"""

from __future__ import annotations

from bisect import bisect_right

from theodoi.extraction.model import Heading
from theodoi.extraction.rules import targets as R
from theodoi.extraction.rules.fields import FIELDS


class Sections:
    """For an offset: the innermost heading, whether it lies in a target list or is skipped."""

    def __init__(self, outline: list[Heading]) -> None:
        self.outline = sorted(outline, key=lambda h: h.span[0])
        self.starts = [h.span[0] for h in self.outline]
        self.by_id = {h.id: h for h in outline}
        self.children: dict[str | None, list[Heading]] = {}
        for h in self.outline:
            self.children.setdefault(h.parent, []).append(h)
        self._flags: dict[str, tuple[str | None, bool, bool]] = {}  # per heading, once
        # per heading title, once: a heading is in the chain of every heading below it
        self._verdicts: dict[str, str | None] = {}
        self._fields: dict[str, str | None] = {}
        self._years: dict[str, int | None] = {}

    def siblings(self, heading: Heading) -> list[Heading]:
        """The headings with the same parent as `heading`, in order."""
        return self.children.get(heading.parent, [])

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
        """(section id, in a target list, skipped): the nearest heading that says either
        decides, so a target list inside "Mục đích chung, các chỉ tiêu chủ yếu" counts."""
        heading = self.at(offset)
        if heading is None:  # before the first heading (letterhead, Căn cứ …) unless none
            return None, False, bool(self.outline)
        if heading.id not in self._flags:
            self._flags[heading.id] = self._decide(heading)
        return self._flags[heading.id]

    def _decide(self, heading: Heading) -> tuple[str | None, bool, bool]:
        for h in self.chain(heading):
            verdict = self._verdict(h)
            if verdict == "target":
                return heading.id, True, False
            if verdict == "skip":
                return heading.id, False, True
        return heading.id, False, False

    def _verdict(self, heading: Heading) -> str | None:
        """"target" or "skip" when this heading's own title says so, else None."""
        if heading.id not in self._verdicts:
            if R.TARGET_SECTION.search(heading.title):
                self._verdicts[heading.id] = "target"
            elif R.SKIP_SECTION.search(heading.title) and not _item_title(heading.title):
                self._verdicts[heading.id] = "skip"
            else:
                self._verdicts[heading.id] = None
        return self._verdicts[heading.id]

    def year(self, offset: int) -> int | None:
        """The horizon the nearest heading above `offset` names ('Mục tiêu đến năm 2030')."""
        for h in self.chain(self.at(offset)):
            if h.id not in self._years:
                m = R.HEADING_YEAR.search(h.title)
                self._years[h.id] = int(m.group("y") or m.group("z") or m.group("w")) \
                    if m else None
            if self._years[h.id]:
                return self._years[h.id]
        return None

    def field(self, offset: int) -> str | None:
        """The area of work named by the nearest heading above `offset` that names one."""
        for h in self.chain(self.at(offset)):
            if h.id not in self._fields:
                self._fields[h.id] = field_of(h.title)
            if self._fields[h.id]:
                return self._fields[h.id]
        return None


def _item_title(title: str) -> bool:
    """A heading title that states a value or runs long is a list item, not a section name."""
    return bool(R.ITEM_TITLE.search(title)) or len(title.split()) > R.ITEM_TITLE_WORDS


def field_of(text: str) -> str | None:
    """The first area of work in FIELDS whose words `text` holds."""
    return next((name for name, pattern in FIELDS if pattern.search(text)), None)
