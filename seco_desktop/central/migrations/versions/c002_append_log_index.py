"""Audit anchors are read per kind and workstation: an index on append_log for that.

Revision ID: c002
Revises: c001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "c002"
down_revision = "c001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_append_log_kind_origin", "append_log", ["kind", "origin", "seq"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_append_log_kind_origin", table_name="append_log")
