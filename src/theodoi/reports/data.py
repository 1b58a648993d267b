"""Build a `Report` from plain inputs: percentages, groupings, order, the header's wording.

Inputs are small dataclasses (or dicts with the same keys) a service fills from the
register and the status engine; nothing here reads a database, a file or the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from theodoi.domain.errors import BadInput
from theodoi.domain.fields import TASK_KIND_LABELS, TASK_KINDS
from theodoi.domain.numbers import vn_number
from theodoi.domain.periods import Period, midterm, parse_period, term_end
from theodoi.reports import assessment, frame, narrative
from theodoi.reports import tasks as task_rules
from theodoi.reports.figures import plan_words, shows_percent
from theodoi.reports.guidance import DirectionInput
from theodoi.reports.guidance import quotes as directions_quoted
from theodoi.reports.model import (
    ANNUAL_KINDS,
    ESTIMATE_KINDS,
    FIELD_HEADINGS,
    OFFICE_BASIS,
    PLAN_HEADINGS,
    REPORT_KINDS,
    TASK_GROUPS,
    AgencyTasks,
    Appendix,
    Direction,
    FieldGroup,
    FieldText,
    Issuer,
    KeyWork,
    Report,
    SharedLine,
    Shortcoming,
    Signature,
    TargetLine,
    TaskLine,
)

NO_AGENCY = "(chưa giao cơ quan chủ trì)"
OFF_TRACK = ("khong_dat", "cham_tien_do", "co_nguy_co")
PLAN_KIND_WORDS = {"ke_hoach": "Kế hoạch", "chuong_trinh_hanh_dong": "Chương trình hành động",
                   "nghi_quyet": "Nghị quyết", "de_an": "Đề án", "quyet_dinh": "Quyết định",
                   "bao_cao": "Báo cáo", "khac": "Văn bản"}
PARTY_REPORTER = "Ban Thường vụ"  # a Party report is the standing committee's (bodies.py)
MANY_PLANS = "các kế hoạch, chương trình, nghị quyết"


@dataclass(frozen=True)
class TargetInput:
    ref: str
    name: str
    field: str | None
    unit: str | None
    planned: float | None
    in_period: float | None
    cumulative: float | None
    status: str
    status_label: str
    agency: str | None = None
    milestone: bool = False  # a recognition with no number: 1 reached, 0 not yet
    comparator: str | None = None  # "<=": the plan is a bound, read in words
    value_max: float | None = None  # the upper end of a "between" goal
    higher_better: bool = True  # False for a target meant to go down
    flow: bool = False  # a yearly flow: `in_period` is the period's own increment
    plan_year: int | None = None  # the year `planned` is for, when not the report's own
    direction: str | None = None  # increase, decrease, maintain
    kind: str = "level"  # level, growth_rate, change, milestone, plan_relative
    count: bool = False  # a unit of whole things (domain.measures.is_count)
    estimate: float | None = None  # ước thực hiện cả năm (domain.trajectory.year_estimate)
    estimate_basis: str | None = None
    estimate_by_office: bool = False  # the office typed it


@dataclass(frozen=True)
class TaskInput:
    ref: str
    title: str
    agency: str | None
    due: date | None
    status: str
    status_label: str
    product: str | None = None  # the latest update's: what the task produced
    percent: float | None = None
    done_on: date | None = None
    reported_on: date | None = None
    kind: str = "task"  # domain.fields.TASK_KINDS
    field: str | None = None  # its field of work ("khac" or None: none)


@dataclass(frozen=True)
class ExplanationInput:
    """An answered explanation request about an item (its answer is the cause)."""

    ref: str
    item_text: str
    agency: str | None
    answer: str | None


@dataclass(frozen=True)
class UpcomingInput:
    """What falls in the next period: a task due, or a target's next milestone."""

    text: str
    agency: str | None
    due: date | None = None
    due_text: str | None = None
    kind: str = "task"  # or "target": a milestone
    field: str | None = None
    overdue: bool = False


@dataclass(frozen=True)
class PlanRef:
    """A plan the report is on: its kind, number, date, issuer and subject (its title)."""

    kind: str
    number: str | None
    issued_on: date | None = None
    issuer: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Header:
    """Who issues the report, its number (None: left blank for the clerk), where and when."""

    issuer: Issuer
    place: str | None
    signature: Signature
    number: str | None = None
    issued_on: date | None = None
    plans: list[PlanRef] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    request: str | None = None  # what asked for the report: "Công văn số … của …"


