"""Privacy Act accounting of disclosures: rows that outlive the record they are about."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, literal_column, select, update

from seco_desktop.store.schema import disclosure as t


def add(conn: Connection, row: dict[str, Any]) -> None:
    conn.execute(insert(t).values(**row))


def for_spouse(
    conn: Connection, spouse_id: str, since: datetime | None = None
) -> list[dict[str, Any]]:
    query = select(t).where(t.c.spouse_id == spouse_id)
    if since is not None:
        query = query.where(t.c.disclosed_at >= since)
    # Same second: the order they were recorded in (ids are random, so not by id).
    rows = conn.execute(query.order_by(t.c.disclosed_at, literal_column("rowid"))).mappings()
    return [dict(r) for r in rows]


def mark_purged(conn: Connection, spouse_id: str, at: datetime) -> None:
    """The record is gone; its accounting stays (with who it was about) for its own term."""
    conn.execute(
        update(t)
        .where(t.c.spouse_id == spouse_id, t.c.record_purged_at.is_(None))
        .values(record_purged_at=at)
    )


def expire(conn: Connection, purged_before: datetime, disclosed_before: datetime) -> int:
    """Delete accountings whose record is gone *and* that are older than their 5-year term."""
    result = conn.execute(
        delete(t).where(
            t.c.record_purged_at.is_not(None),
            t.c.record_purged_at <= purged_before,
            t.c.disclosed_at <= disclosed_before,
        )
    )
    return result.rowcount
