"""Web latency under a mixed workload: 90 % reads, 10 % writes, at 10 and 50 clients.

The generated province (bench/province.py: 100 communes, 15,000 items, 500,000 records) on
SQLite and on the PostgreSQL server, served by `theodoi serve --workers N` in a subprocess
on 127.0.0.1 only. Reads are what leaders open, as a browser does (session cookie): the
province's dashboard, a commune's dashboard and register, a target's and a task's page.
Writes are what agencies do, each client as one agency of one of ten communes, through the
JSON API with its own API token (`Authorization: Bearer`, as a script or an app does; no
CSRF token is needed there): a value for a target it leads (a correction of the third
quarter of 2026) and an update of a task it leads. Every write changes its commune's data
stamp, so the reads after it include refreshing what that commune's write made stale
(the province dashboard recomputes that commune's row).

Warm-up: each read page is fetched on new connections until the server's request log
(`worker` of every line) shows that every server process has answered every page with
200; the bench stops with an error when that takes more than three minutes. Then each level
runs for --seconds; p50/p95/p99 of all requests, of reads and of writes, and the error
count (any answer other than 200/201, a dropped connection, or an error the server
logged) are printed against the goals (p95 < 150 ms and p99 < 400 ms at 50 clients, zero
errors), with the machine's load average before and after and the server processes' CPU
time per request (from /proc: what a request costs whatever the neighbours do).

The clients are wrk (bench/wrk.py, Debian's package, installed when missing): C on epoll,
a few per cent of a core, where the old clients, a few lines of asyncio in this process
(`--client python`, kept to compare), cost a large part of one of the two cores the server
needs. Both send the same requests: each client's choices drawn from the same seeded
generator (`sequence`); through wrk the connections take those requests in turn, so a
connection is not tied to one leader's session and one agency's token as the asyncio
client's are, the mix is the same. wrk's p50/p95/p99 (all requests) are corrected for
coordinated omission (bench/wrk.py): each answer slower than the clients' mean interval
adds the samples of the requests that would have been sent meanwhile, so they are stricter
than a plain percentile of the answers. wrk does not tell a read's time from a write's:
the reads' and writes' lines then come from the server's request log (`duration_ms`, from
the outermost middleware's start to its end: the time in the application, without the
wait in the socket and in uvicorn before it), marked "server"; through the asyncio client
they are the client's times, and the server's are printed as well. Errors: any answer
other than 2xx, a dropped connection or timeout (30 s), or an error the server logged.
Figures only; no test asserts on timings.

    .venv/bin/python bench/mixed.py [--no-pg] [--no-sqlite] [--pg URL] [--seconds 20] \
        [--client wrk|python] [--levels 10,50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside this file
import province
import wrk
from pgtemp import PG, temporary_database

from theodoi.services import uow
from theodoi.services.accounts import tokens as api_tokens
from theodoi.services.accounts import users as accounts
from theodoi.storage import db
from web import serving

LEVELS = (10, 50)
WRITES = 0.10
COMMUNES = 10  # the communes whose agencies write (5 agencies each: 50 writers)
PASSWORD = "bench-mat-khau-1"
GOALS = {"p95": 150.0, "p99": 400.0}  # ms, at 50 clients
WARM_UP_LIMIT = 180.0  # seconds, from the server's start


@dataclass
class Writer:
    """One agency of a commune: its API token and the items it leads."""

    token: str
    targets: list[int]
    tasks: list[int]


@dataclass
class Run:
    reads: list[float] = field(default_factory=list)
    writes: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def failed(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _commune(c: int) -> str:
    return f"tinh-bench.xa-{c:03d}"


def _seed(settings: object, clients: int) -> tuple[list[str], list[Writer]]:
    """A province leader's sessions (one per client) and the 50 agency writers with a token
    each. Target k and task k of a commune are led by agency k mod 5 (bench/province.py)."""
    with uow.transaction(settings) as s:  # type: ignore[arg-type]
        accounts.create_user(s, "lanhdao-tinh", PASSWORD, full_name="Lãnh đạo tỉnh")
        accounts.grant(s, "lanhdao-tinh", "tinh-bench", "lanh_dao")
        sessions = []
        for i in range(clients):
            outcome = accounts.login(s, "lanhdao-tinh", PASSWORD, f"mixed-{i}")
            assert isinstance(outcome, accounts.SignIn), outcome
            sessions.append(outcome.token)
        writers = []
        for c in range(COMMUNES):
            for j, agency in enumerate(province.AGENCIES):
                name = f"coquan-{c:03d}-{j}"
                user = accounts.create_user(s, name, PASSWORD, full_name=agency)
                # the generator's agency ids: commune c's agency j is c * 5 + j + 1
                accounts.grant(s, name, _commune(c), "don_vi",
                               str(c * len(province.AGENCIES) + j + 1))
                first = c * province.TARGETS + 1
                writers.append(Writer(
                    api_tokens.create(s, user.id, "bench mixed").token,
                    [first + k for k in range(province.TARGETS) if k % 5 == j],
                    [c * province.TASKS + 1 + k for k in range(province.TASKS) if k % 5 == j]))
    return sessions, writers


def _reads() -> list[str]:
    """The pages leaders read: the province's dashboard (half of the reads), two communes'
    dashboards, a register, a target's and a task's page."""
    province_page = "/don-vi/1/tong-quan"
    return [province_page] * 5 + ["/don-vi/2/tong-quan", "/don-vi/7/tong-quan",
                                  "/don-vi/2/so-theo-doi", "/chi-tieu/t10", "/nhiem-vu/k10"]


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    request: bytes) -> int:
    """One request on a kept-alive HTTP/1.1 connection; the status code."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(v) for k, _, v in (x.partition(":") for x in lines[1:])
                  if k.lower() == "content-length")
    await reader.readexactly(length)
    return int(lines[0].split()[1])


