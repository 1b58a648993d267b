"""Approval models: the steps of a task's product through trình and duyệt."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from theodoi.storage.models.base import Base, utcnow

__all__ = ["BodyApprover", "ProductStep"]


class ProductStep(Base):
    """One move of a task's product (trình with its file, duyệt, trả lại with the reason);
    the product's state is the state after its last step. Steps are never edited."""

    __tablename__ = "product_steps"
    __table_args__ = (
        CheckConstraint("action in ('trinh', 'duyet', 'tra_lai')", name="action"),
        CheckConstraint("state in ('da_trinh', 'da_duyet', 'tra_lai')", name="state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"),
                                         index=True)
    action: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10))
    made_on: Mapped[date] = mapped_column(Date)
    to_body: Mapped[str | None] = mapped_column(String(300))
    reason: Mapped[str | None] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL"))
    by: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class BodyApprover(Base):
    """A person named by a unit to approve (or return) the products submitted to one body
    ("BTV Đảng ủy", "HĐND xã"). A body with no one named is approved by the unit's
    leaders (APPROVE), as before; once someone is named, only they decide for it."""

    __tablename__ = "body_approvers"
    __table_args__ = (UniqueConstraint("unit_id", "body_key", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                         index=True)
    body: Mapped[str] = mapped_column(String(300))  # as the office typed it
    body_key: Mapped[str] = mapped_column(String(300))  # folded: case and spaces
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
