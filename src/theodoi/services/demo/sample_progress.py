"""Sample progress for a sample plan: the plan activated, its items given lead agencies by
field, a year of quarterly values, task updates and one answered explanation, so every
report kind has something to show.

Deterministic: the values come from each target's goal and position, every date from the
plan's term (never the clock), so two runs give the same report. Given a day `as_of` (the
edge's today, for `theodoi demo`), the progress is that of a plan under way on that day:
the year of the last quarter reported by then, within the plan's term, and nothing dated
after it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from theodoi.domain.measures import is_count, is_flow
from theodoi.domain.periods import quarter
from theodoi.domain.text import squash
from theodoi.services.progress import explanations
from theodoi.services.progress import records as progress
from theodoi.services.register import items
from theodoi.services.register import review_decisions as review
from theodoi.services.reporting import report_data as reporting
from theodoi.storage.models import Plan, Target, Task

# field -> the lead agency a commune usually gives it (only for items that name none)
SAMPLE_LEADS = {"kinh_te": "Phòng Kinh tế", "moi_truong": "Phòng Kinh tế",
                "van_hoa_xa_hoi": "Phòng Văn hóa - Xã hội",
                "quoc_phong_an_ninh": "Công an xã", "xay_dung_dang": "Ban Xây dựng Đảng",
                "chinh_quyen": "Văn phòng HĐND và UBND", None: "Văn phòng HĐND và UBND"}
REACHED = (0.55, 0.8, 0.95, 1.05, 0.35, 0.7)  # share of the goal reached by the year's end
QUARTER_SHARE = (0.7, 0.8, 0.9, 1.0)  # of that share, reached by the end of each quarter
# a yearly flow (income, revenue …) is reported year-to-date: a quarter adds a quarter
FLOW_QUARTER_SHARE = (0.25, 0.5, 0.75, 1.0)
CAUSE = "Nguồn lực còn hạn chế; một số chỉ tiêu phụ thuộc vốn đầu tư của tỉnh."


@dataclass(frozen=True)
class SampleProgress:
    """What was recorded, and the periods a report on it should ask for."""

    plan_id: int
    year: int  # the year the values were recorded for
    term: tuple[int, int]
    values: int
    task_updates: int
    explanations: int = 0

    @property
    def periods(self) -> dict[str, str]:
        """Report kind -> the period text a clerk types for it."""
        y, (first, last) = self.year, self.term
        return {"quy": f"Q3/{y}", "6_thang": f"6 tháng {y}", "9_thang": f"9 tháng {y}",
                "nam": str(y), "so_ket": f"{first}-{last}", "tong_ket": f"{first}-{last}"}


def sample_year(plan: Plan) -> int:
    """The term's second year (its first full one), or the plan's only year."""
    start = plan.term_start or (plan.issued_on.year if plan.issued_on else 2026)
    return start + 1 if plan.term_end and plan.term_end > start else start


def sample_term(plan: Plan, year: int) -> tuple[int, int]:
    """The plan's term, or the five years around `year` for a plan of one year."""
    if plan.term_start and plan.term_end and plan.term_end - plan.term_start >= 2:
        return plan.term_start, plan.term_end
    return year - 1, year + 4


def sample_value(t: Target, position: int, q: int) -> float | None:
    """The value reached by the end of quarter `q`; None for a goal that is not a number."""
    if progress.is_milestone(t) or t.value is None:
        return None
    flow = is_flow(t.indicator or t.text, t.unit, t.per_year, t.kind)
    share = (FLOW_QUARTER_SHARE if flow else QUARTER_SHARE)[q - 1]
    value = t.value * REACHED[position % len(REACHED)] * share
    # a count of whole things (doanh nghiệp, lao động) is a whole number, half up
    return float(math.floor(value + 0.5)) if is_count(t.unit) else round(value, 2)


REPORT_DELAY = timedelta(days=3)  # a quarter's values are recorded three days after it ends


def current_year(plan: Plan, as_of: date) -> int:
    """The year of the last quarter reported by `as_of`, kept within the plan's term."""
    ended = as_of - REPORT_DELAY
    last = ended.year if ended >= quarter(ended.year, 1).end else ended.year - 1
    first = plan.term_start or sample_year(plan)
    return min(max(last, first), max(plan.term_end or first, first))


