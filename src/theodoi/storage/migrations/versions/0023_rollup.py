"""roll-up across levels: level_links, rollup_methods, units.population

A commune's target linked to a target of the province above it (suggested, then confirmed
or rejected by a person, with how the commune's figure relates: part of a sum, the same
rate, a contribution); the method a province target's linked group adds up by; and the
population of a unit for a population-weighted mean. Downgrade drops both tables and the
column (links and chosen methods are lost with them).

Revision ID: 0023_rollup
Revises: 0022_evaluation
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0023_rollup'
down_revision = '0022_evaluation'
branch_labels = None
depends_on = None


def _links() -> None:
    op.create_table(
        'level_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('upper_id', sa.Integer(), nullable=False),
        sa.Column('lower_id', sa.Integer(), nullable=False),
        sa.Column('relation', sa.String(length=20), nullable=True),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('decided_by', sa.String(length=200), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("state in ('suggested', 'confirmed', 'rejected')",
                           name=op.f('ck_level_links_state')),
        sa.CheckConstraint("relation is null or relation in ('sum', 'rate', 'contribution')",
                           name=op.f('ck_level_links_relation')),
        sa.ForeignKeyConstraint(['upper_id'], ['targets.id'],
                                name=op.f('fk_level_links_upper_id_targets'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['lower_id'], ['targets.id'],
                                name=op.f('fk_level_links_lower_id_targets'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_level_links')),
        sa.UniqueConstraint('upper_id', 'lower_id',
                            name=op.f('uq_level_links_upper_id_lower_id')))
    op.create_index(op.f('ix_level_links_upper_id'), 'level_links', ['upper_id'])
    op.create_index(op.f('ix_level_links_lower_id'), 'level_links', ['lower_id'])


def upgrade() -> None:
    _links()
    op.create_table(
        'rollup_methods',
        sa.Column('upper_id', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=20), nullable=False),
        sa.Column('chosen_by', sa.String(length=200), nullable=True),
        sa.Column('chosen_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("method in ('sum', 'weighted_mean', 'mean', 'none')",
                           name=op.f('ck_rollup_methods_method')),
        sa.ForeignKeyConstraint(['upper_id'], ['targets.id'],
                                name=op.f('fk_rollup_methods_upper_id_targets'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('upper_id', name=op.f('pk_rollup_methods')))
    # ALTER TABLE … ADD COLUMN, never a batch rebuild of `units` (it would cascade-delete)
    op.add_column('units', sa.Column('population', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('units', 'population')
    op.drop_table('rollup_methods')
    op.drop_index(op.f('ix_level_links_lower_id'), table_name='level_links')
    op.drop_index(op.f('ix_level_links_upper_id'), table_name='level_links')
    op.drop_table('level_links')
