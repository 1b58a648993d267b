"""Tasks from assignment blocks ("Cơ quan chủ trì: …", "Thời gian thực hiện: …") and from
lists of breakthroughs and key projects."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Callable
from functools import partial

from theodoi.domain.text import squash
from theodoi.extraction.agencies import split_bodies
from theodoi.extraction.dates import parse_due, plan_start
from theodoi.extraction.labels import strip_label
from theodoi.extraction.model import Due, Heading, Task
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import tasks as R
from theodoi.extraction.rules.letters import CAPITALS
from theodoi.extraction.warnings import warn


class _Headings:
    """The outline indexed once per document: which heading an offset lies under, and its
    ancestors, without a scan of the whole outline for every block line."""

    def __init__(self, outline: list[Heading]) -> None:
        self.outline = outline  # in text order, as build_outline makes it
        self.starts = [h.span[0] for h in outline]
        self.by_id = {h.id: h for h in outline}
        self.ordered = sorted(self.starts)  # for the next heading, by bisection

    def next_start(self, offset: int, default: int) -> int:
        """Where the first heading after `offset` starts, else `default`."""
        i = bisect_right(self.ordered, offset)
        return self.ordered[i] if i < len(self.ordered) else default

    def at(self, offset: int) -> Heading | None:
        """The last heading that starts at or before `offset`."""
        i = bisect_right(self.starts, offset) - 1
        return self.outline[i] if i >= 0 else None

    def ancestors(self, heading: Heading) -> list[Heading]:
        out = [heading]
        while out[-1].parent:
            out.append(self.by_id[out[-1].parent])
        return out


def role_value(text: str) -> str:
    """A role line's value without what follows it: 'Phòng Kinh tế, hoàn thành …' -> the body."""
    cut = R.VALUE_END.search(text)
    return squash(text[:cut.start()] if cut else text).strip(" ,:")


def assign_role(task: Task, role: str, value: str, bodies: Callable[[str], list[str]],
                due: Callable[[str], Due | None],
                partners: Callable[[str], list[str]] | None = None) -> None:
    """Give `task` what one role line says, for blocks and prose alike: 'Thời gian thực hiện: …'
    its due date, 'Cơ quan phối hợp: …' its co-agencies, 'Người chủ trì: …' its leader, 'Cơ
    quan tham mưu: …' its advisory body (and lead, when it has none), 'Cơ quan chủ trì: …' its
    lead; 'Cơ quan thực hiện: …' is the lead alone ('Cơ quan thực hiện: Bộ Công an.') and the
    co-agencies beside a lead already named. A lead's value that goes on with its partners
    ('Đơn vị thực hiện: Văn phòng … chủ trì, phối hợp với Phòng …') gives them, read by
    `partners`, to a task that has none. A value that goes on with more roles after
    semicolons ('Chủ trì: Ban Tổ chức; phối hợp: các chi bộ; thời gian: Quý I/2027') gives
    each of them too."""
    more = [m for m in R.ROLE_IN_PARENTHESIS.finditer(value) if m.start() > 0]
    if more:
        assign_role(task, role, value[:more[0].start()], bodies, due, partners)
        for m in more:
            assign_role(task, m.group("role"), m.group("value"), bodies, due, partners)
        return
    role = squash(role).lower()  # "Thời gian hoàn\n\nthành" as a PDF broke it
    if R.TIME_ROLE.match(role):
        task.due = due(value)
    elif "phối hợp" in role or (role.endswith("thực hiện") and task.lead_agency):
        task.co_agencies = bodies(role_value(value))  # "Cơ quan thực hiện" beside a chủ trì
    elif "người" in role:
        task.leader = role_value(value)
    elif "tham mưu" in role:
        task.advisory_agency = role_value(value)
        task.lead_agency = task.lead_agency or task.advisory_agency
    else:
        task.lead_agency = role_value(value)
        if partners is not None and not task.co_agencies:
            task.co_agencies = partners(value)


def _owner(headings: _Headings, offset: int) -> Heading | None:
    """The heading a block line belongs to, above headings that only structure the block."""
    heading = headings.at(offset)
    if heading is None:
        return None
    for h in headings.ancestors(heading):
        if not R.BLOCK_PARTS.match(h.title) and h.span[0] != offset:
            return h
    return None


def _region_end(ctx: Context, heading: Heading) -> int:
    after = [h.span[0] for h in ctx.outline
             if h.span[0] > heading.span[0] and h.level <= heading.level]
    return after[0] if after else len(ctx.text)


def _due(ctx: Context, value: str, first_year: int | None, span: tuple[int, int]) -> Due | None:
    """The block's 'Thời gian thực hiện'; W402 when it gives no date a person could track."""
    due = parse_due(value, first_year, start=plan_start(ctx.document.issued_on, ctx.document.term))
    if due is None or due.date is None:
        ctx.warnings.append(warn("W402", span, text=squash(value)[:80]))
    return due


