"""`theodoi jobs list|cancel` in process and `theodoi worker` as a real process, on both
backends: the worker runs a queued upload to its plan and stops cleanly on SIGTERM."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.cli.test_register_cli import V1, theodoi
from theodoi.domain import access as rules
from theodoi.services import jobs, uow
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.register import units
from theodoi.settings import load

SRC = Path(__file__).resolve().parents[2] / "src"


def _queue_upload() -> int:
    settings = load()
    with uow.transaction(settings) as s:
        unit = units.create(s, "Xã An Bình")
        user = accounts.create_user(s, "vanphong", "mat-khau-123-dai", full_name="VP")
        who = Principal(user.id, "vanphong", "VP", (rules.Grant(unit.id, "van_phong"),))
        job = jobs.submit_upload(s, who, unit.id, io.BytesIO(V1.read_bytes()), V1.name,
                                 settings)
    return int(job["id"])


def _jobs(capsys: Any, *args: str) -> list[dict[str, Any]]:
    code, out, _ = theodoi(capsys, "jobs", "list", "--format", "json", *args)
    assert code == 0
    return list(json.loads(out))


def test_jobs_are_listed_and_cancelled_from_the_command_line(settings_env: str,
                                                             capsys: Any) -> None:
    assert _jobs(capsys) == []
    job_id = _queue_upload()
    listed = _jobs(capsys)
    assert [(j["id"], j["state"], j["filename"]) for j in listed] == [(job_id, "queued",
                                                                       V1.name)]
    code, out, _ = theodoi(capsys, "jobs", "list")
    assert code == 0 and "chờ" in out and "vanphong" in out  # a table for people
    code, out, _ = theodoi(capsys, "jobs", "cancel", str(job_id))
    assert code == 0 and f"Đã hủy việc số {job_id}." in out
    code, _, err = theodoi(capsys, "jobs", "cancel", str(job_id))
    assert code == 2 and "đã kết thúc (đã hủy)" in err
    code, _, err = theodoi(capsys, "jobs", "cancel", "999")
    assert code == 2 and "không có việc xử lý số 999" in err
    assert [j["id"] for j in _jobs(capsys, "--state", "cancelled")] == [job_id]
    assert _jobs(capsys, "--state", "queued") == []


def test_the_worker_runs_a_queued_upload_and_stops_on_sigterm(settings_env: str,
                                                              capsys: Any) -> None:
    job_id = _queue_upload()
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    worker = subprocess.Popen([sys.executable, "-c", "from theodoi.cli import main; main()",
                               "worker"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(1200):  # waits for the outcome; nothing is timed
            state = _jobs(capsys)[0]
            if state["finished"] or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert state["state"] == "done", (state, worker.poll())
        assert state["result"]["plan_id"] and state["attempts"] == 1
    finally:
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
    assert "Đã dừng." in out
    code, out, _ = theodoi(capsys, "plan", "list", "--unit", "Xã An Bình", "--format", "json")
    assert code == 0
    assert [p["id"] for p in json.loads(out)] == [state["result"]["plan_id"]]
    assert job_id == state["id"]
