"""Đôn đốc: the office or a leader chases an item, or an agency's whole list, now. The
agency's users get a notice in the app and a message by the channels they chose, in the
transaction of the action, which is audited; one chase of an item (or a list) a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as access_rules
from theodoi.domain import reminders as rules
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services import calendars
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal, chain, lead_agency_id
from theodoi.services.history import audit
from theodoi.services.register import items
from theodoi.services.reminders import collect, render
from theodoi.services.reminders.digest import deliver, hidden_from, restricted_refs, unit_dues
from theodoi.services.reminders.people import Person, people
from theodoi.settings import Settings
from theodoi.storage.models import Target, Task, Unit, utcnow

NOTE_MAX = 500


@dataclass
class Chased:
    """Who a chase reached, and by which channels."""

    what: str
    reached: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"what": self.what, "reached": self.reached}


def agency_people(s: Session, unit: Unit, agency_id: int) -> list[Person]:
    """The agency's users (don_vi grants for it reaching the unit)."""
    reach = set(chain(unit))
    return [p for p in people(s).values()
            if any(g.role == "don_vi" and g.agency_id == agency_id and g.unit_id in reach
                   for g in p.grants)]


def _note(text: str | None) -> str | None:
    note = " ".join((text or "").split())
    if len(note) > NOTE_MAX:
        raise BadInput(f"lời nhắn dài quá {NOTE_MAX} ký tự.")
    return note or None


def _send(s: Session, settings: Settings, p: Principal, unit: Unit, recipients: list[Person],
          lines: list[tuple[str, rules.Line]], chase: str, as_of: date,
          note: str | None, now: datetime) -> list[dict[str, Any]]:
    """Each recipient is told only of the items it may read (a restricted plan's items
    reach its readers alone); nobody left to tell is refused in words."""
    if not recipients:
        raise BadInput("cơ quan chủ trì chưa có người dùng nào trong theodoi để nhận đôn "
                       "đốc; hãy cấp tài khoản (vai trò don_vi) cho cơ quan trước.")
    closed = restricted_refs(s, unit)
    told = [(person, [(u, ln) for u, ln in lines
                      if ln.ref not in hidden_from(person, unit, closed)])
            for person in recipients]
    if not any(mine for _, mine in told):
        raise BadInput("người dùng của cơ quan chủ trì không được đọc kế hoạch này (tài liệu "
                       "hạn chế), nên không đôn đốc được qua theodoi; hãy thêm vai trò đơn vị "
                       "vào danh sách người được đọc của đơn vị, hoặc đôn đốc cách khác.")
    reached = []
    for person, mine in told:
        if not mine:
            continue
        digest = render.Digest(person.full_name or person.username, as_of, mine,
                               settings.public_url, p.display_name, note)
        written, before = deliver(s, settings, person, digest, now, chase=chase,
                                  sender=p.display_name)
        if before:
            raise BadInput("mục này đã được đôn đốc hôm nay; mỗi mục (hoặc danh sách của "
                           "một cơ quan) được đôn đốc một lần mỗi ngày.")
        reached.append({"user": person.username, "channels": written})
    return reached


def _owed(item: Target | Task, as_of: date) -> Any:
    return collect.owed_period(item.plan, as_of, rules.CHASE_WINDOW_DAYS)


def _when(item: Target | Task, as_of: date) -> date:
    """The item's nearest deadline: a task's own, else its owed report's."""
    if isinstance(item, Task) and item.due_date is not None:
        return item.due_date
    period = _owed(item, as_of)
    return calendars.due_of(item.plan, period) if period else as_of


def _what(item: Target | Task, as_of: date) -> str:
    if isinstance(item, Task) and item.due_date is not None:
        return "Đôn đốc: hạn hoàn thành nhiệm vụ"
    period = _owed(item, as_of)
    return f"Đôn đốc: báo cáo {period.label}" if period else "Đôn đốc"


def chase_item(s: Session, settings: Settings, p: Principal, ref: str, as_of: date,
               note: str | None = None, now: datetime | None = None) -> Chased:
    """Chase one item's lead agency (CHASE at the item's unit)."""
    item = access.item(s, p, ref, access_rules.CHASE)
    agency = lead_agency_id(item)
    if agency is None:
        raise BadInput(f"mục {items.ref_of(item)} chưa có cơ quan chủ trì để đôn đốc.")
    due = rules.Due("chase", items.ref_of(item), collect.text_of(item), _what(item, as_of),
                    agency, _when(item, as_of), collect.link(item))
    lines = [(item.plan.unit.name, rules.standing(due, as_of))]
    reached = _send(s, settings, p, item.plan.unit, agency_people(s, item.plan.unit, agency),
                    lines,
                    items.ref_of(item), as_of, _note(note), now or utcnow())
    audit.record(s, p, item.plan.unit_id, "target" if isinstance(item, Target) else "task",
                 item.id, "don_doc", None, _note(note) or "đôn đốc",
                 detail={"reached": [r["user"] for r in reached]})
    return Chased(items.ref_of(item), reached)


def chase_agency(s: Session, settings: Settings, p: Principal, unit_id: int,
                 agency_id: int, as_of: date, note: str | None = None,
                 now: datetime | None = None) -> Chased:
    """Chase an agency's whole list at the unit: what is late or due within a week."""
    unit = access.unit(s, p, unit_id, access_rules.CHASE)
    agency = access.agency(s, p, agency_id)
    if agency.unit_id != unit.id:
        raise NotFound(f"không có cơ quan số {agency_id} ở {unit.name}.")
    u = unit_dues(s, unit, as_of)
    horizon = as_of + timedelta(days=rules.CHASE_WINDOW_DAYS)
    lines = [(unit.name, rules.standing(d, as_of))
             for trigger in ("report_due", "task_due", "explanation")
             for d in u.dues[trigger] if d.agency_id == agency_id and d.due <= horizon]
    if not lines:
        raise BadInput(f"{agency.name} không có việc nào quá hạn hay đến hạn trong "
                       f"{rules.CHASE_WINDOW_DAYS} ngày tới; không có gì để đôn đốc.")
    reached = _send(s, settings, p, unit, agency_people(s, unit, agency_id), lines,
                    f"co-quan-{agency_id}", as_of, _note(note), now or utcnow())
    audit.record(s, p, unit.id, "agency", agency_id, "don_doc", None,
                 _note(note) or "đôn đốc", detail={"reached": [r["user"] for r in reached],
                                                   "items": len(lines)})
    return Chased(agency.name, reached)


def may_chase(s: Session, p: Principal, unit_id: int) -> bool:
    """Whether the person may chase at the unit (the item page shows the button); asked
    on every view of an item page, so from the unit's scope query, loading no Unit."""
    return access_rules.CHASE in access.actions_at(p, access.unit_scope(s, p, unit_id).chain)


def may_chase_item(s: Session, p: Principal, ref: str) -> bool:
    """`may_chase` at the unit of the item `ref` (its page's button), from the item's own
    scope, which its page has read already (held for the request): the chain of the
    item's unit is the unit's, so a second query for the unit's scope is not needed."""
    return access_rules.CHASE in access.actions_at(p, access.item_scope(s, p, ref).chain)
