"""Queries of the evaluation (bình xét thi đua): score sheets, their judgements and
council results, and the items an agency leads (what its sheet counts)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from theodoi.storage.models import (
    Assignment,
    CouncilResult,
    EvaluationSheet,
    Judgement,
    MovementParticipant,
)


def add(s: Session, row: EvaluationSheet | Judgement | CouncilResult) -> None:
    s.add(row)
    s.flush()


def sheet(s: Session, sheet_id: int) -> EvaluationSheet | None:
    return s.get(EvaluationSheet, sheet_id)


def sheet_of(s: Session, participant_id: int, as_of: date) -> EvaluationSheet | None:
    """The participant's sheet as of that day, if one was filled."""
    return s.scalars(select(EvaluationSheet).where(
        EvaluationSheet.participant_id == participant_id,
        EvaluationSheet.as_of == as_of)).first()


def sheets_of(s: Session, movement_id: int) -> list[EvaluationSheet]:
    """Every sheet of the movement, by participant then day (newest last)."""
    return list(s.scalars(select(EvaluationSheet)
                          .where(EvaluationSheet.movement_id == movement_id)
                          .order_by(EvaluationSheet.participant_id, EvaluationSheet.as_of)))


def voted_day(s: Session, participant_id: int) -> date | None:
    """The newest evaluation day whose sheet of the participant the council voted on."""
    return s.scalars(select(EvaluationSheet.as_of)
                     .join(CouncilResult, CouncilResult.sheet_id == EvaluationSheet.id)
                     .where(EvaluationSheet.participant_id == participant_id)
                     .order_by(EvaluationSheet.as_of.desc()).limit(1)).first()


def participant(s: Session, participant_id: int) -> MovementParticipant | None:
    return s.get(MovementParticipant, participant_id)


def touch(s: Session, row: EvaluationSheet) -> None:
    """Count a change under the sheet (a judgement, a vote) as a change of the sheet: its
    version moves, so a form loaded before it is stale."""
    flag_modified(row, "evidence")
    s.flush()


def led_by(s: Session, agency_id: int) -> set[str]:
    """The refs (t12, k5) of every item whose lead agency (chủ trì) is `agency_id`."""
    rows = s.execute(select(Assignment.target_id, Assignment.task_id)
                     .where(Assignment.agency_id == agency_id, Assignment.role == "lead"))
    return {f"t{t}" if t is not None else f"k{k}" for t, k in rows}
