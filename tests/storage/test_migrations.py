"""Migrations are tested code: up and down on an empty SQLite and PostgreSQL database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from theodoi.storage import db
from theodoi.storage.models import Base

TABLES = {"units", "agencies", "agency_aliases", "source_files", "plans", "plan_bases",
          "targets", "milestones", "tasks", "assignments", "target_links"}


def _tables(url: str) -> set[str]:
    return set(inspect(db.engine_for(url)).get_table_names()) - {"alembic_version"}


def test_upgrade_creates_every_table_and_downgrade_removes_them(empty_db_url: str) -> None:
    assert db.current_revision(empty_db_url) is None
    db.upgrade(empty_db_url)
    assert db.current_revision(empty_db_url) == db.head_revision()
    assert _tables(empty_db_url) >= TABLES
    db.downgrade(empty_db_url, "base")
    assert db.current_revision(empty_db_url) is None
    assert _tables(empty_db_url) & TABLES == set()
    db.upgrade(empty_db_url)  # and up again, as an administrator would after a rollback
    assert _tables(empty_db_url) >= TABLES


def test_models_and_migrations_agree(db_url: str) -> None:
    """A model change without its migration shows here as a difference."""
    with db.engine_for(db_url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []
