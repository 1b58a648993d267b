"""office_estimates: the office's own estimate of a target's whole year for its reports

One row per target and year (ước thực hiện cả năm), shown in the reports of a period
inside that year. Downgrade drops the table (and the estimates in it).

Revision ID: 0015_report
Revises: 0014_fields
Create Date: 2026-12-06 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015_report'
down_revision = '0014_fields'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'office_estimates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('set_by', sa.String(length=200), nullable=True),
        sa.Column('set_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['target_id'], ['targets.id'],
                                name=op.f('fk_office_estimates_target_id_targets'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_office_estimates')),
        sa.UniqueConstraint('target_id', 'year',
                            name=op.f('uq_office_estimates_target_id_year')))
    op.create_index(op.f('ix_office_estimates_target_id'), 'office_estimates', ['target_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_office_estimates_target_id'), table_name='office_estimates')
    op.drop_table('office_estimates')
