"""What each process-wide cache saves a page, at province scale, one request at a time.

A generated province (bench/province.py) on SQLite; the app in this process (Starlette's
test client, no network); the pages bench/web.py measures, each read as the province's
and a commune's leader. For each cache in turn the cache is switched off (a Memo that
keeps nothing) and the pages timed again: mean and p95 in ms of --requests reads after
one warm-up read, nothing written meanwhile (every read after the first can be served
from what the caches hold). The last rows switch off both caches of pages (leaving the
memo of computed status), then all, and last time reads that send the page's ETag (a
304, what a browser gets when nothing changed). Figures only.

    PYTHONPATH=src:. .venv/bin/python bench/caches.py [--requests 40] [--communes 100]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside this file
import province

from theodoi.services import memo
from theodoi.services.memo import Memo
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.web import templating
from theodoi.web.app import create_app
from web import _pages, _seed_users

CACHES: dict[str, tuple[ModuleType, str]] = {
    "rendered pages (templating.PAGES)": (templating, "PAGES"),
    "page data (memo.VIEWS)": (memo, "VIEWS"),
    "status, completeness (memo.COMPUTED)": (memo, "COMPUTED"),
}
STATUS = ("status, completeness (memo.COMPUTED)",)


@contextmanager
def without(names: tuple[str, ...]) -> Iterator[None]:
    """The named caches replaced by ones that keep nothing, then put back."""
    kept = {name: getattr(*CACHES[name]) for name in names}
    for name in names:
        setattr(*CACHES[name], Memo(0))
    try:
        yield
    finally:
        for name, memo in kept.items():
            setattr(*CACHES[name], memo)


def _time(client: Any, path: str, requests: int, *, validate: bool = False
          ) -> tuple[float, float]:
    """Mean and p95 ms; with `validate`, each read sends the page's ETag (a 304)."""
    first = client.get(path)  # warm-up
    assert first.status_code == 200, path
    headers = {"If-None-Match": first.headers["etag"]} if validate else {}
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        client.get(path, headers=headers)
        times.append(1000 * (time.perf_counter() - began))
    times.sort()
    return statistics.fmean(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def run(settings: Settings, requests: int) -> None:
    from fastapi.testclient import TestClient

    tokens = _seed_users(settings, 1)
    clients = {u: TestClient(create_app(settings), cookies={"theodoi_session": t[0]})
               for u, t in tokens.items()}
    logging.getLogger("theodoi.requests").setLevel(logging.WARNING)  # a line per request
    pages = [(u, label, path) for u, found in _pages(settings).items()
             for label, path in found if label != "static"]
    print(f"{'switched off':44}" + "".join(f"{u[8:12] + ' ' + label:>16}"
                                            for u, label, _ in pages))
    rows = [("(none)", ())] + [(name, (name,)) for name in CACHES]
    rows += [("every page cache (status ones kept)",
              tuple(n for n in CACHES if n not in STATUS)), ("all", tuple(CACHES))]
    for title, names in rows:
        with without(names):
            figures = [_time(clients[u], path, requests) for u, _l, path in pages]
        _row(title, figures)
    _row("none, asked with the ETag (304)",
         [_time(clients[u], path, requests, validate=True) for u, _l, path in pages])


def _row(title: str, figures: list[tuple[float, float]]) -> None:
    print(f"{title:44}" + "".join(f"{m:8.1f}/{p:6.1f} ms"[:16].rjust(16)
                                  for m, p in figures), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--communes", type=int, default=province.UNITS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'province.db'}"
        db.upgrade(url)
        counts = province.generate(db.engine_for(url), communes=args.communes)
        province.settle(db.engine_for(url))
        print(f"SQLite: {counts['units']} units, {counts['items']} items, "
              f"{counts['records']} records; mean/p95 of {args.requests} reads, in process")
        run(Settings(database_url=url, data_dir=Path(tmp)), args.requests)


if __name__ == "__main__":
    main()
