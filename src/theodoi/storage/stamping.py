"""Every flush that changes what a unit's status reads replaces that unit's data stamp.

A listener on every Session: after each flush it looks at the rows added, changed and
deleted, finds the unit each hangs on (table `HANGS_ON` below: a row names its unit, its
plan, its target or its task) and writes a fresh random stamp for those units in the same
transaction. A rollback takes the new stamp back with the data. A one-statement UPDATE
or DELETE through the session (a repository's guarded write: superseding a record,
moving assignments) writes no ORM object, so no flush sees it: a second listener stamps
the units of the rows its WHERE picks, read just before it runs. Statements run on a bare
Connection are not seen; the application runs none on these tables
(tests/services/test_stamp_coverage.py).
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, bindparam, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState, Session

from theodoi.storage.models import (
    Agency,
    Assignment,
    Basis,
    BodyApprover,
    Contribution,
    FigureSubmission,
    InstructionItem,
    LevelLink,
    Milestone,
    OfficeEstimate,
    PeriodLock,
    Plan,
    ProductStep,
    ProgressRecord,
    ReportStream,
    RollupMethod,
    Target,
    Task,
    TaskUpdate,
    Unit,
    UnitStamp,
)

# model -> (attribute, what that attribute points at): "unit", "plan", "target" or "task"
HANGS_ON: dict[type, tuple[tuple[str, str], ...]] = {
    Unit: (("id", "unit"),),
    Plan: (("unit_id", "unit"),),
    Agency: (("unit_id", "unit"),),
    Target: (("plan_id", "plan"),),
    Task: (("plan_id", "plan"),),
    Milestone: (("target_id", "target"),),
    ProgressRecord: (("target_id", "target"),),
    TaskUpdate: (("task_id", "task"),),
    ProductStep: (("task_id", "task"),),
    Assignment: (("target_id", "target"), ("task_id", "task")),
    Contribution: (("target_id", "target"), ("task_id", "task")),
    OfficeEstimate: (("target_id", "target"),),  # the target's page lists them
    FigureSubmission: (("target_id", "target"),),
    PeriodLock: (("unit_id", "unit"),),
    ReportStream: (("plan_id", "plan"),),
    # a link across levels changes the roll-up of the unit above and the page of the one below
    LevelLink: (("upper_id", "target"), ("lower_id", "target")),
    RollupMethod: (("upper_id", "target"),),
    # the instruction task's status is read from its items; the lower unit lists its own
    InstructionItem: (("task_id", "task"), ("unit_id", "unit")),
    # a lower unit's plan linked to (or unlinked from) a higher plan closes (or reopens)
    # its instruction items, which the higher unit's status reads
    Basis: (("plan_id", "plan"), ("linked_plan_id", "plan")),
    BodyApprover: (("unit_id", "unit"),),  # who may decide shows on the task's page
}
_KEY = "theodoi_stamp_rows"
_HELD = "theodoi_stamps_held"  # units whose stamp row this transaction has locked
_VIA = {"plan": (Plan.id, None), "target": (Target.id, Target), "task": (Task.id, Task)}


Row = tuple[object, bool, tuple[tuple[str, int], ...]]


def pending(s: Session) -> list[Row]:
    """The rows a flush is about to write that hang on a unit, whether each is deleted,
    and what a changed pointer pointed at before (what, id): a basis unlinked from a
    province plan changes what the province's status reads too.

    Kept as objects: a new row's foreign keys are only filled in by the flush itself."""
    changed = [o for o in s.dirty if s.is_modified(o, include_collections=False)]
    rows = [(o, False) for o in [*s.new, *changed]] + [(o, True) for o in s.deleted]
    return [(o, gone, _before(o)) for o, gone in rows if type(o) in HANGS_ON]


def _before(obj: object) -> tuple[tuple[str, int], ...]:
    """The values the row's pointers had before this flush changed them."""
    state = inspect(obj)
    if state.transient or state.pending:
        return ()
    return tuple((points_at, value) for attribute, points_at in HANGS_ON[type(obj)]
                 for value in state.attrs[attribute].history.deleted if value is not None)


def touched(rows: list[Row]) -> tuple[dict[str, set[int]], set[int]]:
    """The ids the rows point at (now or before), by what they point at; and the units
    deleted."""
    found: dict[str, set[int]] = defaultdict(set)
    deleted: set[int] = set()
    for obj, gone, before in rows:
        values = inspect(obj).dict  # never loads: a deleted row may be detached
        for attribute, points_at in HANGS_ON[type(obj)]:
            value = values.get(attribute)
            if value is not None:
                found[points_at].add(value)
        for points_at, value in before:
            found[points_at].add(value)
        if gone and isinstance(obj, Unit) and obj.id is not None:
            deleted.add(obj.id)
    return found, deleted


