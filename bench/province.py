"""A generated province for the status and web benchmarks, written straight to the tables.

100 communes under one province, one active plan each with 75 targets and 75 tasks
(15,000 items), each led by one of the commune's five agencies, and 500,000 progress
records: quarterly actuals for 2025-2026 of every target with corrections (400,000) and
task updates (100,000). Values follow each target's line from its baseline with noise, so
the statuses spread over every code. The rows are written with their ids; on PostgreSQL
the id sequences are then moved past them, so the database takes real imports and writes
afterwards (they would otherwise start again at 1 and collide).
"""

from __future__ import annotations

import random
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import Engine, insert, text

from theodoi.domain.names import agency_key
from theodoi.storage.models import (
    Agency,
    Assignment,
    Milestone,
    Plan,
    ProgressRecord,
    Target,
    Task,
    TaskUpdate,
    Unit,
)

UNITS, TARGETS, TASKS = 100, 75, 75
AGENCIES = ("Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an xã",
            "Văn phòng HĐND và UBND", "Ban Chỉ huy Quân sự")
QUARTER_ENDS = [date(y, m, d) for y in (2025, 2026) for m, d in ((3, 31), (6, 30), (9, 30),
                                                                  (12, 31))]
NOW = datetime(2026, 12, 1)


def _batches(engine: Engine, table: Any, rows: list[dict[str, Any]], size: int = 20000) -> None:
    with engine.begin() as conn:
        for i in range(0, len(rows), size):
            conn.execute(insert(table), rows[i:i + size])


def generate(engine: Engine, seed: int = 7, communes: int = UNITS) -> dict[str, int]:
    """Fill an empty, upgraded database with `communes` communes; returns the row counts
    written."""
    rnd = random.Random(seed)
    units = [{"id": 1, "code": "tinh-bench", "name": "Tỉnh thử", "level": "tinh", "parent_id": None,
              "created_at": NOW}]
    units += [{"id": i + 2, "code": f"tinh-bench.xa-{i:03d}", "name": f"Xã thử {i:03d}",
               "level": "xa", "parent_id": 1, "created_at": NOW} for i in range(communes)]
    plans = [{"id": i + 1, "unit_id": i + 2, "kind": "ke_hoach", "title": f"Kế hoạch {i}",
              "term_start": 2025, "term_end": 2030, "recipients": [], "status": "active",
              "created_at": NOW, "version": 1} for i in range(communes)]
    targets, milestones, records = _targets(rnd, communes)
    tasks, updates = _tasks(rnd, communes)
    agencies, leads = _agencies(targets, tasks, communes)
    _batches(engine, Unit.__table__, units)
    _batches(engine, Plan.__table__, plans)
    _batches(engine, Agency.__table__, agencies)
    _batches(engine, Target.__table__, targets)
    _batches(engine, Milestone.__table__, milestones)
    _batches(engine, Task.__table__, tasks)
    _batches(engine, Assignment.__table__, leads)
    _batches(engine, ProgressRecord.__table__, records)
    _batches(engine, TaskUpdate.__table__, updates)
    _move_sequences(engine, (Unit, Plan, Agency, Target, Milestone, Task, Assignment,
                             ProgressRecord, TaskUpdate))
    return {"units": len(units), "agencies": len(agencies),
            "items": len(targets) + len(tasks), "records": len(records) + len(updates)}


def _agencies(targets: list[dict[str, Any]], tasks: list[dict[str, Any]], communes: int
              ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Five agencies a commune, and a lead assignment for every item, in turn."""
    agencies = [{"id": u * len(AGENCIES) + j + 1, "unit_id": u + 2, "name": name,
                 "key": agency_key(name), "status": "active", "created_at": NOW, "version": 1}
                for u in range(communes) for j, name in enumerate(AGENCIES)]
    leads = []
    for column, items in (("target_id", targets), ("task_id", tasks)):
        for n, item in enumerate(items):
            j = n % len(AGENCIES)
            agency = agencies[(item["plan_id"] - 1) * len(AGENCIES) + j]
            leads.append({"target_id": None, "task_id": None, column: item["id"],
                          "role": "lead", "position": 0, "name": agency["name"],
                          "agency_id": agency["id"]})
    return agencies, leads


def _move_sequences(engine: Engine, models: tuple[Any, ...]) -> None:
    """On PostgreSQL, each table's id sequence past the ids written (SQLite needs nothing:
    its next rowid is the largest plus one)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for model in models:
            table = model.__tablename__
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"(SELECT coalesce(max(id), 1) FROM {table}))"))


