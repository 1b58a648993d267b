"""What the per-request log line costs: the time of one `theodoi.requests` record,
formatted as text and as JSON and written to a memory stream (the middleware's own work
around it is a dict lookup and a clock read). Figures only; tests never assert on timings.

    .venv/bin/python bench/logs.py [--lines 20000]
"""

from __future__ import annotations

import argparse
import io
import logging
import statistics
import time

from theodoi import logs
from theodoi.web import requestlog


def per_line(fmt: str, lines: int) -> float:
    """Microseconds per request line in `fmt`, the median of five runs."""
    logs.configure(fmt)
    handler = logging.getLogger(logs.LOGGER).handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(io.StringIO())
    scope = {"method": "GET", "path": "/don-vi/1/tong-quan", "state": {}}
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(lines):
            requestlog._log(scope, "3f2a9c", 200, 0.004)
        runs.append((time.perf_counter() - start) / lines * 1e6)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20000)
    args = parser.parse_args()
    for fmt in ("text", "json"):
        print(f"{fmt}: {per_line(fmt, args.lines):.1f} µs per request line")


if __name__ == "__main__":
    main()
