"""Local sync bookkeeping: the outbox, applied central versions, merge bases, pending pushes.

:func:`track` is called by every write path of a synced table, inside the same transaction and
*before* the change: it keeps the central copy the edit starts from (the merge base) the first
time a synced record is changed, and appends an outbox entry with the base version.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from seco_desktop.store import json_rows
from seco_desktop.store.schema import outbox, sync_base, sync_push, sync_record
from seco_desktop.store.sync_tables import read_doc


def track(conn: Connection, tbl: str, record_id: str, action: str, by: str, now: datetime) -> None:  # noqa: PLR0917
    """Queue a change of one record; call it before writing the change itself."""
    synced = conn.execute(
        select(sync_record.c.version).where(
            sync_record.c.tbl == tbl, sync_record.c.record_id == record_id
        )
    ).scalar()
    base_version = int(synced or 0)
    if synced is not None and not has_pending(conn, tbl, record_id):
        doc = read_doc(conn, tbl, record_id)
        if doc is not None:
            set_base(conn, tbl, record_id, doc)
    conn.execute(
        insert(outbox).values(
            op_id=str(uuid.uuid4()), tbl=tbl, record_id=record_id, action=action,
            base_version=base_version, user_id=by, created_at=now,
        )
    )  # fmt: skip


def track_new(
    conn: Connection, tbl: str, record_ids: Iterable[str], by: str, now: datetime
) -> None:
    """Queue freshly created records (bulk loads): no base, version 0."""
    rows = [
        {"op_id": str(uuid.uuid4()), "tbl": tbl, "record_id": rid, "action": "create",
         "base_version": 0, "user_id": by, "created_at": now}
        for rid in record_ids
    ]  # fmt: skip
    if rows:
        conn.execute(insert(outbox), rows)


def has_pending(conn: Connection, tbl: str, record_id: str) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM outbox WHERE tbl = ? AND record_id = ? LIMIT 1", (tbl, record_id)
    ).first()
    return found is not None


def pending_count(conn: Connection) -> int:
    """Records with local changes not yet acknowledged by the central store."""
    return int(
        conn.execute(
            select(func.count()).select_from(
                select(outbox.c.tbl, outbox.c.record_id).distinct().subquery()
            )
        ).scalar_one()
    )


@dataclass(frozen=True, slots=True)
class Pending:
    """A record with outbox entries not yet in a prepared push."""

    tbl: str
    record_id: str
    max_seq: int
    user_id: str  # who made the latest change
    changed_at: datetime


# The outbox walked by its primary key, and each record's newest entry, read in one step each
# (``json_rows``): a push batch reads thousands of these rows while the pipeline's other
# threads run Python, and they need no type conversion beyond one time stamp.
_SCAN = json_rows.select_packed(
    ["seq", "tbl", "record_id"],
    "SELECT seq, tbl, record_id FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
    order_by="seq",
)
_NEWEST = json_rows.select_packed(
    ["record_id", "top", "user_id", "created_at"],
    "SELECT record_id, max(seq) AS top, user_id, created_at FROM outbox WHERE tbl = ? "
    "AND record_id IN (SELECT value FROM json_each(?)) GROUP BY record_id",
)
_PREPARED_IN = json_rows.select_packed(
    ["record_id"],
    "SELECT record_id FROM sync_push WHERE tbl = ? "
    "AND record_id IN (SELECT value FROM json_each(?))",
)
#: Outbox rows read past a batch's size per scan: most records have one entry, so a scan of
#: ``limit + SCAN_SLACK`` rows usually fills a batch without reading far ahead of it.
SCAN_SLACK = 64


def next_pending(
    conn: Connection, limit: int, *, after_seq: int = 0, skip: set[tuple[str, str]] | None = None
) -> tuple[list[Pending], int]:
    """Up to ``limit`` changed records without a prepared push, in order of their first change
    after ``after_seq``; and the seq to continue from. Walks the outbox by its primary key, so
    each batch costs the same however long the outbox is."""
    skip = skip or set()
    chosen: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    cursor = after_seq
    while len(chosen) < limit:
        rows = json_rows.rows(conn, _SCAN, (cursor, limit + SCAN_SLACK))
        if not rows:
            break
        fresh = []
        for _seq, tbl, rid in rows:
            key = (tbl, rid)
            if key not in seen and key not in skip:
                seen.add(key)
                fresh.append(key)
        busy = prepared_keys(conn, fresh)
        for key in fresh:
            if key not in busy and len(chosen) < limit:
                chosen.append(key)
        cursor = rows[-1][0] if len(chosen) < limit else cursor_at(rows, chosen[-1])
    return _latest(conn, chosen), cursor


def cursor_at(rows: Sequence[Any], last: tuple[str, str]) -> int:
    """The seq of the first outbox row of ``last`` in ``rows`` (where the next scan resumes);
    rows are (seq, tbl, record_id)."""
    for seq, tbl, rid in rows:
        if (tbl, rid) == last:
            return int(seq)
    return int(rows[-1][0])


def _latest(conn: Connection, keys: list[tuple[str, str]]) -> list[Pending]:
    """Each record's newest outbox entry: its seq, who made it and when (SQLite takes the bare
    columns of an aggregate query from the row holding the ``max``)."""
    newest: dict[tuple[str, str], Pending] = {}
    for tbl, ids in _by_table(keys).items():
        for rid, top, user_id, created_at in json_rows.rows(conn, _NEWEST, (tbl, json.dumps(ids))):
            newest[(tbl, rid)] = Pending(
                tbl, rid, int(top), user_id, datetime.fromisoformat(created_at)
            )
    return [newest[key] for key in keys if key in newest]


def clear_pending(conn: Connection, tbl: str, record_id: str, up_to: int | None = None) -> None:
    """Forget outbox entries of a record (all, or those up to ``up_to``)."""
    stmt = delete(outbox).where(outbox.c.tbl == tbl, outbox.c.record_id == record_id)
    if up_to is not None:
        stmt = stmt.where(outbox.c.seq <= up_to)
    conn.execute(stmt)


def last_change(conn: Connection, tbl: str, record_id: str) -> tuple[str, datetime] | None:
    """Who made the latest pending change of a record, and when."""
    row = conn.execute(
        select(outbox.c.user_id, outbox.c.created_at)
        .where(outbox.c.tbl == tbl, outbox.c.record_id == record_id)
        .order_by(outbox.c.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else (row.user_id, row.created_at)


_ON_SYNCED_CONFLICT = (
    "ON CONFLICT (tbl, record_id) DO UPDATE SET version = excluded.version, usn = excluded.usn"
)
_SET_SYNCED = (
    "INSERT INTO sync_record (tbl, record_id, version, usn) VALUES (?, ?, ?, ?) "  # noqa: S608
    + _ON_SYNCED_CONFLICT  # a constant clause
)
_SET_SYNCED_PAGE = json_rows.insert_from_json(
    "sync_record", ["tbl", "record_id", "version", "usn"], _ON_SYNCED_CONFLICT
)


# --- applied central versions -----------------------------------------------------------------


def synced_version(conn: Connection, tbl: str, record_id: str) -> tuple[int, int] | None:
    row = conn.exec_driver_sql(
        "SELECT version, usn FROM sync_record WHERE tbl = ? AND record_id = ?", (tbl, record_id)
    ).first()
    return None if row is None else (int(row[0]), int(row[1]))


def set_synced(conn: Connection, tbl: str, record_id: str, version: int, usn: int) -> None:
    conn.exec_driver_sql(_SET_SYNCED, (tbl, record_id, version, usn))


def set_synced_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Record many applied central versions in one statement, in order (``json_rows``: a
    bootstrap page has thousands, and an executemany would wait for the verifier every row)."""
    if rows:
        packed = json_rows.pack([(r["tbl"], r["record_id"], r["version"], r["usn"]) for r in rows])
        conn.exec_driver_sql(_SET_SYNCED_PAGE, (packed,))


