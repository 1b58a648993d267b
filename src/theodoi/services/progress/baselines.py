"""A target's baseline (giá trị năm gốc, năm gốc) entered by a signed-in person.

The office (van_phong, quan_tri: the roles that review and correct a plan's items) sets or
changes it from the target page. The save names the target's version the page showed; a
stale one is a Conflict and changes nothing. Each changed value goes to the audit history.
The rules of a baseline itself (before the deadline, a number) are `progress.set_baseline`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.progress import records as progress
from theodoi.services.register import items
from theodoi.services.register import review_guarded as reviewing
from theodoi.storage.models import Target

ACTION = rules.REVIEW  # who corrects a plan's items sets where a target starts from


def may_set(p: Principal, t: Target) -> bool:
    return ACTION in access.actions_at(p, t.plan.unit)


def year_of(raw: str | int | None) -> int:
    """The baseline year as typed ('2025'); BadInput for anything else."""
    text = str(raw if raw is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) != 4:  # not '²⁰²⁵'
        raise BadInput(f"năm gốc '{text}' không hợp lệ; hãy ghi năm bằng 4 chữ số, ví dụ "
                       "2025.")
    return int(text)


def set_baseline(s: Session, p: Principal, ref: str, value: str | float, year: str | int,
                 version: int) -> dict[str, Any]:
    """Set target `ref`'s baseline from the page the person saw (its `version`)."""
    target = access.item(s, p, ref, ACTION)
    if not isinstance(target, Target):
        raise BadInput(f"{ref} là nhiệm vụ; chỉ chỉ tiêu mới có số liệu gốc.")
    shown = items.ref_of(target)
    reviewing.check_version("chỉ tiêu", shown, target.version, version)
    if isinstance(value, str) and not value.strip():
        raise BadInput("hãy nhập giá trị năm gốc (một số, ví dụ 65,2).")
    before = {"baseline_value": target.baseline_value, "baseline_year": target.baseline_year}
    progress.set_baseline(s, shown, value, year_of(year))
    audit.record_changes(s, p, target.plan.unit_id, "target", target.id, before,
                         {"baseline_value": target.baseline_value,
                          "baseline_year": target.baseline_year})
    return {"ref": shown, "version": target.version,
            "baseline": {"value": target.baseline_value, "year": target.baseline_year}}
