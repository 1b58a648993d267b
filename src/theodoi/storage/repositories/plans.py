"""Queries on stored files, plans and their items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Integer, bindparam, exists, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from theodoi.storage import held
from theodoi.storage.models import (
    Assignment,
    Basis,
    ExplanationRequest,
    ItemComment,
    Plan,
    ProgressRecord,
    SourceFile,
    Target,
    TargetLink,
    Task,
    TaskUpdate,
    Unit,
    UnitStamp,
)
from theodoi.storage.repositories import units


def source_file(s: Session, sha256: str) -> SourceFile | None:
    return s.get(SourceFile, sha256)


def add_source_file(s: Session, row: SourceFile) -> SourceFile:
    s.add(row)
    s.flush()
    return row


def get(s: Session, plan_id: int) -> Plan | None:
    return s.get(Plan, plan_id)


def by_source(s: Session, unit_id: int, sha256: str) -> Plan | None:
    return s.scalar(select(Plan).where(Plan.unit_id == unit_id, Plan.source_sha256 == sha256))


def review_counts(s: Session, plan_id: int) -> dict[str, dict[str, int]]:
    """Per kind ("targets", "tasks"): how many items are in each review state, counted by
    the database instead of loading every item."""
    out: dict[str, dict[str, int]] = {"targets": {}, "tasks": {}}
    for kind, model in (("targets", Target), ("tasks", Task)):
        query = (select(model.review, func.count()).where(model.plan_id == plan_id)
                 .group_by(model.review))
        out[kind] = {review: n for review, n in s.execute(query).all()}
    return out


def for_unit(s: Session, unit_id: int, *, full: bool = False) -> list[Plan]:
    """A unit's plans, oldest first; `full` loads items, milestones and assignments too."""
    query = select(Plan).where(Plan.unit_id == unit_id).order_by(Plan.id)
    if full:
        query = query.options(
            selectinload(Plan.targets).selectinload(Target.milestones),
            selectinload(Plan.targets).selectinload(Target.assignments),
            selectinload(Plan.tasks).selectinload(Task.assignments),
            selectinload(Plan.bases))
    return list(s.scalars(query))


def open_for_register(s: Session, unit_id: int) -> list[Plan]:
    """A unit's plans that are not closed, oldest first, with what the register lists of
    their items: milestones, assignments and the agencies these resolved to (one query
    for all of them, not one per agency as they are met); not the plans' legal bases."""
    agency = selectinload(Assignment.agency)
    return list(s.scalars(
        select(Plan).where(Plan.unit_id == unit_id, Plan.status != "closed").order_by(Plan.id)
        .options(selectinload(Plan.targets).selectinload(Target.milestones),
                 selectinload(Plan.targets).selectinload(Target.assignments).options(agency),
                 selectinload(Plan.tasks).selectinload(Task.assignments).options(agency))))


def open_with_number(s: Session, unit_id: int, number: str) -> list[Plan]:
    """A unit's draft or active plans that carry document number `number`."""
    return list(s.scalars(select(Plan).where(
        Plan.unit_id == unit_id, Plan.number == number, Plan.status != "closed")))


def open_plans(s: Session, unit_id: int) -> list[Plan]:
    return list(s.scalars(select(Plan).where(Plan.unit_id == unit_id, Plan.status != "closed")
                          .order_by(Plan.id)))


def with_number(s: Session, number: str, issued_on: date | None = None) -> list[Plan]:
    """Plans of any unit with this document number (and date, when given)."""
    query = select(Plan).where(Plan.number == number)
    if issued_on is not None:
        query = query.where(Plan.issued_on == issued_on)
    return list(s.scalars(query.order_by(Plan.id)))


def _with_scope(model: type[Target] | type[Task]) -> list[Any]:
    """What every look-up of an item goes on to read (whose unit, up the tree, and who
    leads it, for the access check; the lead's directory name, which a figure's answer
    and the item's page show), loaded with it: two queries instead of five or six."""
    return [joinedload(model.plan).joinedload(Plan.unit).joinedload(Unit.parent),
            selectinload(model.assignments).joinedload(Assignment.agency)]


def target(s: Session, target_id: int) -> Target | None:
    return s.get(Target, target_id, options=_with_scope(Target))


def task(s: Session, task_id: int) -> Task | None:
    return s.get(Task, task_id, options=_with_scope(Task))


@dataclass(frozen=True)
class ItemScope:
    """What deciding who may see an item takes, without loading it."""

    chain: tuple[int, ...]  # the item's unit, then its ancestors, nearest first
    lead_agency_id: int | None  # the first lead assignment's agency, as Target.assignments
    stamp: int | None  # the unit's data stamp; None while it has none (stamps.read makes it)
    restricted: bool = False  # its plan is restricted (Plan.restricted)
    readers: str | None = None  # who reads the unit's restricted plans (Unit.restricted_readers)
    comments: bool = True  # whether the item has a comment (False: its thread is empty)


