"""Tasks: duties given to named bodies in "Tổ chức thực hiện", dated works, appendix rows."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import pairwise

from theodoi.domain.text import squash
from theodoi.extraction.agencies import (
    known_name_end,
    looks_like_body,
    normalise_agency,
    split_bodies,
)
from theodoi.extraction.dates import parse_due, plan_start
from theodoi.extraction.labels import BULLETED, ITEM_START, OPENS_ITEM, says_nothing, strip_label
from theodoi.extraction.model import Heading, Task, tagged
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules import targets as TR
from theodoi.extraction.rules import tasks as R
from theodoi.extraction.stages.outline import part_ends
from theodoi.extraction.stages.paragraphs import joined_text, paragraph_end
from theodoi.extraction.stages.prose_bodies import co_with, subject
from theodoi.extraction.stages.spans import trimmed
from theodoi.extraction.stages.target_tables import table_cells
from theodoi.extraction.stages.task_blocks import block_tasks, kind_list_tasks, wrapped_title
from theodoi.extraction.stages.task_movement import movement_tasks
from theodoi.extraction.stages.task_overlaps import without_overlaps, without_restatements
from theodoi.extraction.stages.task_periods import date_by_period
from theodoi.extraction.stages.task_prose import not_duty, prose_tasks
from theodoi.extraction.stages.task_tables import table_start_after, table_tasks
from theodoi.extraction.submit_to import said_in, text_row_ticks, text_tick_headers

MAX_AGENCY = 120


def items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """List items of text[start:end]: a new item starts on a line with a list marker, or
    on one that gives work to a body of its own (`R.ASSIGNING_LINE`)."""
    marked = [m.start() for m in ITEM_START.finditer(text, start, end)]
    given = [m.start() for m in R.ASSIGNING_LINE.finditer(text, start, end)]
    cuts = [start, *sorted(set(marked + given)), end] if given else [start, *marked, end]
    spans = [trimmed(text, a, b) for a, b in pairwise(cuts)]
    return [s for s in spans if s[1] > s[0]]


def duty_agency(item: str) -> str | None:
    """The body a duty is given to: before ':' or before the first duty verb."""
    body = R.DUTY_LEAD_IN.sub("", item)
    body = strip_label(body)
    body = R.BODY_PREFIX.sub("", body)
    if R.ACTION_START.match(body):
        return None
    colon = body.find(":")
    verb = R.DUTY_VERBS.search(body, known_name_end(body))
    cut = min([p for p in (colon, verb.start() if verb else -1) if p > 0], default=-1)
    if cut <= 0 or cut > MAX_AGENCY:
        return None
    agency = squash(body[:cut]).strip(" ,;.")
    return agency[:1].upper() + agency[1:] if agency else None


def co_agencies(text: str) -> list[str]:
    """'X chủ trì, phối hợp với Y, Z …' -> [Y, Z]; 'các phòng, ban, đơn vị liên quan' is one
    body (its parts name no body alone)."""
    co = R.CO_AGENCIES.search(text)
    return split_bodies(co.group("co")) if co else []


def _only_a_body(text: str) -> bool:
    """'Công an xã' names a body and says nothing more ('Sở Y tế chủ trì, phối hợp …' does)."""
    return looks_like_body(text) and not R.WORK_VERB.search(text)


def joint_bodies(agency: str) -> tuple[str, list[str]]:
    """'Thường trực HĐND xã, các Ban HĐND xã và đại biểu HĐND xã': a duty given to several
    named bodies is led by the first; 'Các hợp tác xã, chủ thể OCOP' is one group."""
    first_cut = agency.find(",")
    if first_cut < 0 or known_name_end(agency) > first_cut or agency.lower().startswith("các "):
        return agency, []  # "Văn phòng HĐND và UBND phường", "Các phòng, ban, …": one body
    parts = [p.strip() for p in re.split(r",|\svà\s", agency) if p.strip()]
    if len(parts) < 2 or not looks_like_body(parts[0]) or not any(
            looks_like_body(p) or normalise_agency(p) for p in parts[1:]):
        return agency, []
    return parts[0], [p[:1].upper() + p[1:] for p in parts[1:]]


def _task(ctx: Context, span: tuple[int, int], section: str | None, lead: str | None,
          first_year: int | None, *, strict: bool = False) -> Task:
    text = ctx.text[span[0]:span[1]]
    title = strip_label(squash(text))[:200]  # "1. Giao Phòng …": the number is not the work
    kind = next((k for p, k in R.KINDS if p.search(title)), "task")
    start = plan_start(ctx.document.issued_on, ctx.document.term)
    return Task(id="", label=None, section=section, whole=ctx.text, span=span, title=title,
                kind=kind, lead_agency=lead, co_agencies=co_agencies(text),
                due=parse_due(text, first_year, strict=strict, start=start))


def _region_end(outline: list[Heading], i: int, text: str, ends: list[int]) -> int:
    """Where duty section i ends: its part's end (`ends`, from `part_ends`), or the closing
    of the body ("Nơi nhận", "Trên đây là …") before it."""
    end = ends[i]
    stop = R.END_OF_BODY.search(text, outline[i].span[1], end)
    return stop.start() if stop else end


def duties(ctx: Context, first_year: int | None) -> list[Task]:
    """Each item of 'Tổ chức thực hiện' that names a body, or stands under a body's heading."""
    found: list[Task] = []
    starts = {h.span[0] for h in ctx.outline}
    ends = part_ends(ctx.outline, len(ctx.text))
    for i, heading in enumerate(ctx.outline):
        if not R.DUTY_SECTION.search(heading.title):
            continue
        # the duties start after the heading's paragraph: a PDF may wrap the heading's line
        start = max(heading.span[1], paragraph_end(ctx, heading.span[0]))
        end = _region_end(ctx.outline, i, ctx.text, ends)
        end = min(end, table_start_after(ctx, start))  # a schedule's rows are its own tasks
        found.extend(_section_duties(ctx, heading.id, items(ctx.text, start, end), starts,
                                     first_year))
    return found


