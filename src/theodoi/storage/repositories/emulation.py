"""Queries of emulation movements: a unit's movements, one movement, its criteria and
participants, and the movement a plan launched."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from theodoi.storage.models import (
    Movement,
    MovementCriterion,
    MovementParticipant,
    Plan,
    Registration,
    SourceFile,
    Target,
)


def add(s: Session, row: Movement | MovementCriterion | MovementParticipant | Registration
        ) -> None:
    s.add(row)
    s.flush()


def delete(s: Session, row: MovementCriterion | MovementParticipant) -> None:
    s.delete(row)
    s.flush()


def get(s: Session, movement_id: int) -> Movement | None:
    return s.get(Movement, movement_id)


def criterion(s: Session, criterion_id: int) -> MovementCriterion | None:
    return s.get(MovementCriterion, criterion_id)


def participant(s: Session, participant_id: int) -> MovementParticipant | None:
    return s.get(MovementParticipant, participant_id)


def of_unit(s: Session, unit_id: int) -> list[Movement]:
    """The unit's movements, newest first."""
    return list(s.scalars(select(Movement).where(Movement.unit_id == unit_id)
                          .order_by(Movement.id.desc())))


def launched_by(s: Session, plan_id: int) -> Movement | None:
    """The movement created from plan `plan_id`'s emulation section, if any."""
    return s.scalars(select(Movement).where(Movement.source_plan_id == plan_id)
                     .order_by(Movement.id)).first()


def extraction_of(s: Session, plan: Plan) -> dict[str, object] | None:
    """The stored extraction of the plan's source file (None for a register restored
    without its file)."""
    if plan.source_sha256 is None:
        return None
    found: dict[str, object] | None = s.scalar(  # the JSON alone, not the file's bytes
        select(SourceFile.extraction).where(SourceFile.sha256 == plan.source_sha256))
    return found


def unit_plans(s: Session, unit_id: int) -> list[Plan]:
    """The unit's plans, newest first."""
    return list(s.scalars(select(Plan).where(Plan.unit_id == unit_id)
                          .order_by(Plan.id.desc())))


def target(s: Session, target_id: int) -> Target | None:
    return s.get(Target, target_id)
