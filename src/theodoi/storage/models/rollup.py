"""Roll-up models: a target linked to a target of a unit above it, and how a group adds up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from theodoi.storage.models.base import Base, utcnow

__all__ = ["LevelLink", "RollupMethod"]


class LevelLink(Base):
    """A lower unit's target (a commune's) that may carry a target of a unit above it (the
    province's). `state` suggested until a person of either unit confirms or rejects it (a
    rejected pair is never suggested again); `relation` says how the lower figure relates
    to the upper one: part of a sum, the same rate, a contribution, or one unit counted
    among those that met the upper target (a thôn's "đạt chuẩn", services/split)."""

    __tablename__ = "level_links"
    __table_args__ = (
        UniqueConstraint("upper_id", "lower_id"),
        CheckConstraint("state in ('suggested', 'confirmed', 'rejected')", name="state"),
        CheckConstraint("relation is null or relation in ('sum', 'rate', 'contribution', 'count')",
                        name="relation"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    upper_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"),
                                          index=True)
    lower_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"),
                                          index=True)
    relation: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="suggested")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RollupMethod(Base):
    """How the figures of an upper target's linked group add up, as a person chose it
    (none stored: the default of domain.rollup.default_method)."""

    __tablename__ = "rollup_methods"
    __table_args__ = (
        CheckConstraint("method in ('sum', 'weighted_mean', 'mean', 'none', 'count')",
                        name="method"),
    )
    upper_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"),
                                          primary_key=True)
    method: Mapped[str] = mapped_column(String(20))
    chosen_by: Mapped[str | None] = mapped_column(String(200))
    chosen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
