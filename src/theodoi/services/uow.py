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


@contextmanager
def transaction(settings: Settings) -> Iterator[Session]:
    """A session committed when the block ends normally, rolled back on any error.

    Two saves that both passed the version check race at the database: SQLAlchemy's
    version counter stops the second, and the person sees the conflict message.
    """
    with db.session(settings) as s:
        s.info[IN_UOW] = True
        try:
            yield s
            for write in s.info.pop(AT_COMMIT, []):
                write()
            s.commit()
        except StaleDataError as exc:
            s.rollback()
            raise Conflict(STALE) from exc
        except BaseException:
            s.rollback()
            raise
