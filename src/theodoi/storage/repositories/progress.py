"""Queries on progress: reported values, task updates, explanation requests, completeness.

Progress records are append-only; the *current* record of a (target, period) is its one
record not superseded (a partial unique index keeps it one). Queries for a whole unit
select the unit's items of active plans in a subquery, so a unit with 15,000 items and
500,000 records costs a fixed number of queries, never one per item.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from theodoi.storage.models import (
    Agency,
    Assignment,
    Attachment,
    Contribution,
    ExplanationRequest,
    FigureSubmission,
    OfficeEstimate,
    Plan,
    ProgressRecord,
    Target,
    Task,
    TaskUpdate,
)

LIVE_REVIEWS = ("accepted", "corrected", "added")  # proposed/rejected items are not tracked
CURRENT_INDEX = "uq_progress_records_current"  # PostgreSQL names it in the error
CURRENT_COLUMNS = "progress_records.target_id, progress_records.period_key"  # SQLite


def add(s: Session, row: object) -> None:
    s.add(row)
    s.flush()


def add_attachment(s: Session, sha256: str, name: str, content: bytes) -> Attachment:
    row = Attachment(sha256=sha256, name=name, size=len(content), content=content)
    add(s, row)
    return row


def attachment(s: Session, attachment_id: int) -> Attachment | None:
    return s.get(Attachment, attachment_id)


def attachment_names(s: Session, ids: set[int]) -> dict[int, str]:
    """The file names of attachments, without reading their content."""
    if not ids:
        return {}
    rows = s.execute(select(Attachment.id, Attachment.name).where(Attachment.id.in_(ids)))
    return {i: name for i, name in rows}


def attachment_owner(s: Session, attachment_id: int) -> tuple[str, int] | None:
    """('target', id) or ('task', id): the item whose record, update, figure waiting for
    validation or co-agency contribution carries the file (one carries each stored
    file); None for a file no report names."""
    target = s.scalar(select(ProgressRecord.target_id)
                      .where(ProgressRecord.attachment_id == attachment_id).limit(1))
    if target is not None:
        return "target", target
    task = s.scalar(select(TaskUpdate.task_id)
                    .where(TaskUpdate.attachment_id == attachment_id).limit(1))
    if task is not None:
        return "task", task
    waiting = s.scalar(select(FigureSubmission.target_id)
                       .where(FigureSubmission.attachment_id == attachment_id).limit(1))
    if waiting is not None:  # a figure sent for validation (services/validation)
        return "target", waiting
    shared = s.execute(select(Contribution.target_id, Contribution.task_id)
                       .where(Contribution.attachment_id == attachment_id).limit(1)).first()
    if shared is None:
        return None
    if shared[0] is not None:
        return "target", int(shared[0])
    return ("task", int(shared[1])) if shared[1] is not None else None


def contributions_of(s: Session, target: bool, item_id: int) -> list[Contribution]:
    owner = Contribution.target_id if target else Contribution.task_id
    return list(s.scalars(select(Contribution).where(owner == item_id)
                          .order_by(Contribution.recorded_at, Contribution.id)))


def contributions_for_unit(s: Session, unit_id: int) -> list[Contribution]:
    """Every contribution to the unit's live items of active plans (for its report)."""
    return list(s.scalars(select(Contribution).where(
        Contribution.target_id.in_(unit_targets(unit_id))
        | Contribution.task_id.in_(unit_tasks(unit_id)))
        .order_by(Contribution.recorded_at, Contribution.id)))


def contributions_with_items(s: Session, unit_id: int
                             ) -> list[tuple[Contribution, Target | Task]]:
    """Every contribution to the unit's live items of active plans, with its item (for
    the report's appendix of each co-agency), oldest first."""
    rows = contributions_for_unit(s, unit_id)
    targets, tasks = items_by_id(s, {r.target_id for r in rows if r.target_id},
                                 {r.task_id for r in rows if r.task_id})
    return [(r, targets[r.target_id] if r.target_id else tasks[r.task_id or 0])
            for r in rows]


