"""`theodoi serve`: how many processes, and the shared socket's connections sent without
Nagle's delay (uvicorn's own --workers socket left every kept-alive response ~40 ms late)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from theodoi.cli import user as cli_user
from theodoi.domain.errors import BadInput
from theodoi.settings import Settings
from theodoi.web import server


def test_connections_accepted_on_the_shared_socket_have_no_nagle_delay() -> None:
    sock = server.listening_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    seen: list[int] = []

    async def main() -> None:
        def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            raw = writer.get_extra_info("socket")
            seen.append(raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        listening = await asyncio.start_server(accepted, sock=sock)
        async with listening:
            _r, w = await asyncio.open_connection("127.0.0.1", port)
            for _ in range(50):
                if seen:
                    break
                await asyncio.sleep(0.01)
            w.close()

    asyncio.run(main())
    assert seen and seen[0] != 0


def test_zero_workers_means_one_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_user.os, "cpu_count", lambda: 6)
    assert (cli_user.worker_count(0), cli_user.worker_count(3)) == (6, 3)
    monkeypatch.setattr(cli_user.os, "cpu_count", lambda: None)
    assert cli_user.worker_count(0) == 1


def test_several_workers_read_the_same_database_from_the_environment(
        db_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[tuple[str, int, int]] = []
    monkeypatch.setattr(server, "serve",
                        lambda _settings, host, port, workers: served.append((host, port,
                                                                                workers)))
    monkeypatch.setenv("THEODOI_DATABASE_URL", "sqlite:///elsewhere.db")  # restored after
    monkeypatch.setenv("THEODOI_DATA_DIR", "elsewhere")
    settings = Settings(database_url=db_url, data_dir=tmp_path)
    cli_user.run_server(settings, "127.0.0.1", 8123, workers=2)
    assert served == [("127.0.0.1", 8123, 2)]
    import os

    assert os.environ["THEODOI_DATABASE_URL"] == db_url
    assert os.environ["THEODOI_DATA_DIR"] == str(tmp_path)


def test_each_worker_listens_on_its_own_socket_of_the_same_port() -> None:
    first = server.listening_socket("127.0.0.1", 0, reuse_port=True)
    port = first.getsockname()[1]
    second = server.listening_socket("127.0.0.1", port, reuse_port=True)
    try:
        first.listen()
        second.listen()
        assert second.getsockname()[1] == port
        with pytest.raises(BadInput, match="không mở được cổng"):  # refused at once
            server.serve(Settings(), "127.0.0.1", port, 2)
    finally:
        first.close()
        second.close()


def test_the_server_takes_the_c_http_parser_and_event_loop() -> None:
    """What `theodoi serve` gets from uvicorn's "auto" choices once the project's pinned
    dependencies are installed: httptools' parser and (but on Windows) uvloop's loop."""
    import sys

    from uvicorn.loops.auto import auto_loop_factory
    from uvicorn.protocols.http.auto import AutoHTTPProtocol
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    assert AutoHTTPProtocol is HttpToolsProtocol
    loop = auto_loop_factory()()
    try:
        expected = "asyncio" if sys.platform == "win32" else "uvloop"
        assert type(loop).__module__.split(".")[0] == expected
    finally:
        loop.close()


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _job_process(pid: int) -> int | None:
    """The server's job process (a spawned child that is not multiprocessing's tracker)."""
    for child in _children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command and b"resource_tracker" not in command:
            return child
    return None


def _wait_for(check: Any, what: str) -> Any:
    for _ in range(1200):  # waits for an outcome; nothing is timed
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_serve_runs_jobs_in_a_process_of_its_own_started_again_when_killed(
        settings_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from argon2 import PasswordHasher

    from tests.services.conftest import PLANS
    from theodoi.domain import access as rules
    from theodoi.services import jobs, uow
    from theodoi.services.accounts import users as accounts
    from theodoi.services.accounts.access import Principal
    from theodoi.services.register import units
    from theodoi.settings import load

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64,
                                                           parallelism=1))
    settings = load()
    with uow.transaction(settings) as s:
        unit = units.create(s, "Xã An Bình")
        user = accounts.create_user(s, "vanphong", "mat-khau-123-dai", full_name="VP")
        who = Principal(user.id, "vanphong", "VP", (rules.Grant(unit.id, "van_phong"),))

    def queue_upload(name: str) -> int:
        data = (PLANS / name).read_bytes()
        with uow.transaction(settings) as s:
            return int(jobs.submit_upload(s, who, unit.id, io.BytesIO(data), name,
                                          settings)["id"])

    def state(job_id: int) -> str:
        with uow.transaction(settings) as s:
            return str(jobs.listing(s)[::-1][job_id - 1]["state"])

    sock = server.listening_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()
    src = Path(__file__).resolve().parents[2] / "src"
    serve = subprocess.Popen([sys.executable, "-c", "from theodoi.cli import main; main()",
                              "serve", "--port", str(port), "--workers", "1"],
                             env={**os.environ, "PYTHONPATH": str(src)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        first = queue_upload("ke-hoach-v1.txt")
        _wait_for(lambda: state(first) == "done", "the first job done")
        worker = _wait_for(lambda: _job_process(serve.pid), "a job process")
        os.kill(worker, signal.SIGKILL)
        again = _wait_for(lambda: (p := _job_process(serve.pid)) not in (None, worker) and p,
                          "a new job process")
        second = queue_upload("ke-hoach-v2.txt")
        _wait_for(lambda: state(second) == "done", "the second job done by the new process")
        assert again != worker and serve.poll() is None  # the web server never went down
    finally:
        serve.send_signal(signal.SIGTERM)
        _out, err = serve.communicate(timeout=60)
    assert serve.returncode == 0, err
