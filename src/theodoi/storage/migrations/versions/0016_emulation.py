"""emulation: movements (phong trào thi đua), their criteria, participants, registrations

A movement of a unit, optionally serving a plan and launched by an imported plan; its
criteria (evidence-linked or judged), participants (agency, thôn/tổ dân phố, person) and
each participant's registration with its commitments. Downgrade drops the four tables.

Revision ID: 0016_emulation
Revises: 0015_report
Create Date: 2026-12-06 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016_emulation'
down_revision = '0015_report'
branch_labels = None
depends_on = None


def _fk(table: str, column: str, other: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{other}.id'],
                                   name=op.f(f'fk_{table}_{column}_{other}'), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        'movements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=True),
        sa.Column('source_plan_id', sa.Integer(), nullable=True),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('slogan', sa.Text(), nullable=True),
        sa.Column('period_start', sa.Date(), nullable=True),
        sa.Column('period_end', sa.Date(), nullable=True),
        sa.Column('deadline', sa.Date(), nullable=True),
        sa.Column('receiver', sa.String(length=300), nullable=True),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        _fk('movements', 'unit_id', 'units', 'CASCADE'),
        _fk('movements', 'plan_id', 'plans', 'SET NULL'),
        _fk('movements', 'source_plan_id', 'plans', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_movements')))
    for column in ('unit_id', 'plan_id', 'source_plan_id'):
        op.create_index(op.f(f'ix_movements_{column}'), 'movements', [column])
    op.create_table(
        'movement_criteria',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('movement_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('applies_to', sa.String(length=20), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('threshold', sa.Float(), nullable=True),
        sa.Column('target_id', sa.Integer(), nullable=True),
        sa.Column('reward_form', sa.String(length=60), nullable=True),
        sa.Column('conditions', sa.JSON(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint("applies_to in ('collective', 'individual', 'all')",
                           name=op.f('ck_movement_criteria_applies_to')),
        _fk('movement_criteria', 'movement_id', 'movements', 'CASCADE'),
        _fk('movement_criteria', 'target_id', 'targets', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_movement_criteria')))
    for column in ('movement_id', 'target_id'):
        op.create_index(op.f(f'ix_movement_criteria_{column}'), 'movement_criteria', [column])
    op.create_table(
        'movement_participants',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('movement_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('agency_id', sa.Integer(), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint("kind in ('agency', 'hamlet', 'person')",
                           name=op.f('ck_movement_participants_kind')),
        _fk('movement_participants', 'movement_id', 'movements', 'CASCADE'),
        _fk('movement_participants', 'agency_id', 'agencies', 'SET NULL'),
        _fk('movement_participants', 'unit_id', 'units', 'SET NULL'),
        _fk('movement_participants', 'user_id', 'users', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_movement_participants')),
        sa.UniqueConstraint('movement_id', 'name',
                            name=op.f('uq_movement_participants_movement_id_name')))
    for column in ('movement_id', 'agency_id'):
        op.create_index(op.f(f'ix_movement_participants_{column}'), 'movement_participants',
                        [column])
    op.create_table(
        'registrations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('commitments', sa.JSON(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('signed_by', sa.String(length=200), nullable=True),
        sa.Column('signed_at', sa.DateTime(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint("state in ('draft', 'signed')", name=op.f('ck_registrations_state')),
        _fk('registrations', 'participant_id', 'movement_participants', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
        sa.UniqueConstraint('participant_id', name=op.f('uq_registrations_participant_id')))


def downgrade() -> None:
    op.drop_table('registrations')
    for column in ('movement_id', 'agency_id'):
        op.drop_index(op.f(f'ix_movement_participants_{column}'),
                      table_name='movement_participants')
    op.drop_table('movement_participants')
    for column in ('movement_id', 'target_id'):
        op.drop_index(op.f(f'ix_movement_criteria_{column}'), table_name='movement_criteria')
    op.drop_table('movement_criteria')
    for column in ('unit_id', 'plan_id', 'source_plan_id'):
        op.drop_index(op.f(f'ix_movements_{column}'), table_name='movements')
    op.drop_table('movements')