T = TypeVar("T")


@dataclass(frozen=True)
class ContributionInput:
    """A co-agency's part in an item (cơ quan phối hợp); the lead still reports the item."""

    ref: str
    item: str
    lead: str | None
    agency: str
    note: str | None
    value: float | None = None
    unit: str | None = None


def shared_lines(parts: Iterable[ContributionInput]) -> list[SharedLine]:
    """The co-agencies' parts, in agency order, as their Biểu lists them."""
    out = []
    for c in parts:
        share = f"phần giá trị {vn_number(c.value)} {c.unit or ''}".strip() \
            if c.value is not None else ""
        text = "; ".join(x for x in (c.note or "", share) if x)
        out.append(SharedLine(c.ref, c.item, c.lead or NO_AGENCY, text, c.agency))
    return sorted(out, key=lambda line: _agency_key(line.agency))


def _as(cls: type[T], item: T | Mapping[str, Any]) -> T:
    return cls(**item) if isinstance(item, Mapping) else item


def percent_of(done: float | None, planned: float | None) -> float | None:
    """Thực hiện as a percentage of kế hoạch; None when either is missing or the plan is 0."""
    if done is None or not planned:
        return None
    return done / planned * 100


def symbol(issuer: Issuer) -> str:
    """The report's symbol: BC-UBND / BC-HĐND for State bodies, BC/ĐU for a Đảng ủy."""
    if issuer.party:
        return "BC/ĐU"
    return "BC-HĐND" if "HỘI ĐỒNG" in issuer.body.upper() else "BC-UBND"


def number_line(issuer: Issuer, number: str | None) -> str:
    """'Số: 15/BC-UBND' (NĐ 30) or 'Số 15-BC/ĐU' (HD 36); blanks when not yet numbered."""
    sym = symbol(issuer)
    if issuer.party:
        kind, body = sym.split("/")
        return f"Số {number or '     '}-{kind}/{body}"
    return f"Số: {number or '      '}/{sym}"


def place_date(place: str | None, on: date | None, year: int) -> str:
    """'Ngọc Liên, ngày 05 tháng 02 năm 2026': days below 10 and months 1, 2 take a 0 (NĐ 30)."""
    where = place or "……"
    if on is None:
        return f"{where}, ngày      tháng      năm {year}"
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"{where}, ngày {on.day:02d} tháng {month} năm {on.year}"


def plans_phrase(plans: list[PlanRef]) -> str:
    """'Kế hoạch số 12/KH-UBND ngày 15/11/2025', or the plural when the report covers many."""
    if len(plans) != 1:
        return MANY_PLANS
    p = plans[0]
    text = PLAN_KIND_WORDS.get(p.kind, "Văn bản")
    if p.number:
        text += f" số {p.number}"
    if p.issued_on:
        text += f" ngày {p.issued_on:%d/%m/%Y}"
    return text


def subject_phrase(plans: list[PlanRef]) -> str:
    """What the report is on, as its title says it: 'Kế hoạch phát triển …' from the one
    plan's kind and subject, its number and date when it has no subject, or the plural."""
    subject = plans[0].subject if len(plans) == 1 else None
    if subject and subject.strip():
        kind = PLAN_KIND_WORDS.get(plans[0].kind, "Văn bản")
        return f"{kind} {frame.lower_first(subject.strip())}"
    return plans_phrase(plans)


def summary(report_kind: str, period: Period, plans: list[PlanRef]) -> str:
    """The title under BÁO CÁO: results, the period, and the next period's tasks."""
    return frame.title(report_kind, subject_phrase(plans), period)


def opening(head: Header, period: Period) -> str:
    """'Thực hiện {request}; {plan cited}, {issuer} báo cáo kết quả thực hiện … như sau:'."""
    cited = [frame.plan_citation(PLAN_KIND_WORDS.get(p.kind, "Văn bản"), p.number,
                                 p.issued_on, p.issuer, p.subject) for p in head.plans]
    return frame.opening(cited, head.request, reporter(head.issuer), period)


