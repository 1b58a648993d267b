"""The first pages after sign-in: the person's units, and one unit with its plans."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.register import plans
from theodoi.services.validation import queue
from theodoi.storage.repositories import plans as repo


def me(p: Principal) -> dict[str, Any]:
    return {"username": p.username, "full_name": p.full_name,
            "must_change_password": p.must_change_password,
            "grants": [{"unit_id": g.unit_id, "role": g.role,
                        "role_label": rules.ROLE_LABELS[g.role], "agency_id": g.agency_id}
                       for g in p.grants]}


def home_page(s: Session, p: Principal) -> dict[str, Any]:
    units = access.my_units(s, p)
    return {"me": me(p),
            "units": [{"id": u.id, "code": u.code, "name": u.name, "level": u.level,
                       "parent": u.parent.name if u.parent else None} for u in units]}


def unit_page(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    """The unit, its plans, and the actions the person may take there."""
    unit = access.unit(s, p, unit_id)
    allowed = access.actions_at(p, unit)
    rows = []
    for plan in repo.for_unit(s, unit.id, full=True):
        if not access.reads_plan(p, plan):  # restricted, and the person is no reader
            continue
        row = plans.plan_summary(plan)
        row["status_label"] = plans.STATUS_LABELS[plan.status]
        row["version"] = plan.version
        rows.append(row)
    return {"unit": {"id": unit.id, "code": unit.code, "name": unit.name,
                     "level": unit.level, "parent": unit.parent.name if unit.parent else None},
            "plans": rows, "documents": documents(rows),
            "actions": sorted(allowed),
            "agency_only": access.agency_filter(p, unit) is not None,
            "waiting_figures": queue.waiting_count(s, unit.id)}


def documents(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per document: its newest version, with the versions it replaced under it
    (newest first), so the DOCX, a corrected copy and the closed version are one line."""
    by_id = {r["id"]: r for r in rows}
    replaced = {r["revises"] for r in rows if r["revises"] in by_id}
    out = []
    for row in rows:
        if row["id"] in replaced:
            continue
        older, seen = [], {row["id"]}
        step = by_id.get(row["revises"])
        while step is not None and step["id"] not in seen:
            older.append(step)
            seen.add(step["id"])
            step = by_id.get(step["revises"])
        out.append({**row, "older": older})
    return out
