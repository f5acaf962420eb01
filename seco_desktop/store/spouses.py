"""Spouse records in the local store: insert, read, version-guarded update, tombstone delete.

Functions take an open transaction (``Store.write()`` / ``Store.read()``) so a service can put
a spouse, its notes, outbox entry and audit entry in one commit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from seco_desktop.domain import codec
from seco_desktop.domain.models import Spouse
from seco_desktop.store import outbox
from seco_desktop.store.errors import DuplicateRecord, RecordNotFound, StaleRecord
from seco_desktop.store.schema import spouse as t
from seco_desktop.store.spouse_columns import search_columns


def _row(s: Spouse) -> dict[str, Any]:
    row = search_columns(s)
    row.update(
        id=s.id,
        profile=codec.dumps(s),
        row_version=s.row_version,
        created_at=s.created_at,
        updated_at=s.updated_at,
        last_activity_at=s.updated_at,
    )
    return row


def _stamped(s: Spouse, now: datetime, *, version: int) -> Spouse:
    return dataclasses.replace(
        s, row_version=version, created_at=s.created_at or now, updated_at=now
    )


def insert_spouse(conn: Connection, s: Spouse, now: datetime, *, by: str = "") -> Spouse:
    """Store a new spouse; returns the record as stored (version 1, timestamps set).

    ``by`` (a user id) is who made the change, for the outbox and conflict review.
    """
    if conn.execute(select(t.c.seq).where(t.c.id == s.id)).first() is not None:
        raise DuplicateRecord("A record with this id already exists")
    stored = _stamped(s, now, version=1)
    outbox.track(conn, "spouse", s.id, "create", by, now)
    conn.execute(insert(t).values(**_row(stored)))
    return stored


def insert_many(conn: Connection, spouses: Iterable[Spouse], now: datetime, *, by: str = "") -> int:
    """Bulk insert of new records (demo data); one executemany per call, queued for sync."""
    rows = [_row(_stamped(s, now, version=1)) for s in spouses]
    if rows:
        conn.execute(insert(t), rows)
        outbox.track_new(conn, "spouse", [r["id"] for r in rows], by, now)
    return len(rows)


def get_spouse(conn: Connection, spouse_id: str) -> Spouse:
    row = conn.execute(
        select(t.c.profile).where(t.c.id == spouse_id, t.c.deleted.is_(False))
    ).first()
    if row is None:
        raise RecordNotFound("No spouse record with this id")
    return codec.loads(Spouse, row.profile)


def find_id_by_dod_id(conn: Connection, dod_id: str) -> str | None:
    """The record id of the (live) spouse with this DoD ID, if any."""
    return conn.execute(
        select(t.c.id).where(t.c.dod_id == dod_id, t.c.deleted.is_(False)).limit(1)
    ).scalar()


def update_spouse(conn: Connection, s: Spouse, now: datetime, *, by: str = "") -> Spouse:
    """Replace a spouse record if nobody changed it since ``s.row_version`` was read."""
    outbox.track(conn, "spouse", s.id, "update", by, now)
    stored = _stamped(s, now, version=s.row_version + 1)
    row = _row(stored)
    del row["id"], row["created_at"]
    result = conn.execute(
        update(t)
        .where(t.c.id == s.id, t.c.row_version == s.row_version, t.c.deleted.is_(False))
        .values(**row)
    )
    if result.rowcount == 0:
        exists = conn.execute(select(t.c.row_version).where(t.c.id == s.id)).first()
        if exists is None:
            raise RecordNotFound("No spouse record with this id")
        raise StaleRecord("Someone else changed this record; reopen it to see their changes")
    return stored


def delete_spouse(conn: Connection, spouse_id: str, now: datetime, *, by: str = "") -> None:
    """Tombstone: the row stays (sync must learn of the delete) but is never shown again."""
    outbox.track(conn, "spouse", spouse_id, "delete", by, now)
    result = conn.execute(
        update(t)
        .where(t.c.id == spouse_id, t.c.deleted.is_(False))
        .values(deleted=True, updated_at=now, row_version=t.c.row_version + 1)
    )
    if result.rowcount == 0:
        raise RecordNotFound("No spouse record with this id")


def count_spouses(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).where(t.c.deleted.is_(False))).scalar_one())
