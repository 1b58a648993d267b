"""Task fields: each task's area of work (lĩnh vực) from the section it stands in.

The same field words as the targets' (rules/fields.py FIELDS), read from the names of the
sections around the task, nearest first: a group row of a table or appendix between the
task and its heading ("I Về phát triển kinh tế"), then the heading chain ("2.4. Về y tế" <
"2. Về khoa học – công nghệ, văn hóa – xã hội"). A task's own words do not decide: "Kế
hoạch … trình BCH Đảng bộ xã" names who approves it, not its field. No field named: None
(the register shows "Chưa phân lĩnh vực" and a person may set it on the review page).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from theodoi.domain.text import squash
from theodoi.extraction.folded import Folded
from theodoi.extraction.model import Heading
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules import fields as R


@lru_cache(maxsize=1024)  # a heading is above many tasks: each name is judged once
def section_field(name: str) -> str | None:
    """The field a section's name (a heading title or a group row) names, or None when it
    names none, names the whole economy and society, or is a paragraph rather than a name."""
    head = R.NAME_END.split(R.NAME_LABEL.sub("", squash(name)), maxsplit=1)[0]
    if len(head.split()) > R.NAME_WORDS:
        return None
    head = R.BROAD.sub(" ", head)
    return next((code for code, pattern in R.SECTION_FIELDS + R.FIELDS
                 if _whole_words(pattern, head)), None)


def _whole_words(pattern: Folded, text: str) -> bool:
    """`pattern` matches whole words of `text`: 'rác' (rubbish) is not in 'chuyên trách'."""
    return any((m.start() == 0 or not text[m.start() - 1].isalnum())
               and (m.end() == len(text) or not text[m.end()].isalnum())
               for m in pattern.finditer(text))


class Sections:
    """For an offset of the text: the section names above it, nearest first."""

    def __init__(self, text: str, outline: list[Heading]) -> None:
        self.outline = sorted(outline, key=lambda h: h.span[0])
        self.starts = [h.span[0] for h in self.outline]
        self.by_id = {h.id: h for h in outline}
        rows = list(R.GROUP_ROW.finditer(text)) if text else []
        self.rows = [(m.start(), m.group("name")) for m in rows]
        self.row_starts = [start for start, _ in self.rows]

    def names(self, offset: int) -> list[str]:
        """The nearest group row after the innermost heading (if any), then the heading
        chain from the innermost heading up."""
        i = bisect_right(self.starts, offset) - 1
        heading = self.outline[i] if i >= 0 else None
        out: list[str] = []
        j = bisect_right(self.row_starts, offset - 1) - 1
        if j >= 0 and (heading is None or self.rows[j][0] >= heading.span[1]):
            out.append(self.rows[j][1])
        while heading is not None:
            out.append(heading.title)
            heading = self.by_id.get(heading.parent) if heading.parent else None
        return out

    def field(self, offset: int) -> str | None:
        """The field of the nearest section above `offset` whose name names one."""
        return next((f for name in self.names(offset) if (f := section_field(name))), None)


def fields_at(text: str, outline: list[dict[str, Any]]) -> Callable[[int], str | None]:
    """For a document's text and its outline as `theodoi.extraction/1` JSON: the field of
    the sections above an offset (how a task stored before tasks had fields gets one)."""
    headings = [Heading(h["id"], h.get("label") or "", h["title"], h["level"], h.get("parent"),
                        (h["span"][0], h["span"][1])) for h in outline if h.get("span")]
    return Sections(text, headings).field


def run(ctx: Context) -> None:
    sections = Sections(ctx.text, ctx.outline)
    for task in ctx.tasks:
        task.field = sections.field(task.span[0])


STAGE = Stage("task_fields", needs=("outline", "tasks"), provides=("task_fields",), run=run)
