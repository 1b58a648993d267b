"""instruction_items: one lower unit's part of a higher plan's task addressed to them all

A new table only (no existing table is rebuilt); downgrade drops it.

Revision ID: 0025_instructions
Revises: 0024_cover
Create Date: 2026-12-06 19:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0025_instructions'
down_revision = '0024_cover'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'instruction_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('report_on', sa.Date(), nullable=True),
        sa.Column('report_text', sa.Text(), nullable=True),
        sa.Column('reported_by', sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(['task_id'], ['tasks.id'],
                                name=op.f('fk_instruction_items_task_id_tasks'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_instruction_items_unit_id_units'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_instruction_items')),
        sa.UniqueConstraint('task_id', 'unit_id',
                            name=op.f('uq_instruction_items_task_id_unit_id')))
    op.create_index(op.f('ix_instruction_items_task_id'), 'instruction_items', ['task_id'])
    op.create_index(op.f('ix_instruction_items_unit_id'), 'instruction_items', ['unit_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_instruction_items_unit_id'), table_name='instruction_items')
    op.drop_index(op.f('ix_instruction_items_task_id'), table_name='instruction_items')
    op.drop_table('instruction_items')
