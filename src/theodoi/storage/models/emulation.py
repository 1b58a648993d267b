"""Emulation models (thi đua – khen thưởng): movements, their criteria, participants and
registrations.

A movement (phong trào thi đua) belongs to a unit; it may serve a plan (`plan_id`) and
may have been launched by an imported plan (`source_plan_id`, the kế hoạch phát động whose
`emulation` section proposed it). The words of that section that no other row holds
(contents, reward forms, dossier, responsible bodies) are kept in `details` as read.
A participant is an agency, a thôn/tổ dân phố (a unit or an agency) or a person (a user
or a named person); each has at most one registration (đăng ký thi đua) with its own
commitments, signed by the participant. Codes are those of domain/emulation.py.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from theodoi.storage.models.base import Base, utcnow

if TYPE_CHECKING:
    from theodoi.storage.models.register import Unit

__all__ = ["Movement", "MovementCriterion", "MovementParticipant", "Registration"]


class Movement(Base):
    """A unit's emulation movement."""

    __tablename__ = "movements"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    source_plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(Text)
    slogan: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    receiver: Mapped[str | None] = mapped_column(String(300))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    unit: Mapped[Unit] = relationship()
    criteria: Mapped[list[MovementCriterion]] = relationship(
        cascade="all, delete-orphan", order_by="MovementCriterion.position")
    participants: Mapped[list[MovementParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="MovementParticipant.id")
    __mapper_args__ = {"version_id_col": version}


class MovementCriterion(Base):
    """A criterion: evidence-linked (a share with its threshold, or a named target met)
    or judged by a person; for collectives, individuals or all."""

    __tablename__ = "movement_criteria"
    __table_args__ = (
        CheckConstraint("applies_to in ('collective', 'individual', 'all')", name="applies_to"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(
        ForeignKey("movements.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    applies_to: Mapped[str] = mapped_column(String(20), default="all")
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40), default="judged")
    threshold: Mapped[float | None] = mapped_column(Float)
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id", ondelete="SET NULL"), index=True)
    reward_form: Mapped[str | None] = mapped_column(String(60))
    conditions: Mapped[list[Any]] = mapped_column(default=list)  # codes the sentence states
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class MovementParticipant(Base):
    """Who takes part: an agency, a thôn/tổ dân phố (unit or agency) or a person."""

    __tablename__ = "movement_participants"
    __table_args__ = (
        UniqueConstraint("movement_id", "name"),
        CheckConstraint("kind in ('agency', 'hamlet', 'person')", name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(
        ForeignKey("movements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    registration: Mapped[Registration | None] = relationship(
        cascade="all, delete-orphan", uselist=False)
    __mapper_args__ = {"version_id_col": version}


class Registration(Base):
    """A participant's đăng ký thi đua: its own commitments, draft until it signs."""

    __tablename__ = "registrations"
    __table_args__ = (CheckConstraint("state in ('draft', 'signed')", name="state"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("movement_participants.id", ondelete="CASCADE"), unique=True)
    commitments: Mapped[list[Any]] = mapped_column(default=list)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    signed_by: Mapped[str | None] = mapped_column(String(200))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
