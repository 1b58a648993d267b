"""The status engine's reads as plain rows, for many units at once.

Status needs a few columns of each live item and the current values up to a day; loading
them as tuples instead of ORM objects is what keeps a province (15,000 items, 500,000
records) within a second. Every function is a fixed number of queries for any number of
units. The largest reads (`actuals`, `milestones`, `latest_updates`, `rule_rows`,
`task_rule_rows`) give the driver's own tuples (`_plain`), not SQLAlchemy rows: a
province's 52,500 current values cost a third as much. On SQLite what a read costs is
mostly how many values it returns: Python 3.11's driver releases and takes back the GIL
for every row and for every value it reads (half a million times in one cold province
dashboard, a tenth of its instructions by callgrind), so what can be read together is.

Each statement is built once per process (`functools.cache`) with its unit ids, day and
period as bound parameters (`{"units": [...]}`), not built again on every call: building
a statement, making its cache key and matching a new statement's columns to the cached
compiled form cost SQLAlchemy about 0.6 ms a query, three to four times what SQLite took
to run it for one commune, and a commune's summary after a write runs eight of them. The
SQL sent is the same.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import BindParameter, Row, Select, bindparam, func, select, true
from sqlalchemy.orm import Session

from theodoi.domain.trajectory import Actual
from theodoi.storage import db
from theodoi.storage.models import (
    Agency,
    Assignment,
    Milestone,
    Plan,
    ProgressRecord,
    ReportStream,
    Target,
    Task,
    TaskUpdate,
    Unit,
)
from theodoi.storage.repositories.progress import LIVE_REVIEWS

TARGET_COLUMNS = (Target.id, Plan.unit_id, Target.plan_id, Target.field, Target.indicator,
                  Target.text, Target.kind, Target.direction, Target.comparator, Target.value,
                  Target.value_max, Target.value_of, Target.unit, Target.per_year,
                  Target.recurrence, Target.deadline_year, Target.baseline_value,
                  Target.baseline_year, Plan.term_end)
TASK_COLUMNS = (Task.id, Plan.unit_id, Task.plan_id, Task.title, Task.text, Task.due_date,
                Task.due_recurrence, Task.field)
# what the rules read of an item, for counting codes (no titles, no order)
RULE_TARGET_COLUMNS = (Target.id, Plan.unit_id, Target.plan_id, Target.indicator, Target.text,
                       Target.kind, Target.direction, Target.comparator, Target.value,
                       Target.value_max, Target.value_of, Target.unit, Target.per_year,
                       Target.recurrence, Target.deadline_year, Target.baseline_value,
                       Target.baseline_year, Plan.term_end)
RULE_TASK_COLUMNS = (Task.id, Plan.unit_id, Task.plan_id, Task.due_date, Task.due_recurrence)
# what `rule_rows` reads: RULE_TARGET_COLUMNS with the two pairs the rules read as one made
# one column by the database, `indicator or text` (the wording) and `deadline_year or
# term_end` (the deadline): 15,000 values fewer for a province, each handed over by the
# Python driver on its own
COUNTED_TARGET_COLUMNS = (
    Target.id, Plan.unit_id, Target.plan_id,
    func.coalesce(func.nullif(Target.indicator, ""), Target.text), Target.kind,
    Target.direction, Target.comparator, Target.value, Target.value_max, Target.value_of,
    Target.unit, Target.per_year, Target.recurrence,
    func.coalesce(func.nullif(Target.deadline_year, 0), Plan.term_end),
    Target.baseline_value, Target.baseline_year)


def _plain(s: Session, query: Select[*tuple[Any, ...]], params: dict[str, Any],
           dates: tuple[int, ...] = (), flags: tuple[int, ...] = ()) -> list[Any]:
    """The rows of `query` as the driver's plain tuples, without building a SQLAlchemy Row
    for each. The statement runs through the session's connection like any other (same
    transaction, events and statement log; pending changes flushed first, as `s.execute`
    does). Where the driver gives text for a date or an integer for a boolean (SQLite),
    the columns at `dates` are made dates and those at `flags` booleans, each distinct
    value converted once."""
    rows = _fetched(s, query, params)
    if not rows:
        return rows
    columns, changed = list(zip(*rows, strict=True)), False
    for i, convert in [(i, _day) for i in dates] + [(i, _flag) for i in flags]:
        seen = set(columns[i])
        if any(v is not None and convert(v) is not v for v in seen):
            as_made = {v: convert(v) for v in seen}
            columns[i], changed = tuple(map(as_made.__getitem__, columns[i])), True
    return list(zip(*columns, strict=True)) if changed else rows


def _fetched(s: Session, query: Select[*tuple[Any, ...]], params: dict[str, Any]
             ) -> list[Any]:
    """The driver's own rows of `query` with `params`, run through the session's connection
    (`_plain`)."""
    if s.autoflush:
        s.flush()
    result = s.connection().execute(query, params,
                                    execution_options={db.BINARY_ROWS: True})
    try:
        return cast(list[Any], result.cursor.fetchall())
    finally:
        result.close()


def _day(v: Any) -> Any:
    return date.fromisoformat(v) if isinstance(v, str) else v


def _flag(v: Any) -> Any:
    return bool(v) if isinstance(v, int) and not isinstance(v, bool) else v


def below(s: Session, unit_id: int) -> list[int]:
    """The unit and every unit under it (a province and its communes)."""
    found, frontier = [unit_id], [unit_id]
    while frontier:
        frontier = list(s.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier))))
        found += frontier
    return found


def _units() -> BindParameter[Any]:
    """The unit ids a built statement is run for: `{"units": [...]}`."""
    return bindparam("units", expanding=True)


def _live(model: type[Target] | type[Task]) -> Select[*tuple[Any, ...]]:
    """The ids of the live items of the units bound to `units`."""
    return (select(model.id).join(Plan, model.plan_id == Plan.id)
            .where(Plan.unit_id.in_(_units()), Plan.status == "active",
                   model.review.in_(LIVE_REVIEWS)))


@cache
def _items(model: type[Target] | type[Task]) -> Select[*tuple[Any, ...]]:
    columns = TARGET_COLUMNS if model is Target else TASK_COLUMNS
    return (select(*columns).join(Plan, model.plan_id == Plan.id)
            .where(model.id.in_(_live(model)))
            .order_by(Plan.unit_id, model.plan_id, model.position, model.id))


def targets(s: Session, unit_ids: list[int]) -> list[Row[*tuple[Any, ...]]]:
    return list(s.execute(_items(Target), {"units": unit_ids}))


def tasks(s: Session, unit_ids: list[int]) -> list[Row[*tuple[Any, ...]]]:
    return list(s.execute(_items(Task), {"units": unit_ids}))


def rule_rows(s: Session, unit_ids: list[int]) -> list[tuple[Any, ...]]:
    """The live targets of the units as plain tuples of `COUNTED_TARGET_COLUMNS` (in that
    order), in no particular order: what counting their status codes needs. `per_year`
    is the driver's value (an integer on SQLite), not converted here: turning one column
    of 7,500 wide rows cost more than the reader's bool() of it."""
    return _fetched(s, _rule_rows(), {"units": unit_ids})