def reporter(issuer: Issuer) -> str:
    """Who reports in the text: the UBND, or a Đảng ủy's standing committee."""
    return f"{PARTY_REPORTER} {issuer.body}" if issuer.party else issuer.body


def attached_line(header: Header) -> str:
    """'(Kèm theo Báo cáo số 15/BC-UBND ngày 05/10/2026 của Ủy ban nhân dân xã …)'."""
    number = number_line(header.issuer, header.number).replace("Số: ", "số ")
    number = number.replace("Số ", "số ")
    when = f" ngày {header.issued_on:%d/%m/%Y}" if header.issued_on else ""
    return f"(Kèm theo Báo cáo {number}{when} của {header.issuer.body})"


def period_for(report_kind: str, text: str) -> Period:
    """The period a report of `report_kind` covers, from what the clerk typed; BadInput when
    the two disagree ('--kind quy --period 2026')."""
    if report_kind not in REPORT_KINDS:
        raise BadInput(f"loại báo cáo '{report_kind}' không có; dùng "
                       + ", ".join(REPORT_KINDS) + ".")
    wanted = REPORT_KINDS[report_kind]
    if wanted in ("midterm", "term_end"):
        years = [int(y) for y in text.replace("–", "-").split("-")[:2] if y.strip().isdigit()]
        if len(years) == 2 and years[0] < years[1]:
            return (midterm if wanted == "midterm" else term_end)(years[0], years[1])
    period = parse_period(text)
    if period.kind != wanted:
        raise BadInput(f"kỳ '{text}' ({period.label}) không khớp loại báo cáo '{report_kind}'.")
    return period


def field_groups(targets: Iterable[TargetInput]) -> list[FieldGroup]:
    """Targets grouped by field in the headings' order; each group keeps the register order."""
    groups: dict[str, list[TargetLine]] = {code: [] for code in FIELD_HEADINGS}
    for t in targets:
        code = t.field if t.field in FIELD_HEADINGS else "khac"
        groups[code].append(target_line(t, code))
    return [FieldGroup(code, FIELD_HEADINGS[code], rows) for code, rows in groups.items() if rows]


def target_line(t: TargetInput, code: str) -> TargetLine:
    """A table row: the percent only where a share of the plan means something, the goal
    in words where a bare number would mislead (figures.py)."""
    words = plan_words(t.planned, t.comparator, t.value_max, t.plan_year)
    meaningful = not t.milestone and words is None and shows_percent(
        t.unit, t.comparator, t.higher_better)
    return TargetLine(t.ref, t.name, t.unit, t.planned, t.in_period, t.cumulative,
                      percent_of(t.cumulative, t.planned) if meaningful else None, t.status,
                      t.status_label, t.agency, code, t.milestone, words, t.higher_better,
                      t.flow, t.plan_year, meaningful, t.comparator, t.value_max,
                      t.direction, t.kind, t.count, t.estimate,
                      OFFICE_BASIS if t.estimate_by_office else t.estimate_basis,
                      t.estimate_by_office,
                      percent_of(t.estimate, t.planned) if meaningful else None)


def _in_year(report_kind: str, t: TargetInput) -> TargetInput:
    """The row without an estimate of the year unless the report is of a period inside
    one (quý, 6 tháng, 9 tháng): a year, sơ kết or tổng kết report shows none."""
    if report_kind in ESTIMATE_KINDS or t.estimate is None:
        return t
    return replace(t, estimate=None, estimate_basis=None, estimate_by_office=False)


def estimate_year(report_kind: str, period: Period, rows: list[TargetLine]) -> int | None:
    """The year of the "Ước thực hiện năm" column: a report of a period inside a year
    where some target has an estimate; None (no column) otherwise."""
    if report_kind in ESTIMATE_KINDS and any(r.estimate is not None for r in rows):
        return period.end.year
    return None


def _agency_key(name: str) -> tuple[bool, str]:
    return (name == NO_AGENCY, name.casefold())


def task_lines(tasks: Iterable[TaskInput], reasons: Mapping[str, str]) -> list[TaskLine]:
    return [TaskLine(t.ref, t.title, t.agency or NO_AGENCY, t.due,
                     TASK_GROUPS.get(t.status, "dang_thuc_hien"), t.status_label,
                     reasons.get(t.ref), t.status, t.product, t.percent, t.done_on,
                     t.reported_on, t.kind, t.field) for t in tasks]


