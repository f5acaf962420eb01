"""Account locks and an administrator's unlock, disable and enable travel through central sync.

``account_state`` keeps, beside the lock in force, the newest unlock and the newest
administrator's disable and enable (``domain.account_control``); the whole row is one synced
document per account. Locks and administrators' disables already in a store are queued once,
so they reach the other workstations at the next sync (a disable's time is unknown: the
upgrade's time stands in for it).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("account_state") as batch:
        batch.add_column(sa.Column("unlocked_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("disabled_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("enabled_at", sa.DateTime(), nullable=True))
    op.execute(
        "INSERT INTO account_state (user_id) SELECT id FROM app_user WHERE disabled = 1 "
        "AND id NOT IN (SELECT user_id FROM account_state)"
    )
    op.execute(
        "UPDATE account_state SET disabled_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), "
        "disabled_reason = 'administrator' "
        "WHERE user_id IN (SELECT id FROM app_user WHERE disabled = 1) "
        "AND disabled_reason != 'inactive'"
    )
    op.execute(
        "INSERT INTO outbox (op_id, tbl, record_id, action, base_version, user_id, created_at) "
        "SELECT lower(hex(randomblob(16))), 'account_state', user_id, 'update', 0, '', "
        "strftime('%Y-%m-%d %H:%M:%f', 'now') "
        "FROM account_state WHERE locked_at IS NOT NULL OR disabled_at IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE tbl = 'account_state'")
    with op.batch_alter_table("account_state") as batch:
        batch.drop_column("enabled_at")
        batch.drop_column("disabled_at")
        batch.drop_column("unlocked_at")