def settle(engine: Engine) -> None:
    """Bring a just-filled database to the state of one in use: planner statistics taken
    and, on PostgreSQL, every row's visibility settled and the load's dirty pages written
    (VACUUM ANALYZE, CHECKPOINT), as autovacuum and the checkpointer do on a server that
    has been running (this machine's server has autovacuum off). Without it the pages are
    measured against a database whose first readers still mark every row's visibility
    and write the pages back, which no office's server does after its first hours."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
            conn.execute(text("CHECKPOINT"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def _targets(rnd: random.Random, communes: int) -> tuple[list[dict[str, Any]], ...]:
    targets, milestones, records = [], [], []
    kinds = ["level", "level", "change", "growth_rate"]
    for plan in range(communes):
        for k in range(TARGETS):
            tid = plan * TARGETS + k + 1
            base, goal = rnd.uniform(40, 80), rnd.uniform(90, 140)
            targets.append({
                "id": tid, "plan_id": plan + 1, "position": k, "review": "accepted",
                "text": f"Chỉ tiêu {k}", "indicator": f"Chỉ tiêu {k}", "kind": kinds[k % 4],
                "direction": "decrease" if k % 9 == 0 else "increase", "comparator": "=",
                "value": 8.0 if k % 4 == 3 else goal, "unit": "%", "per_year": False,
                "deadline_year": 2030, "baseline_value": base, "baseline_year": 2024,
                "also_spans": [], "version": 1})
            if k % 3 == 0:
                milestones += [{"target_id": tid, "year": y,
                                "value": base + (goal - base) * (y - 2024) / 6}
                               for y in (2025, 2026, 2027)]
            records += _records(rnd, tid, base, goal)
    return targets, milestones, records


def _records(rnd: random.Random, tid: int, base: float, goal: float) -> list[dict[str, Any]]:
    """Eight quarters of actuals, most with corrections: 53 or 54 records a target."""
    out = []
    for q, end in enumerate(QUARTER_ENDS):
        due = base + (goal - base) * (q + 1) / 24
        for _ in range(6 if q % 3 else 8):  # reported, then corrected several times
            out.append({"target_id": tid, "period_key": f"{end.year}-Q{q % 4 + 1}",
                        "period_end": end, "value": due * rnd.uniform(0.85, 1.1),
                        "recorded_at": NOW, "recorded_by": "bench"})
    out = out[:53 + (tid % 3 == 0)]  # 7,500 targets x 53 + 2,500 = 400,000
    for before, after in pairwise(out):  # each correction supersedes the one before
        before["superseded"] = before["period_key"] == after["period_key"]
    out[-1]["superseded"] = False
    return out


def _tasks(rnd: random.Random, communes: int
           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tasks, updates = [], []
    states = ["chua_trien_khai", "dang_thuc_hien", "hoan_thanh", "tam_dung"]
    for plan in range(communes):
        for k in range(TASKS):
            kid = plan * TASKS + k + 1
            due = date(2025 + k % 3, 3 * (k % 4) + 3, 28)
            tasks.append({"id": kid, "plan_id": plan + 1, "position": k, "review": "accepted",
                          "text": f"Nhiệm vụ {k}", "title": f"Nhiệm vụ {k}", "kind": "task",
                          "due_date": due, "submit_to": [], "version": 1})
            for n in range(14):
                updates.append({"task_id": kid, "reported_on": date(2025, 1, 10 + n),
                                "state": states[rnd.randrange(4)] if n == 12 else
                                "dang_thuc_hien", "percent": min(100.0, 8.0 * n),
                                "recorded_at": NOW})
    return tasks, updates[:100000]


def add_party_plans(engine: Engine, communes: int) -> dict[str, int]:
    """A second, restricted plan in each commune (a Party resolution, read by its leaders
    and office but not by an observer), with the kinds of targets the generated plans lack:
    a milestone, a quota handed down (plan_relative), a yearly target, a yearly flow
    reported year to date, a level with no baseline (its line starts at its first figure),
    one with an invalid figure (inf) in the first commune, and four tasks. Its reports are
    on other days than the quarters' ends too. Returns the rows written."""
    plan_ids = _next_ids(engine, Plan, communes)
    targets, records, tasks, updates = [], [], [], []
    first_target, first_task = _next_id(engine, Target), _next_id(engine, Task)
    for n, plan_id in enumerate(plan_ids):
        for k, (kind, extra) in enumerate(_PARTY_TARGETS):
            tid = first_target + n * len(_PARTY_TARGETS) + k
            targets.append({"id": tid, "plan_id": plan_id, "position": k, "review": "accepted",
                            "text": f"Chỉ tiêu Đảng {k}", "kind": kind, "direction": "increase",
                            "comparator": "=", "deadline_year": 2027 + k % 2,
                            "also_spans": [], "version": 1, **extra})
            records += _party_records(tid, k, n)
        for k in range(4):
            kid = first_task + n * 4 + k
            tasks.append({"id": kid, "plan_id": plan_id, "position": k, "review": "accepted",
                          "text": f"Nhiệm vụ Đảng {k}", "title": f"Nhiệm vụ Đảng {k}",
                          "kind": "task", "due_date": date(2026, 3 * k + 3, 15),
                          "submit_to": [], "version": 1})
            if k % 2 == 0:
                updates.append({"task_id": kid, "reported_on": date(2026, 4 + 2 * k, 3),
                                "state": "hoan_thanh" if k == 2 else "dang_thuc_hien",
                                "percent": 50.0, "period_key": "2026-Q3",
                                "recorded_at": NOW})
    _batches(engine, Plan.__table__, [
        {"id": plan_id, "unit_id": n + 2, "kind": "nghi_quyet", "title": f"Nghị quyết {n}",
         "term_start": 2025, "term_end": 2030, "recipients": [], "status": "active",
         "restricted": True, "created_at": NOW, "version": 1}
        for n, plan_id in enumerate(plan_ids)])
    for table, rows in ((Target, targets), (ProgressRecord, records), (Task, tasks),
                        (TaskUpdate, updates)):
        _batches(engine, table.__table__, rows)
    _move_sequences(engine, (Plan, Target, Task, ProgressRecord, TaskUpdate))
    return {"plans": len(plan_ids), "items": len(targets) + len(tasks)}


