"""Queries on the job queue: add, claim, beat, finish, cancel, recover, list.

Every change of a job's state is one conditional UPDATE, so two processes can never both
own a job: a claim takes a row only while it is still `queued` (on PostgreSQL the
candidate is first locked with `FOR UPDATE SKIP LOCKED`, so claimers never wait on each
other; SQLite has one writer at a time and the condition is enough), and a worker's
beat or finish names the attempt it owns, so it fails once the job was cancelled or
handed to another worker.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from theodoi.storage.models import Job

ACTIVE = ("queued", "running")


def add(s: Session, job: Job) -> Job:
    s.add(job)
    s.flush()
    return job


def get(s: Session, job_id: int) -> Job | None:
    return s.get(Job, job_id)


def _changed(result: Any) -> bool:
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def claim_next(s: Session, now: datetime, text: str) -> tuple[int, int] | None:
    """Take the oldest queued job: (id, attempt) of the claim, or None when none waits."""
    for _ in range(5):  # another claimer may win the candidate between select and update
        candidate = s.scalar(select(Job.id).where(Job.state == "queued").order_by(Job.id)
                             .limit(1).with_for_update(skip_locked=True))
        if candidate is None:
            return None
        claimed = s.execute(update(Job).where(Job.id == candidate, Job.state == "queued")
                            .values(state="running", attempts=Job.attempts + 1,
                                    started_at=now, heartbeat=now, progress_text=text)
                            .execution_options(synchronize_session=False))
        if _changed(claimed):
            attempt = s.scalar(select(Job.attempts).where(Job.id == candidate))
            return candidate, int(attempt or 0)
    return None


def beat(s: Session, job_id: int, attempt: int, now: datetime, progress: int | None = None,
         text: str | None = None) -> bool:
    """Refresh the heartbeat (and progress); False when the job is no longer this
    attempt's to run (cancelled, or recovered and claimed by another worker)."""
    values: dict[str, Any] = {"heartbeat": now}
    if progress is not None:
        values["progress"] = progress
    if text is not None:
        values["progress_text"] = text
    return _changed(s.execute(update(Job).where(Job.id == job_id, Job.state == "running",
                                                Job.attempts == attempt).values(**values)
                              .execution_options(synchronize_session=False)))


def finish(s: Session, job_id: int, attempt: int, now: datetime, state: str, *,
           text: str, result: dict[str, Any] | None = None, error: str | None = None) -> bool:
    """End this attempt's job as `state`; False (nothing changed) when it was not
    this attempt's any more, and then the caller must roll its work back."""
    values: dict[str, Any] = {"state": state, "finished_at": now, "heartbeat": now,
                              "progress_text": text, "result": result, "error": error}
    if state == "done":
        values["progress"] = 100
    return _changed(s.execute(update(Job).where(Job.id == job_id, Job.state == "running",
                                                Job.attempts == attempt).values(**values)
                              .execution_options(synchronize_session=False)))


def cancel(s: Session, job_id: int, now: datetime, text: str) -> bool:
    """Mark a queued or running job cancelled; False when it had already ended."""
    return _changed(s.execute(update(Job).where(Job.id == job_id, Job.state.in_(ACTIVE))
                              .values(state="cancelled", finished_at=now, progress_text=text)
                              .execution_options(synchronize_session=False)))


def recover_stale(s: Session, cutoff: datetime, max_attempts: int, now: datetime, *,
                  requeue_text: str, fail_text: str) -> tuple[list[int], list[int]]:
    """Running jobs whose heartbeat is older than `cutoff` (their worker died): queued
    again, or failed once they used `max_attempts`. Returns (requeued ids, failed ids)."""
    stale = (Job.state == "running", Job.heartbeat < cutoff)
    failed = list(s.scalars(update(Job).where(*stale, Job.attempts >= max_attempts)
                            .values(state="failed", finished_at=now, error=fail_text,
                                    progress_text=fail_text)
                            .returning(Job.id).execution_options(synchronize_session=False)))
    requeued = list(s.scalars(update(Job).where(*stale, Job.attempts < max_attempts)
                              .values(state="queued", progress_text=requeue_text)
                              .returning(Job.id)
                              .execution_options(synchronize_session=False)))
    return sorted(requeued), sorted(failed)


def unserved(s: Session, cutoff: datetime) -> int:
    """Jobs nobody is working on though they should be: queued since before `cutoff`, or
    running with no heartbeat since then."""
    waiting = (Job.state == "queued") & (Job.created_at < cutoff)
    silent = (Job.state == "running") & (Job.heartbeat < cutoff)
    return s.scalar(select(func.count()).select_from(Job).where(waiting | silent)) or 0


def listing(s: Session, states: tuple[str, ...] | None = None, limit: int = 100) -> list[Job]:
    """The newest jobs first, of the given states (all when None)."""
    query = select(Job).order_by(Job.id.desc()).limit(limit)
    if states:
        query = query.where(Job.state.in_(states))
    return list(s.scalars(query))


def active_payloads(s: Session) -> list[dict[str, Any]]:
    """The payloads of queued and running jobs (what their workers still need)."""
    return list(s.scalars(select(Job.payload).where(Job.state.in_(ACTIVE))))


def results(s: Session, kind: str) -> list[dict[str, Any]]:
    """The results of the done jobs of `kind` (the stored files they name)."""
    return [r for r in s.scalars(select(Job.result).where(Job.kind == kind,
                                                          Job.state == "done")) if r]


def release(s: Session, job_id: int, attempt: int, text: str) -> bool:
    """Put this attempt's running job back in the queue (its worker is stopping)."""
    return _changed(s.execute(update(Job).where(Job.id == job_id, Job.state == "running",
                                                Job.attempts == attempt)
                              .values(state="queued", progress_text=text)
                              .execution_options(synchronize_session=False)))
