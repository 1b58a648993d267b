"""Latency of a static file and a dashboard while large uploads arrive and are saved.

`theodoi serve --workers 1` (one process: the worst case) in a subprocess on 127.0.0.1
over a fresh SQLite database with one commune and its active plan. First the two pages
alone, then again while --uploads clients each send a value with an evidence file of
--mb MB, slowly (in 256 KB pieces a few ms apart), over and over. p50 and max are
printed, with how many uploads were answered and how. Figures only; the suite's
tests/web/test_responsive.py shows the order of events without timing it.

    .venv/bin/python bench/responsive.py [--uploads 3] [--mb 9] [--seconds 8]
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
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx

from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import importing, units
from theodoi.settings import Settings

HOST = "127.0.0.1"  # loopback only
PLAN = Path(__file__).resolve().parents[1] / "tests" / "data" / "plans" / "ke-hoach-v1.txt"
PASSWORD = "bench-mat-khau-1"
PIECE = 256 << 10
PNG = b"\x89PNG\r\n\x1a\n"


def _seed(settings: Settings) -> int:
    with uow.transaction(settings) as s:
        unit = units.create(s, "Xã Thử Tải")
        importing.import_plan(s, unit.name, PLAN.read_bytes(), PLAN.name, max_bytes=50 << 20)
        accounts.create_user(s, "quantri", PASSWORD, full_name="Quản trị")
        accounts.grant(s, "quantri", unit.name, "quan_tri")
        return unit.id


def _client(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=120)
    pre = client.get("/api/csrf").json()["csrf_token"]
    r = client.post("/api/login", json={"username": "quantri", "password": PASSWORD},
                    headers={"X-CSRF-Token": pre})
    client.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return client


def _activate(client: httpx.Client, plan_id: int) -> str:
    for action in ("accept-all", "activate"):
        version = client.get(f"/api/plans/{plan_id}/review").json()["plan"]["version"]
        client.post(f"/api/plans/{plan_id}/{action}", json={"version": version})
    review = client.get(f"/api/plans/{plan_id}/review").json()
    return str(review["targets"][0]["ref"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _serve(settings: Settings, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "THEODOI_DATABASE_URL": settings.effective_database_url,
           "THEODOI_DATA_DIR": str(settings.data_dir)}
    command = [sys.executable, "-c", "from theodoi.cli import main; main()", "serve",
               "--host", HOST, "--port", str(port), "--workers", "1"]
    proc = subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://{HOST}:{port}/api/csrf", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    return proc


def _body(mb: int) -> tuple[bytes, bytes, int]:
    head = (b"--b\r\nContent-Disposition: form-data; name=\"period\"\r\n\r\n2026\r\n"
            b"--b\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\n7\r\n"
            b"--b\r\nContent-Disposition: form-data; name=\"evidence\"; "
            b"filename=\"anh.png\"\r\nContent-Type: image/png\r\n\r\n" + PNG)
    tail = b"\r\n--b--\r\n"
    return head, tail, len(head) + (mb << 20) + len(tail)


def _slowly(head: bytes, tail: bytes, mb: int) -> Iterator[bytes]:
    yield head
    left = mb << 20
    while left > 0:
        yield b"\0" * min(PIECE, left)
        left -= PIECE
        time.sleep(0.005)
    yield tail


def _uploads(base: str, ref: str, mb: int, stop: threading.Event, seen: Counter[int]) -> None:
    client = _client(base)
    head, tail, size = _body(mb)
    while not stop.is_set():
        r = client.post(f"/muc/{ref}/so-lieu", content=_slowly(head, tail, mb), headers={
            "Content-Type": "multipart/form-data; boundary=b", "Content-Length": str(size),
            "HX-Request": "true"})
        seen[r.status_code] += 1


def _measure(client: httpx.Client, paths: list[str], seconds: float) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {p: [] for p in paths}
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        for path in paths:
            start = time.perf_counter()
            client.get(path).raise_for_status()
            times[path].append((time.perf_counter() - start) * 1000)
        time.sleep(0.05)
    return times


def _print(label: str, times: dict[str, list[float]]) -> None:
    for path, ms in times.items():
        print(f"{label:<24} {path:<28} n={len(ms):<4} p50 {statistics.median(ms):7.1f} ms"
              f"   max {max(ms):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=3)
    parser.add_argument("--mb", type=int, default=9)
    parser.add_argument("--seconds", type=float, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        unit_id = _seed(settings)
        port = _free_port()
        proc = _serve(settings, port, Path(tmp) / "server.log")
        base = f"http://{HOST}:{port}"
        try:
            client = _client(base)
            ref = _activate(client, 1)
            paths = ["/static/app.css", f"/don-vi/{unit_id}/tong-quan"]
            _print("alone", _measure(client, paths, args.seconds))
            stop, seen = threading.Event(), Counter[int]()
            senders = [threading.Thread(target=_uploads, args=(base, ref, args.mb, stop, seen))
                       for _ in range(args.uploads)]
            for sender in senders:
                sender.start()
            time.sleep(1)
            _print(f"{args.uploads} x {args.mb} MB uploads", _measure(client, paths,
                                                                     args.seconds))
            stop.set()
            for sender in senders:
                sender.join(120)
            print(f"uploads answered: {dict(seen)}")
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