_ITEM = bindparam("item", type_=Integer)


def _scope_query(model: type[Target] | type[Task]) -> Any:
    unit_of = (select(Plan.unit_id).join(model, model.plan_id == Plan.id)
               .where(model.id == _ITEM).scalar_subquery())
    up = units.up_from(unit_of)
    owner = Assignment.target_id if model is Target else Assignment.task_id
    lead = (select(Assignment.agency_id).where(owner == _ITEM, Assignment.role == "lead")
            .order_by(Assignment.position, Assignment.id).limit(1).scalar_subquery())
    stamp = select(UnitStamp.stamp).where(UnitStamp.unit_id == unit_of).scalar_subquery()
    restricted = (select(Plan.restricted).join(model, model.plan_id == Plan.id)
                  .where(model.id == _ITEM).scalar_subquery())
    readers = select(Unit.restricted_readers).where(Unit.id == unit_of).scalar_subquery()
    commented = exists().where((ItemComment.target_id if model is Target
                                else ItemComment.task_id) == _ITEM)
    return select(up.c.id, lead, stamp, restricted, readers, commented).order_by(up.c.depth)


_SCOPE = {Target: _scope_query(Target), Task: _scope_query(Task)}


def item_scope(s: Session, model: type[Target] | type[Task], item_id: int
               ) -> ItemScope | None:
    """The unit chain, lead agency and unit stamp of an item in one prebuilt query (None
    when there is no such item), and whether it has comments. A cached item page needs
    nothing else (its thread is read only when it has one): loading the item
    with its plan, units and assignments through the ORM was 40 % of such a request. It
    reads what is flushed (Core, no autoflush): for the check at the start of a read;
    held in the session until it writes (storage/held.py: an item page asks three times)."""
    def query() -> ItemScope | None:
        rows = s.connection().execute(_SCOPE[model], {"item": item_id}).all()
        return (ItemScope(units.chain_of(row[0] for row in rows), rows[0][1], rows[0][2],
                          bool(rows[0][3]), rows[0][4], bool(rows[0][5])) if rows else None)

    return held.read(s, ("item_scope", model.__name__, item_id), query)


def co_agency_ids(s: Session, model: type[Target] | type[Task], item_id: int
                  ) -> frozenset[int]:
    """The directory agencies named to co-ordinate an item (phối hợp)."""
    owner = Assignment.target_id if model is Target else Assignment.task_id
    return frozenset(a for a in s.scalars(select(Assignment.agency_id).where(
        owner == item_id, Assignment.role == "co", Assignment.agency_id.is_not(None)))
        if a is not None)


def restricted_ids(s: Session, unit_ids: list[int]) -> dict[int, set[int]]:
    """Per unit, the ids of its restricted plans (units without any are left out)."""
    out: dict[int, set[int]] = {}
    for plan_id, unit_id in s.execute(select(Plan.id, Plan.unit_id).where(
            Plan.unit_id.in_(unit_ids), Plan.restricted.is_(True))).all():
        out.setdefault(unit_id, set()).add(plan_id)
    return out


def bases_unlinked(s: Session) -> list[Basis]:
    return list(s.scalars(select(Basis).where(Basis.linked_plan_id.is_(None),
                                              Basis.ref_number.is_not(None))))


def delete(s: Session, row: object) -> None:
    s.delete(row)
    s.flush()


def dependents(s: Session, plan_id: int) -> dict[str, int]:
    """What stands on a plan and would be lost with it: versions revising it, plans whose
    basis names it, and figures, task updates, explanation requests and confirmed links on
    its items (only the kinds found, each with how many)."""
    targets = select(Target.id).where(Target.plan_id == plan_id).scalar_subquery()
    tasks = select(Task.id).where(Task.plan_id == plan_id).scalar_subquery()
    queries = {
        "revisions": select(func.count()).where(Plan.revises_id == plan_id),
        "bases": select(func.count()).where(Basis.linked_plan_id == plan_id,
                                            Basis.plan_id != plan_id),
        "records": select(func.count()).where(ProgressRecord.target_id.in_(targets)),
        "updates": select(func.count()).where(TaskUpdate.task_id.in_(tasks)),
        "explanations": select(func.count()).where(
            ExplanationRequest.target_id.in_(targets) | ExplanationRequest.task_id.in_(tasks)),
        "links": select(func.count()).where(
            TargetLink.state == "confirmed",
            TargetLink.target_id.in_(targets) | TargetLink.other_id.in_(targets)),
    }
    counts = {name: s.scalar(q) or 0 for name, q in queries.items()}
    return {name: n for name, n in counts.items() if n}
