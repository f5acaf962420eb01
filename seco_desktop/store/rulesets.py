"""Rule-set versions an administrator added, kept as the JSON they were given."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, insert, select

from seco_desktop.store.errors import DuplicateRecord
from seco_desktop.store.schema import ruleset as t


def add_ruleset(
    conn: Connection,
    *,
    version: str,
    program: str,
    effective_from: date,
    body: str,
    added_by: str,
    now: datetime,
) -> None:
    if conn.execute(select(t.c.version).where(t.c.version == version)).first():
        raise DuplicateRecord("A rule set with this version id is already stored")
    conn.execute(
        insert(t).values(
            version=version,
            program=program,
            effective_from=effective_from,
            body=body,
            added_by=added_by,
            added_at=now,
        )
    )


def stored_ruleset_bodies(conn: Connection) -> list[str]:
    """The JSON of every added rule set, oldest effective date first."""
    rows = conn.execute(select(t.c.body).order_by(t.c.effective_from, t.c.version))
    return [r.body for r in rows]
