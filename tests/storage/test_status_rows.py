"""The status engine's reads as plain rows (storage/repositories/status_rows.py): each
live target's current values as the rules' `Actual`s, made in one pass over the
driver's rows, on both databases."""

from __future__ import annotations

from datetime import date, datetime

from bench import province
from sqlalchemy import insert

from theodoi.domain.trajectory import Actual
from theodoi.storage import db
from theodoi.storage.models import ProgressRecord
from theodoi.storage.repositories import status_rows

# the generator's quarters ended by 1 December 2026 (its last quarter ends on 31 December)
QUARTERS = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31),
            date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]


def _november(url: str) -> None:
    """A monthly figure of November 2026 for the first target: 12.5 of 20, corrected to
    13.5 of 20 (the first one superseded)."""
    rows = [{"target_id": 1, "period_key": "2026-11", "period_end": date(2026, 11, 30),
             "value": value, "value_of": 20.0, "superseded": superseded,
             "recorded_at": datetime(2026, 12, 1), "recorded_by": "test"}
            for value, superseded in ((12.5, True), (13.5, False))]
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(ProgressRecord.__table__), rows)


def test_each_target_gets_its_current_values_as_actuals(db_url: str) -> None:
    province.generate(db.engine_for(db_url), communes=1)  # the province 1, the commune 2
    _november(db_url)
    with db.session_factory(db_url)() as s:
        found = status_rows.actuals_by_target(s, [1, 2], date(2026, 12, 1))
        before = status_rows.actuals_by_target(s, [1, 2], date(2026, 11, 29))
        none = status_rows.actuals_by_target(s, [1], date(2026, 12, 1))
    assert sorted(found) == list(range(1, province.TARGETS + 1))
    # one current value a quarter (the corrections superseded), days as dates
    assert all(sorted(a.on for a in values) == QUARTERS
               for i, values in found.items() if i != 1)
    assert all(type(a) is Actual and type(a.on) is date and a.value_of is None
               for i, values in found.items() if i != 1 for a in values)
    november = [a for a in found[1] if a.on == date(2026, 11, 30)]
    assert november == [Actual(date(2026, 11, 30), 13.5, 20.0)]
    assert sorted(a.on for a in found[1]) == [*QUARTERS, date(2026, 11, 30)]
    assert sorted(a.on for a in before[1]) == QUARTERS  # November's ended after the day
    assert none == {}  # the province has no plan of its own
