"""Rows of the audit trail. Sealing and verifying the chain is ``security/audit_chain``'s job;
this module only appends rows, reads them back in order and keeps the recorded head."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from seco_desktop.store.meta import get_meta, set_meta
from seco_desktop.store.schema import audit_entry as t

HEAD_KEY = "audit_head"
COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "actor",
    "role",
    "action",
    "record_id",
    "outcome",
    "detail",
    "prev_mac",
    "mac",
)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the audit view narrows to; every field optional."""

    actor_ids: Sequence[str] | None = None  # None: everyone
    action: str | None = None
    record_id: str | None = None
    outcome: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def last_row(conn: Connection) -> dict[str, Any] | None:
    row = conn.execute(select(t).order_by(t.c.seq.desc()).limit(1)).mappings().first()
    return dict(row) if row is not None else None


def append(conn: Connection, row: dict[str, Any]) -> None:
    """Insert one sealed entry and move the recorded head to it (same transaction)."""
    conn.execute(insert(t).values(**row))
    set_meta(conn, HEAD_KEY, f"{row['seq']}:{bytes(row['mac']).hex()}")


def recorded_head(conn: Connection) -> tuple[int, bytes] | None:
    text = get_meta(conn, HEAD_KEY)
    if text is None:
        return None
    seq, _, mac = text.partition(":")
    return int(seq), bytes.fromhex(mac)


def macs_at(conn: Connection, seqs: Sequence[int], batch: int = 500) -> dict[int, bytes]:
    """The stored MAC of each entry in ``seqs`` that exists (by sequence number)."""
    found: dict[int, bytes] = {}
    wanted = sorted(set(seqs))
    for i in range(0, len(wanted), batch):
        rows = conn.execute(select(t.c.seq, t.c.mac).where(t.c.seq.in_(wanted[i : i + batch])))
        found.update((r.seq, bytes(r.mac)) for r in rows)
    return found


def all_rows(conn: Connection, batch: int = 5_000) -> Iterator[dict[str, Any]]:
    """Every entry in stored (rowid) order, which is what verification must look at."""
    result = conn.execute(select(t).order_by(t.c.seq)).mappings()
    while chunk := result.fetchmany(batch):
        for row in chunk:
            yield dict(row)


def find(conn: Connection, f: AuditFilter, *, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Entries matching ``f``, newest first."""
    query = select(t)
    if f.actor_ids is not None:
        query = query.where(t.c.actor_id.in_(list(f.actor_ids)))
    if f.action:
        query = query.where(t.c.action == f.action)
    if f.record_id:
        query = query.where(t.c.record_id == f.record_id)
    if f.outcome:
        query = query.where(t.c.outcome == f.outcome)
    if f.since is not None:
        query = query.where(t.c.at >= f.since)
    if f.until is not None:
        query = query.where(t.c.at < f.until)
    rows = conn.execute(query.order_by(t.c.seq.desc()).limit(limit).offset(offset)).mappings()
    return [dict(r) for r in rows]