# --- merge bases ------------------------------------------------------------------------------


def base_doc(conn: Connection, tbl: str, record_id: str) -> dict[str, Any] | None:
    text = conn.execute(
        select(sync_base.c.doc).where(sync_base.c.tbl == tbl, sync_base.c.record_id == record_id)
    ).scalar()
    if text is None:
        return None
    doc = dict(json.loads(text))
    doc["body"].pop("row_version", None)  # pushed profiles carry the local counter
    return doc


def set_base(conn: Connection, tbl: str, record_id: str, doc: dict[str, Any]) -> None:
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    stmt = upsert(sync_base).values(tbl=tbl, record_id=record_id, doc=text)
    conn.execute(
        stmt.on_conflict_do_update(index_elements=["tbl", "record_id"], set_={"doc": text})
    )


def drop_base(conn: Connection, tbl: str, record_id: str) -> None:
    conn.exec_driver_sql("DELETE FROM sync_base WHERE tbl = ? AND record_id = ?", (tbl, record_id))


# --- prepared pushes --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PreparedPush:
    op_id: str
    tbl: str
    record_id: str
    base_version: int
    max_seq: int
    key_version: int
    payload: bytes
    bi_dod: int | None
    bi_last: int | None


#: What a prepared push sealed, as a document (the record's merge base once acknowledged):
#: read back from the payload by the sync service, which holds the keys, and only for a record
#: edited again after its push was prepared (most pushes never need it).
SealedDoc = Callable[[PreparedPush], dict[str, Any]]


