"""A document's paragraphs: its lines, joined back where a PDF's text layer wrapped a
sentence. In a Word file or its text export every paragraph is one line; in a PDF a line
that does not end a sentence runs on into the next. Whether a text is wrapped at all is
judged once, on its full lines; the rules that read a line read the paragraph instead
(`joined_text`), every offset kept."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from theodoi.extraction.labels import OPENS_ITEM
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import tasks as R
from theodoi.extraction.stages.spans import Spans

WRAPPED_SHARE = 0.15    # share of full lines running on in lower case in a PDF's wrapped text
MARGIN_QUANTILE = 0.9   # the width a page's lines reach: that of the 90th percentile line
FULL_LINE = 0.6         # a line at least this share of it reached the margin
AT_MARGIN = 0.9         # a line this close to the margin ran out of room there
# A line that goes on into the next ran out of room: in the prose of seeds 000-002 (PDF text),
# all but 6 of the 636 lines going on in lower case reach 0.8 of the margin
SHORT_BEFORE_CAPITAL = 0.8
MAX_LABEL = 40          # a block line's label and its colon: "Cơ quan thực hiện và phối hợp:"
MAX_LABEL_WORDS = 6
DASHES = "-–"
SENTENCE_MARKS = ".;:!?…"
CLOSING_QUOTES = "\"”’)]* \t"
LINE = re.compile(r"[^\S\n]*(\S(?:[^\n]*\S)?)[^\S\n]*")  # a line's text without its margins


def ends_sentence(line: str, start: int = 0, end: int | None = None) -> bool:
    """Whether line[start:end] ends a sentence ('…;', '….', '…”.'), looking only at its end."""
    i = (len(line) if end is None else end) - 1
    while i >= start and line[i] in CLOSING_QUOTES:
        i -= 1
    return i >= start and line[i] in SENTENCE_MARKS


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed."""
    return [m.span(1) for m in LINE.finditer(text)]


