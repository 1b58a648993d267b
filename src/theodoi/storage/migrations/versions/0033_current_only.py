"""current_only: the current values indexed apart from the superseded ones

A province's dashboard reads the current values of its communes' 7,500 targets
(status_rows.actuals). Through ix_progress_records_current_values, which holds every
record (400,000 at 100 communes, six in seven of them superseded), PostgreSQL probed it
once per target: 22,500 index pages, 30-32 ms of the server's time. This index holds the
current records only (60,000), so the whole of it is one short scan whose rows are kept
when their target is one of the units' (9.5 ms); a commune's few targets are still probed
one by one. Its key columns are the old index's but the flag, so a target's values come
in the same order. The other readers of current values keep the old index. SQLite plans
the read through the old index either way (its time the same, 46 ms for the province):
the index is there on both databases so that their schemas stay one.

Revision ID: 0033_current_only
Revises: 0032_period_updates
Create Date: 2026-12-07 17:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0033_current_only'
down_revision = '0032_period_updates'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_progress_records_current_only', 'progress_records',
                    ['target_id', 'period_end', 'value', 'value_of'], unique=False,
                    sqlite_where=sa.text('NOT superseded'),
                    postgresql_where=sa.text('NOT superseded'))


def downgrade() -> None:
    op.drop_index('ix_progress_records_current_only', table_name='progress_records')