@cache
def _rule_rows() -> Select[*tuple[Any, ...]]:
    return (select(*COUNTED_TARGET_COLUMNS).join(Plan, Target.plan_id == Plan.id)
            .where(Plan.unit_id.in_(_units()), Plan.status == "active",
                   Target.review.in_(LIVE_REVIEWS)))


def task_rule_rows(s: Session, unit_ids: list[int], up_to: date) -> list[tuple[Any, ...]]:
    """The live tasks of the units as plain tuples of `RULE_TASK_COLUMNS` followed by their
    latest update made by `up_to` as `latest_updates` chooses it (reported on, state,
    percent, completed on; four None when there is none), in no particular order, days
    as dates: what counting their codes and the period's task reports needs, in one read
    (each task's row and its update apart cost a second pass of 7,000 rows)."""
    params = {"units": unit_ids, "up_to": up_to}
    if s.get_bind().dialect.name == "postgresql":
        return _fetched(s, _task_rule_rows_lateral(), params)
    return _plain(s, _task_rule_rows(), params, dates=_TASK_DAYS)


_TASK_DAYS = (3, 5, 8)  # task_rule_rows' due date, reported on, completed on


@cache
def _task_rule_rows() -> Select[*tuple[Any, ...]]:
    u = TaskUpdate
    return (select(*RULE_TASK_COLUMNS, u.reported_on, u.state, u.percent, u.completed_on)
            .select_from(Task).join(Plan, Task.plan_id == Plan.id)
            .outerjoin(u, u.id == _latest_id()).where(*_live_tasks()))


@cache
def _task_rule_rows_lateral() -> Select[*tuple[Any, ...]]:
    newest = _newest_lateral()
    return (select(*RULE_TASK_COLUMNS, newest.c.reported_on, newest.c.state,
                   newest.c.percent, newest.c.completed_on)
            .select_from(Task).join(Plan, Task.plan_id == Plan.id)
            .outerjoin(newest, true()).where(*_live_tasks()))


@cache
def _milestones() -> Select[*tuple[Any, ...]]:
    return (select(Milestone.target_id, Milestone.year, Milestone.value)
            .where(Milestone.target_id.in_(_live(Target)))
            .order_by(Milestone.target_id, Milestone.year))


