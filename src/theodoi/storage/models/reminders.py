"""Reminder models: the units' rules, each person's contacts and choices, the in-app
inbox, the outbox of messages to send with every attempt, and the scheduler's lease.

An outbox row is written in the transaction that decided to send it, under a unique
`key` (person/day/channel), so a second run of the same day finds it and adds nothing;
the sender changes its `state` pending → sending → sent, or back to pending with
`next_at` after a failure, or dead once it gave up (shown to quan_tri).
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
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from theodoi.storage.models.base import Base, utcnow

__all__ = ["OUTBOX_STATES", "ItemComment", "Notice", "OutboxAttempt", "OutboxMessage",
           "ReminderPrefs", "ReminderRule", "SchedulerLease"]

OUTBOX_STATES = ("pending", "sending", "sent", "dead")


class ReminderRule(Base):
    """A unit's override of one trigger's parameters (domain/reminders.DEFAULT_RULES)."""

    __tablename__ = "reminder_rules"
    __table_args__ = (UniqueConstraint("unit_id", "trigger"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    trigger: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ReminderPrefs(Base):
    """A person's contact details and reminder choices; no row means the defaults."""

    __tablename__ = "reminder_prefs"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    email: Mapped[str | None] = mapped_column(String(200), default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    zalo_id: Mapped[str | None] = mapped_column(String(100), default=None)
    channels: Mapped[list[Any]] = mapped_column(default=list)  # beside in_app, always on
    muted: Mapped[list[Any]] = mapped_column(default=list)  # triggers the person turned off
    quiet_days: Mapped[list[Any]] = mapped_column(default=list)  # 0 = Monday
    quiet_start: Mapped[str] = mapped_column(String(5), default="21:00")
    quiet_end: Mapped[str] = mapped_column(String(5), default="07:00")
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class Notice(Base):
    """A notice in the person's in-app inbox: the day's digest (key 'digest/<day>'), or a
    chase by the office (key 'chase/<item or agency>/<day>'); one per person and key."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("user_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(120))
    day: Mapped[date] = mapped_column(Date)
    sender: Mapped[str | None] = mapped_column(String(200), default=None)  # who chased
    note: Mapped[str | None] = mapped_column(Text, default=None)  # what they wrote
    subject: Mapped[str] = mapped_column(String(300))
    groups: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class OutboxMessage(Base):
    """A message to send by email, Zalo or SMS, with its delivery state."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("state in ('pending', 'sending', 'sent', 'dead')", name="state"),
        Index("ix_outbox_state_next_at", "state", "next_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                index=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text, default=None)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)


class OutboxAttempt(Base):
    """One attempt to deliver an outbox message, kept for the sent log."""

    __tablename__ = "outbox_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"),
                                            index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ok: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str | None] = mapped_column(Text, default=None)


class SchedulerLease(Base):
    """Which process runs a periodic duty (the daily digest, the sender) until when: taken
    and renewed by one conditional UPDATE, so one process of the servers does it."""

    __tablename__ = "scheduler_leases"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    until: Mapped[datetime] = mapped_column(DateTime)
    last_day: Mapped[date | None] = mapped_column(Date, default=None)  # the duty's last run


class ItemComment(Base):
    """A comment on an item: a leader's direction (ý kiến chỉ đạo), the agencies' replies;
    @mentions in `body` notify the people named."""

    __tablename__ = "item_comments"
    __table_args__ = (
        CheckConstraint("(target_id is null) <> (task_id is null)", name="one_item"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"),
                                                index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    direction: Mapped[bool] = mapped_column(Boolean, default=False)  # a leader's direction
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
