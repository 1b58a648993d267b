"""Build a unit's periodic report (báo cáo quý … tổng kết) from the register and the status.

The status service decides every item's state as of the period's last day, or of the
data cut-off (or today) when that comes first, so a period still under way is judged
in progress and never as missed; this module
only gathers the plain inputs `reports.data` needs (values in the period, answered
explanations, what falls due next, each target's estimate of the year for a quý / 6 / 9
tháng report, the leaders' directions written in the period) and the header facts
(issuer, signer) from the plans. `store_estimates` keeps the office's own estimates typed
with a report (the one write here: the CLI's `--estimate`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from theodoi.domain import levels
from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.measures import is_count
from theodoi.domain.periods import Period, parse_period
from theodoi.domain.phrases import goal_text
from theodoi.domain.trajectory import Actual, higher_is_better, is_annual, year_estimate
from theodoi.reports import bodies, data, figures, guidance, pdf
from theodoi.reports import docx as docx_layout
from theodoi.reports import xlsx as xlsx_layout
from theodoi.reports.model import (
    ANNUAL_KINDS,
    ESTIMATE_KINDS,
    TASK_GROUPS,
    Issuer,
    Report,
    Signature,
)
from theodoi.services import reminders
from theodoi.services.estimates import office as estimates
from theodoi.services.progress import explanations
from theodoi.services.progress import records as progress
from theodoi.services.progress.status import StatusRow, status_of_unit, target_facts
from theodoi.services.progress.status import actual as status_actual
from theodoi.services.register import units
from theodoi.storage.models import Plan, Target, Task, TaskUpdate, Unit
from theodoi.storage.repositories import plans as plans_repo
from theodoi.storage.repositories import progress as progress_repo

FORMATS = ("docx", "xlsx", "pdf")
# an overdue task is carried into the next period's tasks only when due in the report's
# year or the one before: older ones are stale register entries, not the commune's agenda
CARRY_YEARS = 1
PARTY_WORDS = ("đảng", "ban chấp hành", "ban thường vụ", "chi bộ")


@dataclass(frozen=True)
class Request:
    """What the clerk asked for; `party` None decides Party or State from the plans."""

    unit: str
    kind: str
    period: str
    plan_id: int | None = None
    number: str | None = None
    issued_on: date | None = None
    party: bool | None = None
    cut_off: date | None = None  # figures up to this day ("tính đến ngày …")
    request: str | None = None  # what asked for it: "Công văn số … ngày … của …"
    today: date | None = None  # passed in by the edge: nothing here reads the clock
    # plans left out: the restricted ones the person asking does not read
    without: frozenset[int] = frozenset()

    def as_of(self, period: Period) -> date:
        """The day the figures are judged on: the period's end, or the cut-off or today
        when earlier, so a year still under way is never judged as over."""
        return min(d for d in (period.end, self.cut_off, self.today) if d is not None)


def is_party(plans: list[Plan]) -> bool:
    """A report on Party plans (issuer a Đảng ủy, symbol …/ĐU) is a Party report."""
    def party(p: Plan) -> bool:
        issuer = (p.issuer or "").lower()
        return issuer.startswith(PARTY_WORDS) or "/đu" in (p.number or "").lower()
    return bool(plans) and all(party(p) for p in plans)


def body_of(unit: Unit) -> bodies.Body:
    return bodies.Body(unit.name, unit.level)


def issuer_of(unit: Unit, party: bool) -> Issuer:
    """The issuing body (and, for a Party report, the Party body above it): reports.bodies."""
    parent = body_of(unit.parent) if unit.parent else None
    return bodies.issuer(body_of(unit), parent, party)


def signature_of(plans: list[Plan], party: bool, level: str = "") -> Signature:
    """The plans' signer when there is one plan of the same kind of body, else the usual;
    a Party report is signed for the body that signs reports, a unit below the commune's
    by its head or for its chi bộ (reports.bodies)."""
    same_kind = len(plans) == 1 and is_party(plans) == party  # not a UBND signer on --party
    signer = plans[0].signer if same_kind and plans[0].signer else None
    if levels.is_below_commune(level):
        return bodies.below_signature(level, plans[0].signer if len(plans) == 1 else None)
    if party:
        return bodies.party_signature(signer)
    if signer and signer.get("on_behalf"):
        return Signature(signer.get("on_behalf"), signer.get("position"), signer.get("name"))
    return Signature("TM. Ủy ban nhân dân", "Chủ tịch", None)


def header(unit: Unit, plans: list[Plan], req: Request) -> data.Header:
    party = is_party(plans) if req.party is None else req.party
    parent = body_of(unit.parent) if unit.parent else None
    recipients = bodies.recipients(body_of(unit), parent, party)
    place = next((p.place for p in plans if p.place), None) or bodies.place_name(body_of(unit))
    return data.Header(issuer_of(unit, party), place, signature_of(plans, party, unit.level),
                       req.number, req.issued_on,
                       [data.PlanRef(p.kind, p.number, p.issued_on, p.issuer, p.title or None)
                        for p in plans],
                       recipients, req.request)


def next_range(period: Period, term: tuple[int, int] | None) -> tuple[date, date]:
    """The days the next period covers: after a quarter the next quarter, after 6 months
    the rest of the year, after a year the next one, after a sơ kết the rest of the term."""
    start = period.end + timedelta(days=1)
    if period.kind == "quarter":
        return start, (start + timedelta(days=92)).replace(day=1) - timedelta(days=1)
    if period.kind in ("half", "nine_months"):
        return start, date(period.end.year, 12, 31)
    if period.kind == "midterm" and term:
        return start, date(term[1], 12, 31)
    return start, date(start.year, 12, 31)


def in_period_values(s: Session, unit: Unit, period: Period,
                     as_of: date | None = None) -> dict[int, float]:
    """Each target's latest value recorded for a period ending inside `period` (and on or
    before `as_of`)."""
    out: dict[int, float] = {}
    for r in progress_repo.current_for_unit(s, unit.id, min(period.end, as_of or period.end)):
        if period.start <= r.period_end and math.isfinite(r.value):  # inf: so_lieu_loi
            out[r.target_id] = r.value  # ordered by period end: the last one wins
    return out


def year_to_date_before(s: Session, unit: Unit, period: Period) -> dict[int, float]:
    """Each target's last value of the same year before `period` starts: what a yearly
    flow, reported year-to-date, had reached, so the period's own increment is the rest."""
    before = period.start - timedelta(days=1)
    return {r.target_id: r.value
            for r in progress_repo.current_for_unit(s, unit.id, before)
            if r.period_end.year == period.start.year and math.isfinite(r.value)}


