"""contributions: what a co-agency (cơ quan phối hợp) adds to an item it co-ordinates

A note, its part of a target's value where the target adds up, and a file; the lead agency
still reports the item's figure. Downgrade drops the table (and the contributions in it).

Revision ID: 0013_contributions
Revises: 0012_product_steps
Create Date: 2026-12-06 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013_contributions'
down_revision = '0012_product_steps'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'contributions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=True),
        sa.Column('task_id', sa.Integer(), nullable=True),
        sa.Column('agency_id', sa.Integer(), nullable=False),
        sa.Column('period_key', sa.String(length=20), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('value', sa.Float(), nullable=True),
        sa.Column('attachment_id', sa.Integer(), nullable=True),
        sa.Column('recorded_by', sa.String(length=200), nullable=True),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('(target_id is null) <> (task_id is null)',
                           name=op.f('ck_contributions_one_item')),
        sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'],
                                name=op.f('fk_contributions_agency_id_agencies'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'],
                                name=op.f('fk_contributions_attachment_id_attachments'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['target_id'], ['targets.id'],
                                name=op.f('fk_contributions_target_id_targets'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['task_id'], ['tasks.id'],
                                name=op.f('fk_contributions_task_id_tasks'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contributions')))
    for column in ('target_id', 'task_id', 'agency_id'):
        op.create_index(op.f(f'ix_contributions_{column}'), 'contributions', [column])


def downgrade() -> None:
    for column in ('target_id', 'task_id', 'agency_id'):
        op.drop_index(op.f(f'ix_contributions_{column}'), table_name='contributions')
    op.drop_table('contributions')