def _get(host: str, path: str, session: str) -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
            f"Cookie: theodoi_session={session}\r\n\r\n").encode()


def _post(host: str, path: str, token: str, body: dict[str, object]) -> bytes:
    data = json.dumps(body).encode()
    return (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
            ).encode() + data


def _write(rnd: random.Random, host: str, w: Writer) -> bytes:
    """A value of a target the agency leads, or an update of a task it leads."""
    if rnd.random() < 0.5:
        value = f"{rnd.uniform(40, 130):.1f}".replace(".", ",")
        return _post(host, f"/api/items/t{rnd.choice(w.targets)}/progress", w.token,
                     {"period": "Q3/2026", "value": value})
    return _post(host, f"/api/items/k{rnd.choice(w.tasks)}/update", w.token,
                 {"state": "dang_thuc_hien", "percent": rnd.randrange(10, 95)})


def sequence(host: str, sessions: list[str], writers: list[Writer], clients: int,
             count: int, seed: int) -> list[tuple[bool, bytes]]:
    """(is a write, raw request) of `count` requests as `clients` asyncio clients make
    them (client i's generator seeded with seed * 1000 + i, its session i, its writer
    i mod 50; the same draws in the same order), the clients taken in turn."""
    rnds = [random.Random(seed * 1000 + i) for i in range(clients)]
    pages, out = _reads(), []
    for n in range(count):
        i = n % clients
        rnd = rnds[i]
        if rnd.random() < WRITES:
            out.append((True, _write(rnd, host, writers[i % len(writers)])))
        else:
            out.append((False, _get(host, rnd.choice(pages), sessions[i])))
    return out


async def _level(url: str, sessions: list[str], writers: list[Writer], clients: int,
                 seconds: float, seed: int) -> Run:
    """`clients` concurrent clients for `seconds`, each on one kept-alive connection: a
    leader reading, and one agency (its own) writing one request in ten."""
    run, stop = Run(), time.monotonic() + seconds
    host, port = url.removeprefix("http://").split(":")
    pages = _reads()

    async def client(i: int) -> None:
        rnd = random.Random(seed * 1000 + i)
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.monotonic() < stop:
                writes = rnd.random() < WRITES
                request = (_write(rnd, f"{host}:{port}", writers[i % len(writers)]) if writes
                           else _get(f"{host}:{port}", rnd.choice(pages), sessions[i]))
                began = time.perf_counter()
                try:
                    code = await _exchange(reader, writer, request)
                except (OSError, asyncio.IncompleteReadError, StopIteration):
                    code = 0
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                (run.writes if writes else run.reads).append(time.perf_counter() - began)
                if code not in (200, 201):
                    run.failed(f"{'write' if writes else 'read'} HTTP {code or 'dropped'}")
        finally:
            writer.close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    return run


