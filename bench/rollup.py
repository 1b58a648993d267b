"""Roll-up across levels at province scale (issue 22 item 7): the generated province of
bench/province.py (100 communes, 15,000 items, 500,000 progress records) given a plan of
its own whose ten rate targets are each carried by the same target of every commune
(1,000 confirmed links, relation "cùng tỷ lệ"), every commune with a population (so the
aggregate is the population-weighted mean).

Prints, on SQLite and on the PostgreSQL server: one province target's roll-up page (each
commune's latest figure and status, the aggregate and its status) and the province's
"báo cáo tổng hợp" workbook (all ten targets, each commune listed), and the province
dashboard with its section "Tổng hợp chỉ tiêu từ các đơn vị trực thuộc", as the web
builds their data for the province's office (the template's rendering not included),
cold (the caches emptied; median of three) and warm (again with nothing changed: the
roll-up page and the workbook's figures come from the cache, the workbook is laid out
anew), wall and CPU time; the machine's load average beside the figures.
Figures only; tests never assert on timings.

    .venv/bin/python bench/rollup.py [--no-pg] [--pg URL] [--communes N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside this file
import province
from pgtemp import PG, temporary_database
from sqlalchemy import Engine, text
from status import AS_OF, OFFICE, PROVINCE, load

from theodoi.services import memo
from theodoi.services.rollup import pages
from theodoi.services.views.dashboard_view import dashboard_page
from theodoi.storage import db
from theodoi.storage.models import LevelLink, Plan, Target
from theodoi.storage.models import Unit as UnitModel

LINKED = 10  # province targets, each carried by commune target k of every commune
NOW = datetime(2026, 12, 1)


def add_province_plan(engine: Engine, communes: int) -> list[int]:
    """The province's own active plan, its LINKED targets linked (confirmed) to target k
    of every commune, and a population for every commune; returns the province targets'
    ids."""
    plan_id = province._next_id(engine, Plan)
    first = province._next_id(engine, Target)
    uppers = [{"id": first + k, "plan_id": plan_id, "position": k, "review": "accepted",
               "text": f"Chỉ tiêu {k}", "indicator": f"Chỉ tiêu {k}", "kind": "level",
               "direction": "increase", "comparator": "=", "value": 100.0, "unit": "%",
               "per_year": False, "deadline_year": 2030, "also_spans": [], "version": 1}
              for k in range(LINKED)]
    links = [{"upper_id": first + k, "lower_id": c * province.TARGETS + k + 1,
              "relation": "rate", "state": "confirmed", "score": 1.0,
              "reason": "cùng chỉ tiêu", "decided_by": "bench", "decided_at": NOW,
              "created_at": NOW}
             for k in range(LINKED) for c in range(communes)]
    province._batches(engine, Plan.__table__, [
        {"id": plan_id, "unit_id": PROVINCE, "kind": "ke_hoach", "title": "Kế hoạch của tỉnh",
         "term_start": 2025, "term_end": 2030, "recipients": [], "status": "active",
         "created_at": NOW, "version": 1}])
    province._batches(engine, Target.__table__, uppers)
    province._batches(engine, LevelLink.__table__, links)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {UnitModel.__tablename__} SET population = 5000 + id * 37 "
                          "WHERE parent_id = :p"), {"p": PROVINCE})
    province._move_sequences(engine, (Plan, Target, LevelLink))
    return [u["id"] for u in uppers]


def timed(factory: Any, work: Callable[[Any], Any]
          ) -> tuple[float, float, tuple[float, float], Any]:
    """Cold wall and CPU (medians of three, caches emptied) and warm wall and CPU, in ms;
    the last result. Each session commits after its work, as a request does (the cache keys
    are the units' data stamps, which a first read may have to write)."""
    wall, cpu = [], []
    for _ in range(3):
        memo.clear_all()
        with factory() as s:
            began, used = time.perf_counter(), time.process_time()
            out = work(s)
            wall.append(time.perf_counter() - began)
            cpu.append(time.process_time() - used)
            s.commit()  # as a request does: the stamps a first read gave the units kept
    with factory() as s:
        began, used = time.perf_counter(), time.process_time()
        work(s)
        warm = (1000 * (time.perf_counter() - began), 1000 * (time.process_time() - used))
    return (1000 * statistics.median(wall), 1000 * statistics.median(cpu), warm, out)


def measure(label: str, url: str, communes: int) -> None:
    db.upgrade(url)
    engine = db.engine_for(url)
    began = time.perf_counter()
    counts = province.generate(engine, communes=communes)
    uppers = add_province_plan(engine, communes)
    province.settle(engine)
    print(f"{label:10} generated {counts['units']} units, {counts['items']} items, "
          f"{counts['records']} records, {LINKED * communes} links in "
          f"{time.perf_counter() - began:.1f} s")
    factory = db.session_factory(url)
    ref = f"t{uppers[0]}"
    with factory() as s:  # warm: imports, statement caches
        pages.rollup_page(s, OFFICE, ref, AS_OF)
        pages.rollup_book(s, OFFICE, PROVINCE, AS_OF)
    cold, cpu, warm, page = timed(factory, lambda s: pages.rollup_page(s, OFFICE, ref, AS_OF))
    assert len(page["rows"]) == communes and page["aggregate"]["value"] is not None
    print(f"{label:10} roll-up page of one target ({communes} communes, "
          f"{page['method']}): cold median {cold:.0f} ms (CPU {cpu:.0f} ms), "
          f"warm {warm[0]:.0f} ms (CPU {warm[1]:.0f} ms) ({load()})")
    cold, cpu, warm, book = timed(
        factory, lambda s: pages.rollup_book(s, OFFICE, PROVINCE, AS_OF))
    print(f"{label:10} báo cáo tổng hợp XLSX ({LINKED} targets x {communes} communes, "
          f"{len(book[1]) // 1024} KB): cold median {cold:.0f} ms (CPU {cpu:.0f} ms), "
          f"warm {warm[0]:.0f} ms (CPU {warm[1]:.0f} ms) ({load()})")
    cold, cpu, warm, board = timed(
        factory, lambda s: dashboard_page(s, OFFICE, PROVINCE, AS_OF))
    assert len(board["rollup"]) == LINKED, "the dashboard did not show every linked target"
    print(f"{label:10} province dashboard with its roll-up section: cold median {cold:.0f} ms "
          f"(CPU {cpu:.0f} ms), warm {warm[0]:.1f} ms (CPU {warm[1]:.1f} ms) ({load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", default=PG)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--communes", type=int, default=province.UNITS)
    args = parser.parse_args()
    print(f"CPUs {os.cpu_count()}, {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        measure("SQLite", f"sqlite:///{Path(tmp) / 'province.db'}", args.communes)
    if args.no_pg:
        return
    with temporary_database(args.pg) as url:
        measure("PostgreSQL", url, args.communes)


if __name__ == "__main__":
    main()
