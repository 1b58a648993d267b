"""Split text into clauses: at ';', at a sentence end, and where a new list item starts.

PDF exports break lines inside sentences, so a line break alone is no boundary; a line that
starts with a list marker ('-', '+', '(3)', '2.', 'a)') is.
"""

from __future__ import annotations

from theodoi.extraction.model import Heading
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules.targets import CLAUSE_BOUNDARY


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of text[start:end], trimmed of whitespace, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in CLAUSE_BOUNDARY.finditer(text, start, end):
        spans.append((pos, m.start() + (1 if m.group() == "." else 0)))
        pos = m.end() if m.group() != "." else m.start() + 1
    spans.append((pos, end))
    out = []
    for s, e in spans:
        piece = text[s:e]
        stripped = piece.strip()  # str methods trim faster than a loop over characters
        if stripped:
            s += len(piece) - len(piece.lstrip())
            out.append((s, s + len(stripped)))
    return out


def section_clauses(text: str, outline: list[Heading]) -> list[tuple[int, int]]:
    """Clauses of the text under each heading, so a heading never joins the line below it."""
    ordered = sorted(outline, key=lambda h: h.span[0])
    if not ordered:  # a press statement or a short letter: the whole text is the body
        return clauses(text, 0, len(text))
    bounds = [h.span[1] if _bare_title(text, h) else h.span[0] for h in ordered]
    ends = [h.span[0] for h in ordered[1:]] + [len(text)]
    out: list[tuple[int, int]] = []
    for start, end in zip(bounds, ends, strict=True):
        out.extend(clauses(text, start, end))
    return out


def _bare_title(text: str, heading: Heading) -> bool:
    """A heading that is only a title on its line ('1. Phát triển nông nghiệp'); a numbered
    item that states something ('(1) Tỷ lệ … đạt 95%') stays in its clause."""
    line_end = text.find("\n", heading.span[1])
    rest = text[heading.span[1]:line_end if line_end >= 0 else len(text)]
    following = _first_visible(text, line_end) if line_end >= 0 else ""
    starts_anew = not following or following.isupper() or following in "-+*•("
    return (not rest.strip() and starts_anew and not heading.title.rstrip().endswith(".")
            and not any(ch.isdigit() for ch in heading.title))  # "(7) … dự toán huyện giao." states


def _first_visible(text: str, pos: int) -> str:
    """The first non-space character from `pos` on ("" at the end), without copying the
    rest of the text as `text[pos:].lstrip()` would once per heading."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return text[pos:pos + 1]


def run(ctx: Context) -> None:
    ctx.clauses = section_clauses(ctx.text, ctx.outline)


STAGE = Stage("clauses", needs=("source", "outline"), provides=("clauses",), run=run)