@dataclass(frozen=True)
class Figures:
    """What the target rows need besides the status: the report's kind and year, each
    target's values in the period and year-to-date before it, the recognition targets,
    and (by target id) the estimates of the year."""

    kind: str
    year: int
    now: dict[int, float]
    before: dict[int, float]
    milestones: Collection[str] = ()
    estimates: Mapping[int, Estimate] = field(default_factory=dict)


@dataclass(frozen=True)
class Estimate:
    """A target's ước thực hiện cả năm: the value, its basis in words, whether typed."""

    value: float
    basis: str
    by_office: bool = False


def year_estimates(s: Session, unit: Unit, targets: list[Target], year: int, as_of: date,
                   typed: Mapping[int, float]) -> dict[int, Estimate]:
    """Each target's estimate of the whole year: the office's where it typed one, else
    the domain's (trajectory.year_estimate) from the figures reported by `as_of`; a target
    with neither has none."""
    known: dict[int, list[Actual]] = {}
    for r in progress_repo.current_for_unit(s, unit.id, as_of):
        if math.isfinite(r.value):
            known.setdefault(r.target_id, []).append(status_actual(r))
    out = {}
    for t in targets:
        if t.id in typed:
            out[t.id] = Estimate(typed[t.id], "", by_office=True)
        elif (found := year_estimate(target_facts(t), known.get(t.id, []), year)) is not None:
            out[t.id] = Estimate(found.value, found.basis)
    return out


def target_inputs(rows: list[StatusRow], stored: dict[str, Target],
                  figures: Figures) -> list[data.TargetInput]:
    """The report's target rows against the year's plan (or the term's), figures.py."""
    return [target_input(r, stored.get(r.ref), figures) for r in rows]


def target_input(r: StatusRow, t: Target | None, f: Figures) -> data.TargetInput:
    """One row: the plan figure for the report's year, a flow's increment in the period
    (a level has none), the target's own words where the indicator is a stub."""
    if t is None:  # not in the plans asked for: shown as the status has it
        return data.TargetInput(r.ref, r.text, r.field, r.unit, r.planned, None, r.actual,
                                r.code, r.label, r.lead_agency)
    facts = target_facts(t)
    goal = figures.Goal(r.planned, t.comparator, t.value_max, facts.milestones,
                        is_annual(facts), facts.deadline_year)
    planned, plan_year = figures.plan_for(goal, f.kind, f.year)
    now = f.now.get(t.id)
    step = now - f.before.get(t.id, 0.0) if facts.flow and now is not None \
        and f.kind in ANNUAL_KINDS else None
    if r.ref in f.milestones:  # a recognition in the period is its own event
        step = now
    guess = f.estimates.get(t.id)
    return data.TargetInput(
        r.ref, figures.row_name(t.indicator, t.text), r.field, r.unit, planned, step,
        r.actual, r.code, r.label, r.lead_agency, r.ref in f.milestones, t.comparator,
        t.value_max, higher_is_better(facts), facts.flow, plan_year, t.direction, t.kind,
        is_count(t.unit), guess.value if guess else None, guess.basis if guess else None,
        guess.by_office if guess else False)


