"""The runner: threads that claim queued jobs and run them, beating while they work.

`theodoi serve` runs a Runner in a job process beside its web processes (web/server.py;
THEODOI_JOB_THREADS threads, one by default); `theodoi worker` runs one alone. Each
thread takes the oldest queued job, runs the heavy part of its kind (`prepare`, e.g. the
extraction in a child process) outside any transaction while refreshing the job's
heartbeat and watching for a cancel, then writes the outcome and marks the job done in
ONE transaction (`write`): a worker killed at any point leaves either the whole result
or none of it. One thread of each runner also requeues jobs whose worker died (stale
heartbeat) or fails them after THEODOI_JOB_MAX_ATTEMPTS starts. One more thread runs the reminders'
schedule (services/reminders: the daily digest and the sender; a database lease makes
one process of all the servers do it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import TheodoiError
from theodoi.services import reminders, uow
from theodoi.services.accounts.access import Principal
from theodoi.services.jobs import child, queue, report_pdf, uploads
from theodoi.services.jobs.queue import Claim
from theodoi.settings import Settings
from theodoi.storage.repositories import jobs as job_repo

log = logging.getLogger("theodoi.jobs")
IDLE_WAIT_S = 1.0  # how long a thread with nothing to do waits before looking again
BEAT_S = 5.0  # how often a running job's heartbeat is written
REMIND_EVERY_S = 30.0  # how often the reminders' schedule looks for work
SWEEP_AFTER = timedelta(hours=1)  # far beyond a request's copy-to-commit
UNEXPECTED = ("lỗi không mong đợi khi xử lý; việc này đã dừng và không lưu gì. Hãy báo "
              "quản trị hệ thống (chi tiết trong nhật ký máy chủ).")
READING, WRITING = "Đang đọc văn bản…", "Đang ghi vào sổ theo dõi…"

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class Kind:
    """What running one kind of job takes: `prepare` (heavy, no transaction), `write`
    (in the transaction that marks the job done) and `cleanup` once the job ended."""

    prepare: Callable[[Settings, Claim, Callable[[], bool], Progress], Any]
    write: Callable[[Session, Settings, Claim, Any], dict[str, Any]]
    cleanup: Callable[[Settings, dict[str, Any]], None]


def extract_step(settings: Settings, c: Claim, keep_going: Callable[[], bool]) -> Any:
    """The uploaded file's extraction, in a memory-capped child process (a DOC, RTF or ODT
    waits there for the machine's one LibreOffice turn: theodoi/tools/soffice.py)."""
    path = uploads.file_of(settings, c.payload)
    return child.run("theodoi.extraction.extract", (str(path), c.payload["filename"]),
                     kwargs={"max_bytes": settings.max_upload_bytes},
                     memory_mb=settings.job_memory_mb, keep_going=keep_going)


def _prepare_import(settings: Settings, c: Claim, keep_going: Callable[[], bool],
                    progress: Progress) -> Any:
    progress(10, READING)
    extraction = extract_step(settings, c, keep_going)
    progress(80, WRITING)
    return extraction


def _write_import(s: Session, settings: Settings, c: Claim, extraction: Any) -> dict[str, Any]:
    who = Principal(c.requested_by, c.requested_name or "", "", ()) \
        if c.requested_by is not None else None
    assert c.unit_id is not None
    return uploads.import_staged(s, settings, c.unit_id, who, c.payload, extraction)


KINDS: dict[str, Kind] = {
    uploads.KIND: Kind(_prepare_import, _write_import, uploads.cleanup),
    report_pdf.KIND: Kind(report_pdf.prepare, report_pdf.write, report_pdf.cleanup),
}


class Watch:
    """A running job's sign of life and cancel check, asked between steps and while the
    child works: False once the runner stops or the job is no longer this claim's."""

    def __init__(self, settings: Settings, c: Claim, stopping: threading.Event) -> None:
        self.settings, self.claim, self.stopping = settings, c, stopping
        self.last_beat = time.monotonic()

    def keep_going(self) -> bool:
        if self.stopping.is_set():
            return False
        with uow.transaction(self.settings) as s:
            if time.monotonic() - self.last_beat >= BEAT_S:
                self.last_beat = time.monotonic()
                return queue.beat(s, self.claim)
            return queue.still_mine(s, self.claim)

    def progress(self, percent: int, text: str) -> None:
        """A checkpoint: record progress; stop here when the job was cancelled."""
        if self.stopping.is_set():
            raise child.Stopped
        with uow.transaction(self.settings) as s:
            mine = queue.beat(s, self.claim, percent, text)
        self.last_beat = time.monotonic()
        if not mine:
            raise child.Stopped


