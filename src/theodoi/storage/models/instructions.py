"""Instruction items: one lower unit's part of a higher plan's task addressed to them all."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from theodoi.storage.models.base import Base, utcnow
from theodoi.storage.models.register import Task, Unit

__all__ = ["InstructionItem"]


class InstructionItem(Base):
    """Unit `unit_id`'s part of task `task_id` (its lead is that unit).

    Closing by a plan is never stored: it is read from the cascade (a plan of the unit
    whose basis is linked to the task's plan), so removing the link reopens the item. A
    report or explanation the unit entered closes it on `report_on`.
    """

    __tablename__ = "instruction_items"
    __table_args__ = (UniqueConstraint("task_id", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"),
                                         index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                         index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    report_on: Mapped[date | None] = mapped_column(Date)
    report_text: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str | None] = mapped_column(String(200))
    task: Mapped[Task] = relationship()
    unit: Mapped[Unit] = relationship()
