"""jobs: long work (reading uploaded plans) queued for a runner

Revision ID: 0005_jobs
Revises: 0004
Create Date: 2026-12-06 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_jobs'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('progress_text', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('requested_by', sa.Integer(), nullable=True),
    sa.Column('requested_name', sa.String(length=100), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('heartbeat', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['requested_by'], ['users.id'],
                            name=op.f('fk_jobs_requested_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                            name=op.f('fk_jobs_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs'))
    )
    op.create_index('ix_jobs_state_id', 'jobs', ['state', 'id'], unique=False)
    op.create_index(op.f('ix_jobs_unit_id'), 'jobs', ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_jobs_unit_id'), table_name='jobs')
    op.drop_index('ix_jobs_state_id', table_name='jobs')
    op.drop_table('jobs')
