"""The mixed workload's CPU per request, in process: where bench/mixed.py's server time goes.

bench/mixed.py's requests (its pages, its writers and their tokens, its random choices
from the same seed, the clients taken in turn) replayed one at a time against the app's
ASGI callable in this process (bench/warm.py's raw ASGI driving), on a copy of the
generated province on SQLite (--db, generated when missing). Each request's CPU time
(time.process_time, every thread of this process) is summed by kind: each page warm or
"after a write" (a write to its commune, any for the province's, came since this process
last served it), a target's value, a task's update; and the collector's time per
generation. --workers N replays the same sequence against N apps in N processes,
requests handed out in turn as a server's processes share them: each keeps its own
caches, so each makes again what a write made stale, as served. Every answer must be 200
or 201. --profile FILE (--only LABEL: only the requests whose label holds it) writes
cProfile's stats, the routes run inline so that it sees them. --digest FILE writes each
answer's status and the hash of its ETag and body, tokens and stamps seeded (a write's
moments masked), to compare two versions' answers. --callgrind, under `valgrind
--tool=callgrind --instr-atstart=no`, counts the requests after the warm-up only (dump
'mix'): instructions whatever the load. --callgrind-each DIR, under the same valgrind
with `--callgrind-out-file=DIR/out`, counts each measured request alone (a dump after each,
read and deleted; the dump's own cost, measured on empty dumps, taken off) and prints the
instructions a request by label. Run another checkout with PYTHONPATH=<its src>.
Figures only.

    PYTHONPATH=src:bench .venv/bin/python bench/mixcpu.py [--db /tmp/province-mix.db] \
        [--requests 2000] [--warmup 300] [--workers 1] [--seed 1] [--profile FILE \
        [--only LABEL]] [--digest FILE] [--callgrind | --callgrind-each DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import anyio.to_thread

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mixed
import province
import warm

from theodoi.settings import Settings
from theodoi.web.app import create_app

CLIENTS = 50
MOMENT = re.compile(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(\+00:00|Z)?")
DIGESTS: list[str] = []  # --digest: each answer's index, kind, status and hash
INSTRUCTIONS: dict[str, list[int]] = defaultdict(list)  # --callgrind-each: by label
HOST = "127.0.0.1:8000"


PAGE_UNIT = {"/don-vi/1/tong-quan": None, "/don-vi/2/tong-quan": 2, "/don-vi/7/tong-quan": 7,
             "/don-vi/2/so-theo-doi": 2, "/chi-tieu/t10": 2, "/nhiem-vu/k10": 2}
Request = tuple[str, str, dict[str, str], bytes, int]  # kind, path, headers, body, unit


def requests(sessions: list[str], writers: list[mixed.Writer], count: int, seed: int
             ) -> list[Request]:
    """(kind, path, headers, body, unit written) of `count` requests as mixed.py's 50
    clients make them (client i's generator seeded as there), the clients taken in turn.
    Writer w is an agency of commune w // 5, the generator's unit w // 5 + 2."""
    rnds = [random.Random(seed * 1000 + i) for i in range(CLIENTS)]
    pages, out = mixed._reads(), []
    for n in range(count):
        i = n % CLIENTS
        rnd = rnds[i]
        if rnd.random() < mixed.WRITES:
            w = i % len(writers)
            raw = mixed._write(rnd, HOST, writers[w])
            head, _, body = raw.partition(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            path = lines[0].split()[1]
            headers = dict(x.split(": ", 1) for x in lines[1:])
            kind = "write value" if path.endswith("/progress") else "write task"
            out.append((kind, path, headers, body, w // len(province.AGENCIES) + 2))
        else:
            path = rnd.choice(pages)
            out.append((path, path, {"Cookie": f"theodoi_session={sessions[i]}"}, b"", 0))
    return out


async def call(app: Any, method: str, path: str, headers: dict[str, str], body: bytes,
               out: bytearray | None = None) -> int:
    """One request through the ASGI callable; its status (its ETag and body added to
    `out` when given)."""
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
             "http_version": "1.1", "method": method, "scheme": "http", "path": path,
             "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", HOST.encode())]
             + [(k.lower().encode(), v.encode()) for k, v in headers.items() if k != "Host"],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000)}
    sent, done, status = False, asyncio.Event(), [0]

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status[0] = message["status"]
            if out is not None:
                out.extend(dict(message["headers"]).get(b"etag", b"-") + b"\n")
        elif message["type"] == "http.response.body":
            if out is not None:
                out.extend(message.get("body", b""))
            if not message.get("more_body"):
                done.set()

    await app(scope, receive, send)
    return status[0]


