"""Retention: which spouse records are due for deletion, holds, and the purge's own bookkeeping.

A purge writes its plan (``purge_run`` + ``purge_item``) before deleting anything, then deletes
in batches, each batch one transaction that also marks its items done; so an interrupted purge
resumes from its plan and ends with the same result.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from seco_desktop.store.schema import (
    eligibility_decision,
    follow_up,
    name_term,
    note,
    purge_item,
    purge_run,
)
from seco_desktop.store.schema import retention_hold as hold
from seco_desktop.store.schema import spouse as sp


def due(conn: Connection, cutoff: datetime, *, include_held: bool = False) -> list[dict[str, Any]]:
    """Live spouses whose last activity is on or before ``cutoff``, oldest activity first."""
    query = (
        select(
            sp.c.id,
            sp.c.first_name,
            sp.c.last_name,
            sp.c.last_activity_at,
            hold.c.reason.label("hold_reason"),
        )
        .outerjoin(hold, hold.c.spouse_id == sp.c.id)
        .where(sp.c.deleted.is_(False), sp.c.last_activity_at <= cutoff)
        .order_by(sp.c.last_activity_at, sp.c.id)
    )
    if not include_held:
        query = query.where(hold.c.spouse_id.is_(None))
    return [dict(r) for r in conn.execute(query).mappings()]


def still_due(conn: Connection, spouse_id: str, cutoff: datetime) -> bool:
    row = conn.execute(
        select(sp.c.id)
        .outerjoin(hold, hold.c.spouse_id == sp.c.id)
        .where(sp.c.id == spouse_id, sp.c.last_activity_at <= cutoff, hold.c.spouse_id.is_(None))
    ).first()
    return row is not None


def place_hold(conn: Connection, spouse_id: str, reason: str, by: str, at: datetime) -> None:
    conn.execute(
        insert(hold)
        .values(spouse_id=spouse_id, reason=reason, placed_by=by, placed_at=at)
        .prefix_with("OR REPLACE")
    )


def release_hold(conn: Connection, spouse_id: str) -> bool:
    return conn.execute(delete(hold).where(hold.c.spouse_id == spouse_id)).rowcount > 0


def delete_spouse_data(conn: Connection, spouse_id: str) -> None:
    """Remove the record and its casework for good (audit and disclosures are kept), and the
    name words search kept for it if no other record uses them."""
    keys = conn.execute(select(sp.c.first_key, sp.c.last_key).where(sp.c.id == spouse_id)).first()
    for table in (note, follow_up, eligibility_decision):
        conn.execute(delete(table).where(table.c.spouse_id == spouse_id))
    conn.execute(delete(hold).where(hold.c.spouse_id == spouse_id))
    conn.execute(delete(sp).where(sp.c.id == spouse_id))
    if keys is None:
        return
    for kind, term, column in (("first", keys.first_key, sp.c.first_key),
                               ("last", keys.last_key, sp.c.last_key)):  # fmt: skip
        if conn.execute(select(sp.c.seq).where(column == term).limit(1)).first() is None:
            conn.execute(delete(name_term).where(name_term.c.kind == kind,
                                                 name_term.c.term == term))  # fmt: skip


def unfinished_run(conn: Connection) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(purge_run)
            .where(purge_run.c.finished_at.is_(None))
            .order_by(purge_run.c.started_at)
        )
        .mappings()
        .first()
    )
    return dict(row) if row is not None else None


def start_run(conn: Connection, run: dict[str, Any], items: list[tuple[str, datetime]]) -> None:
    conn.execute(insert(purge_run).values(**run))
    if items:
        conn.execute(
            insert(purge_item),
            [{"run_id": run["id"], "spouse_id": s, "last_activity_at": a} for s, a in items],
        )


def pending_items(conn: Connection, run_id: str, limit: int) -> list[str]:
    rows = conn.execute(
        select(purge_item.c.spouse_id)
        .where(purge_item.c.run_id == run_id, purge_item.c.done.is_(False))
        .order_by(purge_item.c.spouse_id)
        .limit(limit)
    )
    return [r.spouse_id for r in rows]


def mark_item(conn: Connection, run_id: str, spouse_id: str, result: str) -> None:
    conn.execute(
        update(purge_item)
        .where(purge_item.c.run_id == run_id, purge_item.c.spouse_id == spouse_id)
        .values(done=True, result=result)
    )


def finish_run(conn: Connection, run_id: str, at: datetime) -> None:
    conn.execute(update(purge_run).where(purge_run.c.id == run_id).values(finished_at=at))


def run_items(conn: Connection, run_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(purge_item).where(purge_item.c.run_id == run_id).order_by(purge_item.c.spouse_id)
    ).mappings()
    return [dict(r) for r in rows]


def get_run(conn: Connection, run_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(purge_run).where(purge_run.c.id == run_id)).mappings().first()
    return dict(row) if row is not None else None


def count_live(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).where(sp.c.deleted.is_(False))).scalar_one())
