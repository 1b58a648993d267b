"""The signed-in person and what they may reach: units, plans, items, agencies.

Every lookup the web makes goes through here. A record outside the person's units is
NotFound with the same message as an id that does not exist (no IDOR leak); inside the
scope, an action the role does not allow is Forbidden. Rules themselves are in
`theodoi.domain.access`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import NotFound
from theodoi.services.register import items
from theodoi.storage import held
from theodoi.storage.models import Agency, Plan, Target, Task, Unit
from theodoi.storage.repositories import agencies as agency_repo
from theodoi.storage.repositories import plans as plan_repo
from theodoi.storage.repositories import stamps
from theodoi.storage.repositories import units as unit_repo


@dataclass(frozen=True)
class Principal:
    """Who is asking: the user, their grants, and the session the request came with."""

    user_id: int
    username: str
    full_name: str
    grants: tuple[rules.Grant, ...]
    session_id: int | None = None
    csrf_token: str | None = None
    must_change_password: bool = False

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


def chain(unit: Unit) -> list[int]:
    """The unit's id followed by its ancestors' ids, nearest first."""
    ids: list[int] = []
    current: Unit | None = unit
    while current is not None and current.id not in ids:
        ids.append(current.id)
        current = current.parent
    return ids


def actions_at(p: Principal, unit: Unit | tuple[int, ...]) -> frozenset[str]:
    """What the person may do at the unit (a Unit, or its chain as a scope gives it)."""
    return rules.actions(p.grants, unit if isinstance(unit, tuple) else chain(unit))


_UNITS = "theodoi_units"  # s.info: units looked up in this session, held


def unit(s: Session, p: Principal, unit_id: int, action: str = rules.READ) -> Unit:
    """A unit the person reaches; NotFound outside their scope, Forbidden without `action`.

    The units looked up are held for the session's life (with their parents, through
    `parent`): the session's identity map only keeps objects something else holds, so a
    page that checks the same unit twice read it and its parents from the database
    twice."""
    held: dict[int, Unit] = s.info.setdefault(_UNITS, {})
    row = held.get(unit_id)
    if row is None or inspect(row).was_deleted:
        row = unit_repo.get(s, unit_id)
    if row is not None:
        held[unit_id] = row
    if row is None or not rules.in_scope(p.grants, chain(row)):
        raise NotFound(f"không có đơn vị số {unit_id}.")
    rules.require(p.grants, chain(row), action)
    return row


def unit_scope(s: Session, p: Principal, unit_id: int, action: str = rules.READ
               ) -> unit_repo.UnitScope:
    """What `unit` checks, decided the same way from one query that loads no Unit: the
    unit's chain, data stamp and level (enough to find a cached page)."""
    found = unit_repo.scope(s, unit_id)
    if found is None or not rules.in_scope(p.grants, found.chain):
        raise NotFound(f"không có đơn vị số {unit_id}.")
    rules.require(p.grants, found.chain, action)
    return found


def my_units(s: Session, p: Principal) -> list[Unit]:
    """Every unit the person's grants reach, in the register's order."""
    return [u for u in unit_repo.all_units(s) if rules.in_scope(p.grants, chain(u))]


def reads_plan(p: Principal, plan_row: Plan) -> bool:
    """Whether the person may read the plan at all: in scope, and when it is restricted,
    with a role its unit names (rules.sees_plan). Everything else is NotFound."""
    return rules.sees_plan(p.grants, chain(plan_row.unit), plan_row.restricted,
                           plan_row.unit.restricted_readers)


def reads_restricted(p: Principal, unit_row: Unit | unit_repo.UnitScope) -> bool:
    """Whether the person reads the unit's restricted plans (a Unit, or its scope)."""
    if isinstance(unit_row, Unit):
        return rules.reads_restricted(p.grants, chain(unit_row), unit_row.restricted_readers)
    return rules.reads_restricted(p.grants, unit_row.chain, unit_row.readers)


def hidden_plans(s: Session, p: Principal, unit_row: Unit) -> frozenset[int]:
    """The unit's plans the person may not read (restricted ones, for whoever is not a
    reader): every list, count and export of the unit leaves them out."""
    if reads_restricted(p, unit_row):
        return frozenset()
    return frozenset(plan_repo.restricted_ids(s, [unit_row.id]).get(unit_row.id, ()))


def hidden_below(s: Session, p: Principal, top: unit_repo.UnitScope, top_id: int
                 ) -> dict[int, frozenset[int]]:
    """Per unit under `top_id` (whose scope is `top`), its restricted plans the person may
    not read there; units where the person reads them all are left out. From the units
    under it as the request read them once (stamps.under), held for the session until it
    writes: a province's dashboard asks on every request, for its communes' rows and its
    roll-up."""
    return held.read(s, ("hidden_below", top_id, top.chain, p.grants),
                     lambda: _hidden_below(s, p, top, top_id))


