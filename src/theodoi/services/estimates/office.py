"""The office's estimate of a target's whole year: set, replace, clear, read.

One per target and year. It survives re-generating a report (it is stored, not an option
of one run), is typed by the office (REVIEW: quan_tri, van_phong) on the web or through
`theodoi report estimate`, and is a figure the office answers for, so it is never mixed
with the reported values (progress records) nor with status.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as access_rules
from theodoi.domain.errors import BadInput, Conflict
from theodoi.domain.numbers import NotANumber, read_number, vn_number
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.progress.records import live_target
from theodoi.storage.models import OfficeEstimate, Target, utcnow
from theodoi.storage.repositories import progress as repo

FIRST_YEAR, LAST_YEAR = 2000, 2100  # a year a commune's plan can be about
ACTION = access_rules.REVIEW  # who corrects a plan's items types the office's estimates


def typed(s: Session, targets: list[Target], year: int) -> dict[int, float]:
    """The estimates the office typed for `year`, by target id."""
    return repo.office_estimates(s, [t.id for t in targets], year)


def _year(year: int | str) -> int:
    try:
        value = int(str(year).strip())
    except ValueError:
        value = 0
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise BadInput(f"năm '{year}' không hợp lệ; nhập năm như 2026.")
    return value


def _value(text: str | float | None) -> float | None:
    """The typed value; None (clear) for blank text."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        value = read_number(text.strip() if isinstance(text, str) else text)
    except NotANumber:
        raise BadInput(f"số ước '{text}' không đọc được; nhập số như 1.234,5.") from None
    if value < 0:
        raise BadInput("số ước không được âm.")
    return value


def set_estimate(s: Session, ref: str, year: int | str, value: str | float | None,
                 by: str | None = None, at: datetime | None = None) -> dict[str, Any]:
    """Store (or replace) the estimate of target `ref` for `year`; a blank value clears
    it. BadInput for a task, a bad year or value; Conflict when a concurrent save won."""
    target = live_target(s, ref)
    when, amount = _year(year), _value(value)
    row = repo.office_estimate(s, target.id, when)
    if amount is None:
        if row is not None:
            repo.drop_office_estimate(s, row)
        return _shown(ref, when, None, None)
    if row is not None:
        row.value, row.set_by, row.set_at = amount, by, at or utcnow()
        s.flush()
    elif not repo.put_office_estimate(s, OfficeEstimate(
            target_id=target.id, year=when, value=amount, set_by=by, set_at=at or utcnow())):
        raise Conflict(f"số ước năm {when} của {ref} vừa được người khác nhập; hãy tải lại "
                       "rồi làm lại.")
    return _shown(ref, when, amount, target.unit)


def set_for(s: Session, p: Principal, ref: str, year: int | str,
            value: str | float | None) -> dict[str, Any]:
    """`set_estimate` for someone who may review the item's unit (the office)."""
    access.item(s, p, ref, ACTION)
    return set_estimate(s, ref, year, value, by=p.display_name)


def may_set(p: Principal, t: Target) -> bool:
    """Whether the person may type estimates for the target (the office)."""
    return ACTION in access.actions_at(p, t.plan.unit)


def of_target(s: Session, target_id: int) -> list[dict[str, Any]]:
    """The target's typed estimates for its page, the latest year first."""
    return [{"year": e.year, "value": e.value, "by": e.set_by,
             "at": e.set_at.isoformat(timespec="minutes")}
            for e in repo.office_estimates_of(s, target_id)]


def _shown(ref: str, year: int, value: float | None, unit: str | None) -> dict[str, Any]:
    text = "" if value is None else f"{vn_number(value)} {unit or ''}".strip()
    return {"ref": ref, "year": year, "value": value, "text": text}
