"""Register models: units, agencies, source files, plans, items, assignments, target links."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import true

from theodoi.storage.models.base import Base, utcnow

__all__ = [
    "REVIEW_STATES",
    "ROLES",
    "Agency",
    "AgencyAlias",
    "Assignment",
    "Basis",
    "Milestone",
    "Plan",
    "ReportStream",
    "SourceFile",
    "Target",
    "TargetLink",
    "Task",
    "Unit",
]


class Unit(Base):
    """An organisation unit: tỉnh/thành phố above, xã/phường/đặc khu below."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="xa")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"),
                                                  index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # the roles that read the unit's restricted plans, comma-separated; None: the default
    # (domain.access.RESTRICTED_READERS)
    restricted_readers: Mapped[str | None] = mapped_column(String(200))
    # an agency user's figures wait for the office's or a leader's validation (issue 20)
    validate_figures: Mapped[bool] = mapped_column(Boolean, default=True,
                                                   server_default=true())
    # people living in the unit, for a population-weighted mean of its rates (roll-up)
    population: Mapped[int | None] = mapped_column(Integer)
    # its active plans and published figures on /cong-khai/<code>, no sign-in (issue 22)
    public_page: Mapped[bool] = mapped_column(Boolean, default=False,
                                              server_default=false())
    parent: Mapped[Unit | None] = relationship(remote_side=[id])


class Agency(Base):
    """A body of a unit's directory; `status` proposed until a person confirms it."""

    __tablename__ = "agencies"
    __table_args__ = (UniqueConstraint("unit_id", "key"),
                      CheckConstraint("status in ('active', 'proposed')", name="status"))
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    aliases: Mapped[list[AgencyAlias]] = relationship(back_populates="agency",
                                                      cascade="all, delete-orphan")
    __mapper_args__ = {"version_id_col": version}


class AgencyAlias(Base):
    """One way the unit's documents write an agency; `key` is unique within the unit."""

    __tablename__ = "agency_aliases"
    __table_args__ = (UniqueConstraint("unit_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"),
                                           index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))
    agency: Mapped[Agency] = relationship(back_populates="aliases")


class SourceFile(Base):
    """A stored plan file, addressed by the sha256 of its bytes, with its extraction.

    The bytes live in the database, not beside it, so a rolled-back import leaves no orphan
    file and one backup of the database holds everything.
    """

    __tablename__ = "source_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON)
    stored_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Plan(Base):
    """A plan (kế hoạch, chương trình hành động, nghị quyết …) of one unit."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("unit_id", "source_sha256"),
        CheckConstraint("status in ('draft', 'active', 'closed')", name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    # No foreign key: a register restored from Excel names its source without the bytes.
    source_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    source_name: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(40), default="ke_hoach")
    number: Mapped[str | None] = mapped_column(String(100), index=True)
    issued_on: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    issuer: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(Text, default="")
    term_start: Mapped[int | None] = mapped_column(Integer)
    term_end: Mapped[int | None] = mapped_column(Integer)
    signer: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    recipients: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    revises_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    # the document limits who reads it (a Party body's, "Lưu hành nội bộ"): only the roles
    # the unit names read the plan, its items and files (services/accounts/access.py)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    activated_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    unit: Mapped[Unit] = relationship()
    targets: Mapped[list[Target]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Target.position",
        foreign_keys="Target.plan_id")
    tasks: Mapped[list[Task]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Task.position",
        foreign_keys="Task.plan_id")
    bases: Mapped[list[Basis]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Basis.position",
        foreign_keys="Basis.plan_id")
    # reporting calendar (domain.calendars); none stored: the default stream
    streams: Mapped[list[ReportStream]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="ReportStream.position")
    __mapper_args__ = {"version_id_col": version}

    @property
    def items(self) -> list[Target | Task]:
        """Its targets, then its tasks: the items review and activation walk through."""
        return [*self.targets, *self.tasks]


class Basis(Base):
    """A document the plan implements (Căn cứ …, Thực hiện …), linked when it is stored."""

    __tablename__ = "plan_bases"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    ref_kind: Mapped[str | None] = mapped_column(String(40))
    ref_number: Mapped[str | None] = mapped_column(String(100), index=True)
    ref_date: Mapped[date | None] = mapped_column(Date)
    linked_plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    plan: Mapped[Plan] = relationship(back_populates="bases", foreign_keys=[plan_id])


class ReportStream(Base):
    """One stream of a plan's reporting calendar: every `every` period, due `days_after`
    days after it, or on `day` of its last month, or on `day`/`month` of its last year."""

    __tablename__ = "report_streams"
    __table_args__ = (
        CheckConstraint("(days_after is null) <> (day is null)", name="one_rule"),
        CheckConstraint("month is null or day is not null", name="month_with_day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    every: Mapped[str] = mapped_column(String(20))
    days_after: Mapped[int | None] = mapped_column(Integer)
    day: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
    recipient: Mapped[str | None] = mapped_column(String(300))
    plan: Mapped[Plan] = relationship(back_populates="streams")


REVIEW_STATES = ("proposed", "accepted", "corrected", "rejected", "added")
_REVIEW_CHECK = "review in ('proposed', 'accepted', 'corrected', 'rejected', 'added')"


class Target(Base):
    """A measurable commitment (chỉ tiêu) of a plan."""

    __tablename__ = "targets"
    __table_args__ = (CheckConstraint(_REVIEW_CHECK, name="review"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    review: Mapped[str] = mapped_column(String(20), default="proposed")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    original: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id", ondelete="SET NULL"))
    change: Mapped[str | None] = mapped_column(String(20))
    ext_id: Mapped[str | None] = mapped_column(String(40))
    label: Mapped[str | None] = mapped_column(String(40))
    section: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    also_spans: Mapped[list[Any]] = mapped_column(JSON, default=list)
    indicator: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20), default="level")
    direction: Mapped[str | None] = mapped_column(String(20))
    comparator: Mapped[str | None] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    value_of: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(100))
    per_year: Mapped[bool] = mapped_column(Boolean, default=False)
    recurrence: Mapped[str | None] = mapped_column(String(20))
    deadline_year: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    plan: Mapped[Plan] = relationship(back_populates="targets", foreign_keys=[plan_id])
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="target", cascade="all, delete-orphan", order_by="Milestone.year")
    assignments: Mapped[list[Assignment]] = relationship(
        cascade="all, delete-orphan", order_by="Assignment.position",
        foreign_keys="Assignment.target_id")
    __mapper_args__ = {"version_id_col": version}


class Milestone(Base):
    """One year of a target's roadmap (lộ trình)."""

    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("target_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"),
                                           index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    target: Mapped[Target] = relationship(back_populates="milestones")


