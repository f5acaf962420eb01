"""Sync conflicts travel between workstations as synced documents (``sync_tables.CONFLICT``).

``sync_conflict`` gains where a conflict was found, who resolved it and every resolution given
(``domain.sync_conflict``). The conflicts already in a store are queued once, so every
workstation's review list gets them at the next sync. Their ids stay as they are (random:
conflicts found from now on get deterministic ones).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_conflict") as batch:
        batch.add_column(
            sa.Column("detected_ws", sa.String(length=36), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("resolved_by", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("resolutions", sa.Text(), nullable=False, server_default="[]"))
    # A conflict resolved before this upgrade: its resolution, by an unknown person, here.
    op.execute(
        "UPDATE sync_conflict SET detected_ws = COALESCE((SELECT value FROM store_meta "
        "WHERE key = 'sync.workstation_id'), '')"
    )
    op.execute(
        "UPDATE sync_conflict SET resolved_by = '', resolutions = json_array(json_object("
        "'at', strftime('%Y-%m-%dT%H:%M:%f', resolved_at), 'by', '', 'keep_id', '', "
        "'resolution', resolution, 'ws', detected_ws)) "
        "WHERE resolved_at IS NOT NULL AND resolution IS NOT NULL"
    )
    op.execute(
        "INSERT INTO outbox (op_id, tbl, record_id, action, base_version, user_id, created_at) "
        "SELECT lower(hex(randomblob(16))), 'sync_conflict', id, 'create', 0, '', "
        "strftime('%Y-%m-%d %H:%M:%f', 'now') FROM sync_conflict"
    )


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE tbl = 'sync_conflict'")
    op.execute("DELETE FROM sync_push WHERE tbl = 'sync_conflict'")
    op.execute("DELETE FROM sync_record WHERE tbl = 'sync_conflict'")
    op.execute("DELETE FROM sync_base WHERE tbl = 'sync_conflict'")
    with op.batch_alter_table("sync_conflict") as batch:
        batch.drop_column("resolutions")
        batch.drop_column("resolved_by")
        batch.drop_column("detected_ws")
