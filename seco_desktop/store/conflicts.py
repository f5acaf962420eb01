"""Sync conflicts kept for review: what was kept, what lost, who entered each and when.

Each conflict is also a synced document (``sync_tables.CONFLICT``, see
``domain.sync_conflict``): every workstation holds the same list, and a resolution made on
one desk closes it on all. ``resolved_at`` / ``resolution`` / ``resolved_by`` are the
resolution in force; ``resolutions`` (JSON) keeps every resolution given, superseded ones too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, exists, func, insert, or_, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from seco_desktop.domain.sync_conflict import (
    FACTS,
    Resolution,
    final,
    join_bodies,
    resolutions_of,
)
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.id_lists import one_of
from seco_desktop.store.schema import sync_conflict as t

#: What a conflict can be: a field changed on two workstations, an edit that met a delete, a
#: spouse registered twice offline, a rule-set version added twice with two contents or two
#: rule sets taking effect the same day (``services.ruleset_sync``).
KINDS = frozenset({"field", "delete", "duplicate", "ruleset"})


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
    detected_ws: str = ""  # the workstation whose sync found it
    resolved_by: str | None = None
    resolutions: str = "[]"  # JSON: every resolution given (domain.sync_conflict.Resolution)

    def history(self) -> list[Resolution]:
        """Every resolution given, oldest first (the one in force among them)."""
        return resolutions_of({"resolutions": json.loads(self.resolutions)})


def add_conflicts(conn: Connection, items: list[Conflict]) -> list[Conflict]:
    """Record conflicts not recorded yet (ids are deterministic: a conflict found again, here
    or on another workstation, is the same row); returns the new ones."""
    if not items:
        return []
    known = {
        r.id for r in conn.execute(select(t.c.id).where(one_of(t.c.id, [c.id for c in items])))
    }
    fresh = list({c.id: c for c in items if c.id not in known}.values())
    if fresh:
        conn.execute(
            insert(t), [{name: getattr(c, name) for name in Conflict.__slots__} for c in fresh]
        )
    return fresh


def open_conflicts(conn: Connection, limit: int = 500) -> list[Conflict]:
    rows = conn.execute(
        select(t).where(_listed()).order_by(t.c.detected_at, t.c.id).limit(limit)
    ).mappings()
    return [Conflict(**dict(r)) for r in rows]


def _listed() -> ColumnElement[bool]:
    """Open, and not a second record of a duplicate pair: a pair recorded under two ids (before
    ids were deterministic, migration 0011) is listed once, and closed if either is."""
    sib = t.alias("sib")
    same_pair = and_(
        sib.c.kind == "duplicate",
        sib.c.id != t.c.id,
        or_(
            and_(sib.c.record_id == t.c.record_id, sib.c.other_id == t.c.other_id),
            and_(sib.c.record_id == t.c.other_id, sib.c.other_id == t.c.record_id),
        ),
        or_(sib.c.resolved_at.is_not(None), sib.c.id < t.c.id),
    )
    return and_(t.c.resolved_at.is_(None), or_(t.c.kind != "duplicate", ~exists().where(same_pair)))


def pair_siblings(conn: Connection, conflict: Conflict) -> list[str]:
    """Other open records of the same duplicate pair (see :func:`_listed`)."""
    if conflict.kind != "duplicate":
        return []
    a, b = conflict.record_id, conflict.other_id
    rows = conn.execute(
        select(t.c.id).where(
            t.c.kind == "duplicate",
            t.c.id != conflict.id,
            t.c.resolved_at.is_(None),
            or_(and_(t.c.record_id == a, t.c.other_id == b),
                and_(t.c.record_id == b, t.c.other_id == a)),
        )
    )  # fmt: skip
    return [r.id for r in rows]


def resolved_conflicts(conn: Connection, limit: int = 500) -> list[Conflict]:
    """Closed conflicts, the most recently resolved first."""
    rows = conn.execute(
        select(t)
        .where(t.c.resolved_at.is_not(None))
        .order_by(t.c.resolved_at.desc(), t.c.id)
        .limit(limit)
    ).mappings()
    return [Conflict(**dict(r)) for r in rows]


def all_conflicts(conn: Connection) -> list[Conflict]:
    rows = conn.execute(select(t).order_by(t.c.detected_at, t.c.id)).mappings()
    return [Conflict(**dict(r)) for r in rows]


def open_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(t).where(_listed())).scalar_one())


def get_conflict(conn: Connection, conflict_id: str) -> Conflict:
    found = find(conn, conflict_id)
    if found is None:
        raise RecordNotFound("No sync conflict with this id")
    return found


def find(conn: Connection, conflict_id: str) -> Conflict | None:
    row = conn.execute(select(t).where(t.c.id == conflict_id)).mappings().first()
    return None if row is None else Conflict(**dict(row))


def resolve(conn: Connection, conflict_id: str, given: Resolution) -> None:
    """Close an open conflict here (the caller queues it for the central store)."""
    found = conn.execute(
        select(t.c.resolutions).where(t.c.id == conflict_id, t.c.resolved_at.is_(None))
    ).first()
    if found is None:
        raise RecordNotFound("No open sync conflict with this id")
    history = [*resolutions_of({"resolutions": json.loads(found.resolutions)}), given]
    conn.execute(update(t).where(t.c.id == conflict_id).values(**_resolution_columns(history)))


def has_duplicate(conn: Connection, record_id: str, other_id: str) -> bool:
    row = conn.execute(
        select(t.c.id).where(
            t.c.kind == "duplicate",
            ((t.c.record_id == record_id) & (t.c.other_id == other_id))
            | ((t.c.record_id == other_id) & (t.c.other_id == record_id)),
        )
    ).first()
    return row is not None


# --- the synced document ----------------------------------------------------------------------


def read_body(conn: Connection, conflict_id: str) -> dict[str, Any] | None:
    """The conflict as its synced document's body, or None if it is not here."""
    row = conn.execute(select(t).where(t.c.id == conflict_id)).mappings().first()
    if row is None:
        return None
    body: dict[str, Any] = {"id": row["id"]}
    for name in FACTS:
        value = row[name]
        body[name] = value.isoformat() if isinstance(value, datetime) else value
    body["resolutions"] = [r.to_json() for r in Conflict(**dict(row)).history()]
    return body


