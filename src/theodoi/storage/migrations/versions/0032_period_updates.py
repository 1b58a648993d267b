"""period_updates: the tasks' updates of a period found by the period first

A province's dashboard asks for the first update of the period of each of its communes'
7,500 tasks (status_rows.first_task_reports). The index led by the task
(ix_task_updates_task_period) answers it one task at a time; PostgreSQL read the whole
table instead (100,000 updates, 6-13 ms of the server's time for 100 communes, stats of
the bench's province). Led by the period, the updates of the period are read in one
range and kept when their task is one of the units' (0.3 ms). The index led by the task
stays: a commune's few tasks are still found that way. SQLite's plan and time are the
same with it (5.0 / 5.1 ms for the province and one commune).

Revision ID: 0032_period_updates
Revises: 0031_seams
Create Date: 2026-12-07 14:45:00
"""

from __future__ import annotations

from alembic import op

revision = '0032_period_updates'
down_revision = '0031_seams'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_task_updates_period_task', 'task_updates',
                    ['period_key', 'task_id', 'withdrawn', 'reported_on'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_task_updates_period_task', table_name='task_updates')
