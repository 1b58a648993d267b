"""report_streams: a plan's reporting calendar as one or more streams

Quarterly to the UBND and yearly to the Ban Thường vụ, say; each stream due N days after
its period, or on a day of the period's last month ("trước ngày 15 của tháng cuối quý"),
or on a fixed day of the year ("trước ngày 10/12 hằng năm"). Upgrade moves each plan's
`report_every`/`report_due_days` into its first stream and drops the two columns;
downgrade puts the first stream back in them (a fixed due day becomes 5 days after) and
drops the table with the other streams.

Revision ID: 0021_walk
Revises: 0020_validate
Create Date: 2026-12-06 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021_walk'
down_revision = '0020_validate'
branch_labels = None
depends_on = None


def upgrade() -> None:
    plans = op.get_bind().execute(
        sa.text("select id, report_every, report_due_days from plans")).all()
    # ALTER TABLE … DROP COLUMN on both databases (SQLite 3.35+), never a batch rebuild:
    # rebuilding drops `plans`, and with foreign keys on SQLite first deletes its rows,
    # cascading to every target, task and record of the register
    # (tests/storage/test_migrations.py keeps a register through this migration)
    op.drop_column('plans', 'report_due_days')
    op.drop_column('plans', 'report_every')
    streams = op.create_table(
        'report_streams',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('every', sa.String(length=20), nullable=False),
        sa.Column('days_after', sa.Integer(), nullable=True),
        sa.Column('day', sa.Integer(), nullable=True),
        sa.Column('month', sa.Integer(), nullable=True),
        sa.Column('recipient', sa.String(length=300), nullable=True),
        sa.CheckConstraint('(days_after is null) <> (day is null)',
                           name=op.f('ck_report_streams_one_rule')),
        sa.CheckConstraint('month is null or day is not null',
                           name=op.f('ck_report_streams_month_with_day')),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'],
                                name=op.f('fk_report_streams_plan_id_plans'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report_streams')))
    op.create_index(op.f('ix_report_streams_plan_id'), 'report_streams', ['plan_id'])
    if plans:
        op.bulk_insert(streams, [{"plan_id": i, "position": 0, "every": every,
                                  "days_after": days} for i, every, days in plans])


def downgrade() -> None:
    first = op.get_bind().execute(sa.text(
        "select plan_id, every, coalesce(days_after, 5) from report_streams s where "
        "position = (select min(position) from report_streams o "
        "where o.plan_id = s.plan_id)")).all()
    op.drop_index(op.f('ix_report_streams_plan_id'), table_name='report_streams')
    op.drop_table('report_streams')
    op.add_column('plans', sa.Column('report_every', sa.String(length=20),
                                     server_default='quarter', nullable=False))
    op.add_column('plans', sa.Column('report_due_days', sa.Integer(), server_default='5',
                                     nullable=False))
    for plan_id, every, days in first:
        op.execute(sa.text("update plans set report_every = :every, report_due_days = :days "
                           "where id = :id").bindparams(every=every, days=days, id=plan_id))