def prepared(conn: Connection, limit: int) -> list[PreparedPush]:
    rows = conn.execute(select(sync_push).order_by(sync_push.c.max_seq).limit(limit))
    return [
        PreparedPush(r.op_id, r.tbl, r.record_id, r.base_version, r.max_seq, r.key_version,
                     bytes(r.payload), r.bi_dod, r.bi_last)
        for r in rows
    ]  # fmt: skip


def prepared_for(conn: Connection, tbl: str, record_id: str) -> PreparedPush | None:
    r = conn.exec_driver_sql(
        "SELECT op_id, tbl, record_id, base_version, max_seq, key_version, payload, bi_dod, "
        "bi_last FROM sync_push WHERE tbl = ? AND record_id = ?",
        (tbl, record_id),
    ).first()
    if r is None:
        return None
    op_id, tbl, record_id, base, max_seq, key_version, payload, bi_dod, bi_last = r
    return PreparedPush(
        op_id, tbl, record_id, base, max_seq, key_version, bytes(payload), bi_dod, bi_last
    )


def drop_push(conn: Connection, op_id: str) -> None:
    conn.execute(delete(sync_push).where(sync_push.c.op_id == op_id))


def prepared_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(sync_push)).scalar_one())


def renumber_base_versions(conn: Connection, tbl: str, record_id: str, version: int) -> None:
    """Outbox entries left after a merge now build on ``version``."""
    conn.execute(
        update(outbox)
        .where(outbox.c.tbl == tbl, outbox.c.record_id == record_id)
        .values(base_version=version)
    )


# --- batch forms (a push batch or a pull page in a handful of statements) ----------------------

Key = tuple[str, str]  # (table, record id)


