"""validation of agency figures: waiting figures, locked periods, the unit's switch

An agency's figure waits in figure_submissions until the office or a leader accepts it
(then it becomes a progress record as before) or returns it; period_locks keeps each lock
and reopening of a unit's period; units.validate_figures turns validation on (default) or
off. Downgrade drops both tables and the column (waiting figures are lost with them).

Revision ID: 0020_validate
Revises: 0019_dash
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0020_validate'
down_revision = '0019_dash'
branch_labels = None
depends_on = None

STATES = "'cho_xac_nhan', 'da_xac_nhan', 'tra_lai', 'thay_the', 'rut_lai'"


def _submissions() -> None:
    op.create_table(
        'figure_submissions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('period_key', sa.String(length=20), nullable=False),
        sa.Column('value_text', sa.String(length=100), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('value_of', sa.String(length=100), nullable=True),
        sa.Column('entered_unit', sa.String(length=100), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('attachment_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('sent_by', sa.String(length=200), nullable=True),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('decided_by', sa.String(length=200), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('record_id', sa.Integer(), nullable=True),
        sa.CheckConstraint(f'state in ({STATES})', name=op.f('ck_figure_submissions_state')),
        sa.ForeignKeyConstraint(['target_id'], ['targets.id'],
                                name=op.f('fk_figure_submissions_target_id_targets'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'],
                                name=op.f('fk_figure_submissions_attachment_id_attachments'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['record_id'], ['progress_records.id'],
                                name=op.f('fk_figure_submissions_record_id_progress_records'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_figure_submissions')))
    op.create_index(op.f('ix_figure_submissions_target_id'), 'figure_submissions',
                    ['target_id'])
    op.create_index('uq_figure_submissions_waiting', 'figure_submissions',
                    ['target_id', 'period_key'], unique=True,
                    sqlite_where=sa.text("state = 'cho_xac_nhan'"),
                    postgresql_where=sa.text("state = 'cho_xac_nhan'"))


def _locks() -> None:
    op.create_table(
        'period_locks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('period_key', sa.String(length=20), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('by', sa.String(length=200), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("state in ('locked', 'reopened')",
                           name=op.f('ck_period_locks_state')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_period_locks_unit_id_units'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_period_locks')))
    op.create_index('ix_period_locks_unit_period', 'period_locks', ['unit_id', 'period_key'])


def upgrade() -> None:
    # a plain ADD COLUMN: a batch copy of units would cascade-delete every plan on SQLite
    op.add_column('units', sa.Column('validate_figures', sa.Boolean(), nullable=False,
                                     server_default=sa.true()))
    _submissions()
    _locks()


def downgrade() -> None:
    op.drop_index('ix_period_locks_unit_period', table_name='period_locks')
    op.drop_table('period_locks')
    op.drop_index('uq_figure_submissions_waiting', table_name='figure_submissions')
    op.drop_index(op.f('ix_figure_submissions_target_id'), table_name='figure_submissions')
    op.drop_table('figure_submissions')
    # SQLite 3.35+ drops a column in place; a batch copy would cascade-delete the plans
    op.execute('alter table units drop column validate_figures')