def block_tasks(ctx: Context, first_year: int | None, joined: str | None = None,
                partners: Callable[[str], list[str]] | None = None) -> list[Task]:
    """One task per heading that has 'Cơ quan chủ trì/tham mưu' lines in its block.

    joined: the document with each paragraph on one line (paragraphs.joined_text), where
    the roles are read, so that a PDF's wrap inside them is no end ("…. Cơ quan chủ trì:
    Phòng\nVăn hóa - Xã hội", "Đơn vị phối hợp: …, Hội Liên hiệp Phụ nữ\nphường");
    partners: reads the bodies a lead's value names after 'phối hợp với' (assign_role)."""
    tasks: dict[str, Task] = {}
    headings = _Headings(ctx.outline)
    text = ctx.text if joined is None else joined
    lines = R.BLOCK_LINE.finditer(text)
    inline = R.INLINE_ROLE.finditer(text) if ":" in text else iter(())
    for m in heapq.merge(lines, inline, key=lambda m: m.start("role")):
        owner = _owner(headings, m.start("role"))
        line = _line(text, m.start("role"))
        if m.re is R.INLINE_ROLE and not strip_label(text[line[0]:m.start("role")]).strip():
            continue  # "1.6. Thời gian thực hiện: …" is a block line, read as such
        if m.re is R.INLINE_ROLE and (owner is None or line[0] != owner.span[0]):
            # "- Xây dựng Đề án …. Cơ quan chủ trì: …": the item's own, under a heading or
            # under a part that only structures ("II. NỘI DUNG CÔNG TÁC", "QUÝ I")
            key = f"line{line[0]}"
        elif owner is None:
            continue
        else:
            key = owner.id
        task = tasks.get(key) or _heading_task(
            ctx, headings, owner, None if owner is not None and key == owner.id else line, text)
        tasks[key] = task
        due = partial(_due, ctx, first_year=first_year, span=(m.start(), m.end()))
        assign_role(task, m.group("role"), m.group("value"), split_bodies, due, partners)
    return list(tasks.values())


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, end if end >= 0 else len(text)


TITLE_LINES = 4  # a heading wrapped over more lines than this is a paragraph, not a name
SENTENCE_END = re.compile(rf"\.\s+(?=[{CAPITALS}])")  # "… chính quyền. Đẩy mạnh …"


def wrapped_title(text: str, title: str, pos: int, end: int) -> str:
    """`title` (a first line, ending at `pos`) with the lines the document wrapped it onto:
    while a quotation is open (Đề án “… giai đoạn 2025 - 2030”), a range is cut after its
    dash (2026-/2030) or the next line goes on in lower case, that line belongs to it (PDF
    exports and TXT copies break a title wherever the line ran out). A title that runs on
    into a paragraph stops at its first sentence; `end` is where the next part starts."""
    for _ in range(TITLE_LINES - 1):
        rest = text[pos:end].lstrip()
        start = end - len(rest)
        nxt = text[start:_line(text, start)[1]].strip() if rest else ""
        open_quote = title.count("“") > title.count("”")
        cut_range = title.endswith(("-", "–")) and nxt[:1].isdigit()
        if not nxt or title.endswith((".", ":", ";")) or not (
                open_quote or cut_range or nxt[0].islower()):
            break
        # "2026-" goes on as "2026-2030", "2026 -" as "2026 - 2030"
        attached = cut_range and not title[-2:-1].isspace()
        title = title + nxt if attached else squash(f"{title} {nxt}")
        pos = _line(text, start)[1]
    first = SENTENCE_END.search(title)
    return (title[:first.start()] if first else title).rstrip(" .;")


def _heading_task(ctx: Context, headings: _Headings, heading: Heading | None,
                  item: tuple[int, int] | None = None, joined: str | None = None) -> Task:
    """The task a block belongs to: its heading, or the list item the roles are written in
    (a line of `joined`, the document with each paragraph on one line, when given), under
    `heading` (None: under no heading that owns work)."""
    if item is None:
        if heading is None:
            raise ValueError("a block's task is its heading's or its item's")
        span = heading.span
        title = wrapped_title(ctx.text, heading.title, _line(ctx.text, span[0])[1],
                              headings.next_start(heading.span[0], len(ctx.text)))
    else:
        span, title = item, heading.title if heading else ""
    text = ctx.text if joined is None else joined
    line = text[span[0]:_line(text, span[0])[1]]
    inline = R.INLINE_ROLE.search(line)  # "1. Xây dựng …. Cơ quan chủ trì: …": the work before
    due = None
    if inline:
        title = squash(strip_label(line[:inline.start()])).rstrip(" .;")
        title, due = _timed_title(ctx, title)
    kind = next((k for p, k in R.KINDS if p.search(title)), "task")
    return Task(id="", label=heading.label if item is None and heading else None,
                section=(heading.parent if item is None else heading.id) if heading else None,
                whole=ctx.text, span=span, title=title, kind=kind, due=due)


def _timed_title(ctx: Context, title: str) -> tuple[str, Due | None]:
    """'Tổ chức Lễ phát động Tết trồng cây: tháng 02/2027' -> the work, and the time written
    after its colon; a title whose colon is followed by no time stays whole."""
    m = R.TITLE_TIME.match(title)
    if not m:
        return title, None
    due = parse_due(m.group("time"), start=plan_start(ctx.document.issued_on,
                                                       ctx.document.term))
    return (m.group("work"), due) if due and due.date else (title, None)


def kind_list_tasks(ctx: Context, first_year: int | None) -> list[Task]:
    """Each child heading of 'Các khâu đột phá' / 'Các công trình trọng điểm' is a task."""
    found = []
    headings = _Headings(ctx.outline)
    for heading in ctx.outline:
        kind = next((k for p, k in R.KIND_SECTIONS if p.search(heading.title)), None)
        if kind is None:
            continue
        end = _region_end(ctx, heading)
        for child in ctx.outline:
            if child.parent == heading.id and child.span[0] < end:
                task = _heading_task(ctx, headings, child)
                task.kind = kind
                task.due = parse_due(task.text, first_year)
                found.append(task)
    return found
