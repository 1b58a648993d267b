"""The edge's transaction for the web: commit at the end, a lost race becomes a Conflict."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from theodoi.domain.errors import Conflict
from theodoi.services import db
from theodoi.settings import Settings

STALE = ("bản ghi vừa được người khác thay đổi; không có gì bị ghi đè. Hãy tải lại trang "
         "và làm lại.")


@contextmanager
def transaction(settings: Settings) -> Iterator[Session]:
    """A session committed when the block ends normally, rolled back on any error.

    Two saves that both passed the version check race at the database: SQLAlchemy's
    version counter stops the second, and the person sees the conflict message.
    """
    with db.session(settings) as s:
        try:
            yield s
            s.commit()
        except StaleDataError as exc:
            s.rollback()
            raise Conflict(STALE) from exc
        except BaseException:
            s.rollback()
            raise
