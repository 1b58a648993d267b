"""Engines, sessions and migrations for the register (SQLite file or PostgreSQL server).

Alembic's scripts live inside the package (`storage/migrations`), so an installed theodoi
can upgrade its own database without an alembic.ini beside it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from theodoi.storage import stamping  # noqa: F401  (its listeners stamp every write)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """SQLite enforces foreign keys only when asked, per connection. Write-ahead logging
    lets readers go on while one writer commits, which the web server's processes and
    threads need (the file's setting; a memory database keeps its own journal)."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


# Connections a process keeps (5) and may add under load (10): the web server lets no
# more requests work at once than this (settings.web_active_requests, web/admission.py).
POOL_SIZE, POOL_OVERFLOW = 5, 10
POOL_CONNECTIONS = POOL_SIZE + POOL_OVERFLOW


@cache
def engine_for(url: str) -> Engine:
    """One engine per URL in a process; an SQLite file's folder is created on first use."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            engine = create_engine(url)  # one connection, SQLAlchemy's own pool for it
        else:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE,
                         max_overflow=POOL_OVERFLOW)


@cache
def session_factory(url: str) -> sessionmaker[Session]:
    """One factory per URL in a process: each `sessionmaker` makes its own Session
    subclass, and SQLAlchemy builds that class's event dispatch on its first session, so a
    factory per call cost every web request ~0.3 ms and left a class behind each time."""
    return sessionmaker(bind=engine_for(url), expire_on_commit=False, autoflush=True)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(url: str) -> str | None:
    with engine_for(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def has_revision(revision: str) -> bool:
    """Whether this package's migration scripts include `revision`."""
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(
            revision) is not None
    except CommandError:
        return False
