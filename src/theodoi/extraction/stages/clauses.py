"""Split text into clauses: at ';', at a sentence end, and where a new list item starts.

PDF exports break lines inside sentences, so a line break alone is no boundary; a line that
starts with a list marker ('-', '+', '(3)', '2.', 'a)') is.
"""

from __future__ import annotations

from bisect import bisect_right

from theodoi.extraction.model import Heading
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules.headings import TITLE_YEAR
from theodoi.extraction.rules.targets import CLAUSE_BOUNDARY
from theodoi.extraction.stages.paragraphs import DASHES, document_paragraphs, paragraph_end
from theodoi.extraction.stages.spans import Spans


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of text[start:end], trimmed of whitespace, empty ones dropped."""
    out: list[tuple[int, int]] = []
    _add_clauses(out, text, start, end)
    return out


def _add_clauses(out: list[tuple[int, int]] | Spans, text: str, start: int, end: int,
                 ctx: Context | None = None) -> None:
    """Append the clause spans of text[start:end] to `out` (see `clauses`); with `ctx`, a
    line a PDF broke at a range's dash is no new item (`_range_goes_on`)."""
    pos = start
    for m in CLAUSE_BOUNDARY.finditer(text, start, end):
        if ctx is not None and m.group() == "\n" and _range_goes_on(ctx, m.end()):
            continue
        _add_trimmed(out, text, pos, m.start() + (1 if m.group() == "." else 0))
        pos = m.end() if m.group() != "." else m.start() + 1
    _add_trimmed(out, text, pos, end)


def _range_goes_on(ctx: Context, pos: int) -> bool:
    """Whether the line after `pos`, opening with a dash and a figure ("- 13%/năm"), goes on
    from the line before: a range a PDF broke at its dash ("… đạt 10\n- 13%/năm"), as the
    paragraphs stage judged it (the line before ran to the margin without ending its
    sentence), not a list item that opens with a figure ("- 100% trường …")."""
    text = ctx.text
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if text[pos:pos + 1] not in DASHES or not text[pos + 1:pos + 3].strip()[:1].isdigit():
        return False
    found = document_paragraphs(ctx)
    k = bisect_right(found.starts, pos) - 1
    return k >= 0 and found.starts[k] < pos < found.ends[k]


def _add_trimmed(out: list[tuple[int, int]] | Spans, text: str, s: int, e: int) -> None:
    piece = text[s:e]
    stripped = piece.strip()  # str methods trim faster than a loop over characters
    if stripped:
        s += len(piece) - len(piece.lstrip())
        out.append((s, s + len(stripped)))


def section_clauses(text: str, outline: list[Heading], ctx: Context | None = None) -> Spans:
    """Clauses of the text under each heading, so a heading never joins the line below it;
    `ctx` (the document's) lets `_range_goes_on` ask for its paragraphs."""
    out = Spans()
    ordered = sorted(outline, key=lambda h: h.span[0])
    if not ordered:  # a press statement or a short letter: the whole text is the body
        _add_clauses(out, text, 0, len(text), ctx)
        return out
    bounds = [h.span[1] if _bare_title(text, h, ctx) else h.span[0] for h in ordered]
    ends = [h.span[0] for h in ordered[1:]] + [len(text)]
    for start, end in zip(bounds, ends, strict=True):
        _add_clauses(out, text, start, end, ctx)
    return out


def _bare_title(text: str, heading: Heading, ctx: Context | None = None) -> bool:
    """A heading that is only a title on its line ('1. Phát triển nông nghiệp'); a numbered
    item that states something ('(1) Tỷ lệ … đạt 95%') stays in its clause, and so does one
    whose sentence a PDF wrapped onto the next line, even before a name in capitals ("4. Xây
    dựng Đề án …, trình⏎Ban Chấp hành Đảng bộ xã trong Quý III năm 2027": the paragraphs
    stage, given `ctx`, judged the line to go on)."""
    line_end = text.find("\n", heading.span[1])
    rest = text[heading.span[1]:line_end if line_end >= 0 else len(text)]
    following = _first_visible(text, line_end) if line_end >= 0 else ""
    starts_anew = not following or following.isupper() or following in "-+*•("
    figures = TITLE_YEAR.sub("", heading.title)  # a year dates a title, a figure states
    bare = (not rest.strip() and starts_anew and not heading.title.rstrip().endswith(".")
            and not any(ch.isdigit() for ch in figures))  # "(7) … dự toán huyện giao." states
    return bare and not (ctx is not None and line_end >= 0
                         and paragraph_end(ctx, heading.span[0]) > line_end)


def _first_visible(text: str, pos: int) -> str:
    """The first non-space character from `pos` on ("" at the end), without copying the
    rest of the text as `text[pos:].lstrip()` would once per heading."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return text[pos:pos + 1]


def run(ctx: Context) -> None:
    ctx.clauses = section_clauses(ctx.text, ctx.outline, ctx)


STAGE = Stage("clauses", needs=("source", "outline"), provides=("clauses",), run=run)
