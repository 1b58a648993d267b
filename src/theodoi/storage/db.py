"""Engines, sessions and migrations for the register (SQLite file or PostgreSQL server).

Alembic's scripts live inside the package (`storage/migrations`), so an installed theodoi
can upgrade its own database without an alembic.ini beside it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg.pq import Format
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from theodoi.storage import stamping  # noqa: F401  (its listeners stamp every write)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(busy_ms: int) -> Callable[[Any, Any], None]:
    """SQLite enforces foreign keys only when asked, per connection. Write-ahead logging
    lets readers go on while one writer commits, which the web server's processes and
    threads need (the file's setting; a memory database keeps its own journal). A writer
    waits up to `busy_ms` for the one write lock, then fails as contention (409)."""
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return on_connect


@dataclass(frozen=True)
class Timeouts:
    """How long a PostgreSQL statement may wait for a row lock, and run at all, in ms
    (0: no limit). Under contention a wait that ends is an answer (409) where a wait
    that does not end is a frozen worker. SQLite has no row locks: `lock_ms` is how long
    a writer waits for its one write lock (busy_timeout)."""

    lock_ms: int = 10000
    statement_ms: int = 60000


# PostgreSQL's codes for a lost race: lock_timeout, statement_timeout (a statement stuck
# behind locks), deadlock, serialization failure. SQLite's: SQLITE_BUSY, SQLITE_LOCKED.
PG_CONTENTION = {"55P03", "57014", "40P01", "40001"}
SQLITE_CONTENTION = {5, 6}


def is_contention(exc: BaseException) -> bool:
    """Whether a database error means another transaction held what this one needed (a
    retry from fresh data can succeed), as opposed to a bug or an unreachable server."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    code = getattr(orig, "sqlstate", None)
    if code is not None:
        return code in PG_CONTENTION
    sqlite_code = getattr(orig, "sqlite_errorcode", None)
    return sqlite_code is not None and sqlite_code & 0xFF in SQLITE_CONTENTION


# Connections a process keeps (5) and may add under load (10): the web server lets no
# more requests work at once than this (settings.web_active_requests, web/admission.py).
POOL_SIZE, POOL_OVERFLOW = 5, 10
POOL_CONNECTIONS = POOL_SIZE + POOL_OVERFLOW


def engine_for(url: str, timeouts: Timeouts | None = None) -> Engine:
    """One engine per URL (and timeouts) in a process; an SQLite file's folder is created
    on first use. `timeouts` apply to PostgreSQL, the defaults when None."""
    return _engine(url, timeouts or Timeouts())


@cache
def _engine(url: str, timeouts: Timeouts) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            engine = create_engine(url)  # one connection, SQLAlchemy's own pool for it
        else:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
        event.listen(engine, "connect", _sqlite_pragmas(timeouts.lock_ms))
        return engine
    # set at connection start-up: no extra round trip per transaction. JIT off: the
    # register's reads are index probes, which JIT compilation never repays; past a plan
    # cost of 100,000 (the dashboard's latest-updates read of a province of ~500
    # communes) it would add 150-200 ms to a read of ~110 ms (measured at 300 communes
    # with the threshold lowered, load 16)
    options = (f"-c lock_timeout={timeouts.lock_ms} "
               f"-c statement_timeout={timeouts.statement_ms} -c jit=off")
    engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW,
                           connect_args={"options": options})
    _ping_when_idle(engine)
    event.listen(engine, "before_cursor_execute", _binary_rows)
    return engine


# execution option of a statement whose rows are read as the driver's own tuples
# (repositories/status_rows.py `_fetched`): PostgreSQL sends those rows in binary
BINARY_ROWS = "theodoi_binary_rows"


def _binary_rows(_conn: Any, cursor: Any, _statement: str, _parameters: Any, context: Any,
                 _many: bool) -> None:
    """Asks PostgreSQL for the rows of a statement marked `BINARY_ROWS` in binary: the
    server does not write every number and date as text for psycopg to parse back (the
    province's 52,500 current values: about a quarter less of the client's CPU for that
    read). The Python values are the same (int, float, str, date, bool). Only those
    statements: rows that SQLAlchemy converts itself may expect text for some types."""
    if context is not None and context.execution_options.get(BINARY_ROWS):
        cursor.format = Format.BINARY


IDLE_PING_SECONDS = 5.0  # a pooled connection idle at least this long is pinged first


def _ping_when_idle(engine: Engine) -> None:
    """Before a PostgreSQL connection that sat idle in the pool for IDLE_PING_SECONDS or
    more is used, one empty round trip checks that the server still has it (restarted,
    or the connection cut): if not, the pool drops it and opens another, and the request
    never sees it. SQLAlchemy's `pool_pre_ping` did that before every use: one round
    trip more on every request (7 instead of 6 for a cached dashboard), though a
    connection in use a moment ago is as alive as the request that returned it."""

    @event.listens_for(engine, "checkin")
    def idle_from(_dbapi: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping(dbapi: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_SECONDS:
            return  # new, or returned to the pool a moment ago
        try:
            engine.dialect.do_ping(dbapi)
        except Exception as exc:  # the pool replaces the connection and tries again
            raise DisconnectionError("the server no longer has this connection") from exc


def session_factory(url: str, timeouts: Timeouts | None = None) -> sessionmaker[Session]:
    """One factory per URL (and timeouts) in a process: each `sessionmaker` makes its own
    Session subclass, and SQLAlchemy builds that class's event dispatch on its first
    session, so a factory per call cost every web request ~0.3 ms and left a class
    behind each time."""
    return _factory(url, timeouts or Timeouts())


@cache
def _factory(url: str, timeouts: Timeouts) -> sessionmaker[Session]:
    return sessionmaker(bind=_engine(url, timeouts), expire_on_commit=False,
                        autoflush=True)


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
