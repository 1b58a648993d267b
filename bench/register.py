"""Register throughput: the five samples imported into 100 units (500 plans) per backend.

Every unit gets its own bytes (the file plus a line naming the unit), so each import
extracts, stores the file and builds the draft, as a province importing its communes'
plans would. Prints time per plan and the database size; tests never assert on timings.

    .venv/bin/python bench/register.py [--units N] [--pg URL] [--no-pg]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from theodoi.services.register import importing, units
from theodoi.storage import db

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from pgtemp import PG, temporary_database  # noqa: E402  (beside this file)


def run(url: str, n_units: int) -> tuple[float, float, int]:
    """Import the samples into `n_units` units; (seconds, worst unit seconds, plans)."""
    db.upgrade(url)
    blobs = [(p.name, p.read_bytes()) for p in sorted((ROOT / "samples").glob("*.txt"))]
    factory = db.session_factory(url)
    start, worst, plans = time.perf_counter(), 0.0, 0
    with factory() as s:
        units.create(s, "Tỉnh thử", level="tinh")
        s.commit()
    for i in range(n_units):
        began = time.perf_counter()
        with factory() as s:  # one transaction per commune, as one CLI import batch would be
            for name, data in blobs:
                unit = f"Xã thử {i:03d}"
                importing.import_plan(s, unit, data + f"\n{unit}\n".encode(), name,
                                      max_bytes=50 << 20, parent="Tỉnh thử")
                plans += 1
            s.commit()
        worst = max(worst, time.perf_counter() - began)
    return time.perf_counter() - start, worst, plans


def size_mb(url: str) -> float:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return Path(parsed.database or "").stat().st_size / 1e6
    with db.engine_for(url).connect() as conn:
        return conn.execute(text("select pg_database_size(current_database())")).scalar() / 1e6


def report(label: str, url: str, n_units: int) -> None:
    seconds, worst, plans = run(url, n_units)
    print(f"{label:10} {plans} plans in {n_units} units: {seconds:.1f} s, "
          f"{1000 * seconds / plans:.0f} ms per plan (slowest unit {worst:.2f} s for 5 plans), "
          f"database {size_mb(url):.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--pg", default=PG, help="PostgreSQL server URL (admin database)")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.units)
    if not args.no_pg:
        with temporary_database(args.pg) as url:
            report("PostgreSQL", url, args.units)

if __name__ == "__main__":
    main()