def _prose(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines that may wrap: not a table's rows (tab-separated or ' | ' cells)."""
    if "\t" not in text and " | " not in text:
        return lines  # no table: every line, without a look at each
    return [(s, e) for s, e in lines if text.find("\t", s, e) < 0 and text.find(" | ", s, e) < 0]


def _margin(prose: list[tuple[int, int]]) -> int:
    """The width a page's lines reach: that of the line at MARGIN_QUANTILE."""
    widths = sorted(e - s for s, e in prose)
    return widths[int(MARGIN_QUANTILE * (len(widths) - 1))]


def _one_per_line(text: str, prose: list[tuple[int, int]], margin: int) -> bool:
    """Whether each line is a paragraph (Word and its text export) rather than a PDF's
    wrapped lines: a wrapped sentence shows as a full line (one that reached the margin)
    followed by one that goes on from it (`_goes_on`). Only full lines are counted: a short
    plan's short paragraphs (a title, "Nơi nhận", a list of two words a line) and a table's
    rows never wrap, and must not outvote the few long sentences that did."""
    full = runs_on = 0
    for (s, e), (n, _) in pairwise(prose):
        if e - s >= FULL_LINE * margin:
            full += 1
            runs_on += _goes_on(text, n) and not ends_sentence(text, s, e)
    return runs_on < WRAPPED_SHARE * full


def _goes_on(text: str, start: int) -> bool:
    """Whether a line can go on from a sentence the line before left open: it starts in
    lower case, or with a figure that labels no item ("…trước ngày\n10/12/2027.")."""
    first = text[start:start + 1]
    return first.islower() or (first.isdigit() and not OPENS_ITEM.match(text, start))


def _broke_at_dash(text: str, line: tuple[int, int], start: int, margin: int) -> bool:
    """Whether a line opening with a dash goes on from `line`, the line before it: that line
    reached the margin without ending its sentence, so the dash is one a name or a range
    broke at ("Phòng Văn hóa\n- Xã hội", "giai đoạn 2026\n- 2030"), not a list's bullet
    (an item before a bullet ends its sentence, or stops short of the margin)."""
    return (text[start] in DASHES and line[1] - line[0] >= AT_MARGIN * margin
            and not ends_sentence(text, *line))


def _clause_goes_on(text: str, paragraph: tuple[int, int], start: int) -> bool:
    """Whether a line starting at `start` in lower case goes on from `paragraph`, which
    ended a clause, not a sentence ("…việc thực hiện Chương trình;\nđịnh kỳ báo cáo …"), or
    named a body and its colon ("Sở Tài chính phối hợp Ban Quản lý …:\nhướng dẫn các cơ quan
    …"): a new item opens with a label, a dash or a capital."""
    return text[start].islower() and text[paragraph[1] - 1] in ",;:"


def _opens_work(text: str, start: int) -> bool:
    """Whether the line at `start` opens with a verb of work, capitalised: a sentence starts
    there ("Tiếp tục phổ biến …"); a name a line break cut goes on with a noun ("Đảng, …")."""
    return bool(R.WORK_VERB.match(" " + text[start].lower() + text[start + 1:start + 30]))


def _name_tail(text: str, line: tuple[int, int], margin: int) -> bool:
    """Whether `line` is the short end of a name a full heading line broke ("4. Sở Văn hóa,
    …, Truyền hình\nCần Thơ"): well short of the margin and ending no sentence, where a duty
    ends its line with a mark."""
    return line[1] - line[0] < FULL_LINE * margin and not ends_sentence(text, *line)


def one_per_line(text: str) -> bool:
    """Whether `text` is read a line a paragraph (True) or as a PDF's wrapped prose whose
    lines are joined back into paragraphs (False): the judgement paragraphs() makes."""
    prose = _prose(text, _lines(text))
    return not prose or _one_per_line(text, prose, _margin(prose))


def paragraphs(text: str, heading_starts: set[int]) -> list[tuple[int, int]]:
    """The paragraphs of `text`: lines, joined where a PDF wrapped a sentence."""
    lines = _lines(text)
    prose = _prose(text, lines)
    margin = _margin(prose) if prose else 0
    if not prose or _one_per_line(text, prose, margin):
        return lines
    out: list[tuple[int, int]] = []
    for before, (s, e) in zip([None, *lines], lines, strict=False):
        if before is None or _starts_paragraph(text, out[-1], before, (s, e), margin,
                                               heading_starts):
            out.append((s, e))
        else:
            out[-1] = (out[-1][0], e)
    return out


def _labelled(text: str, start: int, end: int) -> bool:
    """Whether the line opens with a label and its colon: up to MAX_LABEL_WORDS words, the
    first capitalised, the rest in small letters ("Nội dung: …", "Thời hạn ban hành: …",
    "Cơ quan thực hiện và phối hợp: …"), as each line of a work item's block does; a wrapped
    sentence going on with a name ("…của UBND tỉnh\nSơn La: …") has capitals after its first
    word."""
    colon = text.find(":", start, min(end, start + MAX_LABEL))
    words = text[start:colon].split() if colon > start else []
    if not 0 < len(words) <= MAX_LABEL_WORDS or not words[0].isalpha():
        return False
    first, rest = words[0], words[1:]
    return (first[0].isupper() and (len(first) == 1 or first[1:].islower())
            and all(w.isalpha() and w.islower() for w in rest))


def _role_before_break(text: str, line: tuple[int, int]) -> bool:
    """R.ROLE_BEFORE_BREAK in the line. Every match of it ends the line with ':' (its
    '\\s*:$': a colon at the end, or before a last line break), so a line that does not is
    answered without the search, which tries the rule's dozen openings at every character."""
    if not (text.endswith(":", *line) or text.endswith(":\n", *line)):
        return False
    return bool(R.ROLE_BEFORE_BREAK.search(text, *line))


def _starts_paragraph(text: str, paragraph: tuple[int, int], before: tuple[int, int],
                      line: tuple[int, int], margin: int, heading_starts: set[int]) -> bool:
    """Whether `line` of a PDF's wrapped text starts a paragraph after `paragraph`, whose
    last line is `before`: a heading, an item's label or bullet, a role line, a line after a
    sentence's end or after a line that stopped well short of the margin ("III. TỔ CHỨC
    THỰC HIỆN", a title's last line) do; a clause going on in lower case ("…;\nđịnh kỳ báo cáo …",
    "…;\nthời hạn: …") and the value after a role's name ("chủ trì:\nPhòng …") do not."""
    s, e = line
    if s in heading_starts or (OPENS_ITEM.match(text[s:e])
                               and not _broke_at_dash(text, before, s, margin)):
        return True
    if _clause_goes_on(text, paragraph, s) or _role_before_break(text, before):
        return False
    if _labelled(text, s, e):
        return True  # "Nội dung: …", "Cơ quan chủ trì: …", "Sản phẩm: …" open a block's line
    if before[1] - before[0] < FULL_LINE * margin:
        return True  # the line before stopped well short of the margin: its paragraph ended
    if before[1] - before[0] < SHORT_BEFORE_CAPITAL * margin and text[s].isupper():
        return True  # …, or short of it with a capital after: "Về khôi phục hạ tầng thiết
        # yếu, y tế, giáo dục, giao thông\nỦy ban nhân dân các tỉnh, thành phố:"
    if (before[0] == paragraph[0] in heading_starts and text[s].isupper()
            and not text[s:s + 12].isupper()
            and not R.WORK_VERB.search(text, *before)
            and (before[1] - before[0] < AT_MARGIN * margin
                 or (_opens_work(text, s) and not _name_tail(text, line, margin)))):
        return True  # a heading wraps only where it ran out of room: "1.2. Sở Tài chính -
        # Cơ quan thường trực Ban Chỉ đạo\nTuyên truyền, …" is a body's heading, then its work,
        # and so is one that filled its line when a verb opens the next ("… xã, phường\nTiếp tục")
        # (a heading in capitals goes on in capitals: "II. NHIỆM VỤ VÀ\nGIẢI PHÁP"; a numbered
        # sentence goes on with a name: "1.2. Giao cho … chủ trì, phối hợp với Ban Xây dựng\nĐảng")
    return ends_sentence(text, *paragraph) or bool(R.BLOCK_LINE.match(text, s))


def document_paragraphs(ctx: Context) -> Spans:
    """`paragraphs` of the document under its outline, worked out once (ctx.memo) and kept
    as two columns of offsets: as a list of tuples, a long text's paragraphs were the
    largest thing beside the text held through every stage after the tasks."""
    found = ctx.memo.get("paragraphs")
    if found is None:
        found = ctx.memo["paragraphs"] = Spans()
        for span in paragraphs(ctx.text, {h.span[0] for h in ctx.outline}):
            found.append(span)
    return found  # type: ignore[return-value]


def paragraph_end(ctx: Context, start: int) -> int:
    """Where the paragraph holding offset `start` ends: a heading's line in a PDF's wrapped
    text may be the first of its paragraph ("b) Phân công nhiệm vụ … cho các sở, ban,
    ngành, địa\nphương trong quá trình …"); `start` itself when no paragraph holds it."""
    found = document_paragraphs(ctx)
    i = bisect_right(found.starts, start) - 1
    return found.ends[i] if i >= 0 and found.ends[i] > start else start


def joined_text(ctx: Context) -> str:
    """The document with each paragraph on one line: the line breaks a PDF wrapped a
    paragraph at become spaces, so every offset stays that of the document. A rule that
    reads a line ("…. Cơ quan chủ trì: …. Thời gian hoàn thành: …") then reads the whole
    paragraph, wherever its lines broke ("Thời\ngian hoàn thành", "Phòng\nVăn hóa")."""
    text = ctx.text
    pieces, done = [], 0
    for s, e in document_paragraphs(ctx):
        if text.find("\n", s, e) >= 0:
            pieces += [text[done:s], text[s:e].replace("\n", " ")]
            done = e
    return "".join([*pieces, text[done:]]) if pieces else text
