"""evaluation: score sheets of emulation participants, judgements, council results

A participant's score sheet as of a day with the evidence it was filled from; the
council's met / not met on each judged criterion of a sheet; the council's vote and the
chairman's decision on a sheet. New tables only; downgrade drops the three.

Revision ID: 0022_evaluation
Revises: 0021_walk
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0022_evaluation'
down_revision = '0021_walk'
branch_labels = None
depends_on = None


def _fk(table: str, column: str, other: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{other}.id'],
                                   name=op.f(f'fk_{table}_{column}_{other}'), ondelete='CASCADE')


def upgrade() -> None:
    op.create_table(
        'evaluation_sheets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('movement_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('evidence', sa.JSON(), nullable=False),
        sa.Column('filled_by', sa.String(length=200), nullable=True),
        sa.Column('filled_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        _fk('evaluation_sheets', 'movement_id', 'movements'),
        _fk('evaluation_sheets', 'participant_id', 'movement_participants'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_sheets')),
        sa.UniqueConstraint('participant_id', 'as_of',
                            name=op.f('uq_evaluation_sheets_participant_id_as_of')))
    for column in ('movement_id', 'participant_id'):
        op.create_index(op.f(f'ix_evaluation_sheets_{column}'), 'evaluation_sheets', [column])
    op.create_table(
        'evaluation_judgements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sheet_id', sa.Integer(), nullable=False),
        sa.Column('criterion_id', sa.Integer(), nullable=False),
        sa.Column('met', sa.Boolean(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('judged_by', sa.String(length=200), nullable=True),
        sa.Column('judged_at', sa.DateTime(), nullable=False),
        _fk('evaluation_judgements', 'sheet_id', 'evaluation_sheets'),
        _fk('evaluation_judgements', 'criterion_id', 'movement_criteria'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_judgements')),
        sa.UniqueConstraint('sheet_id', 'criterion_id',
                            name=op.f('uq_evaluation_judgements_sheet_id_criterion_id')))
    for column in ('sheet_id', 'criterion_id'):
        op.create_index(op.f(f'ix_evaluation_judgements_{column}'), 'evaluation_judgements',
                        [column])
    op.create_table(
        'council_results',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sheet_id', sa.Integer(), nullable=False),
        sa.Column('agree', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('voted_on', sa.Date(), nullable=False),
        sa.Column('proposed_form', sa.String(length=60), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('voted_by', sa.String(length=200), nullable=True),
        sa.Column('decision', sa.String(length=20), nullable=True),
        sa.Column('approved_form', sa.String(length=60), nullable=True),
        sa.Column('decision_number', sa.String(length=100), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('decided_by', sa.String(length=200), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint('agree >= 0 and agree <= total and total > 0',
                           name=op.f('ck_council_results_votes')),
        sa.CheckConstraint("decision is null or decision in ('approved', 'refused')",
                           name=op.f('ck_council_results_decision')),
        _fk('council_results', 'sheet_id', 'evaluation_sheets'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_council_results')),
        sa.UniqueConstraint('sheet_id', name=op.f('uq_council_results_sheet_id')))


def downgrade() -> None:
    op.drop_table('council_results')
    for column in ('sheet_id', 'criterion_id'):
        op.drop_index(op.f(f'ix_evaluation_judgements_{column}'),
                      table_name='evaluation_judgements')
    op.drop_table('evaluation_judgements')
    for column in ('movement_id', 'participant_id'):
        op.drop_index(op.f(f'ix_evaluation_sheets_{column}'), table_name='evaluation_sheets')
    op.drop_table('evaluation_sheets')