def _served(log: Path) -> list[dict[str, object]]:
    """The request lines the server logged (JSON format)."""
    out = []
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{") and '"theodoi.requests"' in line:
            out.append(json.loads(line))
    return out


def _server_errors(log: Path) -> int:
    """Lines the server logged at error level (tracebacks included) since the start."""
    count = 0
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            count += json.loads(line).get("level") in ("error", "critical")
        elif line.startswith("ERROR:"):  # uvicorn's own
            count += 1
    return count


async def _fetch_once(url: str, path: str, session: str) -> int:
    """One GET on a new connection; 0 when the server is not answering (yet)."""
    host, port = url.removeprefix("http://").split(":")
    try:
        reader, writer = await asyncio.open_connection(host, int(port))
    except OSError:
        await asyncio.sleep(0.5)
        return 0
    try:
        return await _exchange(reader, writer, _get(f"{host}:{port}", path, session))
    except (OSError, asyncio.IncompleteReadError):
        return 0
    finally:
        writer.close()


async def _round(url: str, paths: list[str], session: str) -> None:
    """Each path four times, each on a new connection, at once."""
    await asyncio.gather(*(_fetch_once(url, p, session) for p in paths for _ in range(4)))


def _warm_up(url: str, session: str, log: Path, workers: int) -> float:
    """Fetch every read page on new connections (each may land on another process) until
    the log shows each page answered with 200 by `workers` distinct processes."""
    began = time.monotonic()
    pages = sorted(set(_reads()))
    while True:
        seen: dict[str, set[object]] = {p: set() for p in pages}
        for line in _served(log):
            if line.get("status") == 200 and line.get("path") in seen:
                seen[str(line["path"])].add(line.get("worker"))
        todo = [p for p in pages if len(seen[p]) < workers]
        if not todo:
            return time.monotonic() - began
        if time.monotonic() - began > WARM_UP_LIMIT:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
            raise SystemExit(f"warm-up: after {WARM_UP_LIMIT:.0f} s these pages were not yet "
                             f"served by all {workers} processes: {todo}\n{tail}")

        asyncio.run(_round(url, todo, session))


def _workers(log: Path) -> set[int]:
    """The pids of the server processes that answered, from the request log."""
    return {int(str(line["worker"])) for line in _served(log) if line.get("worker")}


def _cpu(pids: set[int]) -> float:
    """CPU seconds (user + system) the processes have used so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime: the 14th and 15th
    return total / os.sysconf("SC_CLK_TCK")


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _line(what: str, values: list[float]) -> str:
    return (f"{what} {len(values):5}: p50 {_ms(values, 0.5):6.1f}, p95 {_ms(values, 0.95):6.1f},"
            f" p99 {_ms(values, 0.99):6.1f} ms")


def _report(label: str, clients: int, client: str, overall: tuple[int, float, float, float],
            lines: list[str], errors: int, detail: str, cpu: float) -> None:
    """The level's figures against the goals: `overall` (requests, p50, p95, p99 ms of
    all requests, from the client), `lines` reads' and writes' figures, `cpu` the server
    processes' CPU seconds."""
    count, p50, p95, p99 = overall
    verdict = "meets" if p95 < GOALS["p95"] and p99 < GOALS["p99"] and not errors else "MISSES"
    print(f"{label:10} {clients:3} clients ({client}): all {count:5}: p50 {p50:6.1f}, "
          f"p95 {p95:6.1f}, p99 {p99:6.1f} ms; {'; '.join(lines)}; server CPU "
          f"{1000 * cpu / max(1, count):.1f} ms a request; errors {errors}"
          + (f" ({detail})" if errors else "")
          + f" — {verdict} the goals (p95 < {GOALS['p95']:.0f} ms, p99 < {GOALS['p99']:.0f} ms,"
          f" no error) ({load()})", flush=True)


