"""Warm served pages in process: CPU ms and SQL statements per request, for comparing code.

The app's ASGI callable is called directly (raw ASGI scope/receive/send, no server, no
client library), in one process, on a generated province (bench/province.py) on SQLite:
the static file, the province's and a commune's dashboard, and the register and a target
page as both leaders (bench/web.py's pages and users). Every page is read --warmup times,
then --rounds rounds of --requests reads each, the pages in turn within a round; a round
reports CPU ms per request (time.process_time, every thread of this process: the routes
run in the thread pool) and the SQL statements each request ran (SQLAlchemy's
before_cursor_execute). The generated database is made once (--db, a file kept between
runs, generated when missing) and copied for each run, so every run starts the same; the
leaders and their sessions are seeded in the copy, as bench/web.py does.

It runs against whichever theodoi is imported, so an older checkout is measured with
`PYTHONPATH=<checkout>/src` (its own bench/province.py generates its own --db, since the
schema differs); run the checkouts in turn, several times, and compare. --dump DIR writes
each page's status, ETag and body (the session's CSRF token masked) to compare the HTML
of two versions byte for byte (tokens and stamps then come from a seeded generator, so
the ETags compare too). Instruction counts that do not depend on the machine's load: run
it under `valgrind --tool=callgrind` with --callgrind (and --rounds 1): callgrind then
dumps its counts before and after each page's --requests reads, and the dump named after
a page divided by --requests is its instructions a request (each dump also holds the
~0.5 M instructions of asking for it). Figures only.

    PYTHONPATH=src .venv/bin/python bench/warm.py --db /tmp/province-warm.db \
        [--rounds 5] [--requests 100] [--warmup 20] [--pages static,dash-tinh] [--dump DIR]
        [--callgrind]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine

import theodoi

sys.path.insert(0, str(Path(theodoi.__file__).resolve().parents[2] / "bench"))
import province  # the imported checkout's own generator (its schema)

from theodoi.services import uow
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.web.app import create_app

try:  # services/ regrouped: accounts became a package
    from theodoi.services.accounts import users as accounts
except ImportError:  # pragma: no cover - the code before the regrouping
    from theodoi.services import accounts  # type: ignore[no-redef]

PASSWORD = "bench-mat-khau-1"
USERS = {"tinh": ("lanhdao-tinh", 1), "xa": ("lanhdao-xa", 2)}  # username, its unit's id
PAGES = {  # label: (user, path); unit 1 is the province, unit 2 its first commune
    "static": ("tinh", "/static/app.css"),
    "dash-tinh": ("tinh", "/don-vi/1/tong-quan"),
    "dash-xa": ("xa", "/don-vi/2/tong-quan"),
    "reg-tinh": ("tinh", "/don-vi/2/so-theo-doi"),
    "reg-xa": ("xa", "/don-vi/2/so-theo-doi"),
    "target-tinh": ("tinh", "/chi-tieu/t10"),
    "target-xa": ("xa", "/chi-tieu/t10"),
}
STATEMENTS = [0]
FIXED = Path(tempfile.gettempdir()) / "theodoi-warm-dump"  # --dump's copy of the database


def prepared(path: Path) -> Path:
    """The generated province at `path`, made (and settled) when the file is missing."""
    if not path.exists():
        url = f"sqlite:///{path}"
        db.upgrade(url)
        province.generate(db.engine_for(url))
        province.settle(db.engine_for(url))
    return path


def fixed_secrets(seed: int = 1) -> None:
    """Tokens and data stamps from a seeded generator instead of the system's, so two runs
    (and two versions) give the same sessions, stamps and so ETags: for --dump only."""
    rnd = random.Random(seed)
    secrets.token_urlsafe = lambda n=32: rnd.randbytes(n).hex()  # type: ignore[assignment]
    secrets.token_hex = lambda n=32: rnd.randbytes(n).hex()  # type: ignore[assignment]
    secrets.randbits = rnd.getrandbits  # type: ignore[assignment]


def seed(settings: Settings) -> tuple[dict[str, str], list[str]]:
    """The two leaders with one session each: (cookie per user, CSRF tokens to mask)."""
    with uow.transaction(settings) as s:
        units = dict(s.execute(text("SELECT id, code FROM units")).all())
        for username, unit_id in USERS.values():
            accounts.create_user(s, username, PASSWORD, full_name=username)
            accounts.grant(s, username, units[unit_id], "lanh_dao")
    cookies = {}
    with uow.transaction(settings) as s:
        for user, (username, _) in USERS.items():
            outcome = accounts.login(s, username, PASSWORD, "bench")
            cookies[user] = outcome.token
        csrf = [str(t) for t in s.execute(text("SELECT csrf_token FROM web_sessions")).scalars()]
    return cookies, csrf


async def get(app: Any, path: str, cookie: str) -> tuple[int, dict[str, str], bytes]:
    """One GET through the ASGI callable: status, headers, body."""
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
             "http_version": "1.1", "method": "GET", "scheme": "http", "path": path,
             "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1:8000"),
                         (b"cookie", f"theodoi_session={cookie}".encode())],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000)}
    sent = False
    done = asyncio.Event()
    status, headers, body = 0, {}, bytearray()

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            headers.update((k.decode(), v.decode()) for k, v in message["headers"])
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))
            if not message.get("more_body"):
                done.set()

    await app(scope, receive, send)
    return status, headers, bytes(body)


async def measure(app: Any, cookies: dict[str, str], pages: list[str],
                  args: argparse.Namespace) -> dict[str, list[tuple[float, float]]]:
    """Per page, per round: (CPU ms a request, statements a request)."""
    for label in pages:
        user, path = PAGES[label]
        for _ in range(args.warmup):
            status, _h, _b = await get(app, path, cookies[user])
            assert status == 200, (label, status)
    figures: dict[str, list[tuple[float, float]]] = {label: [] for label in pages}
    for _ in range(args.rounds):
        for label in pages:
            user, path = PAGES[label]
            _callgrind(args, "zero")
            began, statements = time.process_time(), STATEMENTS[0]
            for _ in range(args.requests):
                await get(app, path, cookies[user])
            _callgrind(args, label)
            n = max(args.requests, 1)
            figures[label].append((1000 * (time.process_time() - began) / n,
                                   (STATEMENTS[0] - statements) / n))
    return figures


async def dump(app: Any, cookies: dict[str, str], csrf: list[str], pages: list[str],
               folder: Path, suffix: str) -> None:
    """Each page's status, ETag and body, the CSRF tokens masked, one file a page."""
    folder.mkdir(parents=True, exist_ok=True)
    for label in pages:
        user, path = PAGES[label]
        status, headers, body = await get(app, path, cookies[user])
        for token in csrf:
            body = body.replace(token.encode(), b"<csrf>")
        head = f"{status} {headers.get('etag', '-')} {headers.get('content-type')}\n"
        (folder / f"{label}{suffix}.txt").write_bytes(head.encode() + body)


