"""The job queue's operations with their Vietnamese texts and the clock read here.

Services never commit: each function works in the caller's transaction. The runner calls
each in a short transaction of its own so that progress is visible at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.storage.models import Job, utcnow
from theodoi.storage.repositories import jobs as repo

QUEUED = "Đang chờ đến lượt xử lý."
STARTED = "Đã bắt đầu xử lý."
CANCELLED = "Đã hủy theo yêu cầu."
REQUEUED = "Tiến trình xử lý trước đã dừng; đang chờ chạy lại."
DONE = "Đã xong."
STATE_LABELS = {"queued": "đang chờ", "running": "đang xử lý", "done": "đã xong",
                "failed": "không thành công", "cancelled": "đã hủy"}


def gave_up(attempts: int) -> str:
    return (f"tiến trình xử lý đã dừng giữa chừng {attempts} lần (máy chủ khởi động lại "
            "hoặc hết bộ nhớ); việc này được dừng hẳn. Hãy thử tải lại tệp, hoặc báo quản "
            "trị hệ thống nếu lỗi lặp lại.")


def add(s: Session, kind: str, payload: dict[str, Any], *, unit_id: int | None,
        p: Principal | None) -> Job:
    """A new queued job (flushed, so it has its id)."""
    return repo.add(s, Job(kind=kind, state="queued", progress=0, progress_text=QUEUED,
                           payload=payload, unit_id=unit_id, attempts=0,
                           requested_by=p.user_id if p else None,
                           requested_name=p.username if p else None, created_at=utcnow()))


@dataclass(frozen=True)
class Claim:
    """A job this worker now runs: its row's id and the attempt it owns."""

    job_id: int
    attempt: int
    kind: str
    payload: dict[str, Any]
    unit_id: int | None
    requested_by: int | None
    requested_name: str | None


def claim(s: Session) -> Claim | None:
    """Take the oldest queued job, or None."""
    taken = repo.claim_next(s, utcnow(), STARTED)
    if taken is None:
        return None
    job = repo.get(s, taken[0])
    assert job is not None
    return Claim(job.id, taken[1], job.kind, dict(job.payload), job.unit_id,
                 job.requested_by, job.requested_name)


def beat(s: Session, c: Claim, progress: int | None = None, text: str | None = None) -> bool:
    """A sign of life (and progress); False when the job is no longer this claim's."""
    return repo.beat(s, c.job_id, c.attempt, utcnow(), progress, text)


def still_mine(s: Session, c: Claim) -> bool:
    """Whether the job is still running under this claim (a read; no write)."""
    job = repo.get(s, c.job_id)
    return job is not None and job.state == "running" and job.attempts == c.attempt


def done(s: Session, c: Claim, result: dict[str, Any]) -> bool:
    return repo.finish(s, c.job_id, c.attempt, utcnow(), "done", text=DONE, result=result)


def failed(s: Session, c: Claim, error: str) -> bool:
    return repo.finish(s, c.job_id, c.attempt, utcnow(), "failed", text=error, error=error)


def release(s: Session, c: Claim) -> bool:
    """Give a job back to the queue (the worker is stopping); False if it was not ours."""
    return repo.release(s, c.job_id, c.attempt, REQUEUED)


def served(s: Session, stale_after: timedelta, now: datetime | None = None) -> bool:
    """Whether some worker is serving the queue: no job has waited, or run without a
    heartbeat, longer than `stale_after` (an idle queue is served; no worker registry
    needed, and a worker that is up but stuck shows as not serving)."""
    return repo.unserved(s, (now or utcnow()) - stale_after) == 0


def recover(s: Session, stale_after: timedelta, max_attempts: int,
            now: datetime | None = None) -> tuple[list[int], list[int]]:
    """Requeue running jobs whose heartbeat is older than `stale_after` (their worker
    died), or fail those that used `max_attempts`; returns (requeued, failed) ids."""
    now = now or utcnow()
    return repo.recover_stale(s, now - stale_after, max_attempts, now,
                              requeue_text=REQUEUED, fail_text=gave_up(max_attempts))


def _job(s: Session, p: Principal, job_id: int, action: str = rules.READ) -> Job:
    """A job the person may see: one of a unit they reach (NotFound otherwise)."""
    job = repo.get(s, job_id)
    if job is None or job.unit_id is None:
        raise NotFound(f"không có việc xử lý số {job_id}.")
    access.unit(s, p, job.unit_id, action)
    return job


def as_dict(job: Job) -> dict[str, Any]:
    """A job as the page and the API show it."""
    result = job.result or {}
    plan_id = result.get("plan_id")

    def when(t: datetime | None) -> str | None:
        return t.isoformat(timespec="seconds") if t else None

    return {"id": job.id, "kind": job.kind, "state": job.state,
            "state_label": STATE_LABELS.get(job.state, job.state),
            "progress": job.progress, "progress_text": job.progress_text,
            "error": job.error, "result": job.result, "unit_id": job.unit_id,
            "filename": job.payload.get("filename"), "requested_by": job.requested_name,
            "attempts": job.attempts, "created_at": when(job.created_at),
            "started_at": when(job.started_at), "finished_at": when(job.finished_at),
            "url": f"/api/jobs/{job.id}", "page": f"/tac-vu/{job.id}",
            "plan_page": f"/ke-hoach/{plan_id}" if plan_id else None,
            "file_page": f"/tac-vu/{job.id}/tep" if result.get("file") else None,
            "file_url": f"/api/jobs/{job.id}/file" if result.get("file") else None,
            "finished": job.state not in repo.ACTIVE}


def view(s: Session, p: Principal, job_id: int) -> dict[str, Any]:
    """The job for someone who reads its unit."""
    return as_dict(_job(s, p, job_id))


def cancel(s: Session, p: Principal | None, job_id: int) -> dict[str, Any]:
    """Cancel a queued or running job (a person needs the right to upload to its unit;
    None is the server's administrator at the command line). A running job stops at its
    next checkpoint and keeps nothing of its work."""
    if p is None:
        job = repo.get(s, job_id)
        if job is None:
            raise NotFound(f"không có việc xử lý số {job_id}.")
    else:
        job = _job(s, p, job_id, rules.UPLOAD)
    if not repo.cancel(s, job_id, utcnow(), CANCELLED):
        raise BadInput(f"việc xử lý số {job_id} đã kết thúc "
                       f"({STATE_LABELS.get(job.state, job.state)}); không hủy được nữa.")
    s.refresh(job)
    return as_dict(job)


def listing(s: Session, states: tuple[str, ...] | None = None,
            limit: int = 100) -> list[dict[str, Any]]:
    """The newest jobs (of `states`) for the administrator's `theodoi jobs`."""
    return [as_dict(j) for j in repo.listing(s, states, limit)]