def milestones(s: Session, unit_ids: list[int]) -> list[tuple[int, int, float | None]]:
    return _plain(s, _milestones(), {"units": unit_ids})


@cache
def _leads(model: type[Target] | type[Task]) -> Select[*tuple[Any, ...]]:
    column = Assignment.target_id if model is Target else Assignment.task_id
    return (select(column, func.coalesce(Agency.name, Assignment.name))
            .outerjoin(Agency, Assignment.agency_id == Agency.id)
            .where(Assignment.role == "lead", column.in_(_live(model)))
            .order_by(column, Assignment.position, Assignment.id))


def leads(s: Session, unit_ids: list[int],
          model: type[Target] | type[Task]) -> list[Row[int | None, str]]:
    """(item id, the lead's directory name or, unresolved, the document's wording)."""
    return list(s.execute(_leads(model), {"units": unit_ids}))


@cache
def _actuals() -> Select[*tuple[Any, ...]]:
    """The current records of the live targets of `units` for periods ending by `up_to`.
    `NOT superseded` (`~`), not `IS false`: on PostgreSQL the condition of the index of
    current records (ix_progress_records_current_only), which the planner uses only when
    the query says the same; it reads that index whole instead of probing the index of
    every record once per target (30-32 -> 9.5 ms of the server for 100 communes).
    SQLite is sent `superseded = 0` and keeps its plan."""
    return (select(ProgressRecord.target_id, ProgressRecord.period_end, ProgressRecord.value,
                   ProgressRecord.value_of)
            .where(ProgressRecord.target_id.in_(_live(Target)),
                   ~ProgressRecord.superseded,
                   ProgressRecord.period_end <= bindparam("up_to")))


def actuals(s: Session, unit_ids: list[int],
            up_to: date) -> list[tuple[int, date, float, float | None]]:
    """(target id, period end, value, value_of) of the current record of every (target,
    period) ending by `up_to`: the records no correction has superseded."""
    return _plain(s, _actuals(), {"units": unit_ids, "up_to": up_to}, dates=(1,))


def actuals_by_target(s: Session, unit_ids: list[int], up_to: date
                      ) -> dict[int, list[Actual]]:
    """`actuals` as the rules take them: each target's current values as `Actual`s
    (targets with none left out), made in one pass over the driver's rows. A province's
    52,500 values: a fifth less than `actuals` grouped afterwards, which makes every row
    twice. Days the driver gives as text (SQLite) are converted once per distinct day,
    before the pass; dates (PostgreSQL) are taken as they come, not looked up per row."""
    rows = _fetched(s, _actuals(), {"units": unit_ids, "up_to": up_to})
    out: defaultdict[int, list[Actual]] = defaultdict(list)
    make = tuple.__new__  # what Actual(…) runs, without its Python frame per row
    if rows and isinstance(rows[0][1], str):
        days = {on: _day(on) for on in {row[1] for row in rows}}
        for target_id, on, value, value_of in rows:
            out[target_id].append(make(Actual, (days[on], value, value_of)))
    else:
        for target_id, on, value, value_of in rows:
            out[target_id].append(make(Actual, (on, value, value_of)))
    out.default_factory = None  # a plain mapping from here: a missing target is no entry
    return out


def latest_updates(s: Session, unit_ids: list[int], up_to: date
                   ) -> list[tuple[int, date, str, float | None, date | None]]:
    """(task id, reported on, state, percent, completed on) of each task's latest update
    made by `up_to` (latest day, then newest id); tasks with none left out.

    One index probe per live task (ix_task_updates_latest) instead of ranking every update
    of the units: a province's 100,000 updates cost what its 7,500 tasks do. On
    PostgreSQL the probe is a LATERAL subquery: the id matched to a correlated subquery
    (SQLite's form) is planned there, once the tables are analysed, as a hash join over
    every update of the database (222 → 47 ms at 100 communes)."""
    params = {"units": unit_ids, "up_to": up_to}
    if s.get_bind().dialect.name == "postgresql":
        return _fetched(s, _latest_updates_lateral(), params)
    return _plain(s, _latest_updates(), params, dates=(1, 4))


def _live_tasks() -> tuple[Any, ...]:
    return (Plan.unit_id.in_(_units()), Plan.status == "active", Task.review.in_(LIVE_REVIEWS))


def _latest_id() -> Any:
    """The id of the latest update made by `up_to` of the task of the outer row (latest
    day, then newest id; withdrawn ones not counted): one probe of ix_task_updates_latest."""
    u = TaskUpdate
    return (select(u.id).where(u.task_id == Task.id, u.reported_on <= bindparam("up_to"),
                               u.withdrawn.is_(False))
            .order_by(u.reported_on.desc(), u.id.desc()).limit(1)
            .correlate(Task).scalar_subquery())


