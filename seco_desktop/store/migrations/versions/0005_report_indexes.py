"""Indexes for the program reports: counting 100,000 records by registration date, coach,
branch and component reads these narrow indexes instead of every row's JSON profile.

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_spouse_report",
        "spouse",
        ["created_at", "deleted", "branch", "component", "assigned_coach", "id"],
        unique=False,
    )
    op.create_index("ix_note_created", "note", ["created_at", "author", "spouse_id"], unique=False)
    op.create_index(
        "ix_follow_up_done", "follow_up", ["done_at", "assignee", "spouse_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_follow_up_done", table_name="follow_up")
    op.drop_index("ix_note_created", table_name="note")
    op.drop_index("ix_spouse_report", table_name="spouse")
