"""dossier: reward dossiers of emulation participants and the files of their papers

A participant proposed for a reward gets one dossier (the reward form proposed, who
opened it); each file uploaded for a paper of the movement's dossier list is a row
naming the paper's position and the stored attachment. New tables only; downgrade
drops them.

Revision ID: 0027_dossier
Revises: 0026_approve
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0027_dossier'
down_revision = '0026_approve'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'reward_dossiers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('reward_form', sa.String(length=60), nullable=True),
        sa.Column('opened_by', sa.String(length=200), nullable=True),
        sa.Column('opened_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['movement_participants.id'],
            name=op.f('fk_reward_dossiers_participant_id_movement_participants'),
            ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reward_dossiers')),
        sa.UniqueConstraint('participant_id', name=op.f('uq_reward_dossiers_participant_id')))
    op.create_table(
        'dossier_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('item', sa.Integer(), nullable=False),
        sa.Column('attachment_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_by', sa.String(length=200), nullable=True),
        sa.Column('uploaded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['dossier_id'], ['reward_dossiers.id'],
                                name=op.f('fk_dossier_files_dossier_id_reward_dossiers'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'],
                                name=op.f('fk_dossier_files_attachment_id_attachments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_files')))
    op.create_index(op.f('ix_dossier_files_dossier_id'), 'dossier_files', ['dossier_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_dossier_files_dossier_id'), table_name='dossier_files')
    op.drop_table('dossier_files')
    op.drop_table('reward_dossiers')