def task_inputs(rows: list[StatusRow], latest: dict[int, TaskUpdate] | None = None,
                kinds: Mapping[str, str] | None = None) -> list[data.TaskInput]:
    """The report's task rows with what each one's latest update produced; `kinds` (ref ->
    task kind) puts a Đề án, công trình trọng điểm or khâu đột phá in its own section."""
    latest, kinds = latest or {}, kinds or {}
    out = []
    for r in rows:
        u = latest.get(int(r.ref[1:]))
        out.append(data.TaskInput(
            r.ref, r.text, r.lead_agency, r.due if isinstance(r.due, date) else None, r.code,
            r.label, u.product if u else None, r.percent, u.completed_on if u else None,
            u.reported_on if u else None, kinds.get(r.ref, "task"), r.field))
    return out


def explanation_inputs(s: Session, unit: Unit, period: Period,
                       refs: set[str]) -> list[data.ExplanationInput]:
    """Answered requests on the report's items about this period (or about no period)."""
    out = []
    for r in explanations.list_requests(s, unit.code, "answered"):
        about = parse_period(r.period).end if r.period else None
        if r.ref in refs and (about is None or period.start <= about <= period.end):
            out.append(data.ExplanationInput(r.ref, r.item_text, r.lead_agency, r.answer))
    return out


def upcoming(tasks: list[StatusRow], targets: list[Target],
             window: tuple[date, date]) -> list[data.UpcomingInput]:
    """Unfinished tasks due by the end of the next period, and the targets' milestones (or
    deadlines) that fall in its years."""
    start, end = window
    oldest = date((start - timedelta(days=1)).year - CARRY_YEARS, 1, 1)  # by the report's year
    out = [data.UpcomingInput(r.text, r.lead_agency, r.due, field=r.field,
                              overdue=TASK_GROUPS.get(r.code) == "qua_han") for r in tasks
           if isinstance(r.due, date) and oldest <= r.due <= end
           and TASK_GROUPS.get(r.code) != "hoan_thanh"]  # overdue ones carry over
    for t in targets:
        marks = [(m.year, m.value) for m in t.milestones]
        if not marks and t.deadline_year:
            marks = [(t.deadline_year, t.value)]
        for year, value in marks:
            if start.year <= year <= end.year and value is not None and math.isfinite(value):
                goal = goal_text(t.comparator, value, None, t.unit)  # "đạt 90 triệu đồng"
                out.append(data.UpcomingInput(f"{figures.row_name(t.indicator, t.text)} {goal}",
                                              _lead(t), None, f"năm {year}", "target",
                                              t.field))
    return out


def _lead(t: Target | Task) -> str | None:
    lead = next((a for a in t.assignments if a.role == "lead"), None)
    return None if lead is None else (lead.agency.name if lead.agency else lead.name)


def plans_of(s: Session, unit: Unit, plan_id: int | None,
             without: frozenset[int] = frozenset()) -> list[Plan]:
    """The unit's active plans (or the one asked for), less those `without` names."""
    active = [p for p in plans_repo.for_unit(s, unit.id, full=True)
              if p.status == "active" and p.id not in without]
    if plan_id is None:
        return active
    chosen = [p for p in active if p.id == plan_id]
    if not chosen:
        raise NotFound(f"đơn vị {unit.name} không có kế hoạch số {plan_id} đang thực hiện.")
    return chosen


