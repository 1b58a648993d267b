"""The generated province of the benchmarks is a database a real office could go on using:
agencies lead its items, and it takes imports and writes afterwards (on PostgreSQL its id
sequences were left at 1, so the first real import collided with a generated row)."""

from __future__ import annotations

from datetime import date

from bench import province
from sqlalchemy import func, select

from tests.services.conftest import SAMPLES, load
from theodoi.services.progress import records as progress
from theodoi.services.progress import status
from theodoi.storage import db
from theodoi.storage.models import Agency, Assignment, Plan, Target, Task


def test_a_generated_province_takes_imports_and_writes(db_url: str) -> None:
    counts = province.generate(db.engine_for(db_url), communes=2)
    assert counts["units"] == 3 and counts["agencies"] == 2 * len(province.AGENCIES)
    with db.session_factory(db_url)() as s:
        leads = s.scalar(select(func.count()).select_from(Assignment)
                         .where(Assignment.role == "lead", Assignment.agency_id.is_not(None)))
        items = s.scalar(select(func.count()).select_from(Target)) + s.scalar(
            select(func.count()).select_from(Task))
        assert leads == items == 2 * (province.TARGETS + province.TASKS)
        found = status.status_of_unit(s, "tinh-bench.xa-000", date(2026, 12, 1))
        assert {r.lead_agency for r in found.targets} == set(province.AGENCIES)
        imported = load(s, sorted(SAMPLES.glob("*.txt"))[0], unit="tinh-bench.xa-001")
        plan = s.get(Plan, imported.plan_id)
        assert plan is not None and plan.id == 3  # after the two generated plans
        s.add(Agency(unit_id=2, name="Phòng Tư pháp", key="phong-tu-phap"))
        s.flush()
        target = next(t for t in s.get(Plan, 1).targets)
        progress.record_progress(s, f"t{target.id}", "Q1/2027", "55")
        s.commit()
