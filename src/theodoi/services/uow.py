"""The edge's transaction for the web: commit at the end, a lost race becomes a Conflict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from theodoi.domain.errors import Conflict
from theodoi.services import db
from theodoi.settings import Settings

AT_COMMIT, IN_UOW = "theodoi_at_commit", "theodoi_in_uow"

STALE = ("bản ghi vừa được người khác thay đổi; không có gì bị ghi đè. Hãy tải lại trang "
         "và làm lại.")


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
    back; close the session either way. A lost race at the commit becomes a Conflict."""
    try:
        if error is not None:
            s.rollback()
            return
        for write in s.info.pop(AT_COMMIT, []):
            write()
        s.commit()
    except StaleDataError as exc:
        s.rollback()
        raise Conflict(STALE) from exc
    except BaseException:
        s.rollback()
        raise
    finally:
        s.close()


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
        raise
    finish(s)
