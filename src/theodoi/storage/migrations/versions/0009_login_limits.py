"""login limits: sign-in attempts counted per address and per account, one row per key

Replaces the lock-out (five failures shut an account for 15 minutes, whoever made them)
by a short growing delay; the count is one UPDATE per attempt on this table, so
simultaneous guesses are counted one by one (services/accounts/users.py).

Revision ID: 0009_login_limits
Revises: 0008_revert
Create Date: 2026-12-06 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_login_limits'
down_revision = '0008_revert'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_limits',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('strikes', sa.Integer(), nullable=False),
    sa.Column('last_at', sa.DateTime(), nullable=False),
    sa.Column('next_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_login_limits'))
    )


def downgrade() -> None:
    op.drop_table('login_limits')
