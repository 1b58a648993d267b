"""Queries of figure validation: the figures waiting per unit and per target, the one
waiting for a (target, period), guarded state changes, and the locks of a unit's periods."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from theodoi.storage.models import (
    Agency,
    Assignment,
    FigureSubmission,
    PeriodLock,
    Plan,
    ProgressRecord,
    Target,
)
from theodoi.storage.repositories.progress import LIVE_REVIEWS, unit_targets

WAITING = "cho_xac_nhan"
WAITING_INDEX = "uq_figure_submissions_waiting"  # PostgreSQL names it in the error
WAITING_COLUMNS = "figure_submissions.target_id, figure_submissions.period_key"  # SQLite


def add(s: Session, row: object) -> None:
    s.add(row)
    s.flush()


def add_waiting(s: Session, row: FigureSubmission) -> bool:
    """Insert a waiting figure; False when its (target, period) already has one waiting
    (the partial unique index refused it: a concurrent send won)."""
    s.add(row)
    try:
        s.flush()
    except IntegrityError as exc:
        if WAITING_INDEX not in str(exc.orig) and WAITING_COLUMNS not in str(exc.orig):
            raise
        return False
    return True


def get(s: Session, submission_id: int) -> FigureSubmission | None:
    return s.get(FigureSubmission, submission_id)


_WAITING_FOR = select(FigureSubmission).where(
    FigureSubmission.target_id == bindparam("target"),
    FigureSubmission.period_key == bindparam("period"), FigureSubmission.state == WAITING)


def waiting_for(s: Session, target_id: int, period_key: str) -> FigureSubmission | None:
    """The figure of a (target, period) waiting now, if any (at most one: a partial
    unique index). Built once: every figure sent asks."""
    return s.scalar(_WAITING_FOR, {"target": target_id, "period": period_key})


def move(s: Session, submission_id: int, before: str, after: str, **values: object) -> bool:
    """Change a figure's state from `before` to `after` in one guarded statement; False
    when someone else moved it first (the caller's page is stale)."""
    done = s.execute(update(FigureSubmission)
                     .where(FigureSubmission.id == submission_id,
                            FigureSubmission.state == before)
                     .values(state=after, **values)
                     .execution_options(synchronize_session="fetch"))
    return bool(getattr(done, "rowcount", 0))


def of_unit(s: Session, unit_id: int, states: tuple[str, ...]) -> list[FigureSubmission]:
    """The unit's figures (of live targets of active plans) in these states, oldest first."""
    return list(s.scalars(select(FigureSubmission)
                          .where(FigureSubmission.target_id.in_(unit_targets(unit_id)),
                                 FigureSubmission.state.in_(states))
                          .order_by(FigureSubmission.sent_at, FigureSubmission.id)))


def waiting_leads(s: Session, unit_id: int, period_key: str) -> list[tuple[int, str | None]]:
    """(target id, first lead's name) of each figure of the period waiting at the unit (of
    live targets of active plans), the lead named as `status_rows.leads` names it (the
    directory name, else the document's wording; None without a lead): two statements
    however many figures wait, where loading each target and its assignments was two
    more a figure."""
    waiting = list(s.scalars(select(FigureSubmission.target_id)
                             .where(FigureSubmission.target_id.in_(unit_targets(unit_id)),
                                    FigureSubmission.state == WAITING,
                                    FigureSubmission.period_key == period_key)))
    if not waiting:
        return []
    first: dict[int | None, str] = {}
    for target_id, name in s.execute(
            select(Assignment.target_id, func.coalesce(Agency.name, Assignment.name))
            .outerjoin(Agency, Assignment.agency_id == Agency.id)
            .where(Assignment.role == "lead", Assignment.target_id.in_(set(waiting)))
            .order_by(Assignment.target_id, Assignment.position, Assignment.id)):
        first.setdefault(target_id, name)
    return [(t, first.get(t)) for t in waiting]


def of_target(s: Session, target_id: int) -> list[FigureSubmission]:
    return list(s.scalars(select(FigureSubmission).where(FigureSubmission.target_id == target_id)
                          .order_by(FigureSubmission.id)))


def waiting_count(s: Session, unit_id: int) -> int:
    """How many figures of the unit wait for validation (one query)."""
    return int(s.scalar(select(func.count(FigureSubmission.id))
                        .where(FigureSubmission.target_id.in_(unit_targets(unit_id)),
                               FigureSubmission.state == WAITING)) or 0)


def waiting_by_target(s: Session, unit_id: int) -> dict[int, int]:
    """Figures waiting per target of the unit."""
    rows = s.execute(select(FigureSubmission.target_id, func.count(FigureSubmission.id))
                     .where(FigureSubmission.target_id.in_(unit_targets(unit_id)),
                            FigureSubmission.state == WAITING)
                     .group_by(FigureSubmission.target_id))
    return {int(t): int(n) for t, n in rows}


def waiting_counts(s: Session, unit_ids: list[int]) -> dict[int, int]:
    """Figures waiting per unit (live targets of active plans), in one query."""
    if not unit_ids:
        return {}
    rows = s.execute(_waiting_counts(), {"units": unit_ids})
    return {int(u): int(n) for u, n in rows}


@cache
def _waiting_counts() -> Select[*tuple[Any, ...]]:
    """Built once (a province's dashboard asks after every write in one of its communes):
    building the statement cost SQLAlchemy more than SQLite took to run it."""
    return (select(Plan.unit_id, func.count(FigureSubmission.id))
            .join(Target, Target.id == FigureSubmission.target_id)
            .join(Plan, Plan.id == Target.plan_id)
            .where(Plan.unit_id.in_(bindparam("units", expanding=True)),
                   Plan.status == "active", Target.review.in_(LIVE_REVIEWS),
                   FigureSubmission.state == WAITING)
            .group_by(Plan.unit_id))


_COUNTED_BEFORE = (select(ProgressRecord)
                   .where(ProgressRecord.target_id == bindparam("target"),
                          ProgressRecord.superseded.is_(False),
                          ProgressRecord.period_end < bindparam("end"))
                   .order_by(ProgressRecord.period_end.desc(), ProgressRecord.id.desc())
                   .limit(1))


def counted_before(s: Session, target_id: int, period_end: object) -> ProgressRecord | None:
    """The current record of the target's latest period ending before `period_end`
    (built once: every figure sent asks, for its plausibility warnings)."""
    return s.scalar(_COUNTED_BEFORE, {"target": target_id, "end": period_end})


def target(s: Session, target_id: int) -> Target | None:
    return s.get(Target, target_id)


def lock_state(s: Session, unit_id: int, period_key: str) -> PeriodLock | None:
    """The latest lock or reopening of a unit's period (None: never locked)."""
    return s.scalar(select(PeriodLock).where(PeriodLock.unit_id == unit_id,
                                             PeriodLock.period_key == period_key)
                    .order_by(PeriodLock.id.desc()).limit(1))


_LOCKS_OF = (select(PeriodLock).where(PeriodLock.unit_id == bindparam("unit"))
             .order_by(PeriodLock.id))


def locks_of(s: Session, unit_id: int) -> list[PeriodLock]:
    """Every lock and reopening of the unit, oldest first (built once: every write of a
    figure checks its period is open)."""
    return list(s.scalars(_LOCKS_OF, {"unit": unit_id}))