def key_works(lines: list[TaskLine]) -> list[KeyWork]:
    """Đề án, công trình trọng điểm, khâu đột phá: one group per kind, in the table's order."""
    return [KeyWork(TASK_KIND_LABELS[kind], rows) for kind in TASK_KINDS if kind != "task"
            if (rows := [line for line in lines if line.kind == kind])]


def agency_tasks(lines: list[TaskLine]) -> list[AgencyTasks]:
    """Tasks per lead agency (agencies by name, the unassigned last), split in three groups."""
    by: dict[str, list[TaskLine]] = {}
    for line in lines:
        by.setdefault(line.agency, []).append(line)
    return [AgencyTasks(name, [t for t in rows if t.group == "hoan_thanh"],
                        [t for t in rows if t.group == "dang_thuc_hien"],
                        [t for t in rows if t.group == "qua_han"])
            for name, rows in sorted(by.items(), key=lambda kv: _agency_key(kv[0]))]


def causes(explanations: Iterable[ExplanationInput]) -> dict[str, str]:
    """Each item's answered explanations joined, in the order given."""
    out: dict[str, list[str]] = {}
    for e in explanations:
        if e.answer and e.answer.strip():
            out.setdefault(e.ref, []).append(e.answer.strip())
    return {ref: "; ".join(answers) for ref, answers in out.items()}


def shortcomings(targets: list[TargetLine], tasks: list[TaskLine],
                 explanations: list[ExplanationInput]) -> list[Shortcoming]:
    """Off-track targets (worst first), overdue tasks, then other explained items."""
    found = causes(explanations)
    rank = {code: i for i, code in enumerate(OFF_TRACK)}
    off = sorted((t for t in targets if t.status in rank), key=lambda t: rank[t.status])
    out = [Shortcoming(t.ref, t.name, t.agency, t.status_label, found.get(t.ref)) for t in off]
    out += [Shortcoming(t.ref, t.title, t.agency, t.status_label, found.get(t.ref))
            for t in tasks if t.group == "qua_han"]
    seen = {s.ref for s in out}
    for e in explanations:
        if e.ref not in seen and e.ref in found:
            out.append(Shortcoming(e.ref, e.item_text, e.agency, None, found[e.ref]))
            seen.add(e.ref)
    return out


def directions(upcoming: Iterable[UpcomingInput]) -> list[Direction]:
    """Next period's tasks and milestones, soonest first (undated last)."""
    items = sorted(upcoming, key=lambda u: (u.due is None, u.due or date.max, u.text))
    return [Direction(u.text, u.agency,
                      u.due_text or (f"{u.due:%d/%m/%Y}" if u.due else None), u.kind, u.field,
                      u.overdue) for u in items]


def appendices(targets: list[TargetLine], tasks: list[TaskLine],
               issued: list[TaskLine], shared: list[SharedLine] | None = None
               ) -> list[Appendix]:
    """The Biểu attached, numbered in order: the documents issued, the targets table, the
    tasks table, the co-agencies' parts (those that have rows)."""
    kinds = [k for k, rows in (("documents", issued), ("targets", targets), ("tasks", tasks),
                               ("shared", shared or [])) if rows]
    return [Appendix(i, kind) for i, kind in enumerate(kinds, start=1)]


def task_overview(tasks: list[TaskLine]) -> str:
    """'Trong 12 nhiệm vụ: 4 đã hoàn thành (3 đúng hạn, 1 trễ hạn), 6 đang thực hiện,
    2 quá hạn.'"""
    if not tasks:
        return "Kỳ này chưa có nhiệm vụ nào được theo dõi."
    done = [t for t in tasks if t.group == "hoan_thanh"]
    late = sum(1 for t in done if t.status == "hoan_thanh_tre_han")
    parts = [f"{len(done)} đã hoàn thành"
             + (f" ({len(done) - late} đúng hạn, {late} trễ hạn)" if done and late else "")]
    for group, word in (("dang_thuc_hien", "đang thực hiện"), ("qua_han", "quá hạn")):
        if (n := sum(1 for t in tasks if t.group == group)):
            parts.append(f"{n} {word}")
    return f"Trong {len(tasks)} nhiệm vụ: {', '.join(parts)}."


