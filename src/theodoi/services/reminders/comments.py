"""Comments on an item: a leader's direction (ý kiến chỉ đạo), the office's and the
agencies' replies. Whoever a comment @mentions, and the lead agency's users, get an
in-app notice in the comment's transaction (never a message outside the app: the day's
digest is what goes there)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as access_rules
from theodoi.domain import reminders as rules
from theodoi.domain.errors import BadInput, Forbidden
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal, chain, lead_agency_id
from theodoi.services.register import items
from theodoi.services.reminders import collect, render
from theodoi.services.reminders.people import Person, people
from theodoi.settings import Settings
from theodoi.storage.models import ItemComment, Notice, Target, Task, Unit
from theodoi.storage.repositories import reminders as repo

BODY_MAX = 4000
REFUSED = "vai trò chỉ xem không gửi được ý kiến."


def may_comment(p: Principal, item: Target | Task) -> bool:
    """Everyone who sees the item and does more than read it (not the 'xem' role)."""
    return bool(access.actions_at(p, item.plan.unit) - {access_rules.READ})


def _is_leader(p: Principal, item: Target | Task) -> bool:
    reach = set(chain(item.plan.unit))
    return any(g.role == "lanh_dao" and g.unit_id in reach for g in p.grants)


def _row(c: ItemComment) -> dict[str, Any]:
    return {"id": c.id, "author": c.author_name, "direction": c.direction, "body": c.body,
            "at": c.created_at.isoformat(timespec="minutes")}


def thread(s: Session, p: Principal, ref: str) -> dict[str, Any]:
    """The item's comments, oldest first, and whether the person may add one. Read on
    every view of an item page (comments hang on no data stamp), so the access check is
    the scope query that loads no item (as `access.item` decides), which also says
    whether there is any comment to read."""
    scope = access.item_scope(s, p, ref)
    model, item_id = items.parse_ref(ref)
    target_id = item_id if model is Target else None
    task_id = None if model is Target else item_id
    return {"ref": f"{'t' if model is Target else 'k'}{item_id}",
            "can_comment": bool(access.actions_at(p, scope.chain) - {access_rules.READ}),
            "comments": [_row(c) for c in repo.comments_on(s, target_id, task_id)]
            if scope.comments else []}


def _sees(person: Person, item: Target | Task) -> bool:
    grants = [access_rules.Grant(g.unit_id, g.role, g.agency_id) for g in person.grants]
    return access_rules.sees_item(grants, chain(item.plan.unit), lead_agency_id(item))


def add_comment(s: Session, settings: Settings, p: Principal, ref: str, body: str,
                as_of: date) -> dict[str, Any]:
    """A new comment; the people it mentions who see the item, and the lead agency's
    users, are told in the app. Mentions of nobody (or of someone who cannot see the
    item) are listed in `not_told`."""
    item = access.item(s, p, ref)
    if not may_comment(p, item):
        raise Forbidden(REFUSED)
    text = (body or "").strip()
    if not text:
        raise BadInput("ý kiến không được để trống.")
    if len(text) > BODY_MAX:
        raise BadInput(f"ý kiến dài quá {BODY_MAX} ký tự.")
    row = ItemComment(target_id=item.id if isinstance(item, Target) else None,
                      task_id=None if isinstance(item, Target) else item.id,
                      author_id=p.user_id, author_name=p.display_name,
                      direction=_is_leader(p, item), body=text)
    repo.add(s, row)
    told, not_told = _notify(s, settings, p, item, row, as_of)
    return {**_row(row), "told": told, "not_told": not_told}


def _notify(s: Session, settings: Settings, p: Principal, item: Target | Task,
            row: ItemComment, as_of: date) -> tuple[list[str], list[str]]:
    named = rules.mentions(row.body)
    everyone = people(s)
    agency = lead_agency_id(item)
    reach = set(chain(item.plan.unit))
    chosen = {u.user_id: u for u in everyone.values() if u.username in named or any(
        g.role == "don_vi" and g.agency_id == agency and g.unit_id in reach
        for g in u.grants)}
    told = [u for u in chosen.values() if u.user_id != p.user_id and _sees(u, item)]
    for person in told:
        _notice(s, settings, p, item, row, person, as_of, person.username in named)
    known = {u.username for u in told} | {p.username}
    return sorted(u.username for u in told), [n for n in named if n not in known]


def _notice(s: Session, settings: Settings, p: Principal, item: Target | Task,
            row: ItemComment, person: Person, as_of: date, mentioned: bool) -> None:
    kind = "Ý kiến chỉ đạo" if row.direction else "Ý kiến"
    line = rules.Line("comment", "thong_tin", items.ref_of(item), collect.text_of(item),
                      f"{kind} của {p.display_name}", row.body[:300], as_of,
                      f"{collect.link(item)}#y-kien-{row.id}")
    digest = render.Digest(person.full_name or person.username, as_of,
                           [(item.plan.unit.name, line)], settings.public_url)
    verb = "nhắc đến bạn ở" if mentioned else "góp ý về"
    repo.add(s, Notice(user_id=person.user_id, key=f"comment/{row.id}", day=as_of,
                       sender=p.display_name, groups=digest.groups_json(),
                       subject=f"{p.display_name} {verb} mục {items.ref_of(item)}"))


@dataclass(frozen=True)
class GivenDirection:
    """A leader's direction on an item for a report: the item, the unit the leader leads
    (the nearest to the item's unit; None when the author is gone or leads no more), the
    words and the day. No user name: the report names people by title or role."""

    ref: str
    leader_of: str | None
    words: str
    on: date


def directions_given(s: Session, unit: Unit, refs: Iterable[str], start: date,
                     end: date) -> list[GivenDirection]:
    """The directions written from `start` to `end` (both included) on the items `refs`
    ('t12', 'k3') of `unit`'s plans, oldest first."""
    wanted = list(refs)
    targets = [int(r[1:]) for r in wanted if r.startswith("t")]
    tasks = [int(r[1:]) for r in wanted if r.startswith("k")]
    rows = repo.directions_on(s, targets, tasks, datetime.combine(start, time.min),
                              datetime.combine(end + timedelta(days=1), time.min))
    leads = repo.leader_units(s, {c.author_id for c in rows if c.author_id is not None})
    reach = chain(unit)
    out = []
    for c in rows:
        held = leads.get(c.author_id, {}) if c.author_id is not None else {}
        nearest = next((held[u] for u in reach if u in held), None)
        ref = f"t{c.target_id}" if c.target_id is not None else f"k{c.task_id}"
        out.append(GivenDirection(ref, nearest, c.body, c.created_at.date()))
    return out
