"""revert: audit entries say which entry they revert and carry what an undo needs;
task updates can be withdrawn (kept, no longer counted)

Revision ID: 0008_revert
Revises: 0007_api_tokens
Create Date: 2026-12-06 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_revert'
down_revision = '0007_api_tokens'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reverts_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('detail', sa.Text(), nullable=True))
    with op.batch_alter_table('task_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('task_updates', schema=None) as batch_op:
        batch_op.drop_column('withdrawn')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('detail')
        batch_op.drop_column('reverts_id')
