"""Web latency at province scale: the dashboard, the register list and a target page.

A generated province (bench/province.py: 100 communes, 15,000 items, 500,000 progress
records) on SQLite and on the PostgreSQL server; a lãnh đạo user at the province and one
at a commune; the app served by `theodoi serve --workers N` in a subprocess on 127.0.0.1
only. Each page is fetched by 1, 10 and 50 concurrent clients (one kept-alive connection
each) for --seconds per level, after a short warm-up at 10 clients so that every server
process has its caches (the first, computed read is bench/status.py's figure), and
p50/p95 are printed (goal: p95 under 150 ms at 50 clients on a 2-core machine). The
clients are wrk (bench/wrk.py: installed from Debian's packages when missing), or with
`--client python` (or without wrk) a few lines of asyncio, whose own CPU on the same two
cores shows in the figures. A page the app does not have yet is reported, not measured.
Figures only; no test asserts on timings.

    .venv/bin/python bench/web.py [--no-pg] [--pg URL] [--seconds 10] [--client python]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside this file
import province
import wrk
from pgtemp import PG, temporary_database

from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import units
from theodoi.settings import Settings
from theodoi.storage import db

HOST = "127.0.0.1"  # loopback only, never another address
LEVELS = (1, 10, 50)
PASSWORD = "bench-mat-khau-1"
USERS = {"lanhdao-tinh": "tinh-bench", "lanhdao-xa": "tinh-bench.xa-000"}


def _seed_users(settings: Settings, sessions: int) -> dict[str, list[str]]:
    """The two leaders, and `sessions` signed-in sessions of each (one per client)."""
    tokens: dict[str, list[str]] = {}
    with uow.transaction(settings) as s:
        for username, unit in USERS.items():
            accounts.create_user(s, username, PASSWORD, full_name=username)
            accounts.grant(s, username, unit, "lanh_dao")
    with uow.transaction(settings) as s:
        for username in USERS:
            tokens[username] = []
            for i in range(sessions):
                outcome = accounts.login(s, username, PASSWORD, f"bench-{i}")
                assert isinstance(outcome, accounts.SignIn), outcome
                tokens[username].append(outcome.token)
    return tokens


def _pages(settings: Settings) -> dict[str, list[tuple[str, str]]]:
    """(label, path) per user: its unit's dashboard and register list, and a target page;
    first of all a static file, the floor of what the server and this client cost per
    request on this machine, whatever the page does."""
    with uow.transaction(settings) as s:
        ids = {code: units.find(s, code).id for code in USERS.values()}
    pages: dict[str, list[tuple[str, str]]] = {}
    for username, code in USERS.items():
        unit_id = ids[code]
        register_unit = ids["tinh-bench.xa-000"]  # the province's register spans 15,000 rows
        pages[username] = [] if pages else [("static", "/static/app.css")]
        pages[username] += [("dashboard", f"/don-vi/{unit_id}/tong-quan"),
                           ("register", f"/don-vi/{register_unit}/so-theo-doi"),
                           ("target", "/chi-tieu/t10")]
    return pages


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(settings: Settings, log: Path, workers: int) -> Iterator[str]:
    """`theodoi serve --workers N` in a subprocess (its own interpreters, so the client does
    not share their GIL): what an office runs; its errors go to `log`, counted after each
    page."""
    port = _free_port()
    env = {**os.environ, "THEODOI_DATABASE_URL": settings.database_url,
           "THEODOI_DATA_DIR": str(settings.data_dir)}
    command = [str(Path(sys.executable).with_name("theodoi")), "serve", "--host", HOST,
               "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(command, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120  # a loaded machine starts slowly
        while time.monotonic() < deadline:
            try:
                httpx.get(url + "/dang-nhap", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:  # a loaded machine can take a while to stop every worker gracefully
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
               ) -> int:
    """One GET on a kept-alive HTTP/1.1 connection; the status code. A few lines of asyncio
    instead of httpx: httpx's own CPU per request, on the same two cores, was a large part
    of what the bench measured at 10 and 50 clients."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(v) for k, _, v in (x.partition(":") for x in lines[1:])
                  if k.lower() == "content-length")
    await reader.readexactly(length)
    return int(lines[0].split()[1])


