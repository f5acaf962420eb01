"""Program reports: who recorded each registration as a column, and narrow covering indexes,
so counting 100,000 records by registration date, coach, branch and component reads these
indexes instead of every row's JSON profile.

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("spouse", sa.Column("registered_by", sa.String(length=36), nullable=True))
    op.execute(
        "UPDATE spouse SET registered_by = "
        "NULLIF(json_extract(profile, '$.consent.recorded_by'), '')"
    )
    op.create_index(
        "ix_spouse_report",
        "spouse",
        ["created_at", "deleted", "branch", "component", "assigned_coach", "id", "registered_by"],
        unique=False,
    )
    op.create_index(
        "ix_decision_latest",
        "eligibility_decision",
        ["spouse_id", "program", "id", "eligible"],
        unique=False,
    )
    op.create_index("ix_note_created", "note", ["created_at", "author", "spouse_id"], unique=False)
    op.create_index(
        "ix_follow_up_done", "follow_up", ["done_at", "assignee", "spouse_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_follow_up_done", table_name="follow_up")
    op.drop_index("ix_note_created", table_name="note")
    op.drop_index("ix_decision_latest", table_name="eligibility_decision")
    op.drop_index("ix_spouse_report", table_name="spouse")
    with op.batch_alter_table("spouse") as batch:
        batch.drop_column("registered_by")
