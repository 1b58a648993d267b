"""The dashboard of a unit as of a day: counts by status per field and per lead agency,
overdue tasks, targets at risk or behind, completeness of the current reporting period,
and for a province or city its communes side by side.

An agency user (don_vi) sees only its own items, and whoever does not read restricted
plans sees none of theirs, so every count is made from the rows the person sees; the
counts of everyone else are exactly those of `status.status_of_unit`. A province's row of
each commune leaves out the commune's restricted plans in the same way. The unit's own
counts and lists can be narrowed by item kind, field, issuer class and document kind
(`item_filters.ItemFilter`, as the register); completeness and the communes' rows are not.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import calendars as cal
from theodoi.domain import levels
from theodoi.domain import validation as vrules
from theodoi.domain.errors import NotFound
from theodoi.domain.fields import FIELD_LABELS
from theodoi.domain.periods import Period, periods_in
from theodoi.domain.status import LABELS, TARGET_RULES, TASK_RULES
from theodoi.services import calendars, memo
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.approval import flow
from theodoi.services.progress import status, summary
from theodoi.services.progress.completeness import (
    Owed,
    completeness,
    completeness_of_units,
    without_plans,
)
from theodoi.services.register import units
from theodoi.services.rollup import pages as rollup_pages
from theodoi.services.validation import queue
from theodoi.services.views import instructions_view
from theodoi.services.views.item_filters import ItemFilter, choices
from theodoi.storage.models import Unit
from theodoi.storage.repositories import agencies as agency_repo
from theodoi.storage.repositories import progress as progress_repo
from theodoi.storage.repositories import stamps
from theodoi.storage.repositories import units as unit_repo

AT_RISK = ("co_nguy_co", "cham_tien_do", "khong_dat", "so_lieu_loi")  # last: needs a fix
# every status a column, always, in the rule tables' order: targets' then tasks'
COLUMNS = [{"code": c, "label": LABELS[c], "group": group}
           for group, rules in (("target", TARGET_RULES), ("task", TASK_RULES))
           for c, _l, _d in rules]
HIGHER_LEVELS = levels.HIGHER  # a unit whose dashboard lists its communes side by side
ROW_FIELDS = [f.name for f in fields(status.StatusRow)]
NO_FILTER = ItemFilter()


def visible_refs(s: Session, p: Principal, unit: Unit) -> set[str] | None:
    """The refs the person may see at the unit (an agency user: its own; anyone: none of a
    restricted plan it does not read); None when the person sees everything."""
    if access.agency_filter(p, unit) is None and not access.hidden_plans(s, p, unit):
        return None
    return {f"{'t' if kind == 'target' else 'k'}{i.id}"
            for kind, rows in (("target", progress_repo.active_targets(s, unit.id)),
                               ("task", progress_repo.active_tasks(s, unit.id)))
            for i in rows if access.sees(p, i)}


def matching_refs(s: Session, unit: Unit, f: ItemFilter) -> set[str] | None:
    """The refs of the unit's active items that pass `f`; None when `f` filters nothing."""
    if f.empty():
        return None
    return {f"{'t' if kind == 'target' else 'k'}{i.id}"
            for kind, rows in (("target", progress_repo.active_targets(s, unit.id)),
                               ("task", progress_repo.active_tasks(s, unit.id)))
            for i in rows if f.matches(i)}


def filtered_status(s: Session, unit_text: str, as_of: date, f: ItemFilter, *,
                    tolerance: float, window_days: int) -> status.UnitStatus:
    """`status.status_of_unit` with only the items that pass `f`, counts remade (the
    dashboard's filters, for `theodoi status`)."""
    f.check()
    found = status.status_of_unit(s, unit_text, as_of, tolerance=tolerance,
                                  window_days=window_days)
    return narrowed(found, matching_refs(s, units.find(s, unit_text), f))


def narrowed(found: status.UnitStatus, refs: set[str] | None) -> status.UnitStatus:
    """The unit's status with only the rows in `refs` (all when None), counts remade."""
    if refs is None:
        return found
    out = status.UnitStatus(found.unit, found.as_of,
                            [r for r in found.targets if r.ref in refs],
                            [r for r in found.tasks if r.ref in refs])
    rows = out.targets + out.tasks
    out.by_field = status.count(rows, lambda r: r.field)
    out.by_agency = status.count(rows, lambda r: r.lead_agency or status.NO_AGENCY)
    return out


