"""Reads held in a session between its writes: the access scope of a unit or an item,
asked two or three times by one page (its ETag, its data, its comments), is read once;
so are the units under a province with their stamps and restricted plans, which its
dashboard asks for its ETag, its communes' rows and its roll-up.

A held answer lasts until the session flushes, commits or rolls back, or runs a
statement that is not a SELECT (a bulk UPDATE or DELETE writes without a flush), so a
write in between is always seen by the next read (tests/storage/test_held_reads.py).
Nothing is held across requests: each request has its own session."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

T = TypeVar("T")
_KEY = "theodoi_held_reads"


def read(s: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`'s answer, held under `key` until the session next writes."""
    held: dict[Hashable, Any] = s.info.setdefault(_KEY, {})
    if key not in held:
        held[key] = compute()
    return held[key]  # type: ignore[no-any-return]


def hold(s: Session, key: Hashable, answer: object) -> None:
    """Hold `answer`, learnt from another read (a fact its query also gave), under `key`."""
    s.info.setdefault(_KEY, {})[key] = answer


def holds(s: Session, key: Hashable) -> bool:
    """Whether an answer is held under `key` (none once the session wrote)."""
    return key in s.info.get(_KEY, ())


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(s: Session, *_context: Any) -> None:
    s.info.pop(_KEY, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        state.session.info.pop(_KEY, None)
