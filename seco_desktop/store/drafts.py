"""Registration drafts in the local store: save (insert or replace), load, list, delete.

A draft belongs to the user who started it; every read and delete names that user, so another
user's draft is simply not found. The state is opaque text here (the service encodes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update

from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.schema import registration_draft as t

_NOT_FOUND = "No registration draft with this id for this user"


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """A line of the drafts list: no state, so no caller data."""

    id: str
    agent_id: str
    label: str
    created_at: datetime
    updated_at: datetime


def save_draft(
    conn: Connection, draft_id: str, agent_id: str, *, label: str, state: str, now: datetime
) -> None:
    """Insert the draft, or replace its state and label if this user already has it."""
    owner = conn.execute(select(t.c.agent_id).where(t.c.id == draft_id)).scalar()
    if owner is None:
        conn.execute(
            insert(t).values(
                id=draft_id, agent_id=agent_id, label=label, state=state,
                created_at=now, updated_at=now,
            )
        )  # fmt: skip
    elif owner == agent_id:
        conn.execute(
            update(t).where(t.c.id == draft_id).values(label=label, state=state, updated_at=now)
        )
    else:
        raise RecordNotFound(_NOT_FOUND)


def load_draft(conn: Connection, draft_id: str, agent_id: str) -> str:
    """The draft's state text."""
    state = conn.execute(
        select(t.c.state).where(t.c.id == draft_id, t.c.agent_id == agent_id)
    ).scalar()
    if state is None:
        raise RecordNotFound(_NOT_FOUND)
    return str(state)


def list_drafts(conn: Connection, agent_id: str) -> list[DraftInfo]:
    """The user's drafts, most recently saved first."""
    rows = conn.execute(
        select(t.c.id, t.c.agent_id, t.c.label, t.c.created_at, t.c.updated_at)
        .where(t.c.agent_id == agent_id)
        .order_by(t.c.updated_at.desc(), t.c.id)
    )
    return [DraftInfo(*row) for row in rows]


def delete_draft(conn: Connection, draft_id: str, agent_id: str) -> None:
    result = conn.execute(delete(t).where(t.c.id == draft_id, t.c.agent_id == agent_id))
    if result.rowcount == 0:
        raise RecordNotFound(_NOT_FOUND)