def _newest_lateral() -> Any:
    """`_latest_id`'s update as a LATERAL subquery (PostgreSQL: `latest_updates` says why)."""
    u = TaskUpdate
    return (select(u.task_id, u.reported_on, u.state, u.percent, u.completed_on)
            .where(u.task_id == Task.id, u.reported_on <= bindparam("up_to"),
                   u.withdrawn.is_(False))
            .order_by(u.reported_on.desc(), u.id.desc()).limit(1).lateral())


@cache
def _latest_updates() -> Select[*tuple[Any, ...]]:
    u = TaskUpdate
    return (select(u.task_id, u.reported_on, u.state, u.percent, u.completed_on)
            .select_from(Task).join(Plan, Task.plan_id == Plan.id).join(u, u.id == _latest_id())
            .where(*_live_tasks()))


@cache
def _latest_updates_lateral() -> Select[*tuple[Any, ...]]:
    newest = _newest_lateral()
    return (select(*newest.c).select_from(Task).join(Plan, Task.plan_id == Plan.id)
            .join(newest, true()).where(*_live_tasks()))


@cache
def _active_plans() -> Select[*tuple[Any, ...]]:
    return (select(Plan.id, Plan.unit_id, ReportStream.every, ReportStream.days_after,
                   ReportStream.day, ReportStream.month, ReportStream.recipient)
            .outerjoin(ReportStream, ReportStream.plan_id == Plan.id)
            .where(Plan.unit_id.in_(_units()), Plan.status == "active")
            .order_by(Plan.id, ReportStream.position))


def active_plans(s: Session, unit_ids: list[int]) -> list[Row[
        int, int, str | None, int | None, int | None, int | None, str | None]]:
    """(plan id, unit id, every, days_after, day, month, recipient) for each reporting
    stream of the units' active plans: plans oldest first, streams in order; a plan with
    no stream stored gives one row with None in the stream's columns."""
    return list(s.execute(_active_plans(), {"units": unit_ids}))


def first_reports(s: Session, unit_ids: list[int], period_key: str) -> dict[int, datetime]:
    """When each live target of the units first got a record for the period: id -> time."""
    rows = s.execute(_first_reports(), {"units": unit_ids, "period": period_key})
    return {target_id: at for target_id, at in rows}


@cache
def _first_reports() -> Select[*tuple[Any, ...]]:
    return (select(ProgressRecord.target_id, func.min(ProgressRecord.recorded_at))
            .where(ProgressRecord.target_id.in_(_live(Target)),
                   ProgressRecord.period_key == bindparam("period"))
            .group_by(ProgressRecord.target_id))


def reported_targets(s: Session, unit_ids: list[int], period_key: str,
                     by: date) -> dict[tuple[int, int], int]:
    """How many live targets of each unit's plans have a record for the period recorded by
    the end of day `by` (their first report came by then): (unit id, plan id) -> count,
    plans with none left out. The count `first_reports` gives target by target, made in
    the database."""
    until = datetime.combine(by + timedelta(days=1), time.min)
    rows = s.execute(_reported_targets(),
                     {"units": unit_ids, "period": period_key, "until": until})
    return {(unit_id, plan_id): count for unit_id, plan_id, count in rows}


@cache
def _reported_targets() -> Select[*tuple[Any, ...]]:
    reported = (select(ProgressRecord.id)
                .where(ProgressRecord.target_id == Target.id,
                       ProgressRecord.period_key == bindparam("period"),
                       ProgressRecord.recorded_at < bindparam("until")).exists())
    return (select(Plan.unit_id, Target.plan_id, func.count(Target.id))
            .join(Plan, Target.plan_id == Plan.id)
            .where(Plan.unit_id.in_(_units()), Plan.status == "active",
                   Target.review.in_(LIVE_REVIEWS), reported)
            .group_by(Plan.unit_id, Target.plan_id))


def first_task_reports(s: Session, unit_ids: list[int], period_key: str) -> dict[int, date]:
    """The first day each live task of the units was reported on for the period."""
    rows = s.execute(_first_task_reports(), {"units": unit_ids, "period": period_key})
    return {task_id: on for task_id, on in rows}


@cache
def _first_task_reports() -> Select[*tuple[Any, ...]]:
    return (select(TaskUpdate.task_id, func.min(TaskUpdate.reported_on))
            .where(TaskUpdate.task_id.in_(_live(Task)),
                   TaskUpdate.period_key == bindparam("period"),
                   TaskUpdate.withdrawn.is_(False))
            .group_by(TaskUpdate.task_id))


def names(s: Session, unit_ids: list[int]) -> dict[int, str]:
    """Each unit's name by id, in the order given."""
    found = dict(s.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids))).all())
    return {i: found[i] for i in unit_ids if i in found}
