"""Audit entries for changes a sync applies: in this workstation's chain, in the name of the
user who made the change on their workstation (no session here: the sync engine applies them)."""

from __future__ import annotations

import json

from sqlalchemy import Connection

from seco_desktop.security.audit_chain import AuditDraft
from seco_desktop.services import audit
from seco_desktop.services.clock import Clock
from seco_desktop.store.schema import app_user


def record_arrival(  # noqa: PLR0917 (one entry's fields)
    conn: Connection,
    key: bytes,
    clock: Clock,
    by: str,
    action: audit.Action,
    record_id: str,
    outcome: audit.Outcome,
    detail: dict[str, object],
) -> None:
    """Append one entry (``detail``: field names and counts, never values)."""
    username, role = "", ""
    found = conn.execute(app_user.select().where(app_user.c.id == by)).first() if by else None
    if found is not None:
        username, role = found.username, found.role
    draft = AuditDraft(
        clock(), by, username, role, action.value, record_id, outcome.value,
        json.dumps(detail, sort_keys=True, separators=(",", ":")),
    )  # fmt: skip
    audit.append_draft(conn, key, draft)
