"""wrk (Debian's package) as the load generator of bench/web.py.

Why: the clients share the two cores with the server they measure, so every millisecond of
client CPU is one the server does not get. wrk is C on epoll: at 50 clients it costs a few
per cent of a core, where the bench's own asyncio client cost a large part of one and set
the floor (a static file's p95 at 50 clients: 146–218 ms through the asyncio client, about
47–67 ms through wrk on the same machine).

Each request carries one of the signed-in sessions' cookies in turn (a Lua script), and the
script prints the figures on one line for `run` to read.

wrk corrects its latencies for coordinated omission: after the run, each response slower
than the clients' mean interval adds the samples of the requests the client would have
sent meanwhile. So a stall weighs as it would on people who kept clicking, not as the few
requests that happened to be under way. Seen here: both server processes stopped
(SIGSTOP) for 1 s in a 10 s run of 10 clients on the static file gave p99 896 ms and a
mean of 48 ms over 37,868 requests, where only about 10 requests were really delayed. The
p95 figures are therefore stricter than a plain percentile of the requests.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCRIPT = r"""
tokens = {}
init = function(args) for i, t in ipairs(args) do tokens[i] = t end; n = 0 end
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path,
                    {Cookie = "theodoi_session=" .. tokens[(n % #tokens) + 1]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %.3f %.3f %.3f %d %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.mean / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass(frozen=True)
class Figures:
    requests: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    failed: int  # dropped or timed out (30 s: a slow answer is measured, not dropped), and
    # answers other than 2xx/3xx


def ensure() -> str | None:
    """The wrk command, installed from Debian's packages when missing (as the test
    command installs its browser); None where that cannot be done."""
    found = shutil.which("wrk")
    if found or not shutil.which("apt-get"):
        return found
    print("bench: installing Debian's wrk (the load generator) …", flush=True)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    ok = (subprocess.run(["apt-get", "update", "-qq"], check=False, **quiet).returncode == 0
          and subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False,
                             env={"DEBIAN_FRONTEND": "noninteractive",
                                  "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
                             **quiet).returncode == 0)
    return shutil.which("wrk") if ok else None


def run(wrk: str, url: str, tokens: list[str], clients: int, seconds: float) -> Figures:
    """`clients` kept-alive connections GETting `url` for `seconds` (one wrk thread)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        Path(script.name).write_text(SCRIPT)
        out = subprocess.run([wrk, "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s",
                              "--timeout", "30s", "-s", script.name, url, "--", *tokens],
                             capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    count, p50, p95, mean, dropped, bad = line.split()[1:]
    return Figures(int(count), float(p50), float(p95), float(mean), int(dropped) + int(bad))


# The mixed workload (bench/mixed.py): the requests are made in Python (the same generator
# and draws as its asyncio clients) and written to a file, one raw HTTP/1.1 request after
# its length; the script sends them in turn, the 50 connections taking the next one
# whatever it is (a session's page, or a writer's JSON with its token). wrk's response()
# hook counts every answer that is not 2xx (wrk's own status count starts at 400).
MIX_SCRIPT = r"""
reqs, n, bad, threads = {}, 0, 0, {}
setup = function(thread) table.insert(threads, thread) end
init = function(args)
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  local i = 1
  while i <= #data do
    local nl = string.find(data, "\n", i, true)
    local len = tonumber(string.sub(data, i, nl - 1))
    reqs[#reqs + 1] = string.sub(data, nl + 1, nl + len)
    i = nl + 1 + len
  end
end
request = function()
  n = n + 1
  return reqs[((n - 1) % #reqs) + 1]
end
response = function(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  local e, b = summary.errors, 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  io.write(string.format("WRK %d %.3f %.3f %.3f %.3f %d %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000,
    e.connect + e.read + e.write + e.timeout, b))
end
"""


@dataclass(frozen=True)
class MixFigures:
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    dropped: int  # connect, read or write errors and timeouts (30 s)
    not_2xx: int  # answers whose status is not 2xx


def run_mix(wrk: str, url: str, requests: list[bytes], clients: int, seconds: float
            ) -> MixFigures:
    """`clients` kept-alive connections sending `requests` in turn (from the first again
    when all are sent) to `url` for `seconds` (one wrk thread)."""
    with tempfile.TemporaryDirectory() as tmp:
        data, script = Path(tmp) / "requests", Path(tmp) / "mix.lua"
        data.write_bytes(b"".join(b"%d\n" % len(r) + r for r in requests))
        script.write_text(MIX_SCRIPT)
        out = subprocess.run([wrk, "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s",
                              "--timeout", "30s", "-s", str(script), url, "--", str(data)],
                             capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    count, p50, p95, p99, mean, dropped, bad = line.split()[1:]
    return MixFigures(int(count), float(p50), float(p95), float(p99), float(mean),
                      int(dropped), int(bad))
