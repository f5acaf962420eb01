"""Notes (append-only) and follow-ups of a spouse's case."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Connection, bindparam, insert, select, update

from seco_desktop.domain.models import FollowUp, Note
from seco_desktop.domain.reference import ContactType
from seco_desktop.store import outbox
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.schema import follow_up as fu
from seco_desktop.store.schema import note as nt
from seco_desktop.store.schema import spouse as sp


def _touch(conn: Connection, spouse_id: str, now: datetime) -> None:
    """Casework counts as activity: it keeps the record from retention's 3-year clock."""
    result = conn.execute(update(sp).where(sp.c.id == spouse_id).values(last_activity_at=now))
    if result.rowcount == 0:
        raise RecordNotFound("No spouse record with this id")


def set_last_activity(conn: Connection, when: dict[str, datetime]) -> None:
    """Bulk-load only (the demo): each record's last activity as its history says, not the
    time of loading, so retention sees a realistic spread."""
    if when:
        conn.execute(
            update(sp).where(sp.c.id == bindparam("rid")).values(last_activity_at=bindparam("at")),
            [{"rid": rid, "at": at} for rid, at in when.items()],
        )


def add_notes(conn: Connection, notes: Iterable[Note]) -> None:
    """Append notes (queued for sync under their authors)."""
    items = list(notes)
    rows = [dataclasses.asdict(n) | {"contact_type": n.contact_type.value} for n in items]
    if rows:
        conn.execute(insert(nt), rows)
        for author in {n.author for n in items}:
            mine = [n for n in items if n.author == author]
            outbox.track_new(conn, "note", [n.id for n in mine], author, mine[0].created_at)


def add_note(conn: Connection, note: Note) -> None:
    _touch(conn, note.spouse_id, note.created_at)
    add_notes(conn, [note])


def notes_for(
    conn: Connection, spouse_id: str, since: date | None = None, until: date | None = None
) -> list[Note]:
    """A spouse's notes, oldest first, optionally within [since, until]."""
    query = select(nt).where(nt.c.spouse_id == spouse_id)
    if since is not None:
        query = query.where(nt.c.created_at >= datetime.combine(since, datetime.min.time()))
    if until is not None:
        query = query.where(nt.c.created_at <= datetime.combine(until, datetime.max.time()))
    rows = conn.execute(query.order_by(nt.c.created_at, nt.c.id)).mappings()
    return [Note(**(dict(r) | {"contact_type": ContactType(r["contact_type"])})) for r in rows]


def add_follow_ups(conn: Connection, items: Iterable[FollowUp]) -> None:
    """Add follow-ups (queued for sync under who created them)."""
    listed = list(items)
    rows = [dataclasses.asdict(f) for f in listed]
    if rows:
        conn.execute(insert(fu), rows)
        for creator in {f.created_by for f in listed}:
            mine = [f for f in listed if f.created_by == creator]
            outbox.track_new(conn, "follow_up", [f.id for f in mine], creator, mine[0].created_at)


def add_follow_up(conn: Connection, item: FollowUp) -> None:
    _touch(conn, item.spouse_id, item.created_at)
    add_follow_ups(conn, [item])


def complete_follow_up(conn: Connection, follow_up_id: str, now: datetime, *, by: str = "") -> None:
    outbox.track(conn, "follow_up", follow_up_id, "update", by, now)
    result = conn.execute(
        update(fu)
        .where(fu.c.id == follow_up_id, fu.c.done.is_(False))
        .values(done=True, done_at=now)
    )
    if result.rowcount == 0:
        raise RecordNotFound("No open follow-up with this id")


def follow_ups_for(conn: Connection, spouse_id: str) -> list[FollowUp]:
    rows = conn.execute(
        select(fu).where(fu.c.spouse_id == spouse_id).order_by(fu.c.due_date, fu.c.id)
    ).mappings()
    return [FollowUp(**dict(r)) for r in rows]


def due_follow_ups(conn: Connection, assignee: str, on: date) -> list[FollowUp]:
    """Open follow-ups of ``assignee`` due on or before ``on`` (today and overdue)."""
    rows = conn.execute(
        select(fu)
        .where(fu.c.assignee == assignee, fu.c.done.is_(False), fu.c.due_date <= on)
        .order_by(fu.c.due_date, fu.c.id)
    ).mappings()
    return [FollowUp(**dict(r)) for r in rows]
