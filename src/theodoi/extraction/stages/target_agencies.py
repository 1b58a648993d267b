"""Who answers for a target: the body the plan ties it to where it stands.

Plans tie a target to a body in three general ways, all read here from the text around it:
- a lead-in that assigns the list below it: "Giao cho Ban Xây dựng Đảng chủ trì, phối hợp với
  Ủy ban Kiểm tra … thực hiện các chỉ tiêu sau:" (commune resolutions, province plans alike);
- an assignment in the target's own sentence: "Giao Sở Y tế chủ trì, phấn đấu … đạt 95%";
- the target inside a body's duty, under a heading that is the body's name ("1. Sở Y tế",
  "Công an tỉnh:") — the "Tổ chức thực hiện / Phân công nhiệm vụ" layout of every province.
A body that only coordinates the whole plan is not copied onto its targets: only the nearest
lead-in, the sentence itself, or a heading above the target count.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache

from theodoi.domain.text import squash
from theodoi.extraction.agencies import normalise_agency, split_bodies
from theodoi.extraction.model import Heading
from theodoi.extraction.rules import targets as R
from theodoi.extraction.rules.agencies import ASSIGN, CO_END, SENTENCE_END
from theodoi.extraction.rules.tasks import WORK_VERB

MAX_BODY_TITLE = 120  # "Ủy ban nhân dân các xã, phường, đặc khu": longer titles state work


class Assignments:
    """Every 'Giao (cho) X chủ trì …' of a text, found once, looked up by range: a lookup per
    target and heading would otherwise rescan a whole part of the plan each time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = list(ASSIGN.finditer(text)) if "chủ trì" in text else []
        self.ends = [m.end() for m in self.found]

    def last(self, start: int, stop: int) -> re.Match[str] | None:
        """The last assignment lying wholly inside text[start:stop]."""
        i = bisect_right(self.ends, stop) - 1
        return self.found[i] if i >= 0 and self.found[i].start() >= start else None


def assigned(text: str | Assignments, start: int, stop: int) -> tuple[str | None, list[str]]:
    """(lead, co-agencies) of the nearest assignment in text[start:stop] that reaches `stop`.

    An assignment reaches what follows `stop` when its sentence is a lead-in (it ends with
    ':', so the list below belongs to it) or when `stop` lies inside that sentence."""
    index = text if isinstance(text, Assignments) else Assignments(text)
    text = index.text
    found = index.last(start, stop)
    if found is None:
        return None, []
    end = SENTENCE_END.search(text, found.end("lead"))
    if end is not None and end.end() <= stop and end.group().strip() != ":":
        return None, []
    lead = squash(found.group("lead"))
    co_text = found.group("co") or ""
    cut = CO_END.search(co_text)
    return lead, split_bodies(co_text[:cut.start()] if cut else co_text)


def body_heading(heading: Heading) -> str | None:
    """The body a heading names when the heading is only a body's name ('1. Sở Y tế',
    'Công an tỉnh:', 'Ủy ban nhân dân các xã, phường'), else None."""
    return _body_title(heading.title)


@lru_cache(maxsize=1024)  # a heading is above many targets
def _body_title(raw: str) -> str | None:
    title = squash(raw).rstrip(" :.")
    if not title or len(title) > MAX_BODY_TITLE or R.SKIP_SECTION.search(title):
        return None
    if normalise_agency(title):  # a body the table knows: "Ban Xây dựng Đảng"
        return title
    verb = WORK_VERB.search(title)  # a body and its work: "2. Sở Công Thương tổng hợp báo cáo
    if verb:  # Tỉnh ủy … về", a numbered duty's first line in a PDF's text: the body only
        title = title[:verb.start()].strip(" ,")
    return title if title and R.BODY_TITLE.match(title) and not R.WORK_WORDS.search(title) else None


class SiblingLeads:
    """The body a sibling 'Cơ quan chủ trì …' heading names for a heading's topic, found
    once per parent: every target under the topic asks, and rescanning the siblings for each
    grew with targets times headings."""

    def __init__(self, text: str, siblings: Callable[[Heading], list[Heading]]) -> None:
        self.text, self.siblings = text, siblings
        self.found: dict[str | None, str | None] = {}

    def __call__(self, heading: Heading) -> str | None:
        if heading.parent not in self.found:  # the siblings depend only on the parent
            self.found[heading.parent] = next(
                (n for s in self.siblings(heading) if (n := named_lead(self.text, s))), None)
        return self.found[heading.parent]


def context_lead(text: str | Assignments, chain: list[Heading], offset: int,
                 sibling_lead: Callable[[Heading], str | None] | None = None,
                 children: dict[str | None, list[Heading]] | None = None
                 ) -> tuple[str | None, list[str]]:
    """Lead and co-agencies of a target at `offset`, from the headings above it (innermost
    first): an assignment reaching it inside a heading's own text (before its first
    sub-heading, so the lead-in of '1. Về kinh tế' never reaches '2. Về quốc phòng'), a
    heading that is a body, or a sibling heading 'Cơ quan chủ trì …' that names the body
    answering for the whole topic. The subject of the target's own sentence comes first
    ('Các bộ, cơ quan, địa phương theo chức năng … phấn đấu tăng trưởng … đạt trên 8%')."""
    whole = text.text if isinstance(text, Assignments) else text
    subject = sentence_subject(whole, offset)
    if subject:
        return subject, []
    for depth, heading in enumerate(chain):
        own = (children or {}).get(heading.id) if depth else None
        stop = min(offset, own[0].span[0]) if own else offset
        lead, co = assigned(text, heading.span[0], stop)
        if lead:
            return lead, co
        body = body_heading(heading)
        if body:
            return body, []
        named = sibling_lead(heading) if sibling_lead else None
        if named:
            return named, []
    return None, []


