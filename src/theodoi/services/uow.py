"""The edge's transaction for the web: commit at the end, a lost race becomes a Conflict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from theodoi.domain.errors import Conflict
from theodoi.services import db
from theodoi.settings import Settings
from theodoi.storage.db import is_contention

AT_COMMIT, IN_UOW, DONE = "theodoi_at_commit", "theodoi_in_uow", "theodoi_finished"

STALE = ("bản ghi vừa được người khác thay đổi; không có gì bị ghi đè. Hãy tải lại trang "
         "và làm lại.")

BUSY = ("dữ liệu vừa được người khác thay đổi cùng lúc; không có gì bị ghi đè. Hãy tải "
        "lại trang và làm lại.")


def conflict_of(exc: BaseException) -> Conflict | None:
    """The Conflict (409) a lost race becomes, None for any other error.

    A race is lost three ways: the version check at the database (StaleDataError, at a
    flush in the middle of a service or at the commit), a lock or timeout error of the
    database (PostgreSQL lock_timeout, deadlock, serialization failure; SQLite busy),
    each after the transaction was rolled back, so nothing of the request is stored."""
    if isinstance(exc, StaleDataError):
        return Conflict(STALE)
    if isinstance(exc, DBAPIError) and is_contention(exc):
        return Conflict(BUSY)
    return None


def at_commit(s: Session, write: Callable[[], None]) -> None:
    """Run `write` just before the transaction commits (or, outside `transaction`, now).

    For bookkeeping a read makes (a session's last-seen time): done at the end, the write
    holds SQLite's one write lock for milliseconds instead of the whole request, so
    readers no longer queue behind each other's bookkeeping."""
    if s.info.get(IN_UOW):
        s.info.setdefault(AT_COMMIT, []).append(write)
    else:
        write()


def begin(settings: Settings) -> Session:
    """A session to be ended by `finish`: for an edge whose steps cannot sit in one
    `with` block (a web request runs its steps on different threads). No I/O once the
    schema is known (`db.schema_known`)."""
    s = db.open_session(settings)
    s.info[IN_UOW] = True
    return s


def finish(s: Session, error: BaseException | None = None) -> None:
    """Commit (after the bookkeeping writes of `at_commit`) when `error` is None, else roll
    back; close the session either way. A lost race at the commit becomes a Conflict.
    Once only: a session already finished (`finished`) is left as it is, so the web can
    finish a page's session in the route's thread and its dependency then does nothing."""
    if finished(s):
        return
    try:
        if error is not None:
            s.rollback()
            return
        for write in s.info.pop(AT_COMMIT, []):
            write()
        s.commit()
    except BaseException as exc:
        s.rollback()
        conflict = conflict_of(exc)
        if conflict is None:
            raise
        raise conflict from exc
    finally:
        s.info[DONE] = True
        s.close()


def finished(s: Session) -> bool:
    """Whether `finish` has ended the session (committed or rolled back, and closed)."""
    return bool(s.info.get(DONE))


@contextmanager
def transaction(settings: Settings) -> Iterator[Session]:
    """A session committed when the block ends normally, rolled back on any error.

    Two saves that both passed the version check race at the database: SQLAlchemy's
    version counter stops the second, and the person sees the conflict message.
    """
    s = begin(settings)
    try:
        yield s
    except BaseException as exc:
        finish(s, exc)
        conflict = conflict_of(exc)
        if conflict is None:
            raise
        raise conflict from exc
    finish(s)
