"""kill -9 of `theodoi serve` in the middle of a burst of writes (issue 14 item 5).

Eight clients record values (some with an evidence file) and correct a task as fast as
they can; once 40 writes have been acknowledged the server's process group is killed
with SIGKILL while the clients keep sending. After a restart on the same database every
acknowledged write is there, no row points at a row that does not exist, nothing is
half-written, and the schema is the newest.
"""

from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import text

from tests.conftest import ROOT
from tests.web.conftest import A, World
from tests.web.live import signed_in
from tests.web.progress_world import activate
from theodoi.storage import db

CLIENTS, ACKED_BEFORE_KILL = 8, 40
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 300).decode()
ORPHANS = {  # rows that would point at nothing: each query must count 0
    "progress without target": "SELECT count(*) FROM progress_records r LEFT JOIN targets t "
                               "ON t.id = r.target_id WHERE t.id IS NULL",
    "progress with a lost file": "SELECT count(*) FROM progress_records r LEFT JOIN "
                                 "attachments a ON a.id = r.attachment_id WHERE "
                                 "r.attachment_id IS NOT NULL AND a.id IS NULL",
    "file of no record": "SELECT count(*) FROM attachments a WHERE NOT EXISTS (SELECT 1 "
                         "FROM progress_records r WHERE r.attachment_id = a.id) AND NOT "
                         "EXISTS (SELECT 1 FROM task_updates u WHERE u.attachment_id = a.id)",
    "change of no item": "SELECT count(*) FROM audit_log e WHERE e.entity_kind = 'task' "
                         "AND NOT EXISTS (SELECT 1 FROM tasks k WHERE k.id = e.entity_id)",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(world: World, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """`theodoi serve` in its own process group; killed with SIGKILL if still running."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"),
           "THEODOI_DATABASE_URL": world.settings.effective_database_url,
           "THEODOI_DATA_DIR": str(world.settings.data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from theodoi.cli import main; main()", "serve",
         "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/csrf", timeout=2).is_success:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise AssertionError("theodoi serve did not start")
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)


class Burst:
    """Clients writing until `stop`; what the server acknowledged is kept."""

    def __init__(self, base: str, targets: list[str], task: str) -> None:
        self.base, self.targets, self.task = base, targets, task
        self.lock = threading.Lock()
        self.values: list[float] = []  # acknowledged values (each one unique)
        self.titles: list[str] = []  # acknowledged task titles
        self.version = 0
        self.stop = threading.Event()

    def acked(self) -> int:
        return len(self.values) + len(self.titles)

    def one(self, client: httpx.Client, n: int, k: int) -> None:
        if k % 4 == 3:
            title = f"tiêu đề {n}-{k}"
            r = client.post(f"/api/items/{self.task}/correct",
                            json={"version": self.version, "changes": {"title": title}})
            if r.status_code == 200:
                with self.lock:
                    self.titles.append(title)
                    self.version = max(self.version, r.json()["version"])
            return
        value = float(n * 10000 + k)
        body: dict[str, Any] = {"period": "2026", "value": str(int(value))}
        if k % 3 == 0:
            body["evidence"] = {"name": f"anh-{n}-{k}.png", "content_base64": PNG}
        r = client.post(f"/api/items/{self.targets[k % len(self.targets)]}/progress",
                        json=body)
        if r.status_code == 201:
            with self.lock:
                self.values.append(value)

    def client(self, n: int) -> None:
        try:
            client = signed_in(self.base, "quantri", timeout=10)
            for k in range(10_000):
                if self.stop.is_set():
                    return
                self.one(client, n, k)
        except httpx.TransportError:
            return  # the server is gone: what was not answered was not acknowledged


def test_acknowledged_writes_survive_kill_9_and_nothing_is_left_half_done(
        world: World) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with server(world, port) as process:
        office = signed_in(base, "quantri")
        items = activate(office, world, A)
        targets = [r for r, i in items.items() if i["kind"] == "target"][:3]
        task = next(r for r, i in items.items() if i["kind"] == "task")
        burst = Burst(base, targets, task)
        burst.version = items[task]["version"]
        threads = [threading.Thread(target=burst.client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 120
        while burst.acked() < ACKED_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)  # writes still in flight
        burst.stop.set()
        for thread in threads:
            thread.join(30)
    assert burst.acked() >= ACKED_BEFORE_KILL
    url = world.settings.effective_database_url
    db.engine_for(url).dispose()  # nothing of this process's pool survives either
    with server(world, port):
        after = signed_in(base, "quantri")
        assert after.get(f"/api/items/{task}").status_code == 200  # it serves again
    _check_database(url, burst)
    print(f"\n{url.split(':')[0]}: {burst.acked()} writes acknowledged before and while "
          f"the server was killed, 0 lost")


def _check_database(url: str, burst: Burst) -> None:
    with db.engine_for(url).connect() as conn:
        stored = set(conn.execute(text("SELECT value FROM progress_records")).scalars())
        titles = set(conn.execute(text(
            "SELECT new FROM audit_log WHERE field = 'title'")).scalars())
        orphans = {name: conn.execute(text(q)).scalar() for name, q in ORPHANS.items()}
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    assert set(burst.values) <= stored  # every acknowledged value is there
    assert set(burst.titles) <= titles  # and every acknowledged correction
    assert orphans == dict.fromkeys(ORPHANS, 0)
    assert db.current_revision(url) == db.head_revision()

