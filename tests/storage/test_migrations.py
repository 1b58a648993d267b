"""Migrations are tested code: up and down on an empty SQLite and PostgreSQL database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from theodoi.storage import db
from theodoi.storage.models import Base

TABLES = {"units", "agencies", "agency_aliases", "source_files", "plans", "plan_bases",
          "targets", "milestones", "tasks", "assignments", "target_links", "attachments",
          "progress_records", "task_updates", "explanation_requests", "users", "role_grants",
          "web_sessions", "login_attempts", "login_limits", "audit_log", "jobs"}


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


def test_stored_plans_survive_the_progress_migration_both_ways(empty_db_url: str) -> None:
    """A register made before the progress tables keeps its data through 0002 up and down."""
    from sqlalchemy import text

    db.upgrade(empty_db_url, "0001")
    with db.engine_for(empty_db_url).begin() as conn:
        conn.execute(text("insert into units (id, code, name, level, created_at) values "
                          "(1, 'xa-a', 'Xã A', 'xa', '2026-01-01')"))
        conn.execute(text("insert into plans (id, unit_id, kind, title, recipients, status, "
                          "created_at, version) values (1, 1, 'ke_hoach', 'Kế hoạch A', '[]', "
                          "'active', '2026-01-01', 1)"))
    db.upgrade(empty_db_url)
    with db.engine_for(empty_db_url).connect() as conn:
        row = conn.execute(text("select p.title, s.every, s.days_after from plans p join "
                                "report_streams s on s.plan_id = p.id")).one()
    assert tuple(row) == ("Kế hoạch A", "quarter", 5)
    db.downgrade(empty_db_url, "0001")
    with db.engine_for(empty_db_url).connect() as conn:
        assert conn.execute(text("select title from plans")).scalar() == "Kế hoạch A"
    assert "progress_records" not in _tables(empty_db_url)


def test_agency_keys_follow_the_one_tone_table(empty_db_url: str) -> None:
    """Keys stored by the old tone table ('hòang' for 'Hoàng', 'loạ' kept) are recomputed;
    a key that would clash with another row of the unit stays as stored."""
    from sqlalchemy import text

    db.upgrade(empty_db_url, "0009")
    rows = [(1, "Trường THCS Hoàng Hoa Thám", "trường thcs hòang hoa thám"),
            (2, "Thôn Loạ", "thôn loạ"),
            (3, "Phòng Văn hoá - Xã hội", "phòng văn hóa-xã hội"),
            (4, "Tổ dân phố Thuý Lĩnh", "tổ dân phố thuý lĩnh"),  # would clash with 5
            (5, "Tổ dân phố Thúy Lĩnh", "tổ dân phố thúy lĩnh")]
    with db.engine_for(empty_db_url).begin() as conn:
        conn.execute(text("insert into units (id, code, name, level, created_at) values "
                          "(1, 'xa-a', 'Xã A', 'xa', '2026-01-01')"))
        for i, name, key in rows:
            conn.execute(text("insert into agencies (id, unit_id, name, key, status, created_at,"
                              " version) values (:i, 1, :n, :k, 'active', '2026-01-01', 1)"),
                         {"i": i, "n": name, "k": key})
            conn.execute(text("insert into agency_aliases (id, agency_id, unit_id, alias, key) "
                              "values (:i, :i, 1, :n, :k)"), {"i": i, "n": name, "k": key})
    db.upgrade(empty_db_url)
    with db.engine_for(empty_db_url).connect() as conn:
        for table in ("agencies", "agency_aliases"):
            keys = dict(conn.execute(text(f"select id, key from {table}")).all())
            assert keys == {1: "trường thcs hoàng hoa thám", 2: "thôn lọa",
                            3: "phòng văn hóa-xã hội", 4: "tổ dân phố thuý lĩnh",
                            5: "tổ dân phố thúy lĩnh"}


def test_a_register_keeps_its_items_through_every_later_migration_both_ways(
        empty_db_url: str) -> None:
    """A target, a task and its lead made at 0013 stay through every migration after it,
    up to the newest and back. A batch rebuild of `plans` or `tasks` on SQLite drops the
    table, and with foreign keys on, SQLite first deletes its rows: every item cascaded
    away (0021 as first written lost every target and task of the register)."""
    from sqlalchemy import text

    db.upgrade(empty_db_url, "0013_contributions")
    with db.engine_for(empty_db_url).begin() as conn:
        conn.execute(text("insert into units (id, code, name, level, created_at) values "
                          "(1, 'xa-a', 'Xã A', 'xa', '2026-01-01')"))
        conn.execute(text("insert into plans (id, unit_id, kind, title, recipients, status, "
                          "created_at, version) values (1, 1, 'ke_hoach', 'Kế hoạch A', '[]', "
                          "'active', '2026-01-01', 1)"))
        conn.execute(text("insert into targets (id, plan_id, position, review, text, "
                          "indicator, kind, per_year, version, original, also_spans) values "
                          "(1, 1, 0, 'accepted', 'Tỷ lệ hộ nghèo dưới 1%', 'Tỷ lệ hộ nghèo', "
                          "'level', false, 1, '{}', '[]')"))
        conn.execute(text("insert into tasks (id, plan_id, position, review, text, title, "
                          "kind, submit_to, version) values (1, 1, 0, 'accepted', "
                          "'Xây dựng đề án', 'Xây dựng đề án', 'task', '[]', 1)"))
        conn.execute(text("insert into assignments (task_id, role, position, name) values "
                          "(1, 'lead', 0, 'Phòng Kinh tế')"))

    def counts() -> tuple[int, ...]:
        with db.engine_for(empty_db_url).connect() as conn:
            return tuple(conn.execute(text(f"select count(*) from {table}")).scalar_one()
                         for table in ("plans", "targets", "tasks", "assignments"))

    db.upgrade(empty_db_url)
    assert counts() == (1, 1, 1, 1)
    db.downgrade(empty_db_url, "0013_contributions")
    assert counts() == (1, 1, 1, 1)
