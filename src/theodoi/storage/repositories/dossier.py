"""Queries of reward dossiers: a participant's dossier, a movement's dossiers, the files
of a dossier without their bytes, and the movements whose deadline a unit watches."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from theodoi.storage.models import (
    Attachment,
    DossierFile,
    Movement,
    MovementParticipant,
    RewardDossier,
)


def add(s: Session, row: RewardDossier | DossierFile) -> None:
    s.add(row)
    s.flush()


def of_participant(s: Session, participant_id: int) -> RewardDossier | None:
    return s.scalar(select(RewardDossier).where(RewardDossier.participant_id == participant_id))


def of_movement(s: Session, movement_id: int) -> dict[int, RewardDossier]:
    """The movement's dossiers by participant id."""
    rows = s.scalars(select(RewardDossier).join(
        MovementParticipant, MovementParticipant.id == RewardDossier.participant_id)
        .where(MovementParticipant.movement_id == movement_id))
    return {d.participant_id: d for d in rows}


def file(s: Session, file_id: int) -> DossierFile | None:
    return s.get(DossierFile, file_id)


def file_names(s: Session, dossier_id: int) -> list[tuple[int, int, str, str | None]]:
    """(file id, paper index, file name, uploaded by) of the dossier's files, oldest
    first, without reading their bytes."""
    rows = s.execute(select(DossierFile.id, DossierFile.item, Attachment.name,
                            DossierFile.uploaded_by)
                     .join(Attachment, Attachment.id == DossierFile.attachment_id)
                     .where(DossierFile.dossier_id == dossier_id).order_by(DossierFile.id))
    return [(i, item, name, by) for i, item, name, by in rows]


def with_deadline(s: Session, unit_ids: list[int]) -> list[Movement]:
    """The units' movements that state a deadline, soonest first."""
    if not unit_ids:
        return []
    return list(s.scalars(select(Movement).where(Movement.unit_id.in_(unit_ids),
                                                 Movement.deadline.is_not(None))
                          .order_by(Movement.deadline, Movement.id)))


def units_with_deadlines(s: Session) -> list[int]:
    """Ids of the units that have a movement with a deadline."""
    return list(s.scalars(select(Movement.unit_id).where(Movement.deadline.is_not(None))
                          .distinct()))
