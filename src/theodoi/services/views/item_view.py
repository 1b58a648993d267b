"""The page of one target (trajectory chart data, history of records, status, forecast)
and of one task (due day, lead agency, its updates, status), as of a day.

The chart is given as data on a fractional-year scale (2027.0 is the end of 2026, as in
`domain.trajectory`), so the JSON twin carries the same points the page draws.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import status as rules
from theodoi.domain import trajectory as tr
from theodoi.domain.errors import NotFound
from theodoi.domain.fields import FIELD_LABELS
from theodoi.domain.periods import parse_period
from theodoi.services import memo
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.approval import flow
from theodoi.services.estimates import office as office_estimates
from theodoi.services.instructions import tracking as instructions
from theodoi.services.progress import baselines, contributions, evidence, status
from theodoi.services.progress import records as progress
from theodoi.services.register import plans
from theodoi.services.validation import queue
from theodoi.services.views.my_work import may_record, state_choices
from theodoi.services.views.review_view import item_row
from theodoi.storage.models import Target, Task
from theodoi.storage.repositories import plans as plan_repo
from theodoi.storage.repositories import progress as progress_repo
from theodoi.storage.repositories import stamps


def _fields(row: Any) -> dict[str, Any]:
    """A history row as a dict (dataclasses.asdict deep-copies: ten times slower)."""
    return {f.name: getattr(row, f.name) for f in fields(row)}


def _actuals(rows: list[progress.RecordRow]) -> list[tr.Actual]:
    return [tr.Actual(r.period_end, r.value, r.value_of) for r in rows if r.current]


def _span(t: Target, facts: tr.TargetFacts, known: list[tr.Actual]) -> tuple[int, int] | None:
    """First and last year the chart covers: from the baseline, the plan's start or the
    first report, whichever is earliest, to the deadline."""
    end = facts.deadline_year
    if end is None:
        return None
    starts = [y for y in (t.baseline_year, t.plan.term_start) if y]
    first = min([*starts, *(a.on.year for a in known)], default=end)
    return min(first, end), end


def chart(t: Target, known: list[tr.Actual], rows: list[progress.RecordRow],
          outlook: tr.Forecast | None) -> dict[str, Any] | None:
    """The points of the trajectory chart: expected line, roadmap, actuals, forecast;
    None when there is nothing to draw (no deadline, a milestone, inf or nan stored)."""
    facts = status.target_facts(t)
    span = _span(t, facts, known)
    if span is None or facts.kind == "milestone" or facts.value is None:
        return None
    if not rules.finite_facts(facts) or not all(rules.finite_actual(a) for a in known):
        return None
    first, last = span
    line = [[float(y + 1), v] for y in range(first, last + 1)
            if (v := tr.expected(facts, date(y, 12, 31), known)) is not None]
    if t.baseline_value is not None and t.baseline_year is not None:
        line.insert(0, [float(t.baseline_year + 1), t.baseline_value])
    points: list[dict[str, Any]] = [
        {"x": tr.when(r.period_end), "label": r.period_label,
         "y": tr.normalised(facts, tr.Actual(r.period_end, r.value, r.value_of))}
        for r in rows if r.current]
    dashed = None
    if outlook is not None and points:
        last_point = max(points, key=lambda p: p["x"])
        dashed = [[last_point["x"], last_point["y"]], [float(outlook.year + 1), outlook.value]]
    return {"x_min": float(first),
            "x_max": float(last + 1), "goal": tr.final_goal(facts), "expected": line,
            "milestones": [[float(m.year + 1), m.value] for m in t.milestones
                           if m.value is not None],
            "actuals": points, "forecast": dashed, "unit": t.unit}


def target_page(s: Session, p: Principal, t: Target, as_of: date) -> dict[str, Any]:
    rows = progress.history(s, f"t{t.id}")
    known = _actuals(rows)
    found = rules.target_status(status.target_facts(t), known, as_of)
    outlook = found.forecast
    return {"kind": "target", "as_of": as_of.isoformat(), "item": item_row(t),
            "plan": _plan(s, t), "unit": _unit(t),
            "field_label": FIELD_LABELS.get(t.field or "khac", t.field),
            "deadline_year": t.deadline_year or t.plan.term_end,
            "baseline": {"value": t.baseline_value, "year": t.baseline_year},
            "milestones": [{"year": m.year, "value": m.value} for m in t.milestones],
            "status": {"code": found.code, "label": found.label, "actual": found.actual,
                       "expected": found.expected},
            "forecast": None if outlook is None else {
                "year": outlook.year, "value": outlook.value, "will_meet": outlook.will_meet,
                "label": outlook.label, "unit": t.unit, "basis": outlook.basis},
            "history": [_fields(r) for r in rows],
            "files": files([_fields(r) for r in rows]),
            "chart": chart(t, known, rows, outlook),
            "can_record": may_record(p, t.plan.unit),
            "can_set_baseline": baselines.may_set(p, t) and t.plan.status != "closed",
            "estimates": office_estimates.of_target(s, t.id),
            "sent": queue.of_target(s, t),  # not counted until the office accepts
            "can_estimate": office_estimates.may_set(p, t) and t.plan.status == "active",
            "estimate_year": as_of.year,
            "period": progress.report_period(t.plan, as_of).key,
            "period_label": progress.report_period(t.plan, as_of).label}


def task_page(s: Session, p: Principal, k: Task, as_of: date) -> dict[str, Any]:
    updates = progress.task_history(s, f"k{k.id}")
    given = instructions.task_updates(s, [k.plan.unit_id], as_of).get(k.id)
    found = rules.task_status(  # an instruction to the units below: from their items
        rules.TaskFacts(k.due_date, k.due_recurrence),
        given if given is not None else [rules.TaskUpdate(
            u.reported_on, u.state, u.percent, u.completed_on) for u in updates],
        as_of)
    history = [_fields(u) | {"state_label": rules.TASK_STATE_LABELS[u.state],
                             "period_label": parse_period(u.period).label
                             if u.period else None} for u in updates]
    return {"kind": "task", "as_of": as_of.isoformat(), "item": item_row(k),
            "plan": _plan(s, k), "unit": _unit(k),
            "field_label": FIELD_LABELS[k.field or "khac"],
            "status": {"code": found.code, "label": found.label, "state": found.state,
                       "state_label": rules.TASK_STATE_LABELS.get(found.state or ""),
                       "percent": found.percent,
                       "due": found.due.isoformat() if found.due else None},
            "history": history, "files": files(history),
            "instruction": given is not None,
            "can_record": may_record(p, k.plan.unit), "states": state_choices(),
            "product": flow.of_task(s, k, flow.allowed_for(s, p, k), as_of)}


def item_page(s: Session, p: Principal, ref: str, as_of: date) -> dict[str, Any]:
    """The page of target or task `ref` as the person sees it (don_vi: only its own).

    Cached under the unit's data stamp, the day and what the person may do at the unit
    (which decides its forms); what is returned is shared and must not be changed. A
    cached page is found from one query (access.item_scope) that loads no item."""
    scope = access.item_scope(s, p, ref)
    stamp = stamps.known_or_read(s, scope.chain[0], scope.stamp)  # before the rows: memo.py
    key = ("item", stamps.url_of(s), ref, stamp, as_of, access.actions_at(p, scope.chain),
           access.agency_filter(p, scope.chain))  # lead or co-agency: different forms
    page: dict[str, Any] = memo.VIEWS.one(
        key, lambda: _page(s, p, access.item(s, p, ref), as_of), keep=stamp is not None)
    return page


def _page(s: Session, p: Principal, found: Target | Task, as_of: date) -> dict[str, Any]:
    page = (target_page(s, p, found, as_of) if isinstance(found, Target)
            else task_page(s, p, found, as_of))
    return page | _sharing(s, p, found, page)


def _sharing(s: Session, p: Principal, found: Target | Task, page: dict[str, Any]
             ) -> dict[str, Any]:
    """The co-agencies' part: their contributions (files among the item's files), whether
    the person adds one (a co-agency's user, who then does not record the figure)."""
    shared = [_fields(c) for c in contributions.of_item(s, found)]
    mine = bool(access.contributes_as(p, found)) and found.plan.status == "active"
    return {"contributions": shared,
            "files": sorted(page["files"] + files(shared), key=lambda f: f["at"],
                            reverse=True),
            "can_record": page["can_record"] and access.leads(p, found),
            "can_contribute": mine, "contribution_value": contributions.takes_value(found)}


def _plan(s: Session, item: Target | Task) -> dict[str, Any]:
    return {**plans.plan_summary(item.plan, plan_repo.review_counts(s, item.plan_id)),
            "status_label": plans.STATUS_LABELS[item.plan.status]}


def _unit(item: Target | Task) -> dict[str, Any]:
    return {"id": item.plan.unit.id, "name": item.plan.unit.name}


def evidence_file(s: Session, p: Principal, attachment_id: int) -> evidence.StoredFile:
    """A stored file, for whoever may read the item whose report carries it; any other
    file, another commune's or one no report names, does not exist for the person."""
    missing = NotFound(f"không có tệp số {attachment_id}.")
    owner = progress_repo.attachment_owner(s, attachment_id)
    if owner is None:
        raise missing
    try:
        access.item(s, p, ("t" if owner[0] == "target" else "k") + str(owner[1]))
    except NotFound:
        raise missing from None
    row = progress_repo.attachment(s, attachment_id)
    if row is None:
        raise missing
    return evidence.stored_file(row.name, row.content)


def files(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The files the item's reports carry, newest first, with who attached them and when."""
    return [{"id": h["evidence_id"], "name": h["evidence"] or f"tệp số {h['evidence_id']}",
             "by": h["recorded_by"], "at": h["recorded_at"],
             "period_label": h.get("period_label"), "agency": h.get("agency")}
            for h in reversed(history) if h.get("evidence_id")]
