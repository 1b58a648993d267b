"""product steps: a task's product through trình, trả lại and duyệt (issue 20 item 2)

Revision ID: 0012_product_steps
Revises: 0011_reminders
Create Date: 2026-12-06 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012_product_steps'
down_revision = '0011_reminders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'product_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('made_on', sa.Date(), nullable=False),
        sa.Column('to_body', sa.String(length=300), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('attachment_id', sa.Integer(), nullable=True),
        sa.Column('by', sa.String(length=200), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("action in ('trinh', 'duyet', 'tra_lai')",
                           name=op.f('ck_product_steps_action')),
        sa.CheckConstraint("state in ('da_trinh', 'da_duyet', 'tra_lai')",
                           name=op.f('ck_product_steps_state')),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'],
                                name=op.f('fk_product_steps_attachment_id_attachments'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['task_id'], ['tasks.id'],
                                name=op.f('fk_product_steps_task_id_tasks'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_product_steps')))
    with op.batch_alter_table('product_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_steps_task_id'), ['task_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('product_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_steps_task_id'))
    op.drop_table('product_steps')
