"""Outgoing documents (văn bản đi): a unit's register of numbers, per year and symbol, and
the reports entered in it, their signed copy, and their sending to the unit above."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from theodoi.storage.models.base import Base, utcnow

__all__ = ["OutgoingCounter", "OutgoingDocument"]


class OutgoingCounter(Base):
    """The last number a unit gave in a year under a symbol ('BC-UBND', 'BC/ĐU'): numbers
    restart each year (NĐ 30/2020) and only ever go up, so a cancelled number is never
    given again."""

    __tablename__ = "outgoing_counters"
    __table_args__ = (UniqueConstraint("unit_id", "year", "symbol"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(40))
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class OutgoingDocument(Base):
    """A report entered in the register of outgoing documents: its number and date, the
    DOCX as numbered, the signed PDF uploaded back, and where it was sent (the unit above,
    whose inbox shows it as received on the day it was sent)."""

    __tablename__ = "outgoing_documents"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "symbol", "number"),
        CheckConstraint("state in ('vao_so', 'da_gui', 'da_huy')", name="state"),
        # the receiving unit's own register of incoming documents (sổ văn bản đến)
        Index("uq_outgoing_documents_incoming", "to_unit_id", "incoming_year",
              "incoming_number", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                         index=True)
    year: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    report_kind: Mapped[str] = mapped_column(String(20))
    period_key: Mapped[str] = mapped_column(String(20), index=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(10), default="vao_so")
    docx_id: Mapped[int] = mapped_column(ForeignKey("attachments.id", ondelete="RESTRICT"))
    signed_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL"))
    signature: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    to_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True)
    sent_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    # the number the receiving unit gave it in its sổ văn bản đến (per year, from 1)
    incoming_year: Mapped[int | None] = mapped_column(Integer)
    incoming_number: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    numbered_by: Mapped[str | None] = mapped_column(String(200))
    sent_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