def record_sample_progress(s: Session, plan_id: int,
                           as_of: date | None = None) -> SampleProgress:
    """Activate sample plan `plan_id` and record its sample progress (flushed only).

    Without `as_of`: a full year (the term's second). With `as_of`: the year
    `current_year` gives, and only the values, task updates and explanation dated on or
    before `as_of`.
    """
    plan = review.get_plan(s, plan_id)
    for item in plan.items:
        if not any(a.role == "lead" for a in item.assignments):
            field = item.field if isinstance(item, Target) else None
            review.correct(s, items.ref_of(item), {"lead_agency": SAMPLE_LEADS[field]})
    review.activate(s, plan_id, accept_rest=True)
    year = sample_year(plan) if as_of is None else current_year(plan, as_of)
    until = as_of or date.max
    recorded = _record_values(s, plan, year, until)
    party = reporting.is_party([plan])
    updates = sum(_update_task(s, task, n, year, until, party)
                  for n, task in enumerate(plan.tasks))
    explained = _explain_first_behind(s, plan, year, until)
    return SampleProgress(plan_id, year, sample_term(plan, year), recorded, updates,
                          explained)


def _reported_on(year: int, q: int) -> date:
    return quarter(year, q).end + REPORT_DELAY


def _record_values(s: Session, plan: Plan, year: int, until: date) -> int:
    count = 0
    for n, t in enumerate(plan.targets):
        for q in (q for q in range(1, 5) if _reported_on(year, q) <= until):
            period = quarter(year, q)
            at = datetime.combine(_reported_on(year, q), datetime.min.time())
            if progress.is_milestone(t):
                value: float | str | None = "đạt" if n % 2 == 0 and q == 4 else None
            else:
                value = sample_value(t, n, q)
            if value is not None:
                progress.record_progress(s, items.ref_of(t), period.label, value, at=at)
                count += 1
    return count


def sample_product(task: Task, n: int, on: date, party: bool) -> str:
    """What a completed sample task produced: the body's own plan to carry it out, numbered
    as a Đảng ủy (12-KH/ĐU) or a UBND (12/KH-UBND) numbers its documents."""
    number = f"{n + 1}-KH/ĐU" if party else f"{n + 1}/KH-UBND"
    what = squash(task.title or task.text).rstrip(" .;:")
    return f"Đã ban hành Kế hoạch số {number} ngày {on:%d/%m/%Y} triển khai {what[:1].lower()}" \
        f"{what[1:]}"


def _update_task(s: Session, task: Task, n: int, year: int, until: date, party: bool) -> int:
    """Every third task done by its due day, every third under way, each with the plan
    issued to carry it out; the rest untouched."""
    due = task.due_date
    if n % 3 == 0 and due is not None and due.year <= year and due <= until:
        progress.update_task(s, items.ref_of(task), "hoan_thanh", on=due, completed_on=due,
                             product=sample_product(task, n, due, party))
        return 1
    on = min(date(year, 9, 30), until)
    if n % 3 == 1 and on.year == year:
        progress.update_task(s, items.ref_of(task), "dang_thuc_hien", on=on,
                             percent=40 + 10 * (n % 5),
                             product=sample_product(task, n, on, party))  # its launch
        return 1
    return 0


def _explain_first_behind(s: Session, plan: Plan, year: int, until: date) -> int:
    """The first target well short of its goal gets an answered explanation for Quý III
    (for the last quarter reported by `until`, if Quý III was not yet); 1 if one was."""
    reported = [q for q in range(1, 4) if _reported_on(year, q) <= until]
    if not reported:
        return 0
    q = reported[-1]
    for n, t in enumerate(plan.targets):
        if REACHED[n % len(REACHED)] < 0.6 and sample_value(t, n, q) is not None:
            asked = explanations.request_explanation(
                s, items.ref_of(t), "Vì sao chỉ tiêu đạt thấp?", period_text=f"Q{q}/{year}")
            explanations.answer(s, asked.id, CAUSE)
            return 1
    return 0