GC_MS = [0.0, 0.0, 0.0]  # the collector's CPU ms per generation while measuring
GC_RUNS = [0, 0, 0]
GC_LONGEST = [0.0, 0.0, 0.0]
_GC_START = [0.0]


def _collector(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _GC_START[0] = time.process_time()
    else:
        took = 1000 * (time.process_time() - _GC_START[0])
        GC_MS[info["generation"]] += took
        GC_RUNS[info["generation"]] += 1
        GC_LONGEST[info["generation"]] = max(GC_LONGEST[info["generation"]], took)


def _label(kind: str, stale: bool) -> str:
    if kind.startswith("write"):
        return kind
    return f"{kind} {'after a write' if stale else 'warm'}"


async def replay(app: Any, todo: list[Request], mine: set[int], args: argparse.Namespace
                 ) -> dict[str, list[float]]:
    """CPU ms per request by label, of the requests whose index is in `mine` (all are
    served but the others' writes only change the database, as another process's do).
    A read is "after a write" when a write to its page's commune (any, for the province)
    came since this process last served that page."""
    cpu: dict[str, list[float]] = defaultdict(list)
    stale: set[str] = set()
    profile = cProfile.Profile() if args.profile else None
    gc.callbacks.append(_collector)
    overhead = 0  # --callgrind-each: what a dump costs
    for n, (kind, path, headers, body, unit) in enumerate(todo):
        if unit:  # a write: the pages of its commune and the province's are stale
            stale |= {p for p, u in PAGE_UNIT.items() if u in (None, unit)}
        if n not in mine:  # another process's request
            continue
        if (args.callgrind or args.callgrind_each) and n == args.warmup:  # measured only
            subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True,
                           capture_output=True)
            overhead = _overhead(args)
        label = _label(kind, kind in stale)
        stale.discard(kind)
        watched = profile if n >= args.warmup and args.only in label else None
        if watched is not None:
            watched.enable()
        answer = bytearray() if args.digest else None
        began = time.process_time()
        status = await call(app, "POST" if body else "GET", path, headers, body, answer)
        took = time.process_time() - began
        if answer is not None:  # a write's answer says when: its moments masked
            answer = bytearray(MOMENT.sub(b"<moment>", answer)) if unit else answer
            DIGESTS.append(f"{n} {kind} {status} {hashlib.sha256(answer).hexdigest()}")
        if watched is not None:
            watched.disable()
        if args.callgrind_each and n >= args.warmup:
            INSTRUCTIONS[label].append(_dumped(args.callgrind_each) - overhead)
        assert status in (200, 201), (kind, path, status)
        if n >= args.warmup:
            cpu[label].append(1000 * took)
        elif n == args.warmup - 1:
            GC_MS[:], GC_RUNS[:], GC_LONGEST[:] = [0.0] * 3, [0] * 3, [0.0] * 3
    if profile:
        profile.dump_stats(args.profile)
    if args.callgrind:
        subprocess.run(["callgrind_control", "--dump=mix", str(os.getpid())], check=True,
                       capture_output=True)
    for g in range(3):
        cpu[f"(collector, generation {g}: {GC_RUNS[g]} runs, longest "
            f"{GC_LONGEST[g]:.1f} ms)"] = [GC_MS[g]]
    return cpu


def _dumped(where: Path) -> int:
    """Instructions since the last dump: callgrind dumps them into `where`; the file's
    last lines are read (its totals; reading the whole file would count it in the next
    request) and it is deleted."""
    subprocess.run(["callgrind_control", "--dump", str(os.getpid())], check=True,
                   capture_output=True)
    total = 0
    for path in where.glob("out*"):
        with path.open("rb") as dump:
            dump.seek(max(0, path.stat().st_size - 512))
            for line in dump.read().decode(errors="replace").splitlines():
                if line.startswith(("summary:", "totals:")):
                    total = max(total, int(line.split()[1]))
        path.unlink()
    return total


def _overhead(args: argparse.Namespace) -> int:
    """What one dump costs the process (its subprocess), the least of five empty dumps."""
    if not args.callgrind_each:
        return 0
    _dumped(args.callgrind_each)
    return min(_dumped(args.callgrind_each) for _ in range(5))


def worker(url: str, data: str, todo: list[Any], mine: set[int], args: argparse.Namespace
           ) -> dict[str, list[float]]:
    """One server process's share of the replay: its own app and caches."""
    logging.disable(logging.INFO)
    if args.profile:  # the routes run in this thread, where cProfile sees them
        anyio.to_thread.run_sync = _inline  # type: ignore[assignment]
    settings = Settings(database_url=url, data_dir=Path(data), job_threads=0)
    app = create_app(settings)
    if args.freeze:  # what lives for the process's life, out of the collector's passes
        gc.collect()
        gc.freeze()
    return asyncio.run(replay(app, todo, mine, args))


