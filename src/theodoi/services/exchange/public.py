"""A unit's public page (/cong-khai/<code>): opted in by its quan_tri, read by anyone
without signing in. It shows the unit's active plans that are not restricted and their
targets with the accepted figure and the status only: no person, agency, user, comment,
note or file, so nothing personal can reach it."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import NotFound
from theodoi.services.accounts.access import Principal
from theodoi.services.exchange.export import unit_for
from theodoi.services.history import admin as admin_log
from theodoi.services.progress import status as status_service
from theodoi.storage.models import Plan
from theodoi.storage.repositories import plans as plans_repo
from theodoi.storage.repositories import units as unit_repo

MAX_AGE = 300  # seconds a browser or proxy may keep the page (Cache-Control: public)
NOT_PUBLIC = "không có trang công khai '{code}'."


def set_public(s: Session, p: Principal | None, unit_id: int, on: bool) -> dict[str, Any]:
    """Open or close the unit's public page (quan_tri: ADMINISTER); audited."""
    unit = unit_for(s, p, unit_id, rules.ADMINISTER)
    before = unit.public_page
    unit.public_page = on
    s.flush()
    admin_log.unit_changed(s, p, unit, "public_page", _word(before), _word(on))
    return {"unit": {"id": unit.id, "code": unit.code, "name": unit.name},
            "public_page": on, "path": f"/cong-khai/{unit.code}"}


def _word(on: bool) -> str:
    return "công khai" if on else "không công khai"


def page(s: Session, code: str, as_of: date) -> dict[str, Any]:
    """What the public page of the unit `code` shows as of `as_of`; NotFound (the same
    for a unit that does not exist and one that did not opt in)."""
    unit = unit_repo.by_code(s, code.strip())
    if unit is None or not unit.public_page:
        raise NotFound(NOT_PUBLIC.format(code=code))
    plans = [x for x in plans_repo.for_unit(s, unit.id)
             if x.status == "active" and not x.restricted]
    rows = status_service.status_of_units(s, {unit.id: unit.name}, as_of)[unit.id].targets
    return {"unit": {"code": unit.code, "name": unit.name}, "as_of": as_of.isoformat(),
            "plans": [_plan(x, [r for r in rows if r.plan_id == x.id]) for x in plans]}


def _plan(x: Plan, rows: list[status_service.StatusRow]) -> dict[str, Any]:
    return {"number": x.number, "title": x.title, "kind": x.kind,
            "issued_on": x.issued_on.isoformat() if x.issued_on else None,
            "targets": [{"text": r.text, "planned": r.planned, "unit": r.unit,
                         "actual": r.actual, "due": r.due, "status": r.code,
                         "status_label": r.label} for r in rows]}
