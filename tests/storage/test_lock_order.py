"""Writes of one unit take its stamp row first, then its data rows: two transactions that
change the same two targets in opposite order queue instead of deadlocking (issue 14, M4).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from tests.services.conftest import PLANS, load
from theodoi.storage.db import session_factory
from theodoi.storage.models import Target


def _two_targets(db_url: str) -> tuple[int, int]:
    with session_factory(db_url)() as s:
        load(s, PLANS / "ke-hoach-v1.txt")
        s.commit()
        ids = list(s.scalars(select(Target.id).order_by(Target.id).limit(2)))
    return ids[0], ids[1]


def test_opposite_orders_on_one_unit_queue_instead_of_deadlocking(db_url: str) -> None:
    x, y = _two_targets(db_url)
    factory = session_factory(db_url)
    loaded, outcome = threading.Event(), []

    def second() -> None:  # changes Y, from what it read before the first changed Y
        with factory() as s:
            s.get(Target, y).indicator = "thứ hai"  # type: ignore[union-attr]
            loaded.set()
            try:
                s.flush()
                s.commit()
                outcome.append(None)
            except Exception as exc:  # noqa: BLE001  (what ended it is the result)
                s.rollback()
                outcome.append(exc)

    with factory() as first:
        first.get(Target, x).indicator = "thứ nhất X"  # type: ignore[union-attr]
        first.flush()  # holds X (and, with the lock order, the unit)
        other = threading.Thread(target=second)
        other.start()
        loaded.wait(10)
        time.sleep(0.3)  # let the second reach its flush (the order holds without it)
        first.get(Target, y).indicator = "thứ nhất Y"  # type: ignore[union-attr]
        first.flush()
        first.commit()
    other.join(30)
    error: Any = outcome[0]
    assert isinstance(error, StaleDataError), error  # its version check lost; no deadlock
    with factory() as s:
        assert [s.get(Target, i).indicator for i in (x, y)] == [  # type: ignore[union-attr]
            "thứ nhất X", "thứ nhất Y"]