def _section_duties(ctx: Context, section: str, spans: list[tuple[int, int]], starts: set[int],
                    first_year: int | None) -> list[Task]:
    """The duties among one section's items. A body's name ("II. Hội đồng nhân dân xã",
    "2. Công an xã:") or its lead-in of one clause ("2. Sở Giáo dục và Đào tạo chủ trì, phối
    hợp với Sở Y tế …:") heads the items below it, the lead-in's partners with it; the bullets
    after a submission ("… trình HĐND tỉnh quyết định:") are what it submits, no duties."""
    found: list[Task] = []
    body: str | None = None
    partners: list[str] = []
    parts = False
    for span in spans:
        text = ctx.text[span[0]:span[1]]
        if says_nothing(text):
            continue  # a bullet alone on its line
        agency = duty_agency(text)
        if parts and not agency and BULLETED.match(text):
            continue
        parts = text.rstrip().endswith(":") and bool(R.SUBMISSION_LEAD_IN.search(squash(text)))
        name = text.rstrip().removesuffix(":")
        if span[0] in starts and R.PARTNERS_LEAD_IN.match(strip_label(squash(name))):
            partners = co_with(text)  # "a) Chủ trì, phối hợp với các sở, …" under the body
            continue
        if (span[0] in starts and len(squash(name)) <= MAX_AGENCY and ":" not in name
                and not name.endswith((".", ";"))
                and (name == text or _only_a_body(strip_label(squash(name))))):
            body, partners = strip_label(squash(name)), []
            continue
        if agency and name != text and name.rstrip() == name and not any(
                mark in strip_label(name) for mark in ";."):
            # "9. UBND … bố trí kinh phí …; đồng thời …, tập trung các nhiệm vụ sau:" has
            # a duty of its own before its list, so it is one
            body, partners = agency, co_agencies(text)
            continue
        if span[0] in starts and agency:
            body, partners = agency, []
        agency = agency or body
        if agency and not R.BLOCK_LINE.match(text):
            lead, joint = joint_bodies(agency)
            task = _task(ctx, span, section, lead, first_year, strict=True)
            own = joint + task.co_agencies
            task.co_agencies = own + [p for p in partners if p not in own and agency == body]
            found.append(task)
    return found


def dated_works(ctx: Context, first_year: int | None) -> list[Task]:
    """Work with a deadline in the body; its lead when it names one ('UBND xã chủ trì …')."""
    found = []
    for span in _with_deadline_tails(ctx, ctx.clauses):
        text = ctx.text[span[0]:span[1]]
        if ("20" not in text and "hoàn thành" not in text and "trình" not in text
                and "ng năm" not in text):  # "hằng năm", "hàng năm"
            continue  # a deadline names a year, or says "hoàn thành trong Quý II hằng năm",
            # "trình Chủ tịch UBND xã phê duyệt vào quý I hằng năm", "… ngày 15/12 hằng năm"
        if ":" in text and (R.BLOCK_LINE.match(text) or R.ROLE_CLAUSE.match(text)):  # both
            # name a role before a colon
            continue  # "- Thời gian thực hiện: trước ngày …", "…; thời gian: trước ngày …"
            # is the time of the work above
        dated = R.DATED_WORK.search(text) or (_opens_sentence(text)
                                               and R.SUBMITTED_BY.search(text))
        if dated and "%" not in text and not TR.NOT_TARGET.search(text):
            lead = R.LEAD_CHU_TRI.match(text)
            # "UBND xã lãnh đạo, chỉ đạo …, thực hiện trong quý II": the body it opens with
            found.append(_task(ctx, span, None,
                               squash(lead.group("lead")) if lead else subject(squash(text)),
                               first_year))
    return found