def build_report(s: Session, req: Request) -> Report:
    """The report model for a unit (and one plan, or all its active plans) and a period."""
    period = data.period_for(req.kind, req.period)
    unit = units.find(s, req.unit)
    plans = plans_of(s, unit, req.plan_id, req.without)
    ids = {p.id for p in plans}
    as_of = req.as_of(period)
    status = status_of_unit(s, unit.code, as_of)
    targets = [r for r in status.targets if r.plan_id in ids]
    tasks = [r for r in status.tasks if r.plan_id in ids]
    term = next(((p.term_start, p.term_end) for p in plans if p.term_start and p.term_end),
                None)
    live = {r.ref for r in targets}
    stored = [t for p in plans for t in p.targets if f"t{t.id}" in live]
    found = Figures(req.kind, period.end.year, in_period_values(s, unit, period, as_of),
                    year_to_date_before(s, unit, period),
                    {f"t{t.id}" for t in stored if progress.is_milestone(t)},
                    year_estimates(s, unit, stored, period.end.year, as_of,
                                   estimates.typed(s, stored, period.end.year))
                    if req.kind in ESTIMATE_KINDS else {})
    return data.build_report(
        header(unit, plans, req), req.kind, period,
        target_inputs(targets, {f"t{t.id}": t for t in stored}, found),
        task_inputs(tasks, {u.task_id: u for u in
                            progress_repo.latest_updates_for_unit(s, unit.id, as_of)},
                    {f"k{k.id}": k.kind for p in plans for k in p.tasks}),
        explanation_inputs(s, unit, period, live | {r.ref for r in tasks}),
        upcoming(tasks, stored, next_range(period, term)), as_of,
        contribution_inputs(s, unit, period, as_of, live | {r.ref for r in tasks}),
        direction_inputs(s, unit, period, as_of, live | {r.ref for r in tasks}))


def direction_inputs(s: Session, unit: Unit, period: Period, as_of: date,
                     refs: set[str]) -> list[guidance.DirectionInput]:
    """The leaders' directions written in the period (up to `as_of`) on the report's
    items, each leader named by role words (no title is stored for a person)."""
    return [guidance.DirectionInput(d.ref, guidance.speaker(None, d.leader_of or unit.name),
                                    d.words, d.on)
            for d in reminders.directions_given(s, unit, refs, period.start, as_of)]


def contribution_inputs(s: Session, unit: Unit, period: Period, as_of: date,
                        refs: set[str]) -> list[data.ContributionInput]:
    """The co-agencies' parts in the report's items recorded within the period."""
    out = []
    for c, item in progress_repo.contributions_with_items(s, unit.id):
        ref = f"t{item.id}" if isinstance(item, Target) else f"k{item.id}"
        if ref in refs and period.start <= c.recorded_at.date() <= as_of:
            out.append(data.ContributionInput(
                ref, (item.indicator if isinstance(item, Target) else item.title) or item.text,
                _lead(item), c.agency.name, c.note, c.value,
                item.unit if isinstance(item, Target) else None))
    return out


def estimate_pairs(typed: Iterable[str]) -> list[tuple[str, str]]:
    """'t12=1.500' as ('t12', '1.500'); BadInput for text without '='."""
    out = []
    for text in typed:
        ref, sign, value = text.partition("=")
        if not sign or not ref.strip():
            raise BadInput(f"số ước '{text}' phải có dạng mã=số, ví dụ t12=1.500.")
        out.append((ref.strip(), value.strip()))
    return out


def store_estimates(s: Session, req: Request, pairs: list[tuple[str, str]],
                    by: str | None = None) -> None:
    """Keep the office's estimates typed with a report (for the year of its period, on
    targets of its unit); only a report of a period inside a year shows them."""
    if not pairs:
        return
    period = data.period_for(req.kind, req.period)
    if req.kind not in ESTIMATE_KINDS:
        raise BadInput("số ước thực hiện cả năm chỉ dùng cho báo cáo quý, 6 tháng, 9 tháng.")
    unit = units.find(s, req.unit)
    mine = {f"t{t.id}" for p in plans_of(s, unit, req.plan_id) for t in p.targets}
    for ref, value in pairs:
        if ref not in mine:
            raise BadInput(f"{ref} không phải chỉ tiêu của báo cáo này ({unit.name}).")
        estimates.set_estimate(s, ref, period.end.year, value, by=by)


def render(report: Report, fmt: str) -> bytes:
    """The report as DOCX, XLSX (the appendix workbook) or PDF (through LibreOffice)."""
    if fmt == "docx":
        return docx_layout.render(report)
    if fmt == "xlsx":
        return xlsx_layout.render(report)
    if fmt == "pdf":
        return pdf.docx_to_pdf(docx_layout.render(report))  # one at a time: tools/soffice
    raise BadInput(f"định dạng '{fmt}' không có; dùng docx, xlsx hoặc pdf.")


def write_report(s: Session, req: Request, fmt: str, out: Path) -> Report:
    """Build and write the report; the file is written only when the whole render worked."""
    report = build_report(s, req)
    out.write_bytes(render(report, fmt))
    return report
