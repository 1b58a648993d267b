"""The heading tree (A., I., 1., 1.1., a), (1) …) with levels from the order families appear.

A family seen for the first time nests under the current heading; a family already on the
stack closes everything below it. Decimal labels nest by their number of parts.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from theodoi.extraction.line_rules import line_rule
from theodoi.extraction.model import Heading
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules.headings import (
    APPENDIX_LINE,
    HEADING_PATTERNS,
    MAX_TITLE,
    PART_ALONE,
    TITLE_CUT,
    TITLE_START,
)

NAMED_GROUP = re.compile(r"\(\?P<\w+>")
SCOPED_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"))


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that matches where any of `patterns` does (group names dropped, since
    the families share them), so most lines are ruled out with one match instead of eight."""
    parts = []
    for pattern in patterns:
        flags = "".join(c for flag, c in SCOPED_FLAGS if pattern.flags & flag)
        parts.append(f"(?{flags}:{NAMED_GROUP.sub('(?:', pattern.pattern)})")
    return re.compile("|".join(parts))


ANY_HEADING = _any_of([pattern for _, pattern in HEADING_PATTERNS])


def lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Each non-blank line as (start, end, stripped text), offsets of the stripped text.

    Cuts one line at a time (what `text.split("\n")` gives, line by line), so a long text's
    lines are never all in memory together."""
    pos, size = 0, len(text)
    while pos <= size:
        cut = text.find("\n", pos)
        cut = size if cut < 0 else cut
        raw = text[pos:cut]
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())  # after the leading whitespace
            yield start, start + len(stripped), stripped
        pos = cut + 1


class LineIndex(Sequence[tuple[int, int, str]]):
    """The non-blank lines of `text` as `lines` gives them, indexable: two arrays of offsets,
    each line's text cut from `text` when asked for (a list of every line's text took
    about five times the text's size)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends = array("q"), array("q")
        for start, end, _ in lines(text):
            self.starts.append(start)
            self.ends.append(end)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int, str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int, str]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int, str] | list[tuple[int, int, str]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        start, end = self.starts[i], self.ends[i]
        return start, end, self.text[start:end]


def match_heading(line: str) -> tuple[str, str, str] | None:
    """(family, label, title) when the line starts with a heading label, else None."""
    if not ANY_HEADING.match(line):
        return None
    for family, pattern in HEADING_PATTERNS:
        m = pattern.match(line)
        if not m or not TITLE_START.match(m.group("title")):
            continue
        label, title = m.group("label"), m.group("title")
        if family == "decimal":
            family = f"decimal{label.rstrip('.').count('.')}"
        return family, label, _short_title(title)
    return None


def _short_title(title: str) -> str:
    if len(title) > MAX_TITLE or ":" in title[:100]:
        cut = TITLE_CUT.match(title)
        if cut:
            return cut.group("title").strip()
    return title.strip().rstrip(":").strip()


def _headings(text: str) -> Iterator[tuple[int, int, str, str, str]]:
    """(start, end of the title, family, label, title) of each heading line; a part's label
    alone on its line takes the next line as its title when that line is no heading."""
    part: tuple[int, str] | None = None  # a part's label waiting for its title line
    for start, end, line in lines(text):
        found = match_heading(line)
        if part is not None and found is None and TITLE_START.match(line):
            yield part[0], end, "part", part[1], _short_title(line)
            part = None
            continue
        part = None
        alone = PART_ALONE.match(line)
        if alone:
            part = (start, alone.group("label"))
        elif found:
            family, label, title = found
            title_end = start + line.index(title) + len(title) if title in line else end
            yield start, title_end, family, label, title


APPENDIX_CANDIDATE = line_rule(re.compile(r"^[^\S\n]*(?:PHỤ LỤC|Phụ lục)[^\n]*", re.MULTILINE))


def appendix_start(text: str) -> int | None:
    """Where the first appendix starts ("PHỤ LỤC 01", "Phụ lục II: …", "PHỤ LỤC DANH MỤC …"
    on a line of its own), else None. An appendix stands apart from the body after the
    signature: no heading of the body reaches into it."""
    for candidate in APPENDIX_CANDIDATE.finditer(text):
        if _appendix(candidate.group()):
            return candidate.start()
    return None


def _appendix(line: str) -> re.Match[str] | None:
    """The appendix line's match, else None: words after a bare label must be capitals or
    in brackets ("PHỤ LỤC I (Kèm theo Kế hoạch số …)"), and never after a small "Phụ lục"
    ("Phụ lục kèm theo Kế hoạch này" is a sentence)."""
    found = APPENDIX_LINE.match(line)
    caps = found.group("caps") if found else None
    if found and caps and not caps.startswith("(") and (
            caps != caps.upper() or found.group("label") == "Phụ lục"):
        return None
    return found


def build_outline(text: str) -> list[Heading]:
    """The outline of `text`; spans cover the label and the title as written."""
    stack: list[tuple[str, str]] = []  # (family, heading id)
    outline: list[Heading] = []
    for start, title_end, family, label, title in _headings(text):
        families = [f for f, _ in stack]
        if family in families:
            del stack[families.index(family):]
        hid = f"h{len(outline) + 1}"
        parent = stack[-1][1] if stack else None
        outline.append(Heading(hid, label, title, len(stack) + 1, parent, (start, title_end)))
        stack.append((family, hid))
    return outline


def part_ends(outline: list[Heading], end: int) -> list[int]:
    """Where each heading's part ends: the start of the next heading at its level or above,
    else `end`. One pass with a stack of the headings whose part is still open (their levels
    rise to the top), instead of a walk of the headings after each one."""
    ends = [end] * len(outline)
    open_: list[int] = []
    for j, heading in enumerate(outline):
        while open_ and outline[open_[-1]].level >= heading.level:
            ends[open_.pop()] = heading.span[0]
        open_.append(j)
    return ends


def run(ctx: Context) -> None:
    ctx.outline = build_outline(ctx.text)


STAGE = Stage("outline", needs=("source", "document"), provides=("outline",), run=run)
