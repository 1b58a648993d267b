"""What the server answers while a large upload is read: a static file and a dashboard.

Before uploads became jobs, one 3.7 MB upload held its server process while it was read
(a static CSS file waited 6.7 s, issue 14). Here `theodoi serve --workers 1` (one process,
the worst case: nothing else to answer) runs in a subprocess on 127.0.0.1 with a fresh
SQLite database; a clerk uploads a TXT plan of about --mb MB built from the samples, and
meanwhile a second client fetches /static/app.css and the unit's dashboard in turn. It
prints how long the upload request took to answer, how long the job took to read and
import, and the static file's and the dashboard's latencies while the job ran.
Figures only; no test asserts on timings.

With --separate-worker the server runs no jobs (THEODOI_JOB_THREADS=0) and a
`theodoi worker` process does.

    .venv/bin/python bench/jobs.py [--mb 3.7] [--separate-worker]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import units
from theodoi.settings import Settings
from theodoi.storage import db

HOST = "127.0.0.1"  # loopback only
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-mat-khau-1"


def _plan_text(mb: float) -> bytes:
    """Sample plans one after another up to `mb` MB (one long document)."""
    parts = [p.read_bytes() for p in sorted((ROOT / "samples").glob("*.txt"))]
    out, i = bytearray(), 0
    while len(out) < mb * 1024 * 1024:
        out += parts[i % len(parts)] + b"\n\n"
        i += 1
    return bytes(out)


def _seed(settings: Settings) -> tuple[int, accounts.SignIn, accounts.SignIn]:
    db.upgrade(settings.effective_database_url)
    with uow.transaction(settings) as s:
        unit = units.create(s, "Xã An Bình")
        for name in ("vanphong", "lanhdao"):
            accounts.create_user(s, name, PASSWORD, full_name=name)
        accounts.grant(s, "vanphong", "Xã An Bình", "van_phong")
        accounts.grant(s, "lanhdao", "Xã An Bình", "lanh_dao")
        unit_id = unit.id
    with uow.transaction(settings) as s:
        clerk = accounts.login(s, "vanphong", PASSWORD, "bench")
        leader = accounts.login(s, "lanhdao", PASSWORD, "bench")
    assert isinstance(clerk, accounts.SignIn) and isinstance(leader, accounts.SignIn)
    return unit_id, clerk, leader


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _poll_others(url: str, token: str, unit_id: int, stop: threading.Event,
                 seen: dict[str, list[float]]) -> None:
    with httpx.Client(base_url=url, cookies={"theodoi_session": token}, timeout=120) as c:
        while not stop.is_set():
            for label, path in (("static", "/static/app.css"),
                                ("dashboard", f"/don-vi/{unit_id}/tong-quan")):
                start = time.perf_counter()
                assert c.get(path).status_code == 200
                seen[label].append((time.perf_counter() - start) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.7)
    parser.add_argument("--separate-worker", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=f"sqlite:///{tmp}/theodoi.db")
        unit_id, clerk, leader = _seed(settings)
        port = _free_port()
        env = {**os.environ, "THEODOI_DATABASE_URL": settings.effective_database_url,
               "THEODOI_DATA_DIR": tmp, "PYTHONPATH": str(ROOT / "src")}
        theodoi = [sys.executable, "-c", "from theodoi.cli import main; main()"]
        if args.separate_worker:
            env["THEODOI_JOB_THREADS"] = "0"
        processes = [subprocess.Popen([*theodoi, "serve", "--host", HOST, "--port", str(port),
                                       "--workers", "1"], env=env, stdout=subprocess.DEVNULL)]
        if args.separate_worker:
            processes.append(subprocess.Popen([*theodoi, "worker"], env=env,
                                              stdout=subprocess.DEVNULL))
        try:
            _run(f"http://{HOST}:{port}", unit_id, clerk, leader, _plan_text(args.mb))
        finally:
            for process in processes:
                process.terminate()
                process.wait(30)


def _run(url: str, unit_id: int, clerk: accounts.SignIn, leader: accounts.SignIn,
         data: bytes) -> None:
    for _ in range(150):
        try:
            httpx.get(url + "/dang-nhap", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    seen: dict[str, list[float]] = {"static": [], "dashboard": []}
    stop = threading.Event()
    with httpx.Client(base_url=url, cookies={"theodoi_session": clerk.token},
                      headers={"X-CSRF-Token": clerk.csrf_token}, timeout=300) as c:
        c.get(f"/don-vi/{unit_id}/tong-quan")  # warm the page once before measuring
        start = time.perf_counter()
        r = c.post(f"/api/units/{unit_id}/plans", files={"file": ("lon.txt", data, "text/plain")})
        answered = time.perf_counter() - start
        assert r.status_code == 202, r.text
        poller = threading.Thread(target=_poll_others,
                                  args=(url, leader.token, unit_id, stop, seen))
        poller.start()
        while not (job := c.get(r.json()["url"]).json())["finished"]:
            time.sleep(0.2)
        took = time.perf_counter() - start
        stop.set()
        poller.join()
    print(f"upload of {len(data) / 1048576:.1f} MB answered {r.status_code} in "
          f"{answered * 1000:.0f} ms; job {job['state']} after {took:.1f} s "
          f"({job['result'] and job['result']['targets']} targets)")
    for label, times in seen.items():
        if times:
            print(f"{label:9} during the job: {len(times)} requests, p50 "
                  f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms")


if __name__ == "__main__":
    main()
