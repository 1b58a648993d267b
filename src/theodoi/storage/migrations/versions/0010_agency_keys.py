"""agency keys: stored lookup keys recomputed with the one tone table (domain/text.py)

An agency's and an alias's `key` is `domain.names.agency_key` of its name. The old tone
table replaced letters anywhere ('Hoàng' keyed as 'hòang') and knew five pairs only, so a
name read again after the one table came would miss its stored key and be proposed as a
new agency. Keys are recomputed from the stored names; a key another row of the unit already
holds is left as it was (the unique key per unit stays true; that row keeps working as
before). Downgrade keeps the new keys: they are lookups, the names are untouched.

Revision ID: 0010_agency_keys
Revises: 0009_login_limits
Create Date: 2026-12-06 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# the live function on purpose: this migration exists to bring keys to what it computes
from theodoi.domain.names import agency_key

revision = '0010_agency_keys'
down_revision = '0009_login_limits'
branch_labels = None
depends_on = None

KEYED = (("agencies", "name"), ("agency_aliases", "alias"))


def upgrade() -> None:
    conn = op.get_bind()
    for table, name in KEYED:
        rows = conn.execute(sa.text(f"select id, unit_id, {name}, key from {table}")).all()
        taken = {(unit, key) for _, unit, _, key in rows}
        for row_id, unit, written, key in rows:
            new = agency_key(written)
            if new != key and (unit, new) not in taken:
                conn.execute(sa.text(f"update {table} set key = :key where id = :id"),
                             {"key": new, "id": row_id})
                taken = (taken - {(unit, key)}) | {(unit, new)}


def downgrade() -> None:
    pass