def current_period(s: Session, unit: Unit, as_of: date) -> str:
    """The period whose reports are owed on `as_of`: the latest one ended by then, by the
    calendar of the unit's first active plan (quarters when it has none)."""
    return current_periods(s, [unit.id], as_of)[unit.id].key


def current_periods(s: Session, unit_ids: list[int], as_of: date) -> dict[int, Period]:
    """`current_period` of each of the units, from one query for their active plans."""
    every: dict[int, str] = {}
    for unit_id, streams in calendars.active(s, unit_ids).values():
        every.setdefault(unit_id, cal.main(streams).every)  # the first active plan's main
    return {i: _latest_ended(every.get(i, "quarter"), as_of) for i in unit_ids}


def _latest_ended(every: str, as_of: date) -> Period:
    return [p for p in periods_in(every, as_of.year - 1, as_of.year) if p.end < as_of][-1]


def counts_table(groups: dict[str, dict[str, int]],
                 labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per group: its name, its counts per status code and the total."""
    return [{"key": g, "name": (labels or {}).get(g, g), "counts": c,
             "total": sum(c.values())} for g, c in groups.items()]


def _row(r: status.StatusRow) -> dict[str, Any]:
    data = {f: getattr(r, f) for f in ROW_FIELDS}  # asdict deep-copies: 10x slower
    if isinstance(r.due, date):
        data["due"] = r.due.isoformat()
    return data


def _owed(o: Owed) -> dict[str, Any]:
    return {"ref": o.ref, "kind": o.kind, "text": o.text, "due": o.due.isoformat(),
            "reported_on": o.reported_on, "overdue": o.overdue}


def _completeness(s: Session, p: Principal, unit: Unit, as_of: date) -> dict[str, Any]:
    found = without_plans(completeness(s, unit.code, current_period(s, unit, as_of), as_of),
                          access.hidden_plans(s, p, unit))
    only = access.agency_filter(p, unit)
    names = None if only is None else {a.name for a in (agency_repo.get(s, i) for i in only)
                                       if a is not None}
    agencies = [a for a in found.agencies if names is None or a.agency in names]
    waiting = queue.waiting_by_agency(s, unit.id, found.period)
    sent = queue.period_states(s, unit.id, found.period)
    rows = [{"agency": a.agency, "expected": a.expected, "reported": a.reported,
             "missing": [_owed(o) for o in a.missing], "late": len(a.late),
             "waiting": waiting.get(a.agency, 0), **_sent_counts(a.owed, sent)}
            for a in agencies]
    expected = sum(a.expected for a in agencies)
    reported = sum(a.reported for a in agencies)
    return {"period": found.period, "period_label": found.period_label,
            "expected": expected, "reported": reported,
            "percent": round(100 * reported / expected, 1) if expected else None,
            "waiting": sum(r["waiting"] for r in rows),
            **{k: sum(r[k] for r in rows) for k in SENT_COUNTS}, "agencies": rows}


SENT_COUNTS = ("submitted", "validated", "pending", "returned")


def _sent_counts(owed: list[Owed], sent: dict[str, str]) -> dict[str, int]:
    """Of an agency's items owing the period: sent (counted, waiting or returned),
    validated (counted: accepted, or typed by the office, or a task's report), pending
    (its latest figure waits) and returned (its latest figure sent back, not sent
    again). An item whose correction waits or was returned is also validated."""
    states = [sent.get(o.ref) for o in owed]
    return {"submitted": sum(o.reported_on is not None or st is not None
                             for o, st in zip(owed, states, strict=True)),
            "validated": sum(o.reported_on is not None for o in owed),
            "pending": sum(st == vrules.PENDING for st in states),
            "returned": sum(st == vrules.RETURNED for st in states)}


NO_COMMUNES: list[dict[str, Any]] = []  # a commune's: the same (read-only) list every time


def _communes(s: Session, p: Principal, unit_id: int, scope: unit_repo.UnitScope,
              as_of: date) -> list[dict[str, Any]]:
    """Each unit under a province or city: its counts by status and how much of the
    period's reporting is in. A commune's row is cached under its data stamp (and the
    restricted plans the person may not read there), so a province's dashboard recomputes
    only the communes that changed since it was built; the list of them is cached too,
    under every commune's stamp, so a warm dashboard finds it in one look-up (the same
    list object each time: the rendered page is cached by it). Read-only."""
    if scope.level not in HIGHER_LEVELS:
        return NO_COMMUNES
    # stamps before the rows (services/memo.py); a commune's thôn are not its peers
    found = stamps.below(s, unit_id, skip=levels.BELOW_COMMUNE)
    hidden = access.hidden_below(s, p, scope, unit_id)
    whole = stamps.all_stamped(found)
    key = ("communes", stamps.url_of(s), unit_id, tuple(found.items()), as_of,
           tuple(sorted(hidden.items())))
    rows: list[dict[str, Any]] = memo.VIEWS.one(
        key, lambda: _commune_list(s, found, as_of, hidden), keep=whole)
    return rows


def _commune_list(s: Session, found: dict[int, tuple[str, int | None]], as_of: date,
                  hidden: dict[int, frozenset[int]]) -> list[dict[str, Any]]:
    """The communes' rows by name, each from the cache under its own stamp or made now."""
    names = {i: name for i, (name, _) in found.items()}
    known = {i: stamp for i, (_, stamp) in found.items() if stamp is not None}
    if len(known) < len(names):
        known.update(stamps.read(s, [i for i in names if i not in known]))
    where = stamps.url_of(s)
    keys = {i: ("commune row", where, i, known.get(i), as_of, hidden.get(i, frozenset()))
            for i in names}
    rows = memo.VIEWS.many(
        keys, lambda missing: _commune_rows(s, {i: names[i] for i in missing}, as_of,
                                            hidden),
        keep=lambda i: known.get(i) is not None)
    return sorted(rows.values(), key=lambda c: c["name"])


def _commune_rows(s: Session, names: dict[int, str], as_of: date,
                  hidden: dict[int, frozenset[int]]) -> dict[int, Any]:
    """The rows of the communes together, in a fixed number of queries however many
    communes there are: their status codes counted and their period's reports totalled
    from one read (services/progress/summary.py), shared by everyone; a commune with
    restricted plans the person does not read is counted from the same read without
    them (it is tallied per plan)."""
    periods = current_periods(s, list(names), as_of)
    found = summary.summaries_of_units(s, names, periods, as_of)
    waiting = queue.waiting_counts(s, list(names))
    return {i: _commune_row(i, summary.without_plans(found[i], hidden.get(i, frozenset())))
            | {"waiting_figures": waiting.get(i, 0)} for i in names}


def _commune_row(unit_id: int, found: summary.UnitSummary) -> dict[str, Any]:
    counts = found.counts
    return {"id": unit_id, "name": found.unit, "counts": counts,
            "targets": found.targets, "tasks": found.tasks,
            "at_risk": sum(counts.get(c, 0) for c in AT_RISK),
            "overdue": counts.get("qua_han", 0),
            "completeness": {"period_label": found.period_label,
                             "expected": found.expected, "reported": found.reported}}


def dashboard_page(s: Session, p: Principal, unit_id: int, as_of: date,
                   f: ItemFilter = NO_FILTER) -> dict[str, Any]:
    """Everything the dashboard shows of a unit the person reads, as of `as_of`, its own
    items narrowed by `f`."""
    own, communes = dashboard_parts(s, p, unit_id, as_of, f)
    return {**own, "communes": communes, "commune_statuses": COLUMNS,
            "rollup": rollup_rows(s, p, unit_id, as_of)}


NO_ROLLUP: tuple[dict[str, Any], ...] = ()  # a commune's dashboard: nothing rolled up


def rollup_rows(s: Session, p: Principal, unit_id: int, as_of: date
                ) -> tuple[dict[str, Any], ...]:
    """A province's targets rolled up from its communes' linked targets, or a commune's
    from its thôn's (levels.ROLLS_UP; none for a thôn), cached read-only under the
    unit's stamp, every unit's below it (their
    figures, links and methods all stamp a unit: storage/stamping.py), what the person
    may not read there and the person's lens: the page stays in the render cache."""
    scope = access.unit_scope(s, p, unit_id)
    if scope.level not in levels.ROLLS_UP:
        return NO_ROLLUP
    own = stamps.known_or_read(s, unit_id, scope.stamp)  # stamps before the rows: memo.py
    if own is not None and not rollup_pages.has_linked(s, unit_id, own):
        return NO_ROLLUP  # what dashboard_section makes then: made again after no write
    below = stamps.below(s, unit_id)
    hidden = access.hidden_below(s, p, scope, unit_id)
    key = ("rollup", stamps.url_of(s), unit_id, own, tuple(sorted(below.items())), as_of,
           access.lens(p, scope), tuple(sorted(hidden.items())))
    whole = own is not None and stamps.all_stamped(below)
    rows: tuple[dict[str, Any], ...] = memo.VIEWS.one(key, lambda: tuple(
        rollup_pages.dashboard_section(s, p, access.unit(s, p, unit_id), as_of)), keep=whole)
    return rows


def dashboard_parts(s: Session, p: Principal, unit_id: int, as_of: date,
                    f: ItemFilter = NO_FILTER
                    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The dashboard as the cached, read-only parts it is made of: the unit's own part
    (under its data stamp and what the person may see: an agency's own items, or
    everything) and the communes' rows (each under its own stamp)."""
    f.check()
    scope = access.unit_scope(s, p, unit_id)  # one query; the Unit is loaded on a miss
    stamp = stamps.known_or_read(s, unit_id, scope.stamp)  # before the rows: see memo.py
    key = ("dashboard", stamps.url_of(s), unit_id, stamp, as_of, access.lens(p, scope), f)
    own = memo.VIEWS.one(key, lambda: _own_part(s, p, access.unit(s, p, unit_id), as_of, f),
                         keep=stamp is not None)
    return own, _communes(s, p, unit_id, scope, as_of)


def _own_part(s: Session, p: Principal, unit: Unit, as_of: date,
              f: ItemFilter) -> dict[str, Any]:
    refs, wanted = visible_refs(s, p, unit), matching_refs(s, unit, f)
    if wanted is not None:
        refs = wanted if refs is None else refs & wanted
    found = narrowed(status.status_of_unit(s, unit.code, as_of), refs)
    return {"unit": {"id": unit.id, "code": unit.code, "name": unit.name,
                     "level": unit.level},
            "as_of": as_of.isoformat(),
            "statuses": COLUMNS,
            "totals": {"targets": len(found.targets), "tasks": len(found.tasks)},
            "by_field": counts_table(found.by_field, FIELD_LABELS),
            "by_agency": counts_table(found.by_agency),
            "overdue": [_row(r) for r in found.tasks if r.code == "qua_han"],
            "at_risk": [_row(r) for r in found.targets if r.code in AT_RISK],
            "completeness": _completeness(s, p, unit, as_of),
            "filters": {"kind": f.kind, "field": f.field, "issuer": f.issuer,
                        "doc_kind": f.doc_kind},
            "filter_query": f.query(), "choices": choices(),
            "instructions": instructions_view.summary(s, p, unit.id, as_of),
            **_waiting(s, unit, refs, as_of)}


def warm_parts(s: Session, p: Principal, unit: Unit, as_of: date) -> None:
    """Runs the statements of the communes' rows and of what waits at `unit` for a unit
    that does not exist (services/views/warm.py): nothing read, nothing cached."""
    _commune_rows(s, {unit.id: unit.name}, as_of, {})
    _waiting(s, unit, visible_refs(s, p, unit), as_of)
    instructions_view.summary_of(s, p, unit, as_of)
    rollup_pages.dashboard_section(s, p, unit, as_of)
    queue.waiting_by_agency(s, unit.id, "")  # _completeness stops before it, at the look-up
    queue.period_states(s, unit.id, "")  # so does this
    completeness_of_units(s, {unit.id: unit.name},  # and the unit's own completeness
                          {unit.id: _latest_ended("quarter", as_of)}, as_of)
    stamps.under(s, unit.id)  # the communes' rows stop before it: the unit has no level
    with suppress(NotFound):  # the unit's look-up by code: compiled, nothing found
        _completeness(s, p, unit, as_of)


def _waiting(s: Session, unit: Unit, refs: set[str] | None, as_of: date) -> dict[str, Any]:
    """What waits for someone's decision and counts nowhere yet: agencies' figures not yet
    validated, products submitted and waiting or returned (of the items the person sees)."""
    waiting = queue.waiting_by_target(s, unit.id)
    return {"waiting_figures": sum(n for t, n in waiting.items()
                                   if refs is None or f"t{t}" in refs),
            "products": flow.counts(s, unit.id, refs, as_of)}
