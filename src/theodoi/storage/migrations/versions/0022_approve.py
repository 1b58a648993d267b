"""automatic period locks from numbered reports; the receiving unit's incoming numbers

period_locks.outgoing_id names the outgoing report whose numbering locked a period (a
cancel of that number reopens the period only when the lock is still that one);
outgoing_documents.incoming_year/incoming_number are the number the receiving unit gave
the report in its register of incoming documents (unique per receiving unit and year).
Columns only added (ALTER TABLE … ADD/DROP COLUMN, never a batch rebuild); downgrade
drops them.

Revision ID: 0022_approve
Revises: 0021_walk
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0022_approve'
down_revision = '0021_walk'
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


def downgrade() -> None:
    op.drop_index('uq_outgoing_documents_incoming', table_name='outgoing_documents')
    op.drop_column('outgoing_documents', 'incoming_number')
    op.drop_column('outgoing_documents', 'incoming_year')
    op.drop_column('period_locks', 'outgoing_id')
