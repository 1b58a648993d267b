"""The reporting calendar of a plan (lịch báo cáo), as `theodoi plan calendar` sets it:
how often the plan is reported on, and how many days after each period the report is due.
Everyone who reads the plan sees it, with the coming due days; the office changes it."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.domain.labels import label
from theodoi.domain.periods import periods_in
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import records as progress
from theodoi.storage.models import Plan

KINDS = ("month", "quarter", "half", "nine_months", "year")
SHOWN = 4  # coming periods listed with their due day


def page(s: Session, p: Principal, plan_id: int, today: date) -> dict[str, Any]:
    plan = access.plan(s, p, plan_id)
    return {"plan": {"id": plan.id, "number": plan.number, "title": plan.title,
                     "unit_id": plan.unit_id, "status": plan.status},
            "every": plan.report_every, "every_label": label("period_kind", plan.report_every),
            "due_days": plan.report_due_days, "coming": _coming(plan, today),
            "kinds": [{"value": k, "label": label("period_kind", k)} for k in KINDS],
            "can_edit": rules.REVIEW in access.actions_at(p, plan.unit)
            and plan.status != "closed"}


def _coming(plan: Plan, today: date) -> list[dict[str, Any]]:
    """The next few periods whose report is not yet past due, with their due days."""
    calendar = periods_in(plan.report_every, today.year - 1, today.year + 2)
    ahead = [x for x in calendar if x.due(plan.report_due_days) >= today][:SHOWN]
    return [{"period": x.key, "label": x.label, "due": x.due(plan.report_due_days)}
            for x in ahead]


def change(s: Session, p: Principal, plan_id: int, every: str,
           due_days: str | int) -> dict[str, Any]:
    """Set how often and how many days after each period the plan is reported on."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    try:
        days = int(str(due_days).strip())
    except ValueError:
        raise BadInput(f"hạn báo cáo '{due_days}' không phải số ngày (0 đến 120).") from None
    progress.set_calendar(s, plan.id, every, days)
    return {"plan_id": plan.id, "every": plan.report_every,
            "due_days": plan.report_due_days}
