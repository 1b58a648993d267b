"""fields: a task's area of work (lĩnh vực), as targets have had since 0001

Read by the extractor from the section the task stands in and correctable on the review
page. Plans imported before stay without one ("Chưa phân lĩnh vực") until a person sets it
or `theodoi plan fields --unit U` reads them again from the stored source (the extraction
code is not for a migration to import). Downgrade drops the column (and the fields set in
it).

Revision ID: 0014_fields
Revises: 0013_contributions
Create Date: 2026-12-06 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014_fields'
down_revision = '0013_contributions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks') as batch:
        batch.add_column(sa.Column('field', sa.String(length=40), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN, never a batch rebuild: rebuilding drops `tasks`, and with
    # foreign keys on SQLite first deletes its rows, cascading to assignments and updates
    op.drop_column('tasks', 'field')