class Task(Base):
    """A piece of work (nhiệm vụ, đề án, công trình trọng điểm, khâu đột phá)."""

    __tablename__ = "tasks"
    __table_args__ = (CheckConstraint(_REVIEW_CHECK, name="review"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    review: Mapped[str] = mapped_column(String(20), default="proposed")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    original: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    change: Mapped[str | None] = mapped_column(String(20))
    ext_id: Mapped[str | None] = mapped_column(String(40))
    label: Mapped[str | None] = mapped_column(String(40))
    section: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="task")
    # area of work (lĩnh vực): read from the section the task stands in, correctable
    field: Mapped[str | None] = mapped_column(String(40))
    due_text: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    due_recurrence: Mapped[str | None] = mapped_column(String(20))
    submit_to: Mapped[list[Any]] = mapped_column(JSON, default=list)
    product: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    plan: Mapped[Plan] = relationship(back_populates="tasks", foreign_keys=[plan_id])
    assignments: Mapped[list[Assignment]] = relationship(
        cascade="all, delete-orphan", order_by="Assignment.position",
        foreign_keys="Assignment.task_id")
    __mapper_args__ = {"version_id_col": version}


ROLES = ("lead", "co", "leader", "advisory")


class Assignment(Base):
    """Who answers for an item: lead (chủ trì), co (phối hợp), leader, advisory (tham mưu).

    `name` keeps the document's wording; `agency_id` is the directory body it resolved to
    (null for a leader, who is a person, or while the name awaits a person's decision).
    """

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint("(target_id is null) <> (task_id is null)", name="one_item"),
        CheckConstraint("role in ('lead', 'co', 'leader', 'advisory')", name="role"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"),
                                                index=True)
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), index=True)
    agency: Mapped[Agency | None] = relationship()


class TargetLink(Base):
    """Two targets that may be the same commitment (in the NQ, the CTHĐ and the KH).

    Stored with `target_id < other_id`; `state` suggested until a person confirms or
    dismisses it, so a dismissed pair is never suggested again.
    """

    __tablename__ = "target_links"
    __table_args__ = (
        UniqueConstraint("target_id", "other_id"),
        CheckConstraint("state in ('suggested', 'confirmed', 'dismissed')", name="state"),
        CheckConstraint("target_id < other_id", name="ordered"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"),
                                           index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"),
                                          index=True)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="suggested")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
