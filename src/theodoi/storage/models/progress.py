"""Progress models: attachments, progress records, task updates, explanation requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from theodoi.storage.models.base import Base, utcnow
from theodoi.storage.models.register import Agency

__all__ = [
    "TASK_STATES",
    "Attachment",
    "Contribution",
    "ExplanationRequest",
    "OfficeEstimate",
    "ProgressRecord",
    "TaskUpdate",
]


class Attachment(Base):
    """Evidence attached to a report (a scanned decision, a photo), addressed by sha256."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    stored_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ProgressRecord(Base):
    """An actual value of a target for a reporting period, as reported.

    Its value is never updated: a correction is a new record that names the one it
    `corrects`, and the corrected record is marked `superseded` (the one change a record
    ever gets), so the current value of a (target, period) is its one record not
    superseded — read straight from an index instead of grouping the whole history.
    `value` is in the target's unit; what the person typed stays in `entered_*`.
    """

    __tablename__ = "progress_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    period_key: Mapped[str] = mapped_column(String(20))
    period_end: Mapped[date] = mapped_column(Date, index=True)
    value: Mapped[float] = mapped_column(Float)
    value_of: Mapped[float | None] = mapped_column(Float)
    entered_value: Mapped[float | None] = mapped_column(Float)
    entered_unit: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL"))
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_records.id", ondelete="SET NULL"))
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    superseded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # covering: whether a record of the period came in by a day, from the index alone
    __table_args__ = (Index("ix_progress_records_target_period_at", "target_id", "period_key",
                            "recorded_at"),
                      # covering: a province's current values read from the index alone
                      Index("ix_progress_records_current_values", "target_id", "superseded",
                            "period_end", "value", "value_of"),
                      # the current records alone: a province's current values read
                      # as one short scan on PostgreSQL (migration 0033); the reads
                      # that use it say NOT superseded, as its condition does
                      Index("ix_progress_records_current_only", "target_id", "period_end",
                            "value", "value_of", sqlite_where=text("NOT superseded"),
                            postgresql_where=text("NOT superseded")),
                      # one current record per (target, period), whatever races to write
                      Index("uq_progress_records_current", "target_id", "period_key",
                            unique=True, sqlite_where=text("NOT superseded"),
                            postgresql_where=text("NOT superseded")))


TASK_STATES = ("chua_trien_khai", "dang_thuc_hien", "hoan_thanh", "tam_dung")


class TaskUpdate(Base):
    """A report on a task: its state, how far, when done, what it produced, why late."""

    __tablename__ = "task_updates"
    __table_args__ = (
        CheckConstraint("state in ('chua_trien_khai', 'dang_thuc_hien', 'hoan_thanh', "
                        "'tam_dung')", name="state"),
        CheckConstraint("percent is null or (percent >= 0 and percent <= 100)", name="percent"),
        # each task's latest update by one probe (status_rows.latest_updates)
        Index("ix_task_updates_latest", "task_id", "reported_on", "id"),
        # covering: a task's first update of a period (status_rows.first_task_reports)
        Index("ix_task_updates_task_period", "task_id", "period_key", "withdrawn",
              "reported_on"),
        # the same led by the period: a province's 7,500 tasks' first updates of it
        Index("ix_task_updates_period_task", "period_key", "task_id", "withdrawn",
              "reported_on"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    period_key: Mapped[str | None] = mapped_column(String(20))
    reported_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20))
    percent: Mapped[float | None] = mapped_column(Float)
    completed_on: Mapped[date | None] = mapped_column(Date)
    product: Mapped[str | None] = mapped_column(Text)
    explanation: Mapped[str | None] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL"))
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # withdrawn from the audit history: kept for the record, no longer counted anywhere
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Contribution(Base):
    """A co-agency's part in an item (cơ quan phối hợp): a note, its share of a target's
    value where the target adds up, a file. It never is the item's figure: the lead agency
    reports that."""

    __tablename__ = "contributions"
    __table_args__ = (
        CheckConstraint("(target_id is null) <> (task_id is null)", name="one_item"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"),
                                                index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"),
                                           index=True)
    period_key: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL"))
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    agency: Mapped[Agency] = relationship()


class ExplanationRequest(Base):
    """A leader asks the lead agency to explain an item (yêu cầu giải trình); it answers."""

    __tablename__ = "explanation_requests"
    __table_args__ = (
        CheckConstraint("(target_id is null) <> (task_id is null)", name="one_item"),
        CheckConstraint("state in ('open', 'answered')", name="state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"),
                                                index=True)
    period_key: Mapped[str | None] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str | None] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(20), default="open")
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(200))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    # the day the agency is to answer by (the unit's reminder rule; none before 0010)
    answer_due: Mapped[date | None] = mapped_column(Date, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class OfficeEstimate(Base):
    """The office's own estimate of a target's whole year (ước thực hiện cả năm), typed
    for its reports of that year; one per target and year, replaced when typed again. The
    reports of a period inside the year show it, marked as the office's, in place of the
    one worked out from the figures."""

    __tablename__ = "office_estimates"
    __table_args__ = (UniqueConstraint("target_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"),
                                           index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    set_by: Mapped[str | None] = mapped_column(String(200), default=None)
    set_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