def _units_of(column: Any, model: type[Target] | type[Task] | None) -> Any:
    query = select(Plan.unit_id)
    if model is not None:
        query = query.join(model, model.plan_id == Plan.id)
    return query.where(column.in_(bindparam("ids", expanding=True)))


# what points at -> the units' query, built once with a bound list of ids: every write
# runs one, and a statement built anew is keyed for the compiled cache again each time
_UNITS_OF = {points_at: _units_of(column, model) for points_at, (column, model) in _VIA.items()}


def units_of(conn: Connection, found: dict[str, set[int]]) -> set[int]:
    """The units of the plans, targets and tasks named, plus the units named directly."""
    out = set(found.get("unit", ()))
    for points_at, query in _UNITS_OF.items():
        ids = found.get(points_at)
        if ids:
            out.update(conn.execute(query, {"ids": sorted(ids)}).scalars())
    return out


def _upsert(dialect_name: str) -> Any:
    """INSERT of one unit's stamp (bound), replacing the one it has, in the backend's
    dialect (both speak ON CONFLICT)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    insert = dialect.insert(UnitStamp)
    return insert.on_conflict_do_update(index_elements=[UnitStamp.unit_id],
                                        set_={"stamp": insert.excluded.stamp})


_UPSERTS = {name: _upsert(name) for name in ("postgresql", "sqlite")}


def stamp(conn: Connection, unit_ids: set[int]) -> None:
    """A fresh random stamp for each unit, inserted or replaced (lowest id first), by one
    statement built once: a write stamps one unit or two."""
    if not unit_ids:
        return
    upsert = _UPSERTS["postgresql" if conn.dialect.name == "postgresql" else "sqlite"]
    conn.execute(upsert, [{"unit_id": i, "stamp": secrets.randbits(63)}
                          for i in sorted(unit_ids)])


def lock_first(s: Session, rows: list[Row]) -> None:
    """PostgreSQL: take the units' stamp rows before the flush locks any row of theirs.

    The one lock order of every write: a unit's stamp row, then its data rows. Stamped
    only after its rows, a transaction that flushes twice (X, stamp; then Y) and one that
    flushed Y then waited for the stamp waited for each other until PostgreSQL broke the
    deadlock by failing one (tests/storage/test_lock_order.py). Taken first, the stamp
    row makes writers of one unit queue before they hold anything. SQLite locks the
    whole database at the first write, so it needs nothing here. A new row whose keys
    the flush fills in is stamped after."""
    if not rows or s.get_bind().dialect.name != "postgresql":
        return
    found, deleted = touched(rows)
    held: set[int] = s.info.setdefault(_HELD, set())
    conn = s.connection()
    wanted = units_of(conn, found) - deleted - held
    if wanted:
        stamp(conn, wanted)
        held |= wanted


@event.listens_for(Session, "before_flush")
def _collect(s: Session, _context: Any, _instances: Any) -> None:
    rows = pending(s)
    s.info.setdefault(_KEY, []).extend(rows)
    lock_first(s, rows)


@event.listens_for(Session, "after_flush_postexec")
def _stamp(s: Session, _context: Any) -> None:
    rows = s.info.pop(_KEY, [])
    if rows:
        found, deleted = touched(rows)
        conn = s.connection()
        stamp(conn, units_of(conn, found) - deleted)  # a deleted unit's stamp went with it


@event.listens_for(Session, "do_orm_execute")
def _statement(state: ORMExecuteState) -> None:
    """Stamp the units of the rows a bulk UPDATE or DELETE on a stamped table will write,
    before it runs (the one lock order: stamp row first)."""
    mapper = state.bind_mapper
    model = mapper.class_ if mapper is not None else None
    if not (state.is_update or state.is_delete) or model not in HANGS_ON:
        return
    where = state.statement.whereclause  # type: ignore[attr-defined]
    pointers = HANGS_ON[model]
    query = select(*(getattr(model, attribute) for attribute, _ in pointers))
    found: dict[str, set[int]] = defaultdict(set)
    conn = state.session.connection()
    for row in conn.execute(query if where is None else query.where(where)):
        for value, (_attribute, points_at) in zip(row, pointers, strict=True):
            if value is not None:
                found[points_at].add(value)
    stamp(conn, units_of(conn, found))


@event.listens_for(Session, "after_rollback")
def _forget(s: Session) -> None:
    s.info.pop(_KEY, None)
    s.info.pop(_HELD, None)


@event.listens_for(Session, "after_commit")
def _release(s: Session) -> None:
    s.info.pop(_HELD, None)
