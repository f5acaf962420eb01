"""What a retention purge leaves behind for sync: a marker per purged record (ids, cutoff,
time; no personal data), no local copy of the record in the sync bookkeeping, and tombstones
queued for the central store.

A purged record's merge base, prepared pushes and recorded conflicts hold its personal data
(plaintext or sealed), so they go with it; its outbox entries are replaced by one tombstone.
Conflicts are synced documents of their own: they count among a record's keys, so they are
tombstoned centrally (and deleted on every workstation) with the record.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, delete, exists, false, insert, or_, select

from seco_desktop.store import outbox
from seco_desktop.store.id_lists import one_of
from seco_desktop.store.schema import (
    follow_up,
    note,
    purged_record,
    retention_hold,
    spouse,
    sync_base,
    sync_conflict,
    sync_push,
)
from seco_desktop.store.schema import outbox as outbox_table
from seco_desktop.store.sync_appended import spouse_events
from seco_desktop.store.sync_tables import CONFLICT, DECISION, FOLLOW_UP, NOTE, SPOUSE

Key = tuple[str, str]  # (table, record id)


def record_keys(conn: Connection, spouse_id: str) -> list[Key]:
    """The spouse, its casework (notes, follow-ups, decision events) and their conflicts that
    sync knows: the spouse first."""
    keys: list[Key] = [(SPOUSE, spouse_id)]
    for tbl, table in ((NOTE, note), (FOLLOW_UP, follow_up)):
        rows = conn.execute(select(table.c.id).where(table.c.spouse_id == spouse_id))
        keys += [(tbl, r.id) for r in rows]
    ids = [rid for _, rid in keys]
    found = conn.execute(
        select(sync_conflict.c.id)
        .where(or_(one_of(sync_conflict.c.record_id, ids), sync_conflict.c.other_id == spouse_id))
        .order_by(sync_conflict.c.id)
    )
    keys += [(CONFLICT, r.id) for r in found]
    keys += [(DECISION, event_id) for event_id in spouse_events(conn, spouse_id)]
    return keys


def mark(
    conn: Connection, keys: Iterable[Key], spouse_id: str, cutoff: datetime, at: datetime
) -> None:
    rows = [{"tbl": t, "record_id": r, "spouse_id": spouse_id, "cutoff": cutoff,
             "purged_at": at} for t, r in keys]  # fmt: skip
    if rows:
        conn.execute(insert(purged_record).prefix_with("OR REPLACE"), rows)


def any_marks(conn: Connection) -> bool:
    return bool(conn.execute(select(exists(select(purged_record.c.tbl)))).scalar())


def marker(conn: Connection, tbl: str, record_id: str) -> dict[str, object] | None:
    row = (
        conn.execute(
            select(purged_record).where(
                purged_record.c.tbl == tbl, purged_record.c.record_id == record_id
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row is not None else None


def unmark(conn: Connection, keys: Iterable[Key]) -> None:
    for tbl, rid in keys:
        conn.execute(
            delete(purged_record).where(
                purged_record.c.tbl == tbl, purged_record.c.record_id == rid
            )
        )


def spouse_here(conn: Connection, spouse_id: str) -> bool:
    """Whether a live (not tombstoned) copy of the spouse is in this store."""
    found = conn.execute(
        select(spouse.c.id).where(spouse.c.id == spouse_id, spouse.c.deleted.is_(False))
    ).first()
    return found is not None


def active_after(conn: Connection, spouse_id: str, cutoff: datetime) -> bool:
    """Whether this store knows activity on the record after ``cutoff`` (an edit, a note, a
    follow-up, a change not yet synced) or a retention hold on it: then it is not due."""
    kids = [rid for _, rid in record_keys(conn, spouse_id)]
    checks = (
        select(spouse.c.id).where(
            spouse.c.id == spouse_id,
            or_(spouse.c.last_activity_at > cutoff, spouse.c.updated_at > cutoff),
        ),
        select(retention_hold.c.spouse_id).where(retention_hold.c.spouse_id == spouse_id),
        select(note.c.id).where(note.c.spouse_id == spouse_id, note.c.created_at > cutoff),
        select(follow_up.c.id).where(
            follow_up.c.spouse_id == spouse_id,
            or_(follow_up.c.created_at > cutoff, follow_up.c.done_at > cutoff),
        ),
        select(outbox_table.c.seq).where(
            outbox_table.c.record_id.in_(kids), outbox_table.c.created_at > cutoff
        ),
    )
    return any(conn.execute(select(exists(q))).scalar() for q in checks)


def forget_sync_copies(conn: Connection, keys: Iterable[Key]) -> None:
    """Drop every local sync copy of the records: bases, prepared pushes, outbox, conflicts
    (a few statements per table for a whole purge batch)."""
    by_table: dict[str, list[str]] = {}
    for tbl, rid in keys:
        by_table.setdefault(tbl, []).append(rid)
    for tbl, ids in by_table.items():
        for part in _chunks(ids):
            for table in (sync_base, sync_push, outbox_table):
                conn.execute(delete(table).where(table.c.tbl == tbl, table.c.record_id.in_(part)))
            conn.execute(
                delete(sync_conflict).where(
                    or_(
                        sync_conflict.c.record_id.in_(part),
                        sync_conflict.c.other_id.in_(part),
                        sync_conflict.c.id.in_(part) if tbl == CONFLICT else false(),
                    )
                )
            )


def queue_tombstones(conn: Connection, keys: Iterable[Key], by: str, at: datetime) -> None:
    """Queue the (already marked, already forgotten) records' tombstones for the central store:
    one outbox entry each on the central version known here. No merge base: a tombstone meeting
    a newer central copy is decided by ``services.purge_sync``, never merged."""
    keys = list(keys)
    versions = outbox.synced_versions(conn, keys)
    rows = [
        {"op_id": str(uuid.uuid4()), "tbl": tbl, "record_id": rid, "action": "purge",
         "base_version": versions.get((tbl, rid), (0, 0))[0], "user_id": by, "created_at": at}
        for tbl, rid in keys
    ]  # fmt: skip
    if rows:
        conn.execute(insert(outbox_table), rows)


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), 400):
        yield ids[i : i + 400]


def drop_prepared(conn: Connection, keys: Iterable[Key]) -> None:
    """Pushes prepared on an older version (rebuilt from the outbox at the next push)."""
    for tbl, rid in keys:
        conn.execute(delete(sync_push).where(sync_push.c.tbl == tbl, sync_push.c.record_id == rid))
