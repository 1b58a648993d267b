"""restricted: plans whose document limits who reads them, and who reads them per unit

`plans.restricted` (false for every plan there is: nothing was restricted before) and
`units.restricted_readers`, the roles that read a unit's restricted plans, comma-separated
(null: the default, lanh_dao, van_phong and quan_tri). Downgrade drops both columns.

Revision ID: 0017_restricted
Revises: 0016_emulation
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017_restricted'
down_revision = '0016_emulation'
branch_labels = None
depends_on = None


# Plain ADD / DROP COLUMN, not batch mode: on SQLite a batch copies the table, and
# dropping the old `units` (or `plans`) cascades to every plan (item) that points at it.
# SQLite has both statements since 3.35; neither column is indexed or constrained.


def upgrade() -> None:
    op.add_column('plans', sa.Column('restricted', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column('units', sa.Column('restricted_readers', sa.String(length=200),
                                     nullable=True))


def downgrade() -> None:
    for table, column in (('units', 'restricted_readers'), ('plans', 'restricted')):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
