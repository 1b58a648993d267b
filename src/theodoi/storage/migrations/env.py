"""Alembic environment: runs against the URL theodoi sets; batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from theodoi.storage.db import engine_for
from theodoi.storage.models import Base

url = context.config.get_main_option("sqlalchemy.url")
if not url:
    raise RuntimeError("theodoi sets sqlalchemy.url before running migrations")

with engine_for(url).connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":  # rebuilding a big table may take long
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        context.run_migrations()
    connection.commit()
