"""dash: an index for each task's latest update, read by one probe per task

The province dashboard asks for the latest update of every task of 100 communes; ranking
all their updates cost ~130 ms, one index probe per task a quarter of that.

Revision ID: 0019_dash
Revises: 0018_outgoing
Create Date: 2026-12-06 16:10:00
"""

from __future__ import annotations

from alembic import op

revision = '0019_dash'
down_revision = '0018_outgoing'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('task_updates', schema=None) as batch_op:
        batch_op.create_index('ix_task_updates_latest', ['task_id', 'reported_on', 'id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('task_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_task_updates_latest')