def run_one(settings: Settings, stopping: threading.Event | None = None) -> bool:
    """Claim and run the oldest queued job; False when none was waiting."""
    with uow.transaction(settings) as s:
        c = queue.claim(s)
    if c is None:
        return False
    run_claimed(settings, c, stopping or threading.Event())
    return True


def run_claimed(settings: Settings, c: Claim, stopping: threading.Event) -> None:
    """Run a claimed job to its end (done, failed) or until it is cancelled or the
    runner stops (then it goes back to the queue)."""
    kind = KINDS.get(c.kind)
    watch = Watch(settings, c, stopping)
    try:
        if kind is None:
            raise TheodoiError(f"không biết loại việc '{c.kind}'.")
        prepared = kind.prepare(settings, c, watch.keep_going, watch.progress)
        with uow.transaction(settings) as s:
            result = kind.write(s, settings, c, prepared)
            if not queue.done(s, c, result):
                raise child.Stopped  # cancelled meanwhile: the plan is rolled back
    except child.Stopped:
        _stopped(settings, c, stopping)
    except TheodoiError as exc:
        message = exc.render("web")  # jobs are the web's uploads
        _end(settings, c, lambda s: queue.failed(s, c, message))
    except Exception:
        log.exception("job %s (%s) failed", c.job_id, c.kind)
        _end(settings, c, lambda s: queue.failed(s, c, UNEXPECTED))
    if kind is not None and _ended(settings, c):
        kind.cleanup(settings, c.payload)


def _stopped(settings: Settings, c: Claim, stopping: threading.Event) -> None:
    if stopping.is_set():
        _end(settings, c, lambda s: queue.release(s, c))


def _end(settings: Settings, c: Claim, write: Callable[[Session], bool]) -> None:
    with uow.transaction(settings) as s:
        write(s)


def _ended(settings: Settings, c: Claim) -> bool:
    """Whether the job has ended for good (its stored input may go)."""
    with uow.transaction(settings) as s:
        job = job_repo.get(s, c.job_id)
        return job is None or job.state not in job_repo.ACTIVE


class Runner:
    """`threads` threads running jobs until `stop()`; thread 0 also recovers stale jobs."""

    def __init__(self, settings: Settings, threads: int = 1) -> None:
        self.settings, self.count = settings, max(1, threads)
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []
        self.stale = timedelta(seconds=settings.job_stale_seconds)
        self.recover_every = min(30.0, settings.job_stale_seconds / 4)

    def start(self) -> None:
        self.threads = [threading.Thread(target=self._loop, args=(i,), daemon=True,
                                         name=f"theodoi-job-{i}") for i in range(self.count)]
        self.threads.append(threading.Thread(target=self._remind, daemon=True,
                                             name="theodoi-remind"))
        for t in self.threads:
            t.start()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop taking jobs; a running job's child is stopped and the job requeued."""
        self.stopping.set()
        for t in self.threads:
            t.join(timeout)

    def recover(self) -> tuple[list[int], list[int]]:
        """Requeue or fail jobs of dead workers; remove stored uploads no job needs and
        report PDFs past their keeping time (report_pdf.KEEP)."""
        with uow.transaction(self.settings) as s:
            requeued, failed = queue.recover(s, self.stale, self.settings.job_max_attempts)
            uploads.sweep(s, self.settings, SWEEP_AFTER)
            report_pdf.sweep(s, self.settings, SWEEP_AFTER)
        if requeued or failed:
            log.warning("stale jobs requeued %s, failed %s", requeued, failed)
        return requeued, failed

    def _remind(self) -> None:
        """The reminders' schedule until the runner stops (sending may take a while, so
        it has its own thread rather than holding up a job)."""
        while not self.stopping.is_set():
            try:
                reminders.tick(self.settings)
            except Exception:  # the database or the mail server away: next time
                log.exception("reminders: the schedule failed; trying again shortly")
            self.stopping.wait(REMIND_EVERY_S)

    def _loop(self, index: int) -> None:
        next_recovery = 0.0
        while not self.stopping.is_set():
            try:
                if index == 0 and time.monotonic() >= next_recovery:
                    self.recover()
                    next_recovery = time.monotonic() + self.recover_every
                worked = run_one(self.settings, self.stopping)
            except Exception:  # the database away for a moment: try again shortly
                log.exception("job runner: could not reach the queue")
                worked = False
            if not worked:
                self.stopping.wait(IDLE_WAIT_S)
