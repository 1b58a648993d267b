"""one current record per target and period: duplicates repaired, then a unique index

Concurrent saves of the same (target, period) could leave several records marked current
(issue 14 M3: 61 on SQLite, 90 on PostgreSQL out of 200). Before the partial unique index
can exist, each such group keeps its newest record current (the highest id: the last one
written) and the others are marked superseded, each change in the audit history of the target
(field 'progress_current', by 'migration 0006').

Revision ID: 0006_one_current
Revises: 0005_jobs
Create Date: 2026-12-06 10:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0006_one_current'
down_revision = '0005_jobs'
branch_labels = None
depends_on = None

INDEX = 'uq_progress_records_current'
WHO = 'migration 0006'


def _duplicates(conn: sa.Connection) -> list[tuple[int, int, str, int | None]]:
    """(record id, target id, period key, unit id) of every current record that is not
    the newest current one of its (target, period)."""
    return [tuple(r) for r in conn.execute(sa.text(
        "select r.id, r.target_id, r.period_key, p.unit_id from progress_records r "
        "join targets t on t.id = r.target_id join plans p on p.id = t.plan_id "
        "where not r.superseded and r.id < (select max(n.id) from progress_records n "
        "where n.target_id = r.target_id and n.period_key = r.period_key "
        "and not n.superseded) order by r.id"))]


def repair(conn: sa.Connection) -> int:
    """Mark the older duplicates superseded, audited; the number repaired."""
    now = datetime.now(UTC).replace(tzinfo=None)
    found = _duplicates(conn)
    for record_id, target_id, period, unit_id in found:
        conn.execute(sa.text("update progress_records set superseded = :yes where id = :id"),
                     {"yes": True, "id": record_id})
        conn.execute(sa.text(
            "insert into audit_log (at, user_id, username, unit_id, entity_kind, entity_id, "
            "field, old, new) values (:at, null, :who, :unit, 'target', :target, "
            "'progress_current', :old, :new)"),
            {"at": now, "who": WHO, "unit": unit_id, "target": target_id,
             "old": f"bản ghi số {record_id} kỳ {period} đang dùng",
             "new": f"bản ghi số {record_id} thôi dùng: kỳ {period} dùng bản ghi mới nhất"})
    return len(found)


def upgrade() -> None:
    repair(op.get_bind())
    with op.batch_alter_table('progress_records', schema=None) as batch_op:
        batch_op.create_index(INDEX, ['target_id', 'period_key'], unique=True,
                              sqlite_where=sa.text('NOT superseded'),
                              postgresql_where=sa.text('NOT superseded'))


def downgrade() -> None:
    with op.batch_alter_table('progress_records', schema=None) as batch_op:
        batch_op.drop_index(INDEX)
