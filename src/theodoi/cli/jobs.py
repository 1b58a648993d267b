"""`theodoi worker` (the job runner alone) and `theodoi jobs list|cancel`."""

from __future__ import annotations

import signal
import threading

import click

from theodoi.cli.common import FORMAT, out, print_table, run_and_show, transaction
from theodoi.services import db, jobs
from theodoi.settings import load

STATES = ("queued", "running", "done", "failed", "cancelled")


@click.command("worker")
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 8),
              help="Số việc chạy cùng lúc.")
def worker_cmd(threads: int) -> None:
    """Chạy các việc nền (đọc kế hoạch tải lên) đến khi bị dừng (Ctrl+C hoặc SIGTERM).

    Dùng khi máy chủ web đặt THEODOI_JOB_THREADS=0; việc đang chạy khi dừng được trả lại
    hàng chờ."""
    settings = load()
    db.ensure_schema(settings.effective_database_url)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    runner = jobs.Runner(settings, threads)
    runner.start()
    out.print(f"theodoi worker đang chạy với {threads} luồng (Ctrl+C để dừng)")
    while not stop.wait(0.5):
        pass
    runner.stop()
    out.print("Đã dừng.")


@click.group("jobs")
def jobs_group() -> None:
    """Các việc nền: xem danh sách, hủy."""


@jobs_group.command("list")
@click.option("--state", "states", multiple=True, type=click.Choice(STATES),
              help="Chỉ các việc ở trạng thái này (lặp lại được).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000))
@FORMAT
def list_cmd(states: tuple[str, ...], limit: int, fmt: str) -> None:
    """Các việc mới nhất trước."""
    run_and_show(fmt, lambda s: jobs.listing(s, states or None, limit), lambda rows: print_table(
        ("Số", "Trạng thái", "%", "Tệp", "Người gửi", "Lần", "Ghi chú"),
        ((str(r["id"]), r["state_label"], str(r["progress"]), r["filename"] or "",
          r["requested_by"] or "", str(r["attempts"]), r["error"] or r["progress_text"])
         for r in rows)))


@jobs_group.command("cancel")
@click.argument("job_id", type=int)
def cancel_cmd(job_id: int) -> None:
    """Hủy một việc đang chờ hoặc đang chạy (việc đang chạy dừng ở mốc kế tiếp)."""
    with transaction() as s:
        row = jobs.cancel(s, None, job_id)
    out.print(f"Đã hủy việc số {row['id']}.")
