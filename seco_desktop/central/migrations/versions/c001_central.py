"""The central store's first schema: records, the usn counter, applied operations, keys.

Revision ID: c001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "usn_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO usn_counter (id, value) VALUES (1, 0)")
    op.create_table(
        "record",
        sa.Column("tbl", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("usn", sa.BigInteger(), nullable=False),
        sa.Column("key_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("bi_dod", sa.Integer(), nullable=True),
        sa.Column("bi_last", sa.Integer(), nullable=True),
        sa.Column("last_op", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "id"),
    )
    op.create_index("ux_record_usn", "record", ["usn"], unique=True)
    op.create_index("ix_record_bi_dod", "record", ["tbl", "bi_dod"], unique=False)
    op.create_index("ix_record_bi_last", "record", ["tbl", "bi_last"], unique=False)
    op.create_table(
        "applied_op",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("tbl", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("usn", sa.BigInteger(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("op_id"),
    )
    op.create_table(
        "office_keys",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("nonce", sa.LargeBinary(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "key_grant",
        sa.Column("principal", sa.String(length=80), nullable=False),
        sa.Column("grant_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("principal"),
    )
    op.create_table(
        "append_log",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )


def downgrade() -> None:
    for table in ("append_log", "key_grant", "office_keys", "applied_op", "record"):
        op.drop_table(table)
    op.drop_table("usn_counter")
    op.drop_table("central_meta")