def save_body(conn: Connection, body: dict[str, Any]) -> None:
    """Store a conflict's document, joined with the copy held here (if any).
    :class:`ValueError` if the body does not have a conflict's shape."""
    held = read_body(conn, str(body.get("id")))
    joined = join_bodies(held, body) if held is not None else join_bodies(body, body)
    row = _row_of(joined)
    stmt = upsert(t).values(**row)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[t.c.id], set_={k: v for k, v in row.items() if k != "id"}
        )
    )


def _row_of(body: dict[str, Any]) -> dict[str, Any]:
    try:
        row: dict[str, Any] = {"id": str(body["id"])}
        for name in FACTS:
            value = body[name]
            if name.endswith("_at"):
                value = datetime.fromisoformat(value) if value else None
            elif value is not None and not isinstance(value, str):
                raise ValueError(name)
            row[name] = value
        if row["detected_at"] is None or row["kind"] not in (
            "field",
            "delete",
            "duplicate",
            "ruleset",
        ):
            raise ValueError("kind")
        row.update(_resolution_columns(resolutions_of(body)))
    except (KeyError, TypeError, ValueError):
        raise ValueError("A sync conflict document does not have the expected shape") from None
    return row


def _resolution_columns(history: list[Resolution]) -> dict[str, Any]:
    history = sorted(set(history))
    chosen = final(history)
    return {
        "resolved_at": chosen.at if chosen else None,
        "resolution": chosen.resolution if chosen else None,
        "resolved_by": chosen.by if chosen else None,
        "resolutions": json.dumps([r.to_json() for r in history], sort_keys=True),
    }


__all__ = ["Conflict", "Resolution"]
