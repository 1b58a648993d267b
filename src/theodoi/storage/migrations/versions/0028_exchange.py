"""exchange: packages between installations, and a unit's public page

`exchange_keys` (a unit's shared key for signing its packages), `exchange_imports` (the
packages imported) and `exchange_items` (which local row each record of a package became);
`units.public_page` opts a unit in to /cong-khai/<code>. New tables and op.add_column only:
never a batch rebuild of `units` (it would cascade-delete the register).

Revision ID: 0028_exchange
Revises: 0027_dossier
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0028_exchange'
down_revision = '0027_dossier'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('units', sa.Column('public_page', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.create_table(
        'exchange_keys',
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('secret', sa.String(length=128), nullable=False),
        sa.Column('set_by', sa.String(length=200), nullable=True),
        sa.Column('set_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_exchange_keys_unit_id_units'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('unit_id', name=op.f('pk_exchange_keys')))
    op.create_table(
        'exchange_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('period_key', sa.String(length=20), nullable=False),
        sa.Column('exported_at', sa.DateTime(), nullable=False),
        sa.Column('manifest_sha256', sa.String(length=64), nullable=False),
        sa.Column('counts', sa.JSON(), nullable=False),
        sa.Column('imported_by', sa.String(length=200), nullable=True),
        sa.Column('imported_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_exchange_imports_unit_id_units'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_imports')),
        sa.UniqueConstraint('unit_id', 'manifest_sha256',
                            name=op.f('uq_exchange_imports_unit_id_manifest_sha256')))
    op.create_index(op.f('ix_exchange_imports_unit_id'), 'exchange_imports', ['unit_id'])
    op.create_table(
        'exchange_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('remote_id', sa.Integer(), nullable=False),
        sa.Column('local_id', sa.Integer(), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['import_id'], ['exchange_imports.id'],
                                name=op.f('fk_exchange_items_import_id_exchange_imports'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_exchange_items_unit_id_units'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_items')),
        sa.UniqueConstraint('unit_id', 'kind', 'remote_id',
                            name=op.f('uq_exchange_items_unit_id_kind_remote_id')))
    op.create_index(op.f('ix_exchange_items_import_id'), 'exchange_items', ['import_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_exchange_items_import_id'), table_name='exchange_items')
    op.drop_table('exchange_items')
    op.drop_index(op.f('ix_exchange_imports_unit_id'), table_name='exchange_imports')
    op.drop_table('exchange_imports')
    op.drop_table('exchange_keys')
    op.drop_column('units', 'public_page')