def _by_table(keys: Iterable[Key]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for tbl, rid in keys:
        grouped.setdefault(tbl, []).append(rid)
    return grouped


_SYNCED_IN = json_rows.select_packed(
    ["record_id", "version", "usn"],
    "SELECT record_id, version, usn FROM sync_record WHERE tbl = ? "
    "AND record_id IN (SELECT value FROM json_each(?))",
)


def synced_versions(conn: Connection, keys: Iterable[Key]) -> dict[Key, tuple[int, int]]:
    found: dict[Key, tuple[int, int]] = {}
    for tbl, ids in _by_table(keys).items():
        rows = json_rows.rows(conn, _SYNCED_IN, (tbl, json.dumps(ids)))
        found.update({(tbl, rid): (int(version), int(usn)) for rid, version, usn in rows})
    return found


_PENDING_IN = json_rows.select_packed(
    ["record_id"],
    "SELECT DISTINCT record_id FROM outbox WHERE tbl = ? "
    "AND record_id IN (SELECT value FROM json_each(?))",
)


def pending_keys(conn: Connection, keys: Iterable[Key]) -> set[Key]:
    """Which of ``keys`` have outbox entries."""
    found: set[Key] = set()
    for tbl, ids in _by_table(keys).items():
        found.update(
            (tbl, rid) for (rid,) in json_rows.rows(conn, _PENDING_IN, (tbl, json.dumps(ids)))
        )
    return found


def prepared_keys(conn: Connection, keys: Iterable[Key]) -> set[Key]:
    """Which of ``keys`` have a prepared push (without reading the pushes)."""
    found: set[Key] = set()
    for tbl, ids in _by_table(keys).items():
        found.update(
            (tbl, rid) for (rid,) in json_rows.rows(conn, _PREPARED_IN, (tbl, json.dumps(ids)))
        )
    return found


_PUSH_COLUMNS = [
    "op_id", "tbl", "record_id", "base_version", "max_seq", "key_version", "payload", "bi_dod",
    "bi_last",
]  # fmt: skip
_SAVE_PUSHES = json_rows.insert_from_json("sync_push", _PUSH_COLUMNS, hex_columns={"payload"})


def save_pushes(conn: Connection, pushes: list[PreparedPush]) -> None:
    """Store prepared pushes in one statement (``json_rows``; the payloads travel as hex)."""
    if pushes:
        packed = json_rows.pack(
            [
                (p.op_id, p.tbl, p.record_id, p.base_version, p.max_seq, p.key_version,
                 p.payload.hex(), p.bi_dod, p.bi_last)
                for p in pushes
            ]
        )  # fmt: skip
        conn.exec_driver_sql(_SAVE_PUSHES, (packed,))


# An acknowledged batch's bookkeeping, one statement each (``json_rows``): the applied versions
# (a version already past the pushed one, a pull's, is kept), the outbox entries the pushes
# covered, the merge bases no longer needed and the prepared pushes themselves.
_ACK_SYNCED = json_rows.insert_from_json(
    "sync_record",
    ["tbl", "record_id", "version", "usn"],
    "ON CONFLICT (tbl, record_id) DO UPDATE SET version = excluded.version, usn = excluded.usn "
    "WHERE excluded.version >= sync_record.version",
)
_ACK_OUTBOX = (
    "DELETE FROM outbox WHERE seq IN (SELECT o.seq FROM jsonb_each(?) AS j JOIN outbox AS o "
    "ON o.tbl = j.value ->> 0 AND o.record_id = j.value ->> 1 AND o.seq <= j.value ->> 2)"
)
_ACK_BASES = (
    "DELETE FROM sync_base WHERE (tbl, record_id) IN "
    "(SELECT value ->> 0, value ->> 1 FROM jsonb_each(?))"
)
_ACK_PUSHES = "DELETE FROM sync_push WHERE op_id IN (SELECT value FROM json_each(?))"


def ack_many(
    conn: Connection, acks: list[tuple[PreparedPush, int, int]], sealed_doc: SealedDoc
) -> None:
    """The central store holds each push as (version, usn): it is the record's new base."""
    if not acks:
        return
    keys = [(p.tbl, p.record_id) for p, _, _ in acks]
    conn.exec_driver_sql(
        _ACK_SYNCED, (json_rows.pack([(p.tbl, p.record_id, v, u) for p, v, u in acks]),)
    )
    conn.exec_driver_sql(
        _ACK_OUTBOX, (json_rows.pack([(p.tbl, p.record_id, p.max_seq) for p, _, _ in acks]),)
    )
    still = pending_keys(conn, keys)
    for p, version, _ in acks:
        if (p.tbl, p.record_id) in still:  # edited again after the push was prepared
            set_base(conn, p.tbl, p.record_id, sealed_doc(p))
            renumber_base_versions(conn, p.tbl, p.record_id, version)
    gone = [key for key in keys if key not in still]
    if gone:
        conn.exec_driver_sql(_ACK_BASES, (json_rows.pack(gone),))
    conn.exec_driver_sql(_ACK_PUSHES, (json.dumps([p.op_id for p, _, _ in acks]),))
