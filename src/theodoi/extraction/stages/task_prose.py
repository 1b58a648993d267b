"""Tasks in prose and lists wherever they stand: work given to a body by its own language.

A plan gives work to a body in a few ways that do not depend on its layout:
- a paragraph whose subject is a body: "Bộ Tài chính chủ trì, phối hợp với … tổng hợp …";
- a lead-in naming the body, then its duties: "Ủy ban nhân dân các tỉnh, thành phố:" or a
  heading "1.4. Ủy ban nhân dân các phường, xã" or "Trách nhiệm của …", then one paragraph
  per duty ("Tuyên truyền, phổ biến …", "Phối hợp với Bộ Y tế khôi phục …");
- a work item followed by its block lines ("Cơ quan chủ trì: …", "Thời gian thực hiện: …").

Paragraphs are the unit: in a Word file or its text export every paragraph is one line; in a
PDF text layer a line that does not end a sentence runs on into the next. The heading tree
(outline) only scopes a body's duties; it never gates a paragraph that names its own body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from theodoi.domain.text import squash
from theodoi.extraction.agencies import split_bodies
from theodoi.extraction.dates import parse_due, plan_start
from theodoi.extraction.labels import says_nothing, strip_article, strip_label
from theodoi.extraction.model import Due, Heading, Task
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import tasks as R
from theodoi.extraction.stages.paragraphs import document_paragraphs, ends_sentence
from theodoi.extraction.stages.prose_bodies import (
    bodies_in,
    clean_name,
    co_with,
    each_a_body,
    heading_body,
    opens_work,
    subject,
)
from theodoi.extraction.stages.task_blocks import assign_role

MAX_TITLE_LINE = 160    # a line without a sentence end and longer than this is prose
UNLABELLED = 99         # scope level of a lead-in or a title line that has no label
Joint = Callable[[str], tuple[str, list[str]]]


@dataclass
class _Scope:
    level: int
    lead: str | None
    co: list[str] = field(default_factory=list)
    targets: bool = False  # "… thực hiện các chỉ tiêu sau:": the items are targets
    under: int | None = None  # a lead-in's: the level of the heading it is written under

    def holds(self, level: int) -> bool:
        """Whether a heading at `level` is one of this lead-in's items: deeper than the
        heading the lead-in stands under ("1.2. …", "Ủy ban nhân dân các tỉnh:", "a) …")."""
        return self.under is not None and self.under < level < UNLABELLED


class _Reader:
    """Walks the paragraphs once, keeping the bodies in scope."""

    def __init__(self, ctx: Context, first_year: int | None, joint: Joint) -> None:
        self.ctx = ctx
        self.joint = joint
        self.first_year = first_year
        self.start = plan_start(ctx.document.issued_on, ctx.document.term)
        self.stack: list[_Scope] = []
        self.headings = {h.span[0]: h for h in ctx.outline}
        self.tasks: list[Task] = []
        self.last: Task | None = None          # the task block lines add to
        self.title: tuple[int, int] | None = None  # a work item not yet a task
        self.closed = True  # before the first heading (the preamble) and after "Nơi nhận"
        self.funding: int | None = None  # level of a "Kinh phí" heading: rules for all
        self.principles: int | None = None  # level of a "Mục đích, yêu cầu" heading
        self.aims: tuple[int, int | None] | None = None  # "Mục tiêu đến năm 2030": level, year
        self.contents = False  # the items after "Tham mưu … trình … quyết định:" are its parts
        self.level = 0  # the level of the last heading read

    def section(self, level: int, title: str, sentence: bool = False) -> None:
        """Note whether the text from here on states funding rules or principles; a heading
        at the same or a higher level ends such a section. A numbered sentence opens no
        section of principles: "b) Căn cứ vào khả năng cân đối ngân sách, phối hợp …;" is a
        duty, where "1. Căn cứ xây dựng Kế hoạch" is a title."""
        title = squash(title)
        if self.funding is not None and level <= self.funding:
            self.funding = None
        if self.principles is not None and level <= self.principles:
            self.principles = None
        if self.funding is None and R.FUNDING.match(title):
            self.funding = level  # the outermost such heading decides where the section ends
        if self.principles is None and not sentence and R.PRINCIPLES.match(title):
            self.principles = level
        if self.aims is not None and level <= self.aims[0]:
            self.aims = None
        if R.AIMS.match(title):
            self.aims = (level, _year(title) or (self.aims[1] if self.aims else None))

    def lead(self) -> _Scope | None:
        return next((s for s in reversed(self.stack) if s.lead), None)

    def enter(self, level: int, lead: str | None, co: list[str] | None = None,
              said: str = "") -> None:
        """Open a scope at `level`; `said` is the heading or lead-in that opens it. A scope
        at UNLABELLED opened by a lead-in ends at the next unlabelled one or at a heading no
        deeper than the one it stands under; its labelled items ("a) …") stay in it."""
        while (self.stack and self.stack[-1].level >= level
               and not self.stack[-1].holds(level)):
            self.stack.pop()
        self.stack.append(_Scope(level, lead, co or [], bool(R.TARGETS_LEAD_IN.search(said))))

    def lead_in_scope(self, lead: str | None, co: list[str], said: str = "") -> None:
        """Open the scope of an unlabelled lead-in ("Ủy ban nhân dân các tỉnh, thành phố:")."""
        self.enter(UNLABELLED, lead, co, said=said)
        self.stack[-1].under = self.level

    def task(self, span: tuple[int, int], lead: str | None, co: list[str]) -> Task:
        """The paragraph's task; roles written after its work ("…. Cơ quan chủ trì: ….
        Thời gian hoàn thành: …") are its own, and its title stops before them."""
        text = self.ctx.text[span[0]:span[1]]
        lead, leader = _without_leader(lead)
        # every role written after the work has its ':' (as task_blocks reads them too)
        roles = list(R.INLINE_ROLE.finditer(text.replace("\n", " "))) if ":" in text else []
        title = strip_label(squash(text[:roles[0].start()] if roles else text))[:200]
        kind = next((k for p, k in R.KINDS if p.search(title)), "task")
        own = co_with(text)
        task = Task(id="", label=None, section=None, whole=self.ctx.text, span=span, title=title,
                    kind=kind, lead_agency=lead,
                    co_agencies=co + [c for c in own if c not in co],
                    due=parse_due(text, self.first_year, strict=True, start=self.start))
        task.leader = leader
        for m in roles:
            assign_role(task, m.group("role"), squash(m.group("value")), bodies_in, self.due,
                        co_with)
        self.tasks.append(task)
        self.last, self.title = task, None
        return task

    def block_line(self, role: str, value: str) -> None:
        """'Cơ quan chủ trì: …', 'Thời gian thực hiện: …' under a work item."""
        role = squash(role).lower()
        task = self.last
        if task is None and self.title is not None:
            heading = self.headings.get(self.title[0])
            if heading is not None and R.BLOCK_PARTS.match(heading.title):
                return  # "1.3. Triển khai xây dựng …": the block's task is the heading above
            scope = self.lead()
            task = self.task(self.title, scope.lead if scope else None, [])
        if task is None:
            return
        # block_tasks warns W402 when no date can be read
        assign_role(task, role, squash(value), bodies_in, self.due, co_with)

    def due(self, value: str) -> Due | None:
        """A time line's date: the end of a period ("Từ ngày 01/01/2026 đến ngày 31/3/2026"),
        none for an open end ("Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê")."""
        end = R.PERIOD_END.search(value)
        part = end.group("end") if end else value
        due = parse_due(part, self.first_year, start=self.start)
        if due is None or due.date is None:
            return None
        return Due(value, due.date, due.recurrence)

    def read(self, span: tuple[int, int], heading: Heading | None) -> None:
        text = squash(self.ctx.text[span[0]:span[1]])
        body = strip_article(strip_label(text))  # "Điều 2. Giao Sở Công Thương chủ trì …"
        if says_nothing(body):
            return  # a bullet left alone on its line ("•" before "Nơi nhận")
        if R.CLOSING.match(body) or (("Nơi nhận" in text or "Trên đây là" in text)
                                     and R.CLOSING_INSIDE.search(text)):
            self.stack, self.last, self.title, self.closed = [], None, None, True
            return
        if heading is not None:
            self.closed = False  # the first heading ends the preamble
            self.level = heading.level
        if self.closed and not R.ASKED.match(body):
            return  # the preamble ("Căn cứ …", "Trên cơ sở …, Ban Chấp hành xây dựng …")
        # an assignment line names its role before a colon: without one, no rule to try
        block = R.BLOCK_LINE.match(self.ctx.text[span[0]:span[1]].replace("\n", " ")) if (
            ":" in text) else None
        if block:
            if heading is not None and self.last is None:
                # "1.4. Cơ quan chủ trì tham mưu: Phòng Kinh tế …" is a part of the section,
                # for the section's work (read by block_tasks), not for the line above it
                self.title = None
            self.block_line(block.group("role"), block.group("value"))
            return
        if R.CONTENT_LINE.match(body):
            return  # "Nội dung: …" describes the item above
        titled = not ends_sentence(text) and len(text) <= MAX_TITLE_LINE
        scope = self.lead()
        if titled and scope is not None and R.PARTNERS_LEAD_IN.match(body):
            # "a) Chủ trì, phối hợp với các sở, ban, ngành …" under "1. Sở Công Thương"
            self.enter(heading.level if heading is not None else UNLABELLED, scope.lead,
                       co_with(body))
            self.last, self.title, self.contents = None, None, False
            return
        if heading is not None:
            self.section(heading.level, heading.title, sentence=ends_sentence(text)
                         and not text.endswith(":"))
        if (heading is not None and scope is not None and body.endswith(":")
                and R.SUBMISSION_LEAD_IN.search(body)
                and opens_work(body) and heading_body(body) is None):
            # "a) Tham mưu UBND tỉnh trình HĐND tỉnh quyết định:" under "2.1. Sở Tài chính"
            # is one duty whose parts follow, as the same line is without its label
            self.enter(heading.level, None)
            self.lead_in(span, body, None)
            return
        if heading is not None and (titled or text.endswith(":")):
            self.enter(heading.level, heading_body(heading.title), co_with(body), said=body)
            self.last, self.title, self.contents = None, span, False
            return
        if (heading is None and titled and scope is not None and opens_work(body)
                and heading_body(body) is None):
            titled = False  # "Đẩy mạnh số hóa …" without a full stop under a body: a duty
        if heading is None and titled and " | " not in text:
            self.section(1 if body.isupper() else UNLABELLED, body)  # "ĐỐI TƯỢNG, …" is a part
            self.enter(UNLABELLED, heading_body(body))  # a title line with no label
            self.last, self.title, self.contents = None, span, False
            return
        if heading is not None:
            self.enter(heading.level, None)  # "2. Bộ Tài chính chủ trì …": a numbered duty
        self.paragraph(span, text, body)

    def paragraph(self, span: tuple[int, int], text: str, body: str) -> None:
        if self.principles is not None:
            # "Người đứng đầu … chủ động triển khai" under "Yêu cầu": a rule for all
            self.last, self.title = None, None
            return
        who = subject(body)
        directs = None if who else R.PERSON_DIRECTS.match(body)
        if directs:  # "Đồng chí Phó Chủ tịch UBND xã chỉ đạo Phòng Kinh tế xây dựng …"
            task = self.task(span, subject(directs.group("rest")), [])
            task.leader = squash(directs.group("person"))
            return
        trailing = None if who else R.TRAILING_LEAD.search(body)
        if trailing:  # "…, hoàn thành năm 2027; giao UBND xã chủ trì": its body at the end
            co = split_bodies(trailing.group("co")) if trailing.group("co") else []
            self.task(span, clean_name(trailing.group("lead")), co)
            return
        given = None if who else R.GIVEN_AFTER_COMMA.search(body)
        if given and subject(given.group("rest")):  # "…, giao Đảng ủy UBND xã lãnh đạo …"
            self.task(span, subject(given.group("rest")), [])
            return
        assigned = None if who else assigned_at_end(body)
        if assigned and self.assigned_at_end(span, body, assigned):
            return
        if who and self.funding is not None and R.GENERIC_BODY.match(who):
            # "Các sở, ngành … có trách nhiệm bố trí kinh phí" under "Kinh phí"
            self.last, self.title = None, None
            return
        if body.endswith(":"):
            self.lead_in(span, body, who)
            return
        if who:
            if _not_duty(body, who):
                self.last, self.title = None, None
                return
            base, leader = _without_leader(who)
            lead, partners = self.joint(base) if base and each_a_body(base) else (base, [])
            task = self.task(span, lead, partners)
            task.leader = task.leader or leader
            self.enter(UNLABELLED, None)  # a body's own duty ends the lead-in above it
            self.contents = False
            return
        if (self.aims is not None and self.lead() is None and R.AIM_WORK.match(body)
                and not any(c.isdigit() for c in body)
                and not R.INNER_SENTENCE_END.search(body)):
            self.aim_task(span)
            return
        if self.contents and R.WORK_VERB.match(" " + body[:1].lower() + body[1:]):
            self.contents = False  # "Lập, giao kế hoạch …" after the parts of a submission
        scope = self.lead()
        if scope is None or self.contents or scope.targets:
            self.last, self.title = None, span
            return
        if _not_duty(body, None):
            self.last, self.title = None, None
            return
        self.task(span, scope.lead, list(scope.co))

    def assigned_at_end(self, span: tuple[int, int], body: str, m: re.Match[str]) -> bool:
        """Work whose assignment is written at its end, in a parenthesis or a sentence that
        gives it (R.ASSIGNED_AT_END): its roles ("chủ trì: …; phối hợp: …"), or the body
        that carries it out ("Phòng Kinh tế chủ trì, phối hợp với …"), with the bodies it
        works with and its time. False when the end names no body and no role."""
        said = m.group("paren") or m.group("given")
        roles = list(R.ROLE_IN_PARENTHESIS.finditer(said))
        head = said[:roles[0].start()] if roles else said  # "Phòng Y tế chủ trì; thời gian: …"
        who = subject(head[:1].upper() + head[1:]) if head.strip(" ;,") else None
        if m.group("given") and not said.startswith(("Giao", "giao")) and not (
                who and R.ASSIGNING_VERB.match(head[len(who):].lstrip(" ,"))):
            return False  # "…. Phòng Kinh tế hướng dẫn các thôn …": more work, not its body
        if not roles and who is None:
            return False
        scope = self.lead()
        task = (self.task(span, who, co_with(said)) if who else
                self.task(span, scope.lead if scope else None, list(scope.co) if scope else []))
        for role in roles:
            assign_role(task, role.group("role"), squash(role.group("value")), bodies_in,
                        self.due, co_with)
        task.title = strip_label(squash(body[:m.start()])).rstrip(" .;")[:200]
        task.kind = next((k for p, k in R.KINDS if p.search(task.title)), "task")
        return True

    def aim_task(self, span: tuple[int, int]) -> None:
        """A work item in a list of aims: no lead yet, due at the end of the list's year."""
        task = self.task(span, None, [])
        year = self.aims[1] if self.aims else None
        if year:
            task.due = Due(f"năm {year}", f"{year}-12-31")

    def lead_in(self, span: tuple[int, int], body: str, who: str | None) -> None:
        """'Bộ Tài chính chủ trì, phối hợp với …:' leads the duties below it (with those
        partners); so does 'Chủ trì, phối hợp với …:' under a body. Another action ending in
        ':' under a body is a duty; when it submits a decision ('Tham mưu UBND tỉnh trình HĐND
        quyết định:') the items below it are its parts, otherwise ('Tổ chức triển khai các dự
        án …:') they are duties of the body too."""
        if self.aims is not None and _year(body):
            self.aims = (self.aims[0], _year(body))  # "Đến hết năm 2030, phấn đấu đạt …:"
        if not_duty(body):
            self.last, self.title = None, None
            return
        if who:
            self.lead_in_scope(who, co_with(body), said=body)
            self.last, self.title, self.contents = None, None, False
            return
        scope = self.lead()
        if scope is not None and R.PARTNERS_LEAD_IN.match(body):
            self.lead_in_scope(scope.lead, co_with(body))  # "Chủ trì, phối hợp với …:"
            self.last, self.title, self.contents = None, None, False
            return
        if scope is not None:
            self.task(span, scope.lead, list(scope.co))
            self.contents = bool(R.SUBMISSION_LEAD_IN.search(body))
            return
        self.last, self.title = None, None


