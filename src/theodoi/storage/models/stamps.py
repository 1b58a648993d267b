"""The data stamp of a unit: a random number replaced whenever anything its status reads
changes (its plans, items, milestones, assignments, values, task updates, agencies).

Computed status and completeness are cached per (unit, stamp): a reader that finds the
stamp unchanged may reuse what it computed before, and one write makes only its own unit
recompute. A random number, not a counter, so a database rebuilt at the same address can
never match a cache filled from the old one.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from theodoi.storage.models.base import Base

__all__ = ["UnitStamp"]


class UnitStamp(Base):
    __tablename__ = "unit_stamps"
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                         primary_key=True)
    stamp: Mapped[int] = mapped_column(BigInteger)
