"""A PDF's lines joined back into the paragraphs they were printed from, by where they stand.

Word and LibreOffice fill a paragraph's lines greedily: a line ends early only where its
paragraph ends (or at a line break typed inside it). So where the first word of the next
line would have fitted on the line before it, in the room left up to the text's right
margin, the line before ended its paragraph; where it would not have fitted, the line ran
out of room and, unless the next line opens an item of its own, the paragraph goes on.
Text alone cannot tell this apart: a justified line and a short one may hold as many
characters ("… của⏎Ủy ban nhân dân tỉnh" runs on, "… Sở Tài chính⏎Tuyên truyền …" may not),
and the stages' guesses from the text (stages/paragraphs.py) are the fallback for a text
export, which has no positions. Here a PDF's lines come out a paragraph a line, as a Word
file's do, and the stages read them as they read Word's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

from theodoi.extraction.labels import OPENS_ITEM
from theodoi.extraction.rules.document import HEADER_PART, MOTTO

DEFAULT_SIZE = 12.0  # pt: a character whose font has no size
SPACE = 0.25        # a space's width in the font's size (Times New Roman and its likes)
ROOM = 1.5          # pt: a word fitted only with this much room to spare (measures err)
MIN_FULL = 30       # characters: lines this long say where a page's text margins are
OUTLIER = 20.0      # pt: a long line this far past most lines' right edge is no prose line
CENTRED = 3.0       # pt: a line whose two margins differ by less is centred …
INDENTED = 24.0     # pt: … when it stands this far in from the left margin (and two such
                    # lines are a centred paragraph's when they start apart)
CAPS_START = 12     # characters: a line starting in capitals for this long goes on in them
MAX_PITCH = 3.0     # sizes: a line further below its neighbour starts a new block
DASHES = "-–"
SENTENCE_MARKS = ".!?…"  # a colon or semicolon ends a clause: "(chủ trì:⏎Hội Nông dân xã; …"
CLAUSE_MARKS = SENTENCE_MARKS + ";:"  # … and an item of a list: "…;⏎- Lưu: VT."
CLOSING = "\"”’)]* "


@dataclass(slots=True)
class Box:
    """Where a line's text stands on its page (PDF points, y upwards): its left and right
    ends, its bottom (the font's descent, so equal on every line of one size) and the
    font's size at its last character, the right end of its first word; `aligned` when a
    line near it starts where it does (a block's line, never a centred one)."""

    left: float
    right: float
    bottom: float
    size: float
    first_word: float
    page_width: float
    aligned: bool = False


def line_box(textpage: Any, start: int, line: str, page_width: float) -> Box | None:
    """The Box of `line`, PDFium's text from character `start`; None for a blank line or
    one whose characters PDFium cannot place (the line is then left as it is)."""
    text = line.rstrip("\r")
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip()) - 1
    if last < first:
        return None
    space = text.find(" ", first)
    word_end = (last if space < 0 else space - 1)
    # loose boxes: a character's advance and the font's descent, not its ink (bottom and
    # size of the last: a bullet's font is not the text's); PDFium's own calls, as
    # pdf_tables reads the page's objects: the wrapper's checks cost more than the call; a
    # character asked twice (a first word of one letter, a line of one word) asked once
    raw, rect = textpage.raw, pdfium_c.FS_RECTF()
    if not _LOOSE_BOX(raw, start + first, rect):
        return None
    left = rect.left
    if word_end != first and not _LOOSE_BOX(raw, start + word_end, rect):
        return None
    word_right = rect.right
    if last != word_end and not _LOOSE_BOX(raw, start + last, rect):
        return None
    size = _FONT_SIZE(raw, start + last) or DEFAULT_SIZE
    return Box(left, rect.right, rect.bottom, size, word_right, page_width)


_LOOSE_BOX = pdfium_c.FPDFText_GetLooseCharBox  # looked up once, not at each line's call
_FONT_SIZE = pdfium_c.FPDFText_GetFontSize


@dataclass(frozen=True, slots=True)
class Margins:
    """The left and right ends of a page's prose lines, for pages of one width."""

    left: float
    right: float


def margins(boxes: list[Box], texts: list[str]) -> dict[float, Margins]:
    """Margins of the prose on the pages of each width, read from their long lines (a
    landscape appendix has its own); a long line standing far out to the right (a row of a
    table without borders) is left out."""
    by_width: dict[float, list[Box]] = defaultdict(list)
    for box, text in zip(boxes, texts, strict=True):
        if len(text.strip()) >= MIN_FULL:
            by_width[round(box.page_width)].append(box)
    out = {}
    for width, found in by_width.items():
        rights = sorted(b.right for b in found)
        usual = rights[int(0.9 * (len(rights) - 1))]
        right = max(r for r in rights if r <= usual + OUTLIER)
        out[width] = Margins(min(b.left for b in found), right)
    return out


def _fits(before: Box, after: Box, margin: Margins) -> bool:
    """Whether the first word of the line `after` would have fitted on the line `before`,
    with ROOM to spare; of two centred lines, in the width between the margins."""
    word = after.first_word - after.left + SPACE * before.size
    if _centred(before, margin) and _centred(after, margin) and abs(
            before.left - after.left) > ALIGNED:
        return before.right - before.left + word <= margin.right - margin.left - ROOM
    return before.right + word <= margin.right - ROOM


def _centred(box: Box, margin: Margins) -> bool:
    """Whether the line stands in the middle between the margins, well in from both, and
    starts where no line near it does (a ragged list's lines may stand as far in from both
    margins by chance; centred lines of different lengths start apart)."""
    inset = box.left - margin.left
    return (not box.aligned and inset > INDENTED
            and abs(inset - (margin.right - box.right)) < CENTRED)


def _ends_sentence(text: str, marks: str = SENTENCE_MARKS) -> bool:
    """Whether `text` ends with one of `marks`, closing quotes and brackets aside."""
    end = text.rstrip(CLOSING)[-1:]
    return end != "" and end in marks  # one character: in the string as in its characters


def _below(before: Box, after: Box) -> bool:
    """Whether `after` is the next line down, not beside `before` or far below it."""
    pitch = before.bottom - after.bottom
    return 0.5 * before.size < pitch < MAX_PITCH * before.size


RUNS_ON, NEW, AFTER_SENTENCE = "runs on", "new", "after a sentence"


def runs_on(before: str, after: str, boxes: tuple[Box, Box], margin: Margins,
            new_page: bool) -> str:
    """Whether the line `after` goes on with the paragraph of the line `before` (RUNS_ON)
    or starts one (NEW), when it is the next line down (or the first of the next page). It
    starts one where it opens an item of its own (a dash after a line left open is one a
    name or a range broke at: "Phòng Văn hóa⏎- Xã hội") or where its first word would have
    fitted on `before` (a title's second line in small letters after a short first: "KẾ
    HOẠCH⏎thực hiện nhiệm vụ …"). A capital or a figure after a line that ran out of room
    with a full stop is AFTER_SENTENCE: a new sentence of the paragraph or a new paragraph,
    which only the document's indents tell (`joined`). A letterhead's motto, number and
    date (rules.document.HEADER_PART) start lines; nothing goes on from the motto, from a
    centred line (a title) but a centred line, or from a line in capitals (a title, a
    heading) but in capitals ("II. NHIỆM VỤ VÀ⏎GIẢI PHÁP")."""
    box, next_box = boxes
    head = after.lstrip()
    if OPENS_ITEM.match(head):  # asked first: most of a plan's lines open an item, which
        # starts one whatever `_apart` says, unless a name broke at its dash
        broken_name = head[:1] in DASHES and not _ends_sentence(before, CLAUSE_MARKS)
        return RUNS_ON if broken_name and not _apart(before, after, boxes, margin, new_page) \
            and not _fits(box, next_box, margin) else NEW
    if _apart(before, after, boxes, margin, new_page):
        return NEW
    if _fits(box, next_box, margin):
        return NEW
    return AFTER_SENTENCE if _ends_sentence(before) and not head[:1].islower() else RUNS_ON


def _apart(before: str, after: str, boxes: tuple[Box, Box], margin: Margins,
           new_page: bool) -> bool:
    """Whether the two lines belong to different paragraphs whatever their room: `after`
    is not the next line down on the page, nor the first of the next; or it is a
    letterhead's part, `before` its motto; or `before` is centred or in capitals and
    `after` is not."""
    box, next_box = boxes
    return (not (new_page or _below(box, next_box)) or bool(MOTTO.match(before))
            or bool(HEADER_PART.match(after))
            or (_centred(box, margin) and not _centred(next_box, margin))
            or (before.isupper() and not after[:CAPS_START].isupper()))


def _blocks(column: list[Box | None], texts: list[str]) -> list[float | None]:
    """Each line's block, from the lines within NEAR_LINES that start where it does: its
    box is marked `aligned` when there is one (a block's line, never a centred one); and
    the block's right end, the furthest of those lines that are long, when MIN_NEAR of them
    tell it (a list's paragraphs may be indented on the right as well as on the left, and
    their lines end short of the page's margin; a signature's short lines tell nothing),
    else None."""
    # plain lists of floats, read a dozen times a line (a Box's attributes cost more)
    lefts = [b.left if b else None for b in column]
    widths = [b.page_width if b else None for b in column]
    long_rights = [b.right if b and len(t.strip()) >= MIN_FULL else None
                   for b, t in zip(column, texts, strict=True)]
    rights: list[float | None] = []
    for at, box in enumerate(column):
        left, width = lefts[at], widths[at]
        if box is None or left is None:
            rights.append(None)
            continue
        lo, hi = max(0, at - NEAR_LINES), min(len(column), at + NEAR_LINES + 1)
        if _uniform(lefts, widths, lo, hi, box.left, box.page_width):  # a list's, a page's
            if hi - lo > 1:
                box.aligned = True
            long = [r for r in long_rights[lo:hi] if r is not None]
            # max() from 0.0 over them in order, as the loop below compares them
            rights.append(max([0.0, *long]) if len(long) >= MIN_NEAR else None)
            continue
        count, right = 0, 0.0
        for near in range(lo, hi):
            other = lefts[near]
            if other is None or widths[near] != width or abs(other - left) > ALIGNED:
                continue
            if near != at:
                box.aligned = True
            found = long_rights[near]
            if found is not None:
                count, right = count + 1, max(right, found)
        rights.append(right if count >= MIN_NEAR else None)
    return rights


def _uniform(lefts: list[float | None], widths: list[float | None], lo: int, hi: int,
             left: float, width: float) -> bool:
    """Whether every line from `lo` to `hi` starts at `left`, exactly, on a page `width`
    wide (never so for a NaN): each of them then starts where the line does, as `_blocks`
    compares them one by one, and the window is read at once."""
    return (left == left and width == width and lefts[lo:hi].count(left) == hi - lo
            and widths[lo:hi].count(width) == hi - lo)


NEAR_LINES = 6      # lines above and below that tell a block's right end
ALIGNED = 1.5       # pt: lines starting this close start at one left margin
MIN_NEAR = 3        # lines that must agree before a block's own right end is trusted


def joined(lines: list[tuple[int, int, str]], column: list[Box | None]
           ) -> list[tuple[int, int, str]]:
    """(page, index, text) of each paragraph of `lines` (each (page, index, text)), where
    each line stands in `column` (the same length): lines that run on are joined by a
    space, under the first line's page and index. A line with no Box (a table's row, OCR's
    text) is left as it is. Where the document indents its paragraphs' first lines, a line
    after a sentence's end runs on when it stands at the margin, and a line standing in by
    that indent starts a paragraph whatever its room (a paragraph's own lines go on at the
    margin: "3. Kiểm tra …" filled its one line by chance, "Chủ trì: …" is the next)."""
    known = [(box, t) for box, (_, _, t) in zip(column, lines, strict=True) if box]
    if not known:
        return lines
    found = margins([b for b, _ in known], [t for _, t in known])
    rights = _blocks(column, [t for _, _, t in lines])
    said = [NEW] * len(lines)
    for at in range(1, len(lines)):
        box, last, right = column[at], column[at - 1], rights[at]
        margin = found.get(round(last.page_width)) if last else None
        if box and last and margin:
            # the block's right end where it stands in from the margin (a Margins made only
            # then: the page's own serves the rest, as min() would give its right)
            local = Margins(margin.left, right) if right and right < margin.right else margin
            said[at] = runs_on(lines[at - 1][2], lines[at][2], (last, box), local,
                               lines[at][0] != lines[at - 1][0])
    indent = _indents(column, said)
    out: list[tuple[int, int, str]] = []
    for at, (page, index, text) in enumerate(lines):
        box = column[at]
        margin = found.get(round(box.page_width)) if box else None
        at_margin = bool(box and margin and abs(box.left - margin.left) <= ALIGNED)
        if indent and box and margin and said[at] == RUNS_ON and \
                abs(box.left - margin.left - indent) <= ALIGNED:
            said[at] = NEW  # a paragraph's own lines go on at the margin, not at the indent
        if said[at] == RUNS_ON or (said[at] == AFTER_SENTENCE and indent and at_margin):
            out[-1] = (out[-1][0], out[-1][1], f"{out[-1][2].rstrip()} {text.strip()}")
        else:
            out.append((page, index, text))
    return out


def _indents(column: list[Box | None], said: list[str]) -> float | None:
    """How far the document's paragraphs' first lines stand in (NĐ 30's first-line indent),
    when they do: in most of its paragraphs of two lines or more the first line stands in
    from the second, by the median of those indents; else None."""
    pairs = [(column[at - 1], column[at]) for at in range(1, len(said))
             if said[at] == RUNS_ON and (at < 2 or said[at - 1] != RUNS_ON)]
    indented = sorted(first.left - second.left for first, second in pairs if first and second
                      and first.left - second.left >= INDENT)
    if len(pairs) >= MIN_PARAGRAPHS and len(indented) >= INDENTED_SHARE * len(pairs):
        return indented[len(indented) // 2]
    return None


INDENT = 6.0            # pt: a first line this far in from the second is indented
MIN_PARAGRAPHS = 3      # paragraphs of two lines or more before the indents are judged
INDENTED_SHARE = 0.6    # of them indented: the document indents its paragraphs