def assigned_at_end(body: str) -> re.Match[str] | None:
    """R.ASSIGNED_AT_END in `body`, matched only where a match of it can start (`_starts`),
    leftmost first: the search alone tries both its forms at every character."""
    for start in _starts(body):
        found = R.ASSIGNED_AT_END.match(body, start)
        if found:
            return found
    return None


def _starts(text: str) -> list[int]:
    """Where R.ASSIGNED_AT_END can start, in order. Both its forms run to the text's end: a
    last parenthesis (no '(' follows the one it opens with; it starts where the spaces
    before that '(' start) or a last sentence after a '.' or ';' (no '.' follows it but the
    text's own last one, before an optional line break), so the sentence starts at one of
    the '.' and ';' from the last '.' before those two characters on."""
    starts = []
    paren = text.rfind("(")
    if paren >= 0:
        while paren > 0 and text[paren - 1].isspace():
            paren -= 1
        starts.append(paren)
    last = max(text.rfind(".", 0, len(text) - 2), 0)
    for mark in ".;":
        at = text.find(mark, last)
        while at >= 0:
            starts.append(at)
            at = text.find(mark, at + 1)
    return sorted(starts)


def _year(text: str) -> int | None:
    m = R.AIM_YEAR.search(text)
    return int(m.group("y")) if m else None


