"""The job queue and its runner: lifecycle, cancel, restart recovery, a worker killed
mid-import. On SQLite and PostgreSQL; extraction runs in the real child process."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.services.conftest import PLANS
from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.extraction import extract
from theodoi.services import jobs, uow
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.jobs import child, queue, runner, uploads
from theodoi.services.register import cascade, units
from theodoi.settings import Settings
from theodoi.storage.models import AuditEntry, Job, Plan, SourceFile, utcnow

TXT = PLANS / "ke-hoach-v1.txt"
A = "Xã An Bình"


@dataclass
class Env:
    settings: Settings
    unit_id: int
    who: Principal

    def submit(self, data: bytes, name: str) -> dict[str, Any]:
        with uow.transaction(self.settings) as s:
            return jobs.submit_upload(s, self.who, self.unit_id, io.BytesIO(data), name,
                                      self.settings)

    def job(self, job_id: int) -> Job:
        with uow.transaction(self.settings) as s:
            row = s.get(Job, job_id)
            assert row is not None
            s.expunge(row)
            return row

    def count(self, model: Any) -> int:
        with uow.transaction(self.settings) as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)

    def uploads(self) -> list[Path]:
        folder = self.settings.data_dir / "uploads"
        return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64,
                                                           parallelism=1))
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data")
    with uow.transaction(settings) as s:
        unit = units.create(s, A)
        user = accounts.create_user(s, "vanphong", "mat-khau-123", full_name="Văn phòng")
        accounts.grant(s, "vanphong", A, "van_phong", None)
        who = Principal(user.id, "vanphong", "Văn phòng", (rules.Grant(unit.id, "van_phong"),))
        unit_id = unit.id
    return Env(settings, unit_id, who)


def test_an_upload_is_queued_then_run_to_done_in_a_child(env: Env,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    job = env.submit(TXT.read_bytes(), TXT.name)
    assert (job["state"], job["progress"], job["attempts"]) == ("queued", 0, 0)
    assert job["progress_text"] == queue.QUEUED and len(env.uploads()) == 1
    seen: list[tuple[str, int, str]] = []
    real_run = child.run

    def watching(*args: Any, **kw: Any) -> Any:
        row = env.job(job["id"])  # what a person polling the job sees while it reads
        seen.append((row.state, row.progress, row.progress_text))
        return real_run(*args, **kw)

    monkeypatch.setattr(child, "run", watching)
    assert jobs.run_one(env.settings) is True
    assert seen == [("running", 10, runner.READING)]
    done = env.job(job["id"])
    assert (done.state, done.progress, done.attempts, done.error) == ("done", 100, 1, None)
    assert done.started_at and done.finished_at and done.finished_at >= done.started_at
    in_process = extract(TXT.read_bytes(), TXT.name)  # what the child must have found too
    assert done.result and done.result["already_stored"] is False
    assert (done.result["targets"], done.result["tasks"]) == (len(in_process["targets"]),
                                                              len(in_process["tasks"]))
    with uow.transaction(env.settings) as s:
        plan = s.get(Plan, done.result["plan_id"])
        assert plan is not None and plan.unit_id == env.unit_id and plan.status == "draft"
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity_kind == "plan",
                                                    AuditEntry.entity_id == plan.id)).all()
        assert [(a.username, a.new) for a in audit] == [("vanphong", "draft")]
    assert env.uploads() == []  # the register keeps the bytes; the staged copy goes
    assert jobs.run_one(env.settings) is False  # nothing else waits


def test_a_file_the_reader_refuses_fails_the_job_in_vietnamese_and_stores_nothing(
        env: Env) -> None:
    job = env.submit(b"PK\x03\x04" + b"\x00" * 200, "hong.docx")  # a zip's kind is the job's
    assert jobs.run_one(env.settings)
    failed = env.job(job["id"])
    assert failed.state == "failed" and failed.result is None
    assert failed.error == "hong.docx: tệp nén bị hỏng, không mở được."
    assert env.count(Plan) == 0 and env.count(SourceFile) == 0 and env.uploads() == []


def test_a_refused_upload_queues_nothing_and_keeps_no_file(env: Env) -> None:
    for name, data, words in [("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "tệp ảnh"),
                              ("trong.txt", b"  \n", "tệp rỗng"),
                              ("bang.xlsx", b"PK\x03\x04", "chỉ nhận tệp")]:
        with pytest.raises(BadInput, match=words):
            env.submit(data, name)
    small = env.settings.model_copy(update={"max_upload_mb": 1})
    with pytest.raises(BadInput, match="giới hạn 1 MB"), uow.transaction(small) as s:
        jobs.submit_upload(s, env.who, env.unit_id, io.BytesIO(b"a" * (3 << 20)), "lon.txt",
                           small)
    assert env.count(Job) == 0 and env.uploads() == []


def test_a_queued_job_cancelled_is_never_run_and_cannot_be_cancelled_twice(env: Env) -> None:
    job = env.submit(TXT.read_bytes(), TXT.name)
    with uow.transaction(env.settings) as s:
        cancelled = jobs.cancel(s, env.who, job["id"])
    assert cancelled["state"] == "cancelled" and cancelled["finished"] is True
    assert jobs.run_one(env.settings) is False
    with pytest.raises(BadInput, match="đã kết thúc"), uow.transaction(env.settings) as s:
        jobs.cancel(s, None, job["id"])
    assert env.count(Plan) == 0


def sleep_in_child(pid_file: str, _name: str, _max: int) -> dict[str, Any]:
    """Stands in for a long extraction: says who it is, then never finishes by itself."""
    Path(pid_file).write_text(str(os.getpid()))
    time.sleep(600)
    return {}


def test_a_running_job_cancelled_stops_its_child_and_keeps_nothing(
        env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    job = env.submit(TXT.read_bytes(), TXT.name)
    pid_file = tmp_path / "child.pid"

    def long_extraction(settings: Settings, c: queue.Claim, keep_going: Any) -> Any:
        def clerk_cancels_once_it_runs() -> bool:
            if pid_file.exists() and env.job(c.job_id).state == "running":
                with uow.transaction(settings) as s:
                    jobs.cancel(s, env.who, c.job_id)
            return bool(keep_going())

        return child.run("tests.services.test_jobs.sleep_in_child",
                         (str(pid_file), "x", 0), memory_mb=settings.job_memory_mb,
                         keep_going=clerk_cancels_once_it_runs)

    monkeypatch.setattr(runner, "extract_step", long_extraction)
    assert jobs.run_one(env.settings)
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the child was terminated (and reaped), not left sleeping
    row = env.job(job["id"])
    assert row.state == "cancelled" and row.progress_text == queue.CANCELLED
    assert env.count(Plan) == 0 and env.uploads() == []


def test_a_job_whose_worker_died_is_requeued_then_failed_after_its_attempts(env: Env) -> None:
    job = env.submit(TXT.read_bytes(), TXT.name)
    with uow.transaction(env.settings) as s:
        first = queue.claim(s)  # a worker takes it … and dies: no beat, no finish
    assert first is not None and first.attempt == 1
    later = utcnow() + timedelta(seconds=env.settings.job_stale_seconds + 1)
    stale = timedelta(seconds=env.settings.job_stale_seconds)
    with uow.transaction(env.settings) as s:
        assert queue.recover(s, stale, 3, now=utcnow()) == ([], [])  # still fresh
        assert queue.recover(s, stale, 3, now=later) == ([job["id"]], [])
    assert env.job(job["id"]).state == "queued"
    with uow.transaction(env.settings) as s:
        second = queue.claim(s)
        assert second is not None and second.attempt == 2
        assert queue.beat(s, first) is False  # the dead worker's claim is void
        assert queue.done(s, first, {"plan_id": 1}) is False
    with uow.transaction(env.settings) as s:
        assert queue.recover(s, stale, 2, now=later) == ([], [job["id"]])
    failed = env.job(job["id"])
    assert failed.state == "failed" and failed.error == queue.gave_up(2)
    assert env.count(Plan) == 0


def test_a_requeued_job_runs_to_done_on_its_second_attempt(env: Env) -> None:
    job = env.submit(TXT.read_bytes(), TXT.name)
    with uow.transaction(env.settings) as s:
        queue.claim(s)
    later = utcnow() + timedelta(hours=1)
    with uow.transaction(env.settings) as s:
        queue.recover(s, timedelta(seconds=120), 3, now=later)
    assert jobs.run_one(env.settings)
    row = env.job(job["id"])
    assert (row.state, row.attempts) == ("done", 2) and env.count(Plan) == 1


def _worker_killed_while_writing(url: str, settings: Settings) -> None:
    """A worker process that dies (SIGKILL) after the plan's rows are flushed, before the
    commit: the worst moment for a half plan."""
    from theodoi.storage import db

    db.engine_for(url).dispose(close=False)  # the parent's connections are not ours

    def die(*_: Any) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    cascade.link_plan = die  # type: ignore[assignment]
    jobs.run_one(settings)


def test_a_worker_killed_mid_import_leaves_no_half_plan_and_the_job_runs_again(
        env: Env, db_url: str) -> None:
    job = env.submit(TXT.read_bytes(), TXT.name)
    from theodoi.storage import db

    db.engine_for(db_url).dispose()
    worker = multiprocessing.get_context("fork").Process(
        target=_worker_killed_while_writing, args=(db_url, env.settings))
    worker.start()
    worker.join(120)
    assert worker.exitcode == -signal.SIGKILL
    row = env.job(job["id"])
    assert row.state == "running" and row.progress == 80  # it died while writing
    assert env.count(Plan) == 0 and env.count(SourceFile) == 0  # nothing half-written
    later = utcnow() + timedelta(hours=1)
    with uow.transaction(env.settings) as s:
        assert queue.recover(s, timedelta(seconds=120), 3, now=later) == ([job["id"]], [])
    assert jobs.run_one(env.settings)
    done = env.job(job["id"])
    assert (done.state, done.attempts) == ("done", 2)
    assert env.count(Plan) == 1 and env.count(SourceFile) == 1


def test_uploads_no_job_needs_are_swept_once_old(env: Env) -> None:
    kept = env.submit(TXT.read_bytes(), TXT.name)
    dropped = env.submit(b"Ke hoach khac", "khac.txt")
    with uow.transaction(env.settings) as s:
        jobs.cancel(s, env.who, dropped["id"])
    orphan = env.settings.data_dir / "uploads" / "mo-coi.txt"  # a request that failed late
    orphan.write_bytes(b"x")
    later = time.time() + 2 * 3600
    with uow.transaction(env.settings) as s:
        assert uploads.sweep(s, env.settings, timedelta(hours=1)) == []  # all still young
        removed = uploads.sweep(s, env.settings, timedelta(hours=1), now=later)
    assert len(removed) == 2 and "mo-coi.txt" in removed
    with uow.transaction(env.settings) as s:
        kept_file = Path(s.get(Job, kept["id"]).payload["file"]).name  # type: ignore[union-attr]
    assert [p.name for p in env.uploads()] == [kept_file]
    assert jobs.run_one(env.settings) and env.job(kept["id"]).state == "done"


def test_a_stopping_runner_gives_its_running_job_back_to_the_queue(
        env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    job = env.submit(TXT.read_bytes(), TXT.name)
    started = threading.Event()

    def until_stopped(_settings: Settings, _c: queue.Claim, keep_going: Any) -> Any:
        started.set()
        while keep_going():  # what child.run does while its child reads
            threading.Event().wait(0.05)
        raise child.Stopped

    monkeypatch.setattr(runner, "extract_step", until_stopped)
    worker = jobs.Runner(env.settings, 1)
    worker.start()
    assert started.wait(60)
    worker.stop()
    row = env.job(job["id"])
    assert (row.state, row.attempts, row.progress_text) == ("queued", 1, queue.REQUEUED)
    assert len(env.uploads()) == 1  # its file stays for the next worker
    monkeypatch.undo()
    assert jobs.run_one(env.settings) and env.job(job["id"]).state == "done"