def build_report(header: Header | Mapping[str, Any], report_kind: str, period: Period,
                 targets: Iterable[TargetInput | Mapping[str, Any]],
                 tasks: Iterable[TaskInput | Mapping[str, Any]],
                 explanations: Iterable[ExplanationInput | Mapping[str, Any]] = (),
                 upcoming: Iterable[UpcomingInput | Mapping[str, Any]] = (),
                 as_of: date | None = None,
                 contributions: Iterable[ContributionInput | Mapping[str, Any]] = (),
                 guidance: Iterable[DirectionInput] = ()) -> Report:
    """The whole report model from plain inputs (dataclasses or dicts of the same keys).

    `as_of` is the day the figures were judged on; a day before the period's end (a year
    report drafted in December) is printed as the data cut-off. `guidance` holds the
    leaders' directions of the period (guidance.py): quoted in the limits where the item
    is behind, under Công tác lãnh đạo, chỉ đạo otherwise."""
    head = _as(Header, header)
    if REPORT_KINDS.get(report_kind) != period.kind:
        raise BadInput(f"kỳ {period.label} không khớp loại báo cáo '{report_kind}'.")
    explained = [_as(ExplanationInput, e) for e in explanations]
    groups = field_groups(_in_year(report_kind, _as(TargetInput, t)) for t in targets)
    lines = task_lines((_as(TaskInput, t) for t in tasks), causes(explained))
    all_targets = [row for g in groups for row in g.rows]
    title = summary(report_kind, period, head.plans)
    issued = task_rules.documents(lines, period)
    ahead = directions(_as(UpcomingInput, u) for u in upcoming)
    shared = shared_lines(_as(ContributionInput, c) for c in contributions)
    written = prose(report_kind, period, groups, lines, explained, ahead)
    quoted, given = directions_quoted(guidance, all_targets, lines)
    written["limits"] = written["limits"] + quoted
    return Report(
        issuer=head.issuer, number_line=number_line(head.issuer, head.number),
        place_date=place_date(head.place, head.issued_on, period.end.year),
        kind_title="BÁO CÁO", summary=title,
        report_kind=report_kind, period=period, period_label=period.label,
        fields=groups, agencies=agency_tasks(lines),
        shortcomings=shortcomings(all_targets, lines, explained),
        directions=ahead,
        appendices=appendices(all_targets, lines, issued, shared), documents=issued,
        shared=shared,
        recipients=list(head.recipients) or ["Như trên;", "Lưu: VT."],
        signature=head.signature,
        plan_names=[plans_phrase([p]) for p in head.plans], attached=attached_line(head),
        as_of=as_of if as_of is not None and as_of < period.end else None,
        cut_off=cut_off_line(period, as_of), opening=opening(head, period),
        closing=frame.closing(title, reporter(head.issuer)), key_works=key_works(lines),
        estimate_year=estimate_year(report_kind, period, all_targets), guidance=given,
        **written)


def prose(report_kind: str, period: Period, groups: list[FieldGroup], lines: list[TaskLine],
          explained: list[ExplanationInput], ahead: list[Direction]) -> dict[str, Any]:
    """The report's written parts: results by field, tasks, the assessment, next tasks and
    kiến nghị (narrative.py, assessment.py)."""
    heading = PLAN_HEADINGS[report_kind in ANNUAL_KINDS]
    targets = [row for g in groups for row in g.rows]
    answers = causes(explained)
    return {"plan_heading": heading, "overview": narrative.count_sentence(targets),
            "field_texts": [FieldText(g.heading, narrative.field_paragraph(g, heading))
                            for g in groups],
            "task_overview": task_overview(lines),
            "results": assessment.results(targets, lines),
            "limits": assessment.limits(targets, lines),
            "causes": assessment.causes(answers, {e.ref: e.item_text for e in explained}),
            "next_tasks": assessment.next_tasks(ahead),
            "next_period": frame.next_period_words(period),
            "proposals": assessment.proposals(answers.values()) or [assessment.NO_PROPOSAL]}


def cut_off_line(period: Period, as_of: date | None) -> str:
    """'Số liệu tính đến ngày 06/12/2026' when the figures stop before the period's end."""
    if as_of is None or as_of >= period.end:
        return ""
    return f"Số liệu tính đến ngày {as_of:%d/%m/%Y}"
