"""Reward dossiers (hồ sơ đề nghị khen thưởng): a participant proposed for a reward and
the files uploaded for the papers its movement's dossier list names.

A `RewardDossier` is opened by the office for one participant (at most one each), with
the reward form proposed; a `DossierFile` is one file uploaded for one paper of the list
(`item`: its position in `domain.dossier.dossier_list`), the bytes kept as an evidence
`Attachment`. Which papers are still missing is worked out, not stored (domain/dossier.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from theodoi.storage.models.base import Base, utcnow

__all__ = ["DossierFile", "RewardDossier"]


class RewardDossier(Base):
    """A participant's reward dossier, opened when the office proposes it for a reward."""

    __tablename__ = "reward_dossiers"
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("movement_participants.id", ondelete="CASCADE"), unique=True)
    reward_form: Mapped[str | None] = mapped_column(String(60))
    opened_by: Mapped[str | None] = mapped_column(String(200))
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    files: Mapped[list[DossierFile]] = relationship(
        cascade="all, delete-orphan", order_by="DossierFile.id")
    __mapper_args__ = {"version_id_col": version}


class DossierFile(Base):
    """A file uploaded for paper `item` of the dossier list."""

    __tablename__ = "dossier_files"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("reward_dossiers.id", ondelete="CASCADE"), index=True)
    item: Mapped[int] = mapped_column(Integer)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"))
    uploaded_by: Mapped[str | None] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
