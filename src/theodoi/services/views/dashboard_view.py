"""The dashboard of a unit as of a day: counts by status per field and per lead agency,
overdue tasks, targets at risk or behind, completeness of the current reporting period,
and for a province or city its communes side by side.

An agency user (don_vi) sees only its own items, so every count is made from the rows it
sees; the counts of everyone else are exactly those of `status.status_of_unit`.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import calendars as cal
from theodoi.domain.fields import FIELD_LABELS
from theodoi.domain.periods import Period, periods_in
from theodoi.domain.status import LABELS, TARGET_RULES, TASK_RULES
from theodoi.services import calendars, memo
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import status
from theodoi.services.progress.completeness import (
    Completeness,
    Owed,
    completeness,
    completeness_of_units,
)
from theodoi.storage.models import Unit
from theodoi.storage.repositories import agencies as agency_repo
from theodoi.storage.repositories import progress as progress_repo
from theodoi.storage.repositories import stamps

AT_RISK = ("co_nguy_co", "cham_tien_do", "khong_dat", "so_lieu_loi")  # last: needs a fix
# every status a column, always, in the rule tables' order: targets' then tasks'
COLUMNS = [{"code": c, "label": LABELS[c], "group": group}
           for group, rules in (("target", TARGET_RULES), ("task", TASK_RULES))
           for c, _l, _d in rules]
HIGHER_LEVELS = ("tinh", "thanh_pho", "huyen")
ROW_FIELDS = [f.name for f in fields(status.StatusRow)]


def visible_refs(s: Session, p: Principal, unit: Unit) -> set[str] | None:
    """The refs an agency user may see at the unit; None when the person sees everything."""
    if access.agency_filter(p, unit) is None:
        return None
    return {f"{'t' if kind == 'target' else 'k'}{i.id}"
            for kind, rows in (("target", progress_repo.active_targets(s, unit.id)),
                               ("task", progress_repo.active_tasks(s, unit.id)))
            for i in rows if access.sees(p, i)}


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
    found = completeness(s, unit.code, current_period(s, unit, as_of), as_of)
    only = access.agency_filter(p, unit)
    names = None if only is None else {a.name for a in (agency_repo.get(s, i) for i in only)
                                       if a is not None}
    agencies = [a for a in found.agencies if names is None or a.agency in names]
    rows = [{"agency": a.agency, "expected": a.expected, "reported": a.reported,
             "missing": [_owed(o) for o in a.missing],
             "late": len(a.late)} for a in agencies]
    expected = sum(a.expected for a in agencies)
    reported = sum(a.reported for a in agencies)
    return {"period": found.period, "period_label": found.period_label,
            "expected": expected, "reported": reported,
            "percent": round(100 * reported / expected, 1) if expected else None,
            "agencies": rows}


def _communes(s: Session, unit_id: int, level: str, as_of: date) -> list[dict[str, Any]]:
    """Each unit under a province or city: its counts by status and how much of the
    period's reporting is in. A commune's row is cached under its data stamp, so a
    province's dashboard recomputes only the communes that changed since it was built."""
    if level not in HIGHER_LEVELS:
        return []
    found = stamps.below(s, unit_id)  # stamps before the rows: see services/memo.py
    names = {i: name for i, (name, _) in found.items()}
    known = {i: stamp for i, (_, stamp) in found.items() if stamp is not None}
    if len(known) < len(names):
        known.update(stamps.read(s, [i for i in names if i not in known]))
    where = stamps.url_of(s)
    keys = {i: ("commune row", where, i, known.get(i), as_of) for i in names}
    rows = memo.VIEWS.many(
        keys, lambda missing: _commune_rows(s, {i: names[i] for i in missing}, as_of),
        keep=lambda i: known.get(i) is not None)
    return sorted(rows.values(), key=lambda c: c["name"])


def _commune_rows(s: Session, names: dict[int, str], as_of: date) -> dict[int, Any]:
    """The rows of the communes together: their status and their completeness each in a
    fixed number of queries, however many communes there are."""
    ids = list(names)
    found = status.status_of_units(s, names, as_of)
    owed = completeness_of_units(s, names, current_periods(s, ids, as_of), as_of)
    return {i: _commune_row(i, found[i], owed[i]) for i in ids}


def _commune_row(unit_id: int, found: status.UnitStatus, owed: Completeness) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for r in found.targets + found.tasks:
        counts[r.code] = counts.get(r.code, 0) + 1
    expected = sum(a.expected for a in owed.agencies)
    reported = sum(a.reported for a in owed.agencies)
    return {"id": unit_id, "name": found.unit, "counts": dict(sorted(counts.items())),
            "targets": len(found.targets), "tasks": len(found.tasks),
            "at_risk": sum(counts.get(c, 0) for c in AT_RISK),
            "overdue": counts.get("qua_han", 0),
            "completeness": {"period_label": owed.period_label,
                             "expected": expected, "reported": reported}}


def dashboard_page(s: Session, p: Principal, unit_id: int, as_of: date) -> dict[str, Any]:
    """Everything the dashboard shows of a unit the person reads, as of `as_of`."""
    own, communes = dashboard_parts(s, p, unit_id, as_of)
    return {**own, "communes": communes, "commune_statuses": COLUMNS}


def dashboard_parts(s: Session, p: Principal, unit_id: int,
                    as_of: date) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The dashboard as the cached, read-only parts it is made of: the unit's own part
    (under its data stamp and what the person may see: an agency's own items, or
    everything) and the communes' rows (each under its own stamp)."""
    scope = access.unit_scope(s, p, unit_id)  # one query; the Unit is loaded on a miss
    stamp = stamps.known_or_read(s, unit_id, scope.stamp)  # before the rows: see memo.py
    key = ("dashboard", stamps.url_of(s), unit_id, stamp, as_of,
           access.agency_filter(p, scope.chain))
    own = memo.VIEWS.one(key, lambda: _own_part(s, p, access.unit(s, p, unit_id), as_of),
                    keep=stamp is not None)
    return own, _communes(s, unit_id, scope.level, as_of)


def _own_part(s: Session, p: Principal, unit: Unit, as_of: date) -> dict[str, Any]:
    found = narrowed(status.status_of_unit(s, unit.code, as_of), visible_refs(s, p, unit))
    return {"unit": {"id": unit.id, "code": unit.code, "name": unit.name,
                     "level": unit.level},
            "as_of": as_of.isoformat(),
            "statuses": COLUMNS,
            "totals": {"targets": len(found.targets), "tasks": len(found.tasks)},
            "by_field": counts_table(found.by_field, FIELD_LABELS),
            "by_agency": counts_table(found.by_agency),
            "overdue": [_row(r) for r in found.tasks if r.code == "qua_han"],
            "at_risk": [_row(r) for r in found.targets if r.code in AT_RISK],
            "completeness": _completeness(s, p, unit, as_of)}
