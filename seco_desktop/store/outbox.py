"""Local sync bookkeeping: the outbox, applied central versions, merge bases, pending pushes.

:func:`track` is called by every write path of a synced table, inside the same transaction and
*before* the change: it keeps the central copy the edit starts from (the merge base) the first
time a synced record is changed, and appends an outbox entry with the base version.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from seco_desktop.store.schema import outbox, sync_base, sync_push, sync_record
from seco_desktop.store.sync_tables import TABLES, read_doc


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
    return (
        conn.execute(
            select(outbox.c.seq)
            .where(outbox.c.tbl == tbl, outbox.c.record_id == record_id)
            .limit(1)
        ).first()
        is not None
    )


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


def next_pending(conn: Connection, limit: int) -> list[Pending]:
    """Up to ``limit`` changed records without a prepared push, oldest change first, users first."""
    latest = (
        select(
            outbox.c.tbl,
            outbox.c.record_id,
            func.max(outbox.c.seq).label("max_seq"),
            func.min(outbox.c.seq).label("min_seq"),
        )
        .where(
            ~select(sync_push.c.op_id)
            .where(sync_push.c.tbl == outbox.c.tbl, sync_push.c.record_id == outbox.c.record_id)
            .exists()
        )
        .group_by(outbox.c.tbl, outbox.c.record_id)
        .subquery()
    )
    order = {tbl: i for i, tbl in enumerate(TABLES)}
    rows = conn.execute(
        select(latest.c.tbl, latest.c.record_id, latest.c.max_seq, outbox.c.user_id,
               outbox.c.created_at)
        .join(outbox, outbox.c.seq == latest.c.max_seq)
        .order_by(latest.c.min_seq)
        .limit(limit)
    ).all()  # fmt: skip
    found = [Pending(r.tbl, r.record_id, r.max_seq, r.user_id, r.created_at) for r in rows]
    return sorted(found, key=lambda p: order.get(p.tbl, len(order)))


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


# --- applied central versions -----------------------------------------------------------------


def synced_version(conn: Connection, tbl: str, record_id: str) -> tuple[int, int] | None:
    row = conn.execute(
        select(sync_record.c.version, sync_record.c.usn).where(
            sync_record.c.tbl == tbl, sync_record.c.record_id == record_id
        )
    ).first()
    return None if row is None else (int(row.version), int(row.usn))


def set_synced(conn: Connection, tbl: str, record_id: str, version: int, usn: int) -> None:
    stmt = upsert(sync_record).values(tbl=tbl, record_id=record_id, version=version, usn=usn)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["tbl", "record_id"], set_={"version": version, "usn": usn}
        )
    )


def set_synced_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        stmt = upsert(sync_record)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["tbl", "record_id"],
                set_={"version": stmt.excluded.version, "usn": stmt.excluded.usn},
            ),
            rows,
        )


# --- merge bases ------------------------------------------------------------------------------


def base_doc(conn: Connection, tbl: str, record_id: str) -> dict[str, Any] | None:
    text = conn.execute(
        select(sync_base.c.doc).where(sync_base.c.tbl == tbl, sync_base.c.record_id == record_id)
    ).scalar()
    return None if text is None else dict(json.loads(text))


def set_base(conn: Connection, tbl: str, record_id: str, doc: dict[str, Any]) -> None:
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    stmt = upsert(sync_base).values(tbl=tbl, record_id=record_id, doc=text)
    conn.execute(
        stmt.on_conflict_do_update(index_elements=["tbl", "record_id"], set_={"doc": text})
    )


def drop_base(conn: Connection, tbl: str, record_id: str) -> None:
    conn.execute(
        delete(sync_base).where(sync_base.c.tbl == tbl, sync_base.c.record_id == record_id)
    )


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
    doc: str


def save_push(conn: Connection, push: PreparedPush) -> None:
    conn.execute(
        insert(sync_push).values(
            op_id=push.op_id, tbl=push.tbl, record_id=push.record_id,
            base_version=push.base_version, max_seq=push.max_seq, key_version=push.key_version,
            payload=push.payload, bi_dod=push.bi_dod, bi_last=push.bi_last, doc=push.doc,
        )
    )  # fmt: skip


def prepared(conn: Connection, limit: int) -> list[PreparedPush]:
    rows = conn.execute(select(sync_push).order_by(sync_push.c.max_seq).limit(limit))
    return [
        PreparedPush(r.op_id, r.tbl, r.record_id, r.base_version, r.max_seq, r.key_version,
                     bytes(r.payload), r.bi_dod, r.bi_last, r.doc)
        for r in rows
    ]  # fmt: skip


def prepared_for(conn: Connection, tbl: str, record_id: str) -> PreparedPush | None:
    r = conn.execute(
        select(sync_push).where(sync_push.c.tbl == tbl, sync_push.c.record_id == record_id)
    ).first()
    if r is None:
        return None
    return PreparedPush(r.op_id, r.tbl, r.record_id, r.base_version, r.max_seq, r.key_version,
                        bytes(r.payload), r.bi_dod, r.bi_last, r.doc)  # fmt: skip


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
