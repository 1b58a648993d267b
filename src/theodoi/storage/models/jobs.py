"""Jobs: long work (reading an uploaded plan, …) queued in the database for a runner.

A row is the whole state of one job, so any server process or `theodoi worker` may run
it and a restart loses nothing: `state` moves queued → running → done / failed /
cancelled; `attempts` counts the claims (and is the claim's token: a worker whose job was
claimed again after its heartbeat went stale finds a different number and stops);
`heartbeat` is refreshed while the job runs. What the job works on and what it made are
references (`payload`, `result`), never the document's bytes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from theodoi.storage.models.base import Base, utcnow

__all__ = ["JOB_STATES", "Job"]

JOB_STATES = ("queued", "running", "done", "failed", "cancelled")


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_state_id", "state", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    progress_text: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    requested_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    requested_name: Mapped[str | None] = mapped_column(String(100), default=None)
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(default=0)
    heartbeat: Mapped[datetime | None] = mapped_column(default=None)
