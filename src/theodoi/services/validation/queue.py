"""A unit's figures waiting for validation and those returned to their agencies, the
unit's switch (validation on or off), and the count the dashboards show."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as access_rules
from theodoi.domain import validation as rules
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.progress import locks, status
from theodoi.services.validation.figures import shown
from theodoi.storage.models import FigureSubmission, Target
from theodoi.storage.repositories import validation as repo


def pending(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    """The unit's figures waiting (with their plausibility warnings) and the returned ones
    not sent again; an agency user sees only its own items'. Also the locked periods, the
    switch, and what the person may do."""
    unit = access.unit(s, p, unit_id)
    rows = repo.of_unit(s, unit.id, (rules.PENDING, rules.RETURNED))
    waiting: list[dict[str, Any]] = []
    returned: list[dict[str, Any]] = []
    resent = {(r.target_id, r.period_key) for r in rows if r.state == rules.PENDING}
    for r in rows:
        target = repo.target(s, r.target_id)
        if target is None or not access.sees(p, target):
            continue
        if r.state == rules.PENDING:
            waiting.append(shown(s, r, target))
        elif (r.target_id, r.period_key) not in resent and _latest(rows, r):
            returned.append(shown(s, r, target))
    actions = access.actions_at(p, unit)
    return {"unit": {"id": unit.id, "name": unit.name}, "validates": unit.validate_figures,
            "waiting": waiting, "returned": returned,
            "locked": locks.locked_periods(s, unit.id),
            "can_validate": rules.may_validate(actions),
            "can_switch": access_rules.REVIEW in actions}


def of_target(s: Session, target: Target) -> dict[str, list[dict[str, Any]]]:
    """The target's figures sent and not counted: those waiting, and those returned and not
    sent again (with the reason), for the target's own page. The caller has checked that
    the person sees the target."""
    rows = repo.of_target(s, target.id)
    resent = {r.period_key for r in rows if r.state == rules.PENDING}
    return {"waiting": [shown(s, r, target) for r in rows if r.state == rules.PENDING],
            "returned": [shown(s, r, target) for r in rows if r.state == rules.RETURNED
                         and r.period_key not in resent and _latest(rows, r)]}


def _latest(rows: list[FigureSubmission], r: FigureSubmission) -> bool:
    """Whether `r` is the newest returned figure of its (target, period) in `rows`."""
    return r.id == max(x.id for x in rows if (x.target_id, x.period_key)
                       == (r.target_id, r.period_key))


def waiting_count(s: Session, unit_id: int) -> int:
    """How many figures of the unit wait for validation (counted nowhere until accepted)."""
    return repo.waiting_count(s, unit_id)


def waiting_by_target(s: Session, unit_id: int) -> dict[int, int]:
    """Figures waiting per target id of the unit."""
    return repo.waiting_by_target(s, unit_id)


def waiting_counts(s: Session, unit_ids: list[int]) -> dict[int, int]:
    """Figures waiting per unit, for many units in one query (a province's communes)."""
    return repo.waiting_counts(s, unit_ids)


def waiting_by_agency(s: Session, unit_id: int, period_key: str) -> dict[str, int]:
    """Figures of the period waiting, per lead agency name (completeness: sent, not yet
    counted)."""
    out: dict[str, int] = {}
    for _target, lead in repo.waiting_leads(s, unit_id, period_key):
        name = lead or status.NO_AGENCY
        out[name] = out.get(name, 0) + 1
    return out


def period_states(s: Session, unit_id: int, period_key: str) -> dict[str, str]:
    """Each item's (ref) latest figure sent for the period and still standing: waiting,
    accepted or returned (a replaced or withdrawn one stands for nothing). The dashboard's
    completeness tells sent, validated and returned apart with it."""
    out: dict[str, tuple[int, str]] = {}
    standing = (rules.PENDING, rules.ACCEPTED, rules.RETURNED)
    for r in repo.of_unit(s, unit_id, standing):
        if r.period_key == period_key:
            ref = f"t{r.target_id}"
            if ref not in out or out[ref][0] < r.id:
                out[ref] = (r.id, r.state)
    return {ref: state for ref, (_, state) in out.items()}


def set_validation(s: Session, p: Principal, unit_id: int, on: bool) -> dict[str, Any]:
    """Turn validation of agency figures on or off at the unit (the office), audited.
    Figures already waiting stay waiting: they are accepted or returned as before."""
    unit = access.unit(s, p, unit_id, access_rules.REVIEW)
    before = unit.validate_figures
    unit.validate_figures = on
    s.flush()
    audit.record(s, p, unit.id, "unit", unit.id, "validate_figures",
                 "bật" if before else "tắt", "bật" if on else "tắt")
    return {"unit": {"id": unit.id, "name": unit.name}, "validates": on}
