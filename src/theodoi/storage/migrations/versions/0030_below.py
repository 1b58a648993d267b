"""below: units below the commune — the head's role, the 'count' relation and method

A thôn's, tổ dân phố's or chi bộ's head is granted the new role `truong` at that unit; a
commune target split into its thôn's "đạt chuẩn" targets links each with relation `count`
and adds up by method `count` (services/split). Only three CHECK constraints change, each
on a leaf table nothing references (role_grants, level_links, rollup_methods): on SQLite
the table is rebuilt by batch mode with its rows copied, never `units`, `plans`, `targets`
or `tasks`. Downgrade refuses (RuntimeError) while a row uses a new value,
so nothing is lost silently: remove those grants, links and methods first.

Revision ID: 0030_below
Revises: 0029_cover_reports
Create Date: 2026-12-06 22:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0030_below'
down_revision = '0029_cover_reports'
branch_labels = None
depends_on = None

_ROLES = "'quan_tri', 'lanh_dao', 'van_phong', 'don_vi'"
_RELATIONS = "'sum', 'rate', 'contribution'"
_METHODS = "'sum', 'weighted_mean', 'mean', 'none'"
# (table, constraint name, check before, check after)
_CHECKS = (
    ('role_grants', 'role', f"role in ({_ROLES}, 'xem')",
     f"role in ({_ROLES}, 'truong', 'xem')"),
    ('level_links', 'relation', f"relation is null or relation in ({_RELATIONS})",
     f"relation is null or relation in ({_RELATIONS}, 'count')"),
    ('rollup_methods', 'method', f"method in ({_METHODS})", f"method in ({_METHODS}, 'count')"),
)
_IN_USE = (("role_grants", "role = 'truong'"), ("level_links", "relation = 'count'"),
           ("rollup_methods", "method = 'count'"))


def _replace(table: str, name: str, check: str) -> None:
    with op.batch_alter_table(table, recreate='auto') as batch:
        batch.drop_constraint(op.f(f'ck_{table}_{name}'), type_='check')
        batch.create_check_constraint(name, check)


def upgrade() -> None:
    for table, name, _before, after in _CHECKS:
        _replace(table, name, after)


def downgrade() -> None:
    bind = op.get_bind()
    for table, where in _IN_USE:
        if bind.execute(sa.text(f"select count(*) from {table} where {where}")).scalar():
            raise RuntimeError(f"còn dữ liệu dùng giá trị mới trong {table} ({where}); "
                               "hãy xóa trước khi hạ cấp cơ sở dữ liệu.")
    for table, name, before, _after in _CHECKS:
        _replace(table, name, before)