def run(work: Path, source: Path, pages: list[str], args: argparse.Namespace
        ) -> dict[str, list[tuple[float, float]]]:
    """A copy of `source` in `work`, the leaders seeded, the app made; the figures."""
    copy = work / "province.db"
    shutil.copy(source, copy)
    settings = Settings(database_url=f"sqlite:///{copy}", data_dir=work, job_threads=0)
    cookies, csrf = seed(settings)
    app = create_app(settings)
    event.listen(Engine, "before_cursor_execute", _count)
    if args.dump:
        asyncio.run(dump(app, cookies, csrf, pages, args.dump, ".first"))
    figures = asyncio.run(measure(app, cookies, pages, args))
    if args.dump:  # and as served from what the warm-up left in the caches
        asyncio.run(dump(app, cookies, csrf, pages, args.dump, ".warm"))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--callgrind", action="store_true",
                        help="under callgrind: dump its counts around each page's requests")
    args = parser.parse_args()
    pages = args.pages.split(",")
    logging.disable(logging.INFO)  # the request log's line per request
    source = prepared(args.db)
    if args.dump:  # the database's address is part of every ETag: a fixed one
        fixed_secrets()
        shutil.rmtree(FIXED, ignore_errors=True)
        FIXED.mkdir()
        figures = run(FIXED, source, pages, args)
        shutil.rmtree(FIXED)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = run(Path(tmp), source, pages, args)
    print(f"{theodoi.__file__.split('/src/')[0]}: CPU ms / SQL statements a request, "
          f"{args.rounds} rounds of {args.requests}")
    for label, rows in figures.items():
        cpu = [c for c, _ in rows]
        print(f"{label:12} median {statistics.median(cpu):6.2f} ms  min {min(cpu):6.2f}  "
              f"rounds {' '.join(f'{c:.2f}' for c in cpu)}  statements {rows[0][1]:.1f}",
              flush=True)


def _callgrind(args: argparse.Namespace, label: str) -> None:
    """Under `valgrind --tool=callgrind`, with --callgrind: dump the counts so far (and
    zero them), named `label`; a run's 'label' dumps then hold each page's requests alone."""
    if args.callgrind:
        subprocess.run(["callgrind_control", f"--dump={label}", str(os.getpid())],
                       check=True, capture_output=True)


def _count(*_args: Any) -> None:
    STATEMENTS[0] += 1


if __name__ == "__main__":
    main()