def named_lead(text: str, heading: Heading) -> str | None:
    """The body a 'Cơ quan chủ trì (tham mưu và tổ chức thực hiện)' heading names: the words
    after it up to the first verb ('Phòng Kinh tế là cơ quan đầu mối, …' -> 'Phòng Kinh tế');
    the same layout in every topic of a commune resolution's action plan."""
    if not R.LEAD_HEADING.match(heading.title):
        return None
    colon = heading.title.find(":")
    if colon >= 0 and heading.title[colon + 1:].strip():
        rest = heading.title[colon + 1:]
    else:
        rest = text[heading.span[1]:heading.span[1] + MAX_BODY_TITLE]
    rest = squash(rest).lstrip(" :.-")
    cut = R.LEAD_CUT.search(rest)
    name = rest[:cut.start()] if cut else rest
    name = name.strip(" ,.;")
    return name if name and R.BODY_TITLE.match(name) else None


# as str.splitlines: a break, and a "\n" after a "\r" with it ("\r\n|[…]" with its class first,
# so the engine skips to the breaks instead of trying both branches at every character)
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029](?:(?<=\r)\n)?")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text.splitlines()`, one at a time (the list of them all took about
    twice the text's size)."""
    pos = 0
    for m in LINE_BREAK.finditer(text):
        yield text[pos:m.start()]
        pos = m.end()
    if pos < len(text):
        yield text[pos:]


class TableLeads:
    """Cells of text tables that have a 'Chủ trì' column, to find a target's restatement.

    Appendices often restate the target list as a table "TT | Chỉ tiêu | Chủ trì" (a Word
    table read as rows of cells joined by ' | '; an export may put every row on one line).
    A target whose clause is (nearly) a cell of such a table has the body in that row's
    'Chủ trì' cell as its lead."""

    def __init__(self, text: str) -> None:
        self.cells: list[tuple[frozenset[str], str]] = []  # (words of a content cell, its lead)
        self.postings: dict[str, list[int]] = {}  # word -> the cells holding it, in order
        if " | " not in text:
            return
        offset: int | None = None
        for line in _lines(text):
            if " | " not in line:
                offset = None  # a table ends where its rows end
                continue
            cells = [c.strip() for c in line.split(" | ")]
            offset = _lead_offset(cells) if offset is None else offset
            if offset is not None:
                self._collect(cells, offset)

    def _collect(self, cells: list[str], offset: int) -> None:
        for i, cell in enumerate(cells[:len(cells) - offset]):
            lead = cells[i + offset]
            if DIGIT.search(cell) and lead and R.BODY_TITLE.match(lead):
                words = _words(cell)
                for word in words:
                    self.postings.setdefault(word, []).append(len(self.cells))
                self.cells.append((words, lead))

    def lead(self, clause: str) -> str | None:
        """The lead of the first row whose content cell holds nearly all the clause's words.

        A cell holding t = ceil(0.85 n) of the clause's n words holds one of any n - t + 1
        of them, so only the cells holding one of its n - t + 1 rarest words are compared
        (each target against every cell grew with targets times rows)."""
        words = _words(clause)
        if len(words) < MIN_ROW_WORDS:
            return None
        needed = math.ceil(MIN_ROW_SHARE * len(words))
        rarest = sorted(words, key=lambda w: (len(self.postings.get(w, ())), w))
        candidates = {i for w in rarest[:len(words) - needed + 1] for i in self.postings.get(w, ())}
        for i in sorted(candidates):
            cell, lead = self.cells[i]
            if len(words & cell) >= MIN_ROW_SHARE * len(words):
                return lead
        return None


def _lead_offset(cells: list[str]) -> int | None:
    """Columns from the content header ('Chỉ tiêu', 'Nội dung') to the 'Chủ trì' header."""
    content = next((i for i, c in enumerate(cells) if R.TABLE_CONTENT_HEADER.match(c)), None)
    lead = next((i for i, c in enumerate(cells) if R.TABLE_LEAD_HEADER.match(c)), None)
    if content is None or lead is None or lead <= content:
        return None
    return lead - content


DIGIT = re.compile(r"\d")
WORD = re.compile(r"\w+")
MIN_ROW_WORDS = 4     # a clause of fewer words matches too many cells
MIN_ROW_SHARE = 0.85  # share of the clause's words the row's cell must hold


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(text))


def sentence_subject(text: str, offset: int) -> str | None:
    """The body the sentence holding `offset` opens with, when it opens with one: resolutions
    and letters make the responsible body the subject ('Sở Y tế chủ trì …, phấn đấu …',
    'Các bộ, cơ quan, địa phương theo chức năng, thẩm quyền … phấn đấu …')."""
    line = text.rfind("\n", 0, offset)
    # ". " is looked for on the line only: searched back to the start of a text without
    # one, it made every target scan all the text before it
    start = max(line, text.rfind(". ", max(line, 0), offset)) + 1
    head = text[start:start + MAX_BODY_TITLE].lstrip(" .-+*•")  # the target may open it
    cut = R.SUBJECT_CUT.search(head)
    if cut is None:
        return None
    name = head[:cut.start()].strip(" ,")
    if not name[:1].isupper() or len(name.split()) > MAX_SUBJECT_WORDS \
            or not R.BODY_TITLE.match(name):
        return None  # in small letters: a PDF's line went on mid-sentence ("…chuyên đề về\n
        # phòng, chống ma túy; phấn đấu …"), so the line opens no sentence
    return name


MAX_SUBJECT_WORDS = 12  # "Ủy ban nhân dân các xã, phường, đặc khu trên địa bàn tỉnh"
