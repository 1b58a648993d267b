"""Split text into clauses: at ';', at a sentence end, and where a new list item starts.

PDF exports break lines inside sentences, so a line break alone is no boundary; a line that
starts with a list marker ('-', '+', '(3)', '2.', 'a)') is.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from theodoi.extraction.model import Heading
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules.headings import TITLE_YEAR
from theodoi.extraction.rules.targets import CLAUSE_BOUNDARY


class Spans(Sequence[tuple[int, int]]):
    """(start, end) spans kept as two columns of 4-byte integers: a long text's clauses
    as a list of tuples took about three quarters of the text's UTF-8 size."""

    def __init__(self) -> None:
        self.starts, self.ends = array("i"), array("i")

    def append(self, span: tuple[int, int]) -> None:
        self.starts.append(span[0])
        self.ends.append(span[1])

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(i, slice):
            return list(zip(self.starts[i], self.ends[i], strict=True))
        return self.starts[i], self.ends[i]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of text[start:end], trimmed of whitespace, empty ones dropped."""
    out: list[tuple[int, int]] = []
    _add_clauses(out, text, start, end)
    return out


def _add_clauses(out: list[tuple[int, int]] | Spans, text: str, start: int, end: int) -> None:
    """Append the clause spans of text[start:end] to `out` (see `clauses`)."""
    pos = start
    for m in CLAUSE_BOUNDARY.finditer(text, start, end):
        _add_trimmed(out, text, pos, m.start() + (1 if m.group() == "." else 0))
        pos = m.end() if m.group() != "." else m.start() + 1
    _add_trimmed(out, text, pos, end)


def _add_trimmed(out: list[tuple[int, int]] | Spans, text: str, s: int, e: int) -> None:
    piece = text[s:e]
    stripped = piece.strip()  # str methods trim faster than a loop over characters
    if stripped:
        s += len(piece) - len(piece.lstrip())
        out.append((s, s + len(stripped)))


def section_clauses(text: str, outline: list[Heading]) -> Spans:
    """Clauses of the text under each heading, so a heading never joins the line below it."""
    out = Spans()
    ordered = sorted(outline, key=lambda h: h.span[0])
    if not ordered:  # a press statement or a short letter: the whole text is the body
        _add_clauses(out, text, 0, len(text))
        return out
    bounds = [h.span[1] if _bare_title(text, h) else h.span[0] for h in ordered]
    ends = [h.span[0] for h in ordered[1:]] + [len(text)]
    for start, end in zip(bounds, ends, strict=True):
        _add_clauses(out, text, start, end)
    return out


def _bare_title(text: str, heading: Heading) -> bool:
    """A heading that is only a title on its line ('1. Phát triển nông nghiệp'); a numbered
    item that states something ('(1) Tỷ lệ … đạt 95%') stays in its clause."""
    line_end = text.find("\n", heading.span[1])
    rest = text[heading.span[1]:line_end if line_end >= 0 else len(text)]
    following = _first_visible(text, line_end) if line_end >= 0 else ""
    starts_anew = not following or following.isupper() or following in "-+*•("
    figures = TITLE_YEAR.sub("", heading.title)  # a year dates a title, a figure states
    return (not rest.strip() and starts_anew and not heading.title.rstrip().endswith(".")
            and not any(ch.isdigit() for ch in figures))  # "(7) … dự toán huyện giao." states


def _first_visible(text: str, pos: int) -> str:
    """The first non-space character from `pos` on ("" at the end), without copying the
    rest of the text as `text[pos:].lstrip()` would once per heading."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return text[pos:pos + 1]


def run(ctx: Context) -> None:
    ctx.clauses = section_clauses(ctx.text, ctx.outline)


STAGE = Stage("clauses", needs=("source", "outline"), provides=("clauses",), run=run)
