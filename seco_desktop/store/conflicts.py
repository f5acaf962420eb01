"""Sync conflicts kept for review: what was kept, what lost, who entered each and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update

from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.schema import sync_conflict as t


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    kind: str  # field | delete | duplicate
    tbl: str
    record_id: str
    field: str
    kept_value: str  # JSON
    lost_value: str  # JSON
    kept_by: str
    kept_at: datetime | None
    lost_by: str
    lost_at: datetime | None
    other_id: str | None
    detected_at: datetime
    resolved_at: datetime | None = None
    resolution: str | None = None


def add_conflicts(conn: Connection, items: list[Conflict]) -> None:
    if items:
        conn.execute(
            insert(t),
            [{name: getattr(c, name) for name in Conflict.__slots__} for c in items],
        )


def open_conflicts(conn: Connection, limit: int = 500) -> list[Conflict]:
    rows = conn.execute(
        select(t).where(t.c.resolved_at.is_(None)).order_by(t.c.detected_at, t.c.id).limit(limit)
    ).mappings()
    return [Conflict(**dict(r)) for r in rows]


def all_conflicts(conn: Connection) -> list[Conflict]:
    rows = conn.execute(select(t).order_by(t.c.detected_at, t.c.id)).mappings()
    return [Conflict(**dict(r)) for r in rows]


def open_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).where(t.c.resolved_at.is_(None))).scalar_one())


def get_conflict(conn: Connection, conflict_id: str) -> Conflict:
    row = conn.execute(select(t).where(t.c.id == conflict_id)).mappings().first()
    if row is None:
        raise RecordNotFound("No sync conflict with this id")
    return Conflict(**dict(row))


def resolve(conn: Connection, conflict_id: str, resolution: str, now: datetime) -> None:
    result = conn.execute(
        update(t)
        .where(t.c.id == conflict_id, t.c.resolved_at.is_(None))
        .values(resolved_at=now, resolution=resolution)
    )
    if result.rowcount == 0:
        raise RecordNotFound("No open sync conflict with this id")


def has_duplicate(conn: Connection, record_id: str, other_id: str) -> bool:
    row = conn.execute(
        select(t.c.id).where(
            t.c.kind == "duplicate",
            ((t.c.record_id == record_id) & (t.c.other_id == other_id))
            | ((t.c.record_id == other_id) & (t.c.other_id == record_id)),
        )
    ).first()
    return row is not None