def _server_times(served: list[dict[str, object]]) -> list[str]:
    """The reads' (GET) and writes' (POST) durations as the server logged them."""
    reads = [float(str(x["duration_ms"])) / 1000 for x in served if x.get("method") == "GET"]
    writes = [float(str(x["duration_ms"])) / 1000 for x in served if x.get("method") == "POST"]
    return [_line("reads (server)", reads), _line("writes (server)", writes)]


def _one_level(label: str, base: str, sessions: list[str], writers: list[Writer],
               clients: int, seed: int, client: str, log: Path, pids: set[int],
               args: argparse.Namespace) -> None:
    """One level through one client, and its figures printed."""
    used, before, logged = _cpu(pids), len(_served(log)), _server_errors(log)
    if client == "wrk":
        host = base.removeprefix("http://")
        todo = sequence(host, sessions, writers, clients, int(800 * args.seconds), seed)
        f = wrk.run_mix(args.wrk, base, [raw for _, raw in todo], clients, args.seconds)
        cpu = _cpu(pids) - used
        overall = (f.requests, f.p50_ms, f.p95_ms, f.p99_ms)
        lines, errors = [], f.dropped + f.not_2xx
        detail = f"dropped {f.dropped}, not 2xx {f.not_2xx}"
    else:
        run = asyncio.run(_level(base, sessions, writers, clients, args.seconds, seed))
        cpu = _cpu(pids) - used
        every = run.reads + run.writes
        overall = (len(every), _ms(every, 0.5), _ms(every, 0.95), _ms(every, 0.99))
        lines = [_line("reads", run.reads), _line("writes", run.writes)]
        errors, detail = sum(run.errors.values()), str(run.errors)
    time.sleep(0.5)  # the last answers' log lines
    server = _server_errors(log) - logged
    _report(label, clients, client, overall,
            lines + _server_times(_served(log)[before:]), errors + server,
            f"{detail}, server logged {server}", cpu)


def measure(label: str, url: str, args: argparse.Namespace) -> None:
    db.upgrade(url)
    began = time.perf_counter()
    counts = province.generate(db.engine_for(url))
    province.settle(db.engine_for(url))
    print(f"{label:10} generated {counts['units']} units, {counts['items']} items, "
          f"{counts['records']} records and settled in {time.perf_counter() - began:.1f} s",
          flush=True)
    from theodoi.settings import Settings

    with tempfile.TemporaryDirectory() as data:
        settings = Settings(database_url=url, data_dir=Path(data))
        sessions, writers = _seed(settings, max(args.levels))
        log = Path(data) / "server.log"
        os.environ["THEODOI_LOG_FORMAT"] = "json"
        with serving(settings, log, args.workers) as base:
            took = _warm_up(base, sessions[0], log, args.workers)
            print(f"{label:10} warm-up: every page served by all {args.workers} processes in "
                  f"{took:.1f} s ({load()})", flush=True)
            pids = _workers(log)
            for r in range(args.rounds):  # the clients alternated, level by level
                for n, clients in enumerate(args.levels):
                    for client in args.clients:
                        _one_level(label, base, sessions, writers, clients,
                                   10 * r + n, client, log, pids, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", default=PG)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--seconds", type=float, default=20, help="this long a level")
    parser.add_argument("--client", default="wrk", help="wrk, python (the old asyncio "
                        "clients) or both in turn, e.g. wrk,python")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)),
                        help="clients at each level")
    parser.add_argument("--rounds", type=int, default=1, help="the levels this many times")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="server processes, as `theodoi serve --workers` (default: cores)")
    args = parser.parse_args()
    args.levels = [int(x) for x in args.levels.split(",")]
    args.clients = args.client.split(",")
    args.wrk = wrk.ensure() if "wrk" in args.clients else None
    if "wrk" in args.clients and not args.wrk:
        raise SystemExit("wrk is not installed and could not be (use --client python)")
    print(f"mixed workload: {100 - 100 * WRITES:.0f} % reads, {100 * WRITES:.0f} % writes; "
          f"{args.workers} server processes; {load()}", flush=True)
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            measure("SQLite", f"sqlite:///{Path(tmp) / 'province.db'}", args)
    if not args.no_pg:
        with temporary_database(args.pg) as url:
            measure("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
