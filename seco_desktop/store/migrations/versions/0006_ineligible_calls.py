"""Ineligible calls: a caller found not eligible for SECO leaves no spouse record, only this
line (when, who took the call, the reasons, the rule set, and the agent's optional note).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ineligible_call",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("agent_id", sa.String(length=36), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("ruleset_version", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ineligible_call_created", "ineligible_call", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_ineligible_call_created", table_name="ineligible_call")
    op.drop_table("ineligible_call")
