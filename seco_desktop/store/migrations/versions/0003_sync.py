"""Sync with the central store: outbox, applied central versions, merge bases, pending pushes,
conflicts. Every record already in the store is queued once, so it reaches the central store at
the first sync.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_QUEUE = (
    "INSERT INTO outbox (op_id, tbl, record_id, action, base_version, user_id, created_at) "
    "SELECT lower(hex(randomblob(16))), '{tbl}', id, 'create', 0, '', {stamp} FROM {tbl}"
)


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("tbl", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("op_id"),
    )
    op.create_index("ix_outbox_record", "outbox", ["tbl", "record_id"], unique=False)
    op.create_table(
        "sync_record",
        sa.Column("tbl", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("usn", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "record_id"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "sync_base",
        sa.Column("tbl", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("doc", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "record_id"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "sync_push",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("tbl", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("max_seq", sa.Integer(), nullable=False),
        sa.Column("key_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("bi_dod", sa.Integer(), nullable=True),
        sa.Column("bi_last", sa.Integer(), nullable=True),
        sa.Column("doc", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("op_id"),
    )
    op.create_index("ux_sync_push_record", "sync_push", ["tbl", "record_id"], unique=True)
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("tbl", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("kept_value", sa.Text(), nullable=False),
        sa.Column("lost_value", sa.Text(), nullable=False),
        sa.Column("kept_by", sa.String(length=36), nullable=False),
        sa.Column("kept_at", sa.DateTime(), nullable=True),
        sa.Column("lost_by", sa.String(length=36), nullable=False),
        sa.Column("lost_at", sa.DateTime(), nullable=True),
        sa.Column("other_id", sa.String(length=36), nullable=True),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_sync_conflict_open", "sync_conflict", ["resolved_at", "detected_at"], unique=False
    )
    stamp = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    for tbl in ("app_user", "spouse", "note", "follow_up"):
        op.execute(_QUEUE.format(tbl=tbl, stamp=stamp))


def downgrade() -> None:
    op.drop_index("ix_sync_conflict_open", table_name="sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_index("ux_sync_push_record", table_name="sync_push")
    op.drop_table("sync_push")
    op.drop_table("sync_base")
    op.drop_table("sync_record")
    op.drop_index("ix_outbox_record", table_name="outbox")
    op.drop_table("outbox")