def _opens_sentence(text: str) -> bool:
    """Whether a clause is a sentence or an item of its own (a capital, a label), not the
    tail of one ("…; trọng tâm là thu hút đầu tư … Thời gian hoàn thiện, trình …")."""
    return text[:1].isupper() or bool(OPENS_ITEM.match(text))


def _with_deadline_tails(ctx: Context, spans: Iterable[tuple[int, int]]
                         ) -> Iterator[tuple[int, int]]:
    """'… xây dựng chuỗi liên kết; hoàn thành trong năm 2027': the tail is the deadline of
    the clause before it, so the two are one piece of work. One span at a time (a long
    text's clauses as a second list took most of their own size again)."""
    merged: tuple[int, int] | None = None
    for span in spans:
        if merged is not None and R.DEADLINE_TAIL.match(ctx.text[span[0]:span[1]]):
            merged = (merged[0], span[1])
            continue
        if merged is not None:
            yield merged
        merged = span
    if merged is not None:
        yield merged


def appendix_rows(ctx: Context, first_year: int | None) -> Iterator[Task]:
    """Each row of a text appendix ("PHỤ LỤC" … "1. Xây dựng … UBND xã Quý II"), one at a
    time: a long appendix's rows are many and most restate duties found before them, so
    the caller drops each as it comes instead of holding them all."""
    if not any(title in ctx.text for title in R.APPENDIX_TITLES):
        return  # a substring test is far cheaper than the line-anchored search
    start = R.APPENDIX.search(ctx.text)
    if not start:
        return
    rows = list(R.ROW_START.finditer(ctx.text, start.end()))
    ticks = text_tick_headers(ctx.text[start.end():rows[0].start()]) if rows else []
    for j, row in enumerate(rows):
        end = rows[j + 1].start() if j + 1 < len(rows) else len(ctx.text)
        span = trimmed(ctx.text, row.start("content"), end)
        cells = [c.strip() for c in R.CELL_GAP.split(row.group("content")) if c.strip()]
        if len(cells) > 2:  # a table row in text: work, bodies, time in cells of their own
            task = _cell_row(ctx, span, cells, first_year)
            task.submit_to = text_row_ticks(ticks, ctx.text[span[0]:span[1]])
            yield task
            continue
        agency = R.ROW_AGENCY.search(row.group("content"))
        lead = _body_only(agency.group("agency")) if agency else _row_agency(
            ctx.text[span[0]:span[1]])
        task = _task(ctx, span, None, lead, first_year)
        task.title = (squash(row.group("content")[:agency.start()]) if agency else
                      wrapped_title(ctx.text, squash(row.group("content")),
                                    row.end("content"), span[1]))
        task.submit_to = text_row_ticks(ticks, ctx.text[span[0]:span[1]])
        yield task


def _cell_row(ctx: Context, span: tuple[int, int], cells: list[str],
              first_year: int | None) -> Task:
    """A row whose cells are apart: the first is the work, the first body cell leads, the
    body cells after it coordinate, and the first cell with a date is the time."""
    bodies = [c for c in cells[1:] if normalise_agency(c) or looks_like_body(c)]
    task = _task(ctx, span, None, bodies[0] if bodies else None, first_year)
    task.title = squash(cells[0])
    task.co_agencies = bodies[1:]
    start = plan_start(ctx.document.issued_on, ctx.document.term)
    task.due = next((d for c in cells[1:] if c not in bodies
                     and (d := parse_due(c, first_year, start=start))), None)
    return task


def _row_agency(row: str) -> str | None:
    """A row's preparing body on a line of its own ('UBND xã' under the content), with the
    lines its cell wrapped onto ('Văn phòng⏎HĐND và⏎UBND')."""
    lines = [line.strip() for line in row.split("\n")[1:]]
    for k, line in enumerate(lines):
        m = R.ROW_AGENCY.search(" " + line)
        if m and m.start() == 0:
            return wrapped_name(_body_only(m.group("agency")), lines[k + 1:])
    return None


MAX_NAME_LINES = 3  # a body's name in a narrow cell: "Văn phòng⏎HĐND và⏎UBND"


