"""seams: this installation's stable id, written into the packages it exports

`installation` holds one row (id 1) with a random id made here, so an installation keeps
it from its first upgrade on; services/exchange makes it on first need for a database
built otherwise. A new table only.

Revision ID: 0031_seams
Revises: 0030_below
Create Date: 2026-12-06 22:30:00
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0031_seams'
down_revision = '0030_below'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        'installation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('installation_id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_installation')),
        sa.UniqueConstraint('installation_id', name=op.f('uq_installation_installation_id')))
    now = datetime.now(UTC).replace(tzinfo=None)  # naive UTC, as models.utcnow
    op.execute(table.insert().values(id=1, installation_id=str(uuid.uuid4()), created_at=now))


def downgrade() -> None:
    op.drop_table('installation')
