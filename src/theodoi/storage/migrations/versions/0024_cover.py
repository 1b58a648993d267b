"""cover: the current values' index carries the value itself (a covering index)

A province's dashboard reads the 52,500 current values of its communes' targets through
ix_progress_records_current; with the value and its whole in the index the rows are not
looked up one by one in the table (on SQLite 72 -> 45 ms for 100 communes).

Revision ID: 0024_cover
Revises: 0023_rollup
Create Date: 2026-12-06 19:35:00
"""

from __future__ import annotations

from alembic import op

revision = '0024_cover'
down_revision = '0023_rollup'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_progress_records_current_values', 'progress_records',
                    ['target_id', 'superseded', 'period_end', 'value', 'value_of'],
                    unique=False)
    op.drop_index('ix_progress_records_current', table_name='progress_records')


def downgrade() -> None:
    op.create_index('ix_progress_records_current', 'progress_records',
                    ['target_id', 'superseded', 'period_end'], unique=False)
    op.drop_index('ix_progress_records_current_values', table_name='progress_records')