async def _inline(func: Any, *args: Any, **_kw: Any) -> Any:
    return func(*args)


def _run_in(conn: Any, url: str, data: str, todo: list[Any], mine: set[int],
            args: argparse.Namespace) -> None:
    conn.send(worker(url, data, todo, mine, args))


def _summary(results: list[dict[str, list[float]]]) -> None:
    """Per label: requests, mean CPU ms, share of the mix; then the whole mix, and the
    collector's part of it (its time is inside the requests' own)."""
    every: dict[str, list[float]] = defaultdict(list)
    for result in results:
        for label, values in result.items():
            every[label] += values
    gcs = {k: every.pop(k) for k in [k for k in every if k.startswith("(collector")]}
    total = sum(sum(v) for v in every.values())
    count = sum(len(v) for v in every.values())
    for label in sorted(every):
        values = every[label]
        print(f"{label:34} {len(values):5} requests, {sum(values) / len(values):6.2f} ms CPU "
              f"a request, {100 * sum(values) / total:5.1f} % of the mix")
    print(f"{'all':34} {count:5} requests, {total / count:6.2f} ms CPU a request "
          "(in process)", flush=True)
    for label, values in sorted(gcs.items()):
        print(f"{label:34} {sum(values):8.1f} ms in all, {sum(values) / count:6.3f} ms a "
              "request")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir())
                        / "province-mix.db")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", help="cProfile stats of the measured requests (1 worker)")
    parser.add_argument("--only", default="", help="profile only the requests whose label "
                        "holds this ('after a write', 'write task' …)")
    parser.add_argument("--callgrind", action="store_true", help="under valgrind "
                        "--tool=callgrind --instr-atstart=no: count the requests after the "
                        "warm-up only, dumped as 'mix' (1 worker)")
    parser.add_argument("--callgrind-each", type=Path, metavar="DIR", help="under "
                        "valgrind --tool=callgrind --instr-atstart=no "
                        "--callgrind-out-file=DIR/out: each measured request's instructions, "
                        "by label (1 worker)")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() once the app "
                        "is made (an experiment: the collector's full passes)")
    parser.add_argument("--digest", type=Path, help="write each answer's status and the "
                        "hash of its ETag and body here (tokens and stamps seeded, 1 worker)")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    source = warm.prepared(args.db)
    if args.digest:  # seeded tokens and stamps, a fixed path: two versions compare
        warm.fixed_secrets()
        shutil.rmtree(warm.FIXED, ignore_errors=True)
        warm.FIXED.mkdir()
    with (contextlib.nullcontext(str(warm.FIXED)) if args.digest
          else tempfile.TemporaryDirectory()) as tmp:
        copy = Path(tmp) / "province.db"
        shutil.copy(source, copy)
        url = f"sqlite:///{copy}"
        sessions, writers = mixed._seed(Settings(database_url=url, data_dir=Path(tmp),
                                                 job_threads=0), CLIENTS)
        todo = requests(sessions, writers, args.warmup + args.requests, args.seed)
        if args.workers == 1:
            results = [worker(url, tmp, todo, set(range(len(todo))), args)]
        else:
            results = _spread(url, tmp, todo, args)
    print(f"{args.workers} process(es), {args.requests} requests after {args.warmup}, "
          f"seed {args.seed}: " + json.dumps(dict(sorted(
              {k: sum(1 for t in todo if t[0] == k) for k in {t[0] for t in todo}}.items()))))
    _summary(results)
    for label, counts in sorted(INSTRUCTIONS.items()):
        print(f"{label:34} {len(counts):5} requests, {sum(counts) / len(counts) / 1e6:7.2f} M "
              "instructions a request")
    if INSTRUCTIONS:
        print(f"{'all':34} {sum(map(len, INSTRUCTIONS.values())):5} requests, "
              f"{sum(map(sum, INSTRUCTIONS.values())) / 1e9:7.3f} G instructions")
    if args.digest:
        args.digest.write_text("\n".join(DIGESTS) + "\n")
        shutil.rmtree(warm.FIXED)


def _spread(url: str, tmp: str, todo: list[Any], args: argparse.Namespace
            ) -> list[dict[str, list[float]]]:
    """The requests handed out in turn to --workers processes, run one after the other
    request by request is not needed: each process's writes land in the shared database,
    and each replays its share in order; they run at once, as served."""
    ctx = multiprocessing.get_context("fork")
    pipes, procs = [], []
    for w in range(args.workers):
        mine = set(range(w, len(todo), args.workers))
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_run_in, args=(child, url, tmp, todo, mine, args))
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    results = [p.recv() for p in pipes]
    for proc in procs:
        proc.join()
    return results


if __name__ == "__main__":
    main()
