"""Whole-database questions a backup and a restore ask: which tables hold rows, and
emptying a server database before a dump is restored into it."""

from __future__ import annotations

from sqlalchemy import func, inspect, select, table, text

from theodoi.storage.db import engine_for

MIGRATIONS_TABLE = "alembic_version"


def tables_with_rows(url: str) -> list[str]:
    """Names of the tables (other than Alembic's own) that hold at least one row."""
    engine = engine_for(url)
    names = [n for n in inspect(engine).get_table_names() if n != MIGRATIONS_TABLE]
    with engine.connect() as conn:
        return [n for n in sorted(names)
                if conn.execute(select(func.count()).select_from(
                    select(text("1")).select_from(table(n)).limit(1).subquery())).scalar()]


def table_names(url: str) -> list[str]:
    """Every table of the database, Alembic's own included."""
    return sorted(inspect(engine_for(url)).get_table_names())


def drop_every_table(url: str) -> None:
    """Drop every table of a PostgreSQL database (CASCADE: the foreign keys between them),
    so a dump made by pg_dump can be restored into it as into a new database."""
    names = table_names(url)
    with engine_for(url).begin() as conn:
        for name in names:
            conn.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))


def ping(url: str) -> None:
    """One round trip to the database; raises SQLAlchemy's error when it does not answer."""
    with engine_for(url).connect() as conn:
        conn.execute(select(1))