def agency_names(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {i: n for i, n in s.execute(select(Agency.id, Agency.name)
                                       .where(Agency.id.in_(ids)))}


def unit_targets(unit_id: int) -> Select[Any]:
    """Ids of the unit's live targets of active plans, as a subquery to filter by."""
    return (select(Target.id).join(Plan, Target.plan_id == Plan.id)
            .where(Plan.unit_id == unit_id, Plan.status == "active",
                   Target.review.in_(LIVE_REVIEWS)))


def unit_tasks(unit_id: int) -> Select[Any]:
    return (select(Task.id).join(Plan, Task.plan_id == Plan.id)
            .where(Plan.unit_id == unit_id, Plan.status == "active",
                   Task.review.in_(LIVE_REVIEWS)))


def active_targets(s: Session, unit_id: int) -> list[Target]:
    """The unit's live targets of active plans with plan, milestones and lead agencies."""
    query = (select(Target).where(Target.id.in_(unit_targets(unit_id)))
             .options(selectinload(Target.plan), selectinload(Target.milestones),
                      selectinload(Target.assignments).selectinload(Assignment.agency))
             .order_by(Target.plan_id, Target.position, Target.id))
    return list(s.scalars(query))


def active_tasks(s: Session, unit_id: int) -> list[Task]:
    query = (select(Task).where(Task.id.in_(unit_tasks(unit_id)))
             .options(selectinload(Task.plan),
                      selectinload(Task.assignments).selectinload(Assignment.agency))
             .order_by(Task.plan_id, Task.position, Task.id))
    return list(s.scalars(query))


def records_of(s: Session, target_id: int) -> list[ProgressRecord]:
    """Every record of a target, oldest first: the history, corrections included."""
    return list(s.scalars(select(ProgressRecord).where(ProgressRecord.target_id == target_id)
                          .order_by(ProgressRecord.id)))


def current(s: Session, target_id: int, period_key: str) -> ProgressRecord | None:
    """The current record of one (target, period), row-locked until the transaction ends
    (PostgreSQL; SQLite has one writer at a time): a second save of the period waits,
    then finds it superseded and loses on the unique index instead of adding a second
    current record. The newest not superseded: a revert can supersede the newest and make
    an older one current again."""
    return s.scalar(select(ProgressRecord)
                    .where(ProgressRecord.target_id == target_id,
                           ProgressRecord.period_key == period_key,
                           ProgressRecord.superseded.is_(False))
                    .order_by(ProgressRecord.id.desc()).limit(1).with_for_update())


def supersede(s: Session, record_id: int) -> bool:
    """Mark a current record superseded in one guarded statement; False when another
    save did it first (the caller's view of the period is stale)."""
    done = s.execute(update(ProgressRecord)
                     .where(ProgressRecord.id == record_id,
                            ProgressRecord.superseded.is_(False))
                     .values(superseded=True)
                     .execution_options(synchronize_session="fetch"))
    return bool(getattr(done, "rowcount", 0))


def add_record(s: Session, row: ProgressRecord) -> bool:
    """Insert a new current record; False when the period already has another one (the
    unique index uq_progress_records_current refused it: a concurrent save won)."""
    s.add(row)
    try:
        s.flush()
    except IntegrityError as exc:
        if CURRENT_INDEX not in str(exc.orig) and CURRENT_COLUMNS not in str(exc.orig):
            raise
        return False
    return True


def _newest_ids(targets: Select[Any], up_to: date | None) -> Select[Any]:
    query = select(func.max(ProgressRecord.id)).where(ProgressRecord.target_id.in_(targets),
                                                      ProgressRecord.superseded.is_(False))
    if up_to is not None:
        query = query.where(ProgressRecord.period_end <= up_to)
    return query.group_by(ProgressRecord.target_id, ProgressRecord.period_key)


def current_for_unit(s: Session, unit_id: int, up_to: date | None = None) -> list[ProgressRecord]:
    """The current record of every (target, period) of the unit's active items, for periods
    ending by `up_to`, in one query; ordered by target and period end."""
    query = (select(ProgressRecord)
             .where(ProgressRecord.id.in_(_newest_ids(unit_targets(unit_id), up_to)))
             .order_by(ProgressRecord.target_id, ProgressRecord.period_end))
    return list(s.scalars(query))


def current_for_targets(s: Session, target_ids: list[int],
                        up_to: date | None = None) -> list[ProgressRecord]:
    """Like `current_for_unit` for the given targets (chunked: backends cap parameters)."""
    out: list[ProgressRecord] = []
    for start in range(0, len(target_ids), 5000):
        ids = select(Target.id).where(Target.id.in_(target_ids[start:start + 5000]))
        out += s.scalars(select(ProgressRecord)
                         .where(ProgressRecord.id.in_(_newest_ids(ids, up_to)))
                         .order_by(ProgressRecord.target_id, ProgressRecord.period_end))
    return out


def updates_of(s: Session, task_id: int) -> list[TaskUpdate]:
    return list(s.scalars(select(TaskUpdate).where(TaskUpdate.task_id == task_id,
                                                   TaskUpdate.withdrawn.is_(False))
                          .order_by(TaskUpdate.reported_on, TaskUpdate.id)))


def latest_updates_for_unit(s: Session, unit_id: int, up_to: date) -> list[TaskUpdate]:
    """Each active task's latest update made by `up_to` (latest day, then newest id): the
    only one task status reads, so 15,000 tasks load 15,000 rows, not their whole history."""
    ranked = (select(TaskUpdate.id, func.row_number().over(
        partition_by=TaskUpdate.task_id,
        order_by=(TaskUpdate.reported_on.desc(), TaskUpdate.id.desc())).label("rank"))
        .where(TaskUpdate.task_id.in_(unit_tasks(unit_id)), TaskUpdate.reported_on <= up_to,
               TaskUpdate.withdrawn.is_(False))
        .subquery())
    latest = select(ranked.c.id).where(ranked.c.rank == 1)
    return list(s.scalars(select(TaskUpdate).where(TaskUpdate.id.in_(latest))))


def explanation(s: Session, request_id: int) -> ExplanationRequest | None:
    return s.get(ExplanationRequest, request_id)


def explanations_for_unit(s: Session, unit_id: int,
                          state: str | None = None) -> list[ExplanationRequest]:
    """The unit's requests on items of its plans (any status), oldest first."""
    on_target = ExplanationRequest.target_id.in_(
        select(Target.id).join(Plan, Target.plan_id == Plan.id).where(Plan.unit_id == unit_id))
    on_task = ExplanationRequest.task_id.in_(
        select(Task.id).join(Plan, Task.plan_id == Plan.id).where(Plan.unit_id == unit_id))
    query = select(ExplanationRequest).where(on_target | on_task)
    if state is not None:
        query = query.where(ExplanationRequest.state == state)
    return list(s.scalars(query.order_by(ExplanationRequest.id)))


def first_reports(s: Session, unit_id: int, period_key: str) -> dict[int, datetime]:
    """When each active target first got a record for the period: target id -> time."""
    rows = s.execute(select(ProgressRecord.target_id, func.min(ProgressRecord.recorded_at))
                     .where(ProgressRecord.target_id.in_(unit_targets(unit_id)),
                            ProgressRecord.period_key == period_key)
                     .group_by(ProgressRecord.target_id))
    return {target_id: at for target_id, at in rows}


def first_task_reports(s: Session, unit_id: int, period_key: str) -> dict[int, date]:
    """The first day each active task was reported on for the period: task id -> day."""
    rows = s.execute(select(TaskUpdate.task_id, func.min(TaskUpdate.reported_on))
                     .where(TaskUpdate.task_id.in_(unit_tasks(unit_id)),
                            TaskUpdate.period_key == period_key,
                            TaskUpdate.withdrawn.is_(False))
                     .group_by(TaskUpdate.task_id))
    return {task_id: on for task_id, on in rows}


def items_by_id(s: Session, target_ids: set[int], task_ids: set[int]
                ) -> tuple[dict[int, Target], dict[int, Task]]:
    """Targets and tasks by id with their lead agencies, two queries for any number."""
    lead = selectinload(Target.assignments).selectinload(Assignment.agency)
    targets = s.scalars(select(Target).where(Target.id.in_(target_ids)).options(lead))
    tasks = s.scalars(select(Task).where(Task.id.in_(task_ids))
                      .options(selectinload(Task.assignments).selectinload(Assignment.agency)))
    return {t.id: t for t in targets}, {t.id: t for t in tasks}


def record(s: Session, record_id: int) -> ProgressRecord | None:
    return s.get(ProgressRecord, record_id)


def task_update(s: Session, update_id: int) -> TaskUpdate | None:
    return s.get(TaskUpdate, update_id)


def restore(s: Session, row: ProgressRecord) -> None:
    """Make `row` current again (its successor is superseded first, by the caller)."""
    row.superseded = False
    s.flush()


def reports_on_plan(s: Session, plan_id: int) -> int:
    """How many counted reports the plan's items have: records and unwithdrawn updates."""
    records = s.scalar(select(func.count(ProgressRecord.id)).where(
        ProgressRecord.target_id.in_(select(Target.id).where(Target.plan_id == plan_id))))
    updates = s.scalar(select(func.count(TaskUpdate.id)).where(
        TaskUpdate.task_id.in_(select(Task.id).where(Task.plan_id == plan_id)),
        TaskUpdate.withdrawn.is_(False)))
    return int(records or 0) + int(updates or 0)


def office_estimates(s: Session, target_ids: list[int], year: int) -> dict[int, float]:
    """The office's estimates of `year` for the given targets, by target id."""
    out: dict[int, float] = {}
    for start in range(0, len(target_ids), 5000):  # backends cap parameters
        query = select(OfficeEstimate.target_id, OfficeEstimate.value).where(
            OfficeEstimate.year == year,
            OfficeEstimate.target_id.in_(target_ids[start:start + 5000]))
        out.update({target_id: value for target_id, value in s.execute(query)})
    return out


def office_estimate(s: Session, target_id: int, year: int) -> OfficeEstimate | None:
    return s.scalars(select(OfficeEstimate).where(OfficeEstimate.target_id == target_id,
                                                  OfficeEstimate.year == year)).first()


def drop_office_estimate(s: Session, row: OfficeEstimate) -> None:
    s.delete(row)
    s.flush()


def put_office_estimate(s: Session, row: OfficeEstimate) -> bool:
    """Insert a new estimate; False when the target's year already has one (the unique
    constraint refused it: a concurrent save won)."""
    s.add(row)
    try:
        s.flush()
    except IntegrityError as exc:
        if "office_estimates" not in str(exc.orig):
            raise
        return False
    return True


def office_estimates_of(s: Session, target_id: int) -> list[OfficeEstimate]:
    """A target's estimates typed by the office, the latest year first."""
    return list(s.scalars(select(OfficeEstimate).where(OfficeEstimate.target_id == target_id)
                          .order_by(OfficeEstimate.year.desc())))
