"""Security and privacy controls: audit chain, disclosures, sign-in state, retention.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_mac", sa.LargeBinary(), nullable=False),
        sa.Column("mac", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_audit_record", "audit_entry", ["record_id", "seq"])
    op.create_index("ix_audit_actor", "audit_entry", ["actor_id", "seq"])
    op.create_index("ix_audit_at", "audit_entry", ["at"])

    op.create_table(
        "disclosure",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("spouse_id", sa.String(length=36), nullable=False),
        sa.Column("subject_name", sa.Text(), nullable=False),
        sa.Column("subject_dod_id", sa.String(length=10), nullable=False),
        sa.Column("disclosed_at", sa.DateTime(), nullable=False),
        sa.Column("recipient_name", sa.Text(), nullable=False),
        sa.Column("recipient_address", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("nature", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=36), nullable=False),
        sa.Column("record_purged_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_disclosure_spouse", "disclosure", ["spouse_id", "disclosed_at"])

    op.create_table(
        "account_state",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("lock_reason", sa.Text(), server_default="", nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=True),
        sa.Column("disabled_reason", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )

    op.create_table(
        "password_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("salt", sa.LargeBinary(), nullable=False),
        sa.Column("digest", sa.LargeBinary(), nullable=False),
        sa.Column("memory_kib", sa.Integer(), nullable=False),
        sa.Column("iterations", sa.Integer(), nullable=False),
        sa.Column("lanes", sa.Integer(), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_password_history_user", "password_history", ["user_id", "set_at"])

    op.create_table(
        "staff_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("end_reason", sa.String(length=16), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_staff_session_user", "staff_session", ["user_id", "ended_at"])

    op.create_table(
        "retention_hold",
        sa.Column("spouse_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_by", sa.String(length=36), nullable=False),
        sa.Column("placed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("spouse_id"),
    )
    op.create_table(
        "purge_run",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("started_by", sa.String(length=36), nullable=False),
        sa.Column("cutoff", sa.DateTime(), nullable=False),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "purge_item",
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("spouse_id", sa.String(length=36), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(), nullable=False),
        sa.Column("done", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("result", sa.String(length=8), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("run_id", "spouse_id"),
    )


def downgrade() -> None:
    for table in ("purge_item", "purge_run", "retention_hold"):
        op.drop_table(table)
    op.drop_index("ix_staff_session_user", table_name="staff_session")
    op.drop_table("staff_session")
    op.drop_index("ix_password_history_user", table_name="password_history")
    op.drop_table("password_history")
    op.drop_table("account_state")
    op.drop_index("ix_disclosure_spouse", table_name="disclosure")
    op.drop_table("disclosure")
    for name in ("ix_audit_at", "ix_audit_actor", "ix_audit_record"):
        op.drop_index(name, table_name="audit_entry")
    op.drop_table("audit_entry")