_PARTY_TARGETS: list[tuple[str, dict[str, Any]]] = [
    ("milestone", {"value": None}),
    ("plan_relative", {"value": None, "unit": "tỷ đồng"}),
    ("level", {"value": 95.0, "unit": "%", "recurrence": "annual"}),
    ("level", {"value": 400.0, "unit": "ha", "per_year": True}),
    ("level", {"value": 90.0, "unit": "%"}),
    ("change", {"value": 30.0, "unit": "hộ", "baseline_value": 0.0, "baseline_year": 2024}),
]


def _party_records(tid: int, k: int, commune: int) -> list[dict[str, Any]]:
    """Current figures only: two or three a target, on quarter ends and other days."""
    days = [date(2025, 12, 31), date(2026, 6, 30), date(2026, 8, 15)][: 2 + commune % 2]
    values = {0: [0.0, 1.0, 1.0], 1: [9.0, 5.0, 12.0], 2: [80.0, 96.0, 70.0],
              3: [150.0, 120.0, 260.0], 4: [60.0, 70.0, 88.0], 5: [10.0, 14.0, 25.0]}[k]
    if commune == 0 and k == 4:
        values = [60.0, float("inf"), 88.0]
    return [{"target_id": tid, "period_key": f"{d.year}-Q{(d.month - 1) // 3 + 1}", "period_end": d,
             "value": v, "value_of": 10.0 if k == 1 else None, "superseded": False,
             "recorded_at": NOW, "recorded_by": "bench"}
            for d, v in zip(days, values, strict=False)]


def _next_id(engine: Engine, model: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT coalesce(max(id), 0) + 1 FROM "
                                     f"{model.__tablename__}")).scalar_one())


def _next_ids(engine: Engine, model: Any, n: int) -> list[int]:
    first = _next_id(engine, model)
    return list(range(first, first + n))
