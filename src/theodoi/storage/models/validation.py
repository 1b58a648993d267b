"""Validation models: an agency's figure waiting to count, and locked reporting periods."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from theodoi.storage.models.base import Base, utcnow

__all__ = ["FigureSubmission", "PeriodLock"]

_STATES = "'cho_xac_nhan', 'da_xac_nhan', 'tra_lai', 'thay_the', 'rut_lai'"


class FigureSubmission(Base):
    """A target's figure for a period as an agency sent it, before it counts.

    Nothing here is counted: accepting it writes the progress record (`record_id`) through
    the ordinary recording, so the one-current-record invariant of progress_records holds
    as it always did. At most one figure per (target, period) waits at a time (a resend
    replaces the waiting one, state `thay_the`)."""

    __tablename__ = "figure_submissions"
    __table_args__ = (
        CheckConstraint(f"state in ({_STATES})", name="state"),
        Index("uq_figure_submissions_waiting", "target_id", "period_key", unique=True,
              sqlite_where=text("state = 'cho_xac_nhan'"),
              postgresql_where=text("state = 'cho_xac_nhan'")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"),
                                           index=True)
    period_key: Mapped[str] = mapped_column(String(20))
    value_text: Mapped[str] = mapped_column(String(100))  # as typed; read again on accept
    value: Mapped[float] = mapped_column(Float)  # in the target's unit, for the warnings
    value_of: Mapped[str | None] = mapped_column(String(100))
    entered_unit: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(20), default="cho_xac_nhan")
    sent_by: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)  # why it was returned
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    record_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_records.id", ondelete="SET NULL"))


class PeriodLock(Base):
    """A unit's reporting period locked (chốt kỳ) or reopened; the latest row says which.

    While locked, no figure of the period is recorded, accepted, sent or undone."""

    __tablename__ = "period_locks"
    __table_args__ = (CheckConstraint("state in ('locked', 'reopened')", name="state"),
                      Index("ix_period_locks_unit_period", "unit_id", "period_key"))
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    period_key: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(10))
    on: Mapped[date] = mapped_column(Date)
    by: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # the outgoing report whose numbering locked the period (cancelling it reopens the
    # period only when the lock is still this one); None for a lock made by hand
    outgoing_id: Mapped[int | None] = mapped_column(Integer)