def _not_duty(body: str, who: str | None) -> bool:
    """Enforcement clauses, conditionals, role statements, definitions: not work given."""
    return bool(not_duty(body) or R.ROLE_STATEMENT.match(body)
                or (not who and R.DEFINITION.match(body)))


def not_duty(text: str) -> bool:
    """Whether a paragraph says what is not work given to a body (rules/tasks.py NOT_DUTY)."""
    return bool(R.NOT_DUTY_START.match(text) or R.NOT_DUTY.search(text))


def _without_leader(lead: str | None) -> tuple[str | None, str | None]:
    """'UBND xã (đồng chí Nguyễn Văn A, Phó Chủ tịch UBND xã phụ trách)' -> ('UBND xã',
    'Nguyễn Văn A, Phó Chủ tịch UBND xã'): the person who steers is not the body that acts."""
    m = R.LEADER.search(lead) if lead else None
    if lead is None or m is None:
        return lead, None
    rest = clean_name((lead[:m.start()] + lead[m.end():]).replace("()", "").rstrip(" )"))
    return (rest or None), squash(m.group("leader")).strip(" ,")




def prose_tasks(ctx: Context, first_year: int | None, joint: Joint) -> list[Task]:
    """Every paragraph that gives work to a body, with its lead, co-agencies and time.

    joint: splits a duty given to several named bodies into its lead and the others
    ('Thường trực HĐND xã, các Ban HĐND xã …' -> the first leads)."""
    heads = {h.span[0]: h for h in ctx.outline}
    reader = _Reader(ctx, first_year, joint)
    reader.closed = bool(ctx.outline)  # a letter without headings has no preamble to skip
    for span in document_paragraphs(ctx):
        reader.read(span, heads.get(span[0]))
    return reader.tasks
