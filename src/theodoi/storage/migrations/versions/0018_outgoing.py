"""outgoing documents: the register of numbers per unit, year and symbol, and the reports
entered in it, signed and sent to the unit above (issue 20 item 4)

Downgrade drops both tables (and the documents in them; their files stay as attachments).

Revision ID: 0018_outgoing
Revises: 0017_restricted
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018_outgoing'
down_revision = '0017_restricted'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'outgoing_counters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('symbol', sa.String(length=40), nullable=False),
        sa.Column('last_number', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_outgoing_counters_unit_id_units'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_counters')),
        sa.UniqueConstraint('unit_id', 'year', 'symbol',
                            name=op.f('uq_outgoing_counters_unit_id_year_symbol')))
    op.create_table(
        'outgoing_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('symbol', sa.String(length=40), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('report_kind', sa.String(length=20), nullable=False),
        sa.Column('period_key', sa.String(length=20), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('docx_id', sa.Integer(), nullable=False),
        sa.Column('signed_id', sa.Integer(), nullable=True),
        sa.Column('signature', sa.JSON(), nullable=True),
        sa.Column('to_unit_id', sa.Integer(), nullable=True),
        sa.Column('sent_on', sa.Date(), nullable=True),
        sa.Column('received_on', sa.Date(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('numbered_by', sa.String(length=200), nullable=True),
        sa.Column('sent_by', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint("state in ('vao_so', 'da_gui', 'da_huy')",
                           name=op.f('ck_outgoing_documents_state')),
        sa.ForeignKeyConstraint(['docx_id'], ['attachments.id'],
                                name=op.f('fk_outgoing_documents_docx_id_attachments'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'],
                                name=op.f('fk_outgoing_documents_plan_id_plans'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['signed_id'], ['attachments.id'],
                                name=op.f('fk_outgoing_documents_signed_id_attachments'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['to_unit_id'], ['units.id'],
                                name=op.f('fk_outgoing_documents_to_unit_id_units'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_outgoing_documents_unit_id_units'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_documents')),
        sa.UniqueConstraint('unit_id', 'year', 'symbol', 'number',
                            name=op.f('uq_outgoing_documents_unit_id_year_symbol_number')))
    for column in ('unit_id', 'period_key', 'to_unit_id'):
        op.create_index(op.f(f'ix_outgoing_documents_{column}'), 'outgoing_documents',
                        [column])


def downgrade() -> None:
    for column in ('unit_id', 'period_key', 'to_unit_id'):
        op.drop_index(op.f(f'ix_outgoing_documents_{column}'), table_name='outgoing_documents')
    op.drop_table('outgoing_documents')
    op.drop_table('outgoing_counters')
