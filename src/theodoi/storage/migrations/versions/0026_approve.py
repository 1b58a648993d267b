"""automatic period locks from numbered reports; the receiving unit's incoming numbers;
the people who approve for a body

period_locks.outgoing_id names the outgoing report whose numbering locked a period (a
cancel of that number reopens the period only when the lock is still that one);
outgoing_documents.incoming_year/incoming_number are the number the receiving unit gave
the report in its register of incoming documents (unique per receiving unit and year).
body_approvers names, per unit and body, who approves the products submitted to it.
Columns only added (ALTER TABLE … ADD/DROP COLUMN, never a batch rebuild); downgrade
drops them.

Revision ID: 0026_approve
Revises: 0025_instructions
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0026_approve'
down_revision = '0025_instructions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('period_locks', sa.Column('outgoing_id', sa.Integer(), nullable=True))
    op.add_column('outgoing_documents',
                  sa.Column('incoming_year', sa.Integer(), nullable=True))
    op.add_column('outgoing_documents',
                  sa.Column('incoming_number', sa.Integer(), nullable=True))
    op.create_index('uq_outgoing_documents_incoming', 'outgoing_documents',
                    ['to_unit_id', 'incoming_year', 'incoming_number'], unique=True)
    op.create_table(
        'body_approvers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.String(length=300), nullable=False),
        sa.Column('body_key', sa.String(length=300), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_body_approvers_unit_id_units'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_body_approvers_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_body_approvers')),
        sa.UniqueConstraint('unit_id', 'body_key', 'user_id',
                            name=op.f('uq_body_approvers_unit_id_body_key_user_id')))
    op.create_index(op.f('ix_body_approvers_unit_id'), 'body_approvers', ['unit_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_body_approvers_unit_id'), table_name='body_approvers')
    op.drop_table('body_approvers')
    op.drop_index('uq_outgoing_documents_incoming', table_name='outgoing_documents')
    op.drop_column('outgoing_documents', 'incoming_number')
    op.drop_column('outgoing_documents', 'incoming_year')
    op.drop_column('period_locks', 'outgoing_id')