def wrapped_name(name: str, after: list[str]) -> str:
    """`name` with the next lines of its cell when they go on with it: the name the rules know
    gets longer ("Văn phòng" + "HĐND và" + "UBND"), or the name ends with a joining word
    ("Phòng Văn hóa -" + "Xã hội"). A time line ("Quý I hằng năm") ends the cell."""
    for k in range(1, min(MAX_NAME_LINES, len(after)) + 1):
        if any(not line or R.ROW_TIME.match(" " + line) for line in after[:k]):
            break
        joined = squash(" ".join([name, *after[:k]]))
        if known_name_end(joined) > max(known_name_end(name), len(name)) or (
                k == 1 and R.NAME_GOES_ON.search(name)):
            return wrapped_name(joined, after[k:])
    return name


def _body_only(text: str) -> str:
    """'UBND xã Quý II năm 2026' -> 'UBND xã': a row's time column may share its line."""
    return squash(R.ROW_TIME.split(text)[0])


def product(task: Task) -> str | None:
    """The product when the plan says it, or the kind of document the work is."""
    said = R.PRODUCT_SAID.search(task.text)
    if said:
        return squash(said.group("product"))
    kind = R.PRODUCT_KIND.match(task.title)
    return kind.group("product").capitalize() if kind else None


def _blocks_without_prose(ctx: Context, blocks: list[Task], prose_starts: list[int]
                          ) -> list[Task]:
    """A heading's block task ('2. Tổ chức tập huấn …' above 'Cơ quan chủ trì: …') unless the
    prose reading already made a task of the work under that heading (`prose_starts`: where
    its tasks start, sorted), or it names no body."""
    starts = sorted(h.span[0] for h in ctx.outline)
    kept = []
    for task in blocks:
        after = bisect_right(starts, task.span[0])
        end = starts[after] if after < len(starts) else len(ctx.text)
        if after == 0 or starts[after - 1] != task.span[0]:
            end = task.span[1]  # an item's own line ("- Tổ chức …: tháng 02/2027; đơn vị
            # thực hiện: …"): only a prose task of that line makes it again
        first = bisect_right(prose_starts, task.span[0])
        if task.lead_agency and not (first < len(prose_starts) and prose_starts[first] < end):
            kept.append(task)
    return kept


def _first_year(ctx: Context) -> int | None:
    if ctx.document.issued_on:
        return int(ctx.document.issued_on[:4]) + 1
    return ctx.document.term[0] + 1 if ctx.document.term else None


def _found(ctx: Context, first_year: int | None, prose_starts: list[int]
           ) -> Iterator[Task]:
    """Every rule's tasks in the order the first found wins (table rows first: a duty
    restating a row is that row), one rule after another (the appendix row by row), so
    what an earlier rule found is dropped as it comes (`without_overlaps`) instead of every
    rule's tasks being held at once; `prose_starts` gets the prose tasks' starts."""
    yield from tagged(table_tasks(ctx, first_year), "task_table")
    # a Word table (or a text whose cells come a line each) gives its cells a paragraph
    # each: a header cell ("Đơn vị tính") or a row's body ("Hội Nông dân xã") would read as
    # a body and the next cell ("Thực hiện năm 2025", "Thường xuyên") as its duty; the
    # table stages read them
    in_tables = table_cells(ctx)
    prose = [t for t in tagged(prose_tasks(ctx, first_year, joint_bodies), "task_prose")
             if not in_tables(t.span)]
    prose_starts.extend(sorted(t.span[0] for t in prose))
    yield from prose
    del prose
    yield from tagged(duties(ctx, first_year), "task_duty")
    for row in appendix_rows(ctx, first_year):
        row.rule = row.rule or "task_appendix"
        yield row
    blocks = block_tasks(ctx, first_year, joined_text(ctx), co_with)
    yield from tagged(_blocks_without_prose(ctx, blocks, prose_starts), "task_block")
    yield from tagged(kind_list_tasks(ctx, first_year), "task_kind_list")


def run(ctx: Context) -> None:
    first_year = _first_year(ctx)
    dated = tagged(dated_works(ctx, first_year), "task_dated")  # reads no other rule's
    dated += tagged(movement_tasks(ctx, first_year), "task_movement")
    tasks = without_restatements(without_overlaps(_found(ctx, first_year, []), dated))
    tasks = [t for t in tasks if not not_duty(strip_label(squash(t.text)))]
    tasks.sort(key=lambda t: t.span[0])
    date_by_period(ctx, tasks, first_year)
    for task in tasks:  # a table row may have said both in columns of their own
        task.submit_to = task.submit_to or said_in(task.text)
        task.product = task.product or product(task)
    for i, task in enumerate(tasks, start=1):
        task.id = f"k{i}"
    ctx.tasks = tasks


STAGE = Stage("tasks", needs=("source", "document", "outline", "clauses", "emulation"),
              provides=("tasks",),
              run=run)