def _hidden_below(s: Session, p: Principal, top: unit_repo.UnitScope, top_id: int
                  ) -> dict[int, frozenset[int]]:
    below = stamps.under(s, top_id)
    out = {}
    for unit_id, u in below.items():
        if not u.restricted:
            continue
        chain = [unit_id]
        while (parent := below[chain[-1]].parent_id) is not None and parent != top_id:
            chain.append(parent)
        if not rules.reads_restricted(p.grants, (*chain, *top.chain), u.readers):
            out[unit_id] = frozenset(u.restricted)
    return out


def lens(p: Principal, scope: unit_repo.UnitScope) -> tuple[frozenset[int] | None, bool]:
    """What of a unit the person sees, for keying a cached page: the agencies a don_vi is
    limited to (None: all) and whether restricted plans are read. Two people with the
    same lens see the same page; anything else must not share it."""
    return agency_filter(p, scope.chain), reads_restricted(p, scope)


def plan(s: Session, p: Principal, plan_id: int, action: str = rules.READ) -> Plan:
    """A plan the person reads (NotFound out of scope or restricted from them) and may
    `action`."""
    row = plan_repo.get(s, plan_id)
    if row is None or not reads_plan(p, row):
        raise NotFound(f"không có kế hoạch số {plan_id}.")
    rules.require(p.grants, chain(row.unit), action)
    return row


def lead_agency_id(item: Target | Task) -> int | None:
    lead = next((a for a in item.assignments if a.role == "lead"), None)
    return lead.agency_id if lead else None


def co_agency_ids(item: Target | Task) -> frozenset[int]:
    return frozenset(a.agency_id for a in item.assignments
                     if a.role == "co" and a.agency_id is not None)


def sees(p: Principal, item: Target | Task) -> bool:
    """Whether the person sees the item (don_vi: its agency leads or co-ordinates it; a
    restricted plan's items only its readers)."""
    return reads_plan(p, item.plan) and rules.sees_item(
        p.grants, chain(item.plan.unit), lead_agency_id(item), co_agency_ids(item))


def seer(p: Principal, plan_row: Plan) -> Callable[[Target | Task], bool]:
    """`sees` for the items of one plan, what is the same for all of them (whether the
    plan is read, its unit's chain, the agencies a don_vi is limited to there) decided
    once: a register lists a commune's ~150 items, each asked the same of its plan."""
    unit_chain = chain(plan_row.unit)
    if not rules.sees_plan(p.grants, unit_chain, plan_row.restricted,
                           plan_row.unit.restricted_readers):
        return lambda _item: False
    only = rules.agency_only(p.grants, unit_chain)
    if only is None:
        return lambda _item: True
    return lambda item: (lead_agency_id(item) in only
                         or not only.isdisjoint(co_agency_ids(item)))


def leads(p: Principal, item: Target | Task) -> bool:
    """Whether the person answers for the item's figure (not a co-agency's user)."""
    return rules.leads_item(p.grants, chain(item.plan.unit), lead_agency_id(item))


def contributes_as(p: Principal, item: Target | Task) -> frozenset[int]:
    """The person's agencies that co-ordinate the item (empty for everyone else)."""
    only = agency_filter(p, item.plan.unit) or frozenset()
    return only & co_agency_ids(item)


def item(s: Session, p: Principal, ref: str, action: str = rules.READ) -> Target | Task:
    """An item the person sees (don_vi: only its agency's items) and may `action`."""
    try:
        row = items.get_item(s, ref)
    except NotFound:
        row = None
    if row is None or not sees(p, row):
        raise NotFound(f"không có mục {ref}.")
    rules.require(p.grants, chain(row.plan.unit), action)
    return row


def item_scope(s: Session, p: Principal, ref: str, action: str = rules.READ
               ) -> plan_repo.ItemScope:
    """What `item` checks, decided the same way from one query that loads no item: its
    unit chain, lead agency and the unit's data stamp (for a cached page)."""
    model, item_id = items.parse_ref(ref)
    scope = plan_repo.item_scope(s, model, item_id)
    if scope is None or (scope.restricted and not rules.reads_restricted(
            p.grants, scope.chain, scope.readers)) or not (
            rules.sees_item(p.grants, scope.chain, scope.lead_agency_id)
            or rules.sees_item(p.grants, scope.chain, None,
                               plan_repo.co_agency_ids(s, model, item_id))):
        raise NotFound(f"không có mục {ref}.")
    rules.require(p.grants, scope.chain, action)
    return scope


def agency(s: Session, p: Principal, agency_id: int, action: str = rules.READ) -> Agency:
    row = agency_repo.get(s, agency_id)
    owner = unit_repo.get(s, row.unit_id) if row else None
    if row is None or owner is None or not rules.in_scope(p.grants, chain(owner)):
        raise NotFound(f"không có cơ quan số {agency_id}.")
    rules.require(p.grants, chain(owner), action)
    return row


def agency_filter(p: Principal, unit_row: Unit | tuple[int, ...]) -> frozenset[int] | None:
    """The agencies a don_vi person is limited to at the unit (a Unit, or its chain as a
    scope gives it); None for everyone else."""
    return rules.agency_only(p.grants,
                             unit_row if isinstance(unit_row, tuple) else chain(unit_row))
