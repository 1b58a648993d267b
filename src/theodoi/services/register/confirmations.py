"""What a wide or destructive review action will change, said before a person confirms it.

Activating a plan (a new version closes the one it replaces), closing a plan and rejecting
an item of a live plan each get a page that lists what will change; the action itself is
in `review_guarded` and is undoable from the audit history (`services.history.undo`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.register import items, plans
from theodoi.storage.models import Plan, Target, Task
from theodoi.storage.repositories import plans as repo

CHANGE_WORDS = {"new": "mục mới", "changed": "mục sửa", "unchanged": "mục giữ nguyên"}


def _plan(plan: Plan) -> dict[str, Any]:
    return {"id": plan.id, "number": plan.number, "title": plan.title or plan.source_name,
            "version": plan.version, "unit_id": plan.unit_id, "unit": plan.unit.name,
            "status": plan.status, "status_label": plans.STATUS_LABELS[plan.status]}


def activation(s: Session, p: Principal, plan_id: int) -> dict[str, Any]:
    """Before activation: the items that go live, what is still unreviewed, and the older
    version it closes with what becomes of that version's items."""
    return activation_of(s, access.plan(s, p, plan_id, rules.REVIEW))


def activation_of(s: Session, plan: Plan) -> dict[str, Any]:
    """`activation` for a plan already loaded (the command line, which has no person)."""
    live = [i for i in plan.items if i.review != "rejected"]
    waiting = [items.ref_of(i) for i in plan.items if i.review == "proposed"]
    lines = [f"{sum(isinstance(i, Target) for i in live)} chỉ tiêu và "
             f"{sum(isinstance(i, Task) for i in live)} nhiệm vụ bắt đầu nhận báo cáo"]
    old = repo.get(s, plan.revises_id) if plan.revises_id else None
    closes = _plan(old) if old is not None and old.status != "closed" else None
    if closes is not None and old is not None:
        lines += _version_lines(plan, old)
    return {"plan": _plan(plan), "closes": closes, "waiting": waiting, "lines": lines}


def _version_lines(plan: Plan, old: Plan) -> list[str]:
    """What replacing `old` by `plan` does to old items: kept, replaced or dropped."""
    rows = plan.items
    counts = {c: sum(i.change == c for i in rows) for c in CHANGE_WORDS}
    followed = {(isinstance(i, Target), i.previous_id) for i in rows if i.previous_id}
    dropped = [i for i in old.items
               if (isinstance(i, Target), i.id) not in followed and i.review != "rejected"]
    lines = [f"kế hoạch số {old.id} ({old.title or old.source_name}) bị đóng: thôi nhận "
             "báo cáo",
             ", ".join(f"{n} {CHANGE_WORDS[c]}" for c, n in counts.items()) +
             " so với phiên bản cũ; mục giữ nguyên mang theo số liệu đã báo cáo"]
    if dropped:
        lines.append(f"{len(dropped)} mục của phiên bản cũ không còn trong bản mới (ví dụ "
                     f"{', '.join(items.ref_of(i) for i in dropped[:5])}): số liệu của chúng "
                     "ở lại kế hoạch đã đóng")
    return lines


def closing(s: Session, p: Principal, plan_id: int) -> dict[str, Any]:
    """Before closing a plan: how many items stop taking reports."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    live = [i for i in plan.items if i.review != "rejected"]
    return {"plan": _plan(plan),
            "lines": [f"kế hoạch số {plan.id} thôi nhận báo cáo: {len(live)} mục không "
                      "còn được theo dõi tiến độ; số liệu đã báo cáo vẫn giữ nguyên",
                      "kế hoạch không còn được sửa hay rà soát"]}


def rejection(s: Session, p: Principal, ref: str) -> dict[str, Any]:
    """Before rejecting an item of a live plan: it leaves the register's tracking."""
    item = access.item(s, p, ref, rules.REVIEW)
    text = (item.indicator if isinstance(item, Target) else item.title) or item.text
    return {"ref": items.ref_of(item), "text": text, "version": item.version,
            "plan": _plan(item.plan),
            "lines": [f"mục {items.ref_of(item)} bị loại khỏi kế hoạch số {item.plan_id} "
                      "đang thực hiện: không còn nhận báo cáo, không còn trong báo cáo tổng "
                      "hợp", "số liệu đã báo cáo của mục vẫn được giữ"]}


def on_live_plan(s: Session, p: Principal, ref: str) -> str | None:
    """The item's ref when its plan is live (rejecting it needs the confirmation step)."""
    item = access.item(s, p, ref, rules.REVIEW)
    return items.ref_of(item) if item.plan.status == "active" else None
