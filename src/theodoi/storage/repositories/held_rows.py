"""The status engine's item reads held in the session between its writes (storage/held.py).

A unit's dashboard made again after a write computes the unit's status and its
completeness, and both read the same live targets, tasks, their first leads, the tasks'
latest updates and the active plans' calendars (`status_rows`): ten statements where
five answer. Each function here is its `status_rows` namesake, held under its arguments
until the session next flushes, commits, rolls back or writes, so a write in between is
always seen (tests/storage/test_held_reads.py). Pending changes are flushed before a held
answer is given, as the read itself would have done. What is returned is shared by the
session's readers and must not be changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from theodoi.storage import held
from theodoi.storage.models import Target, Task
from theodoi.storage.repositories import status_rows

T = TypeVar("T")


def _held(s: Session, key: Hashable, compute: Callable[[], T]) -> T:
    if s.autoflush:  # a change not flushed yet: flushing forgets what is held
        s.flush()
    return held.read(s, ("status_rows", key), compute)


def targets(s: Session, unit_ids: list[int]) -> list[Any]:
    return _held(s, ("targets", tuple(unit_ids)), lambda: status_rows.targets(s, unit_ids))


def tasks(s: Session, unit_ids: list[int]) -> list[Any]:
    return _held(s, ("tasks", tuple(unit_ids)), lambda: status_rows.tasks(s, unit_ids))


def leads(s: Session, unit_ids: list[int], model: type[Target] | type[Task]) -> list[Any]:
    return _held(s, ("leads", model.__name__, tuple(unit_ids)),
                 lambda: status_rows.leads(s, unit_ids, model))


def latest_updates(s: Session, unit_ids: list[int], up_to: date) -> list[Any]:
    return _held(s, ("latest_updates", tuple(unit_ids), up_to),
                 lambda: status_rows.latest_updates(s, unit_ids, up_to))


def active_plans(s: Session, unit_ids: list[int]) -> list[Any]:
    return _held(s, ("active_plans", tuple(unit_ids)),
                 lambda: status_rows.active_plans(s, unit_ids))
