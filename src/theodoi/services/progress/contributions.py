"""What a co-agency (cơ quan phối hợp) adds to an item it co-ordinates: a note, its part of
a target's value where the target adds up, a file.

Plans make co-agencies answer for their part ("Cơ quan phối hợp … chịu trách nhiệm về
tiến độ và chất lượng thực hiện các nhiệm vụ được phân công"), but the lead agency reports
the item's figure: a contribution is shown beside the item and in the report's appendix of
the co-agency, and never counts in the item's status.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput
from theodoi.domain.measures import adds_up
from theodoi.domain.periods import parse_period
from theodoi.services.history import audit
from theodoi.services.progress import values
from theodoi.services.progress.records import Evidence, live_item
from theodoi.services.register import items
from theodoi.storage.models import Contribution, Target, Task
from theodoi.storage.repositories import progress as repo


@dataclass
class ContributionRow:
    """A contribution as the edges show it."""

    id: int
    ref: str
    agency_id: int
    agency: str
    period: str | None
    period_label: str | None
    note: str | None
    value: float | None
    unit: str | None
    evidence_id: int | None
    evidence: str | None
    recorded_by: str | None
    recorded_at: datetime


def takes_value(item: Target | Task) -> bool:
    """Whether a co-agency may state its part of the item's value (a target that adds up)."""
    return isinstance(item, Target) and item.value is not None \
        and adds_up(item.kind, item.unit, item.value_of, item.indicator)


def add(s: Session, item: Target | Task, agency_id: int, *, note: str | None = None,
        value: str | float | None = None, period_text: str | None = None,
        attachment: Evidence | None = None, by: str | None = None) -> ContributionRow:
    """Record a co-agency's part in an item of an active plan; it needs a note, a value
    or a file, and a value only where the target adds up."""
    live_item(item)
    text = (note or "").strip() or None
    part = _part(item, value)
    if text is None and part is None and attachment is None:
        raise BadInput("hãy ghi nội dung phối hợp, phần giá trị hoặc chọn tệp.")
    period = parse_period(period_text).key if period_text and period_text.strip() else None
    stored = None if attachment is None else repo.add_attachment(
        s, hashlib.sha256(attachment[1]).hexdigest(), *attachment).id
    row = Contribution(agency_id=agency_id, period_key=period, note=text, value=part,
                       attachment_id=stored, recorded_by=by,
                       **({"target_id": item.id} if isinstance(item, Target)
                          else {"task_id": item.id}))
    repo.add(s, row)
    audit.record(s, None, item.plan.unit_id, "contribution", row.id, "note", None,
                 text or (attachment[0] if attachment else None), username=by)
    return of_item(s, item, only=row.id)[0]


def _part(item: Target | Task, value: str | float | None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not takes_value(item):
        raise BadInput(f"mục {items.ref_of(item)} không tính bằng tổng các phần; hãy ghi "
                       "nội dung phối hợp, không ghi giá trị.")
    part = values.number(value, "phần giá trị")
    if part < 0:
        raise BadInput("phần giá trị không được âm.")
    return part


def of_item(s: Session, item: Target | Task, only: int | None = None
            ) -> list[ContributionRow]:
    """The co-agencies' contributions to the item, oldest first."""
    rows = repo.contributions_of(s, isinstance(item, Target), item.id)
    rows = [r for r in rows if only is None or r.id == only]
    names = repo.attachment_names(s, {r.attachment_id for r in rows if r.attachment_id})
    agencies = repo.agency_names(s, {r.agency_id for r in rows})
    unit = item.unit if isinstance(item, Target) else None
    return [ContributionRow(r.id, items.ref_of(item), r.agency_id,
                            agencies.get(r.agency_id, ""), r.period_key,
                            parse_period(r.period_key).label if r.period_key else None,
                            r.note, r.value, unit, r.attachment_id,
                            names.get(r.attachment_id) if r.attachment_id else None,
                            r.recorded_by, r.recorded_at) for r in rows]
