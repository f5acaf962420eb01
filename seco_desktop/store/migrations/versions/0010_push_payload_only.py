"""A prepared push keeps only its sealed payload: the ``doc`` copy beside it (the same record
as JSON text, written and deleted again for every record a push sends) goes. The sync service
reads what was sealed back from the payload in the rare case it needs it (a record edited again
after its push was prepared).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_push") as batch:
        batch.drop_column("doc")


def downgrade() -> None:
    # A push prepared before the downgrade has no copy: its base is taken again at the next
    # sync (the prepared push is resent and acknowledged as usual).
    with op.batch_alter_table("sync_push") as batch:
        batch.add_column(sa.Column("doc", sa.Text(), nullable=False, server_default="{}"))
