"""'Chỉ đạo cấp dưới' of a unit (/don-vi/…/chi-dao): the instructions its plans give to
every unit under it, with who has acted (dates, on time or late) and who has not; and
the instructions it received from above, its own items.

Everyone who reads the unit sees the page; a restricted plan's instructions only those
who read it. A unit under it sees only its own items, never another's: its page lists
what it received, and an item of another unit is answered as one that does not exist.
Closing an item by a report, or taking the report back, takes the right to review plans
at the item's unit (its office, or the office above it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import instructions as words
from theodoi.domain.errors import NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.instructions import tracking
from theodoi.storage.models import InstructionItem, Unit
from theodoi.storage.repositories import instructions as repo
from theodoi.storage.repositories import plans as plan_repo


def page(s: Session, p: Principal, unit_id: int, as_of: date) -> dict[str, Any]:
    """What the unit gave (per instruction, every unit below) and received (its items),
    and the plans the person may look through again."""
    unit = access.unit(s, p, unit_id)
    return _board(s, p, unit, as_of) | {"active_plans": _active_plans(s, p, unit)}


def _board(s: Session, p: Principal, unit: Unit, as_of: date) -> dict[str, Any]:
    given = [i for i in repo.items(s, plan_unit_ids=[unit.id])
             if access.reads_plan(p, i.task.plan)]
    received = repo.items(s, unit_id=unit.id)
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "as_of": as_of.isoformat(),
            "given": tracking.instruction_rows(s, given, as_of),
            "received": _own(tracking.instruction_rows(s, received, as_of)),
            "can_close": rules.REVIEW in access.actions_at(p, unit),
            "state_labels": words.STATE_LABELS, "how_labels": words.HOW_LABELS}


def _active_plans(s: Session, p: Principal, unit: Unit) -> list[dict[str, Any]]:
    """The unit's active plans whose tasks the person may look through again for
    instructions (with the right to review, and only when the unit has units below)."""
    if rules.REVIEW not in access.actions_at(p, unit) or not repo.children(s, unit.id):
        return []
    return [{"id": x.id, "number": x.number, "title": x.title}
            for x in plan_repo.for_unit(s, unit.id)
            if x.status == "active" and access.reads_plan(p, x)]


def _own(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A received instruction as its unit sees it: the instruction and its one item."""
    return [{k: v for k, v in r.items() if k not in ("items", "counts", "acted", "total",
                                                     "status", "status_label")}
            | {"item": r["items"][0]} for r in rows]


def summary(s: Session, p: Principal, unit_id: int, as_of: date) -> dict[str, int]:
    """The dashboard's count: instructions given, units acted and not, overdue; and the
    instructions received not yet acted on."""
    return summary_of(s, p, access.unit(s, p, unit_id), as_of)


def summary_of(s: Session, p: Principal, unit: Unit, as_of: date) -> dict[str, int]:
    """`summary` of a unit already read (and checked: the person reads it)."""
    found = _board(s, p, unit, as_of)
    rows = [i for g in found["given"] for i in g["items"]]
    return {"given": len(found["given"]), "parts": len(rows),
            "acted": sum(1 for r in rows if r["acted_on"] is not None),
            "overdue": sum(1 for r in rows if r["state"] == words.OVERDUE),
            "received_open": sum(1 for r in found["received"]
                                 if r["item"]["acted_on"] is None)}


def _item(s: Session, p: Principal, item_id: int) -> InstructionItem:
    """An item the person may act on: NotFound outside their reach, Forbidden without the
    right to review at its unit."""
    item = repo.get(s, item_id)
    if item is None:
        raise NotFound(f"không có mục chỉ đạo số {item_id}.")
    access.unit(s, p, item.unit_id, rules.REVIEW)
    return item


def close(s: Session, p: Principal, item_id: int, on: date | None, text: str,
          today: date) -> dict[str, Any]:
    """Close the item by the unit's report or explanation (of `on`, else today)."""
    item = tracking.close(s, _item(s, p, item_id), on or today, text, p.username)
    return _done(s, item, today)


def reopen(s: Session, p: Principal, item_id: int, today: date) -> dict[str, Any]:
    return _done(s, tracking.reopen(s, _item(s, p, item_id)), today)


def _done(s: Session, item: InstructionItem, today: date) -> dict[str, Any]:
    acted = tracking.actions_of(s, [item])[item.id]
    return tracking.item_row(item, acted, today) | {"plan_unit_id": item.task.plan.unit_id}


def create(s: Session, p: Principal, plan_id: int) -> dict[str, Any]:
    """Make the items of the plan's instructions now (what activation does)."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    made = tracking.create_for_plan(s, plan)
    return {"plan_id": plan.id, "unit_id": plan.unit_id, "tasks": made.tasks,
            "created": made.created}
