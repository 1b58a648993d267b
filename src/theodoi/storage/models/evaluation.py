"""Evaluation models (bình xét thi đua): a participant's score sheet as of a day, the
council's judgement of each judged criterion on it, and the council's vote and the
chairman's decision.

A sheet keeps the evidence it was filled from (`evidence`: each evidence-linked
criterion's share, verdict and the items behind it, as computed by the status engine on
`as_of`), so what the council voted on stays readable when the register moves on. One
sheet per participant and day; one judgement per sheet and criterion; one council result
per sheet, holding the vote first and the decision after it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from theodoi.storage.models.base import Base, utcnow

__all__ = ["CouncilResult", "EvaluationSheet", "Judgement"]


class EvaluationSheet(Base):
    """A participant's score sheet as of `as_of`, its evidence as filled then."""

    __tablename__ = "evaluation_sheets"
    __table_args__ = (UniqueConstraint("participant_id", "as_of"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(
        ForeignKey("movements.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("movement_participants.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    filled_by: Mapped[str | None] = mapped_column(String(200))
    filled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    judgements: Mapped[list[Judgement]] = relationship(
        cascade="all, delete-orphan", order_by="Judgement.id")
    council: Mapped[CouncilResult | None] = relationship(
        cascade="all, delete-orphan", uselist=False)
    __mapper_args__ = {"version_id_col": version}


class Judgement(Base):
    """The council's met / not met on a judged criterion of a sheet, with its note."""

    __tablename__ = "evaluation_judgements"
    __table_args__ = (UniqueConstraint("sheet_id", "criterion_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_sheets.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("movement_criteria.id", ondelete="CASCADE"), index=True)
    met: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    judged_by: Mapped[str | None] = mapped_column(String(200))
    judged_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CouncilResult(Base):
    """The council's vote on a sheet (số phiếu đồng ý / tổng số, the reward form it
    proposes) and then the chairman's decision (approved with a form, or refused)."""

    __tablename__ = "council_results"
    __table_args__ = (
        CheckConstraint("agree >= 0 and agree <= total and total > 0", name="votes"),
        CheckConstraint("decision is null or decision in ('approved', 'refused')",
                        name="decision"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_sheets.id", ondelete="CASCADE"), unique=True)
    agree: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    voted_on: Mapped[date] = mapped_column(Date)
    proposed_form: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)
    voted_by: Mapped[str | None] = mapped_column(String(200))
    decision: Mapped[str | None] = mapped_column(String(20))
    approved_form: Mapped[str | None] = mapped_column(String(60))
    decision_number: Mapped[str | None] = mapped_column(String(100))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
