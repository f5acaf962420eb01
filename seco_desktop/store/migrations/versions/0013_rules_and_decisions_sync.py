"""Rule sets and eligibility-decision history sync: each added rule set gets its synced record
id and an in-force flag; decisions made together get a shared event id (one synced record per
event); the reports' latest-decision index goes by the time a decision was made. Every rule set and every decision event already in the store is queued once, so they
reach the central store at the next sync (as 0003 queued every record).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

from seco_desktop.store.rulesets import record_id_of

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ruleset", sa.Column("record_id", sa.String(length=36), nullable=True))
    op.add_column("ruleset", sa.Column("set_aside", sa.String(length=8), nullable=True))
    op.create_index("ux_ruleset_record", "ruleset", ["record_id"], unique=True)
    op.add_column("eligibility_decision", sa.Column("event_id", sa.String(length=36)))
    op.create_index("ix_decision_event", "eligibility_decision", ["event_id"])
    # The report's "latest decision" goes by when it was made: synced history can arrive late.
    op.drop_index("ix_decision_latest", table_name="eligibility_decision")
    op.create_index(
        "ix_decision_latest",
        "eligibility_decision",
        ["spouse_id", "program", "decided_at", "id", "eligible"],
    )
    conn = op.get_bind()
    rulesets = conn.exec_driver_sql("SELECT version, added_by, added_at FROM ruleset").all()
    for version, _, _ in rulesets:
        conn.exec_driver_sql(
            "UPDATE ruleset SET record_id = ? WHERE version = ?", (record_id_of(version), version)
        )
    # One event per (spouse, moment): the decisions a registration or an edit made together.
    events = conn.exec_driver_sql(
        "SELECT DISTINCT spouse_id, decided_at FROM eligibility_decision"
    ).all()
    stamped = [(str(uuid.uuid4()), spouse_id, at) for spouse_id, at in events]
    if stamped:
        conn.exec_driver_sql(
            "UPDATE eligibility_decision SET event_id = ? WHERE spouse_id = ? AND decided_at = ?",
            stamped,
        )
    # Queued as of when each was made, not now: a queued change counts as activity on its
    # spouse when a purge arrives (store.purge_marks.active_after).
    queue = [("ruleset", record_id_of(v), by, at) for v, by, at in rulesets]
    queue += [("decision", event_id, "", at) for event_id, _, at in stamped]
    if queue:
        conn.exec_driver_sql(
            "INSERT INTO outbox (op_id, tbl, record_id, action, base_version, user_id, "
            "created_at) VALUES (lower(hex(randomblob(16))), ?, ?, 'create', 0, ?, ?)",
            queue,
        )


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE tbl IN ('ruleset', 'decision')")
    op.drop_index("ix_decision_event", table_name="eligibility_decision")
    op.drop_index("ix_decision_latest", table_name="eligibility_decision")
    op.create_index(
        "ix_decision_latest", "eligibility_decision", ["spouse_id", "program", "id", "eligible"]
    )
    with op.batch_alter_table("eligibility_decision") as batch:
        batch.drop_column("event_id")
    op.drop_index("ux_ruleset_record", table_name="ruleset")
    with op.batch_alter_table("ruleset") as batch:
        batch.drop_column("set_aside")
        batch.drop_column("record_id")
