"""The database entry point of every edge: open a session, keep the schema current.

The edge (a CLI command, a web request) owns the transaction: it opens `session(settings)`,
calls services, and commits. Services only flush. The embedded SQLite database is created
and upgraded on first use; a server database is upgraded only by `theodoi db upgrade`,
because a province's administrator decides when its schema changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput
from theodoi.settings import Settings
from theodoi.storage import db


class DatabaseError(BadInput):
    """The database cannot be reached or its schema is not the one this theodoi needs."""

    code = "E110"


def _describe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


_CURRENT: set[str] = set()  # databases seen at the newest schema by this process


def ensure_schema(url: str) -> None:
    """Upgrade an SQLite file to the newest schema; demand `db upgrade` from a server.

    Checked once per database and process: a schema does not go back while theodoi runs,
    and reading the migration scripts on every request cost a web page ~15 ms."""
    if url in _CURRENT:
        return
    try:
        current = db.current_revision(url)
        if current == db.head_revision():
            _CURRENT.add(url)
            return
        if url.startswith("sqlite"):
            db.upgrade(url)
            _CURRENT.add(url)
            return
    except OperationalError as exc:
        raise DatabaseError(f"không kết nối được cơ sở dữ liệu ({exc.orig}).",
                            subject=_describe(url)) from exc
    raise DatabaseError("cơ sở dữ liệu chưa ở phiên bản mới nhất; hãy chạy "
                        "`theodoi db upgrade`.", subject=_describe(url))


def schema_known(settings: Settings) -> bool:
    """Whether this process has already seen the database at the newest schema, so that
    `open_session` will not touch the database."""
    return settings.effective_database_url in _CURRENT


def open_session(settings: Settings) -> Session:
    """A new session on the configured database, the schema checked first; no I/O once
    `schema_known` (a session connects at its first statement). The caller closes it."""
    url = settings.effective_database_url
    ensure_schema(url)
    return db.session_factory(url, timeouts_of(settings))()


def timeouts_of(settings: Settings) -> db.Timeouts:
    return db.Timeouts(settings.lock_timeout_ms, settings.statement_timeout_ms)


@contextmanager
def session(settings: Settings) -> Iterator[Session]:
    """A session on the configured database; rolled back unless the caller commits."""
    s = open_session(settings)
    try:
        yield s
    except SQLAlchemyError:
        s.rollback()
        raise
    finally:
        s.close()


def upgrade(settings: Settings, revision: str = "head") -> tuple[str | None, str | None]:
    """Run migrations up to `revision`; returns (before, after)."""
    url = settings.effective_database_url
    try:
        before = db.current_revision(url)
        db.upgrade(url, revision)
        return before, db.current_revision(url)
    except OperationalError as exc:
        raise DatabaseError(f"không kết nối được cơ sở dữ liệu ({exc.orig}).",
                            subject=_describe(url)) from exc


def downgrade(settings: Settings, revision: str) -> tuple[str | None, str | None]:
    """Run migrations down to `revision` (`base` empties the schema)."""
    url = settings.effective_database_url
    _CURRENT.discard(url)
    before = db.current_revision(url)
    db.downgrade(url, revision)
    return before, db.current_revision(url)


def status(settings: Settings) -> dict[str, str | None]:
    """Where the database is and which schema revision it has."""
    url = settings.effective_database_url
    return {"url": _describe(url), "current": db.current_revision(url),
            "head": db.head_revision()}


def replaced(settings: Settings) -> None:
    """The database was replaced under this process (a restore): drop its pooled
    connections and check its schema again at the next session."""
    url = settings.effective_database_url
    _CURRENT.discard(url)
    db.engine_for(url).dispose()


def revision_known(revision: str | None) -> bool:
    """Whether `revision` is one of this theodoi's migrations (None: an empty schema)."""
    return revision is None or db.has_revision(revision)