async def _level(url: str, path: str, tokens: list[str], clients: int, requests: int,
                 seconds: float) -> tuple[list[float], int]:
    """`requests` GETs of `path` by `clients` concurrent clients, one kept-alive connection
    each (as browsers); stops after `seconds`."""
    times: list[float] = []
    errors = 0
    left = requests
    stop = time.monotonic() + seconds
    host, port = url.removeprefix("http://").split(":")

    async def client(token: str) -> None:
        nonlocal left, errors
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                   f"Cookie: theodoi_session={token}\r\n\r\n").encode()
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while left > 0 and time.monotonic() < stop:
                left -= 1
                began = time.perf_counter()
                try:
                    ok = await _get(reader, writer, request) == 200
                except (OSError, asyncio.IncompleteReadError):  # counted, then reconnect
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                times.append(time.perf_counter() - began)
                errors += not ok
        finally:
            writer.close()

    await asyncio.gather(*(client(tokens[i]) for i in range(clients)))
    return times, errors


def _check(url: str, path: str, token: str) -> str | None:
    """None when the page answers 200; else why it is not measured."""
    r = httpx.get(url + path, cookies={"theodoi_session": token}, timeout=120)
    if r.status_code == 200:
        return None
    return f"HTTP {r.status_code}" + (" (no such page yet)" if "không có trang này" in r.text
                                      else "")


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(label: str, url: str, args: argparse.Namespace) -> None:
    db.upgrade(url)
    began = time.perf_counter()
    counts = province.generate(db.engine_for(url))
    print(f"{label:10} generated {counts['units']} units, {counts['items']} items, "
          f"{counts['records']} records in {time.perf_counter() - began:.1f} s", flush=True)
    began = time.perf_counter()
    province.settle(db.engine_for(url))
    print(f"{label:10} settled (ANALYZE{', VACUUM, CHECKPOINT' if 'postgresql' in url else ''})"
          f" in {time.perf_counter() - began:.1f} s", flush=True)
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(database_url=url, data_dir=Path(data))
        tokens = _seed_users(settings, max(LEVELS))
        log = Path(data) / "server.log"
        with serving(settings, log, args.workers) as base:
            for username, pages in _pages(settings).items():
                for page, path in pages:
                    _measure_page(label, base, username, page, path, tokens[username], args)
                    _server_errors(log)


def _server_errors(log: Path) -> None:
    """Print what the server logged as errors since the last call (e.g. a locked SQLite)."""
    text = log.read_text(errors="replace")
    log.write_text("")
    errors = [line for line in text.splitlines() if line.startswith("sqlalchemy.exc.")
              or line.startswith("ERROR:")]
    if errors:
        kinds = sorted({line.split(")")[0] for line in errors if "exc." in line})
        print(f"{'':10} server logged {sum(e.startswith('ERROR:') for e in errors)} "
              f"errors: {'; '.join(kinds)[:160]}", flush=True)


def _measure_page(label: str, base: str, username: str, page: str, path: str,
                  tokens: list[str], args: argparse.Namespace) -> None:
    where = f"{label:10} {username:12} {page:9} {path:28}"
    problem = _check(base, path, tokens[0])
    if problem:
        print(f"{where} not measured: {problem}", flush=True)
        return
    _figures(base, path, tokens, 10, 3, args)  # warm-up: every process, not measured
    for clients in LEVELS:
        count, p50, p95, mean, failed = _figures(base, path, tokens, clients,
                                                 args.seconds, args)
        print(f"{where} {clients:3} clients: {count:5} requests, p50 {p50:7.1f} ms, "
              f"p95 {p95:7.1f} ms, mean {mean:7.1f} ms"
              + (f", {failed} failed (not 200 or dropped)" if failed else ""), flush=True)


def _figures(base: str, path: str, tokens: list[str], clients: int, seconds: float,
             args: argparse.Namespace) -> tuple[int, float, float, float, int]:
    """(requests, p50 ms, p95 ms, mean ms, failed) of one level, by the chosen client."""
    if args.wrk:
        f = wrk.run(args.wrk, base + path, tokens[:clients], clients, seconds)
        return f.requests, f.p50_ms, f.p95_ms, f.mean_ms, f.failed
    times, errors = asyncio.run(_level(base, path, tokens, clients, args.requests, seconds))
    return (len(times), _ms(times, 0.5), _ms(times, 0.95),
            1000 * statistics.fmean(times), errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", default=PG)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--requests", type=int, default=5000,
                        help="at most this many requests a level (python client)")
    parser.add_argument("--seconds", type=float, default=10, help="this long a level")
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="server processes, as `theodoi serve --workers` (default: cores)")
    args = parser.parse_args()
    args.wrk = wrk.ensure() if args.client == "wrk" else None
    print(f"clients: {'wrk, ' + args.wrk if args.wrk else 'asyncio (python)'}; "
          f"{args.workers} server processes", flush=True)
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            measure("SQLite", f"sqlite:///{Path(tmp) / 'province.db'}", args)
    if not args.no_pg:
        with temporary_database(args.pg) as url:
            measure("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
