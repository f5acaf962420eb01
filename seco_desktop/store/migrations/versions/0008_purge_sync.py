"""A retention purge travels: each purged record (a spouse, its notes and follow-ups) leaves a
marker with no personal data, so the next sync sends a tombstone in place of the record and a
purge arriving from another workstation is recognised (a late note for it is set aside).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "purged_record",
        sa.Column("tbl", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("spouse_id", sa.String(length=36), nullable=False),
        sa.Column("cutoff", sa.DateTime(), nullable=False),
        sa.Column("purged_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "record_id"),
    )
    op.create_index("ix_purged_record_spouse", "purged_record", ["spouse_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_purged_record_spouse", table_name="purged_record")
    op.drop_table("purged_record")
