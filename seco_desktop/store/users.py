"""Staff accounts (the people who sign in), not the spouses."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select, update

from seco_desktop.domain.models import User
from seco_desktop.domain.reference import Role
from seco_desktop.store import outbox
from seco_desktop.store.errors import DuplicateRecord, RecordNotFound
from seco_desktop.store.schema import app_user as t


def _user(row: dict[str, object]) -> User:
    return User(**(row | {"role": Role(str(row["role"]))}))  # type: ignore[arg-type]


def add_user(conn: Connection, user: User, *, by: str = "") -> None:
    if conn.execute(select(t.c.id).where(t.c.username == user.username)).first():
        raise DuplicateRecord("A user with this user name already exists")
    outbox.track(conn, "app_user", user.id, "create", by, user.created_at)
    conn.execute(insert(t).values(**(dataclasses.asdict(user) | {"role": user.role.value})))


def get_user(conn: Connection, username: str) -> User:
    row = conn.execute(select(t).where(t.c.username == username)).mappings().first()
    if row is None:
        raise RecordNotFound("No user with this user name")
    return _user(dict(row))


def list_users(conn: Connection) -> list[User]:
    rows = conn.execute(select(t).order_by(t.c.username)).mappings()
    return [_user(dict(r)) for r in rows]


def record_sign_in(conn: Connection, user_id: str, now: datetime) -> datetime | None:
    """Stamp a successful sign-in; returns the previous one (shown to the user)."""
    previous = conn.execute(select(t.c.last_sign_in_at).where(t.c.id == user_id)).scalar()
    conn.execute(update(t).where(t.c.id == user_id).values(last_sign_in_at=now))
    return previous


def set_supervisor(
    conn: Connection, user_id: str, supervisor_id: str | None, *, by: str, now: datetime
) -> None:
    """Put an account on a supervisor's team (or on none); synced with the account."""
    outbox.track(conn, "app_user", user_id, "update", by, now)
    result = conn.execute(update(t).where(t.c.id == user_id).values(supervisor_id=supervisor_id))
    if result.rowcount == 0:
        raise RecordNotFound("No user with this id")


def set_disabled(
    conn: Connection, username: str, disabled: bool, *, now: datetime | None = None
) -> None:
    user_id = conn.execute(select(t.c.id).where(t.c.username == username)).scalar()
    if user_id is not None:
        when = now or datetime.now(UTC).replace(tzinfo=None)
        outbox.track(conn, "app_user", user_id, "update", "", when)
    result = conn.execute(update(t).where(t.c.username == username).values(disabled=disabled))
    if result.rowcount == 0:
        raise RecordNotFound("No user with this user name")


def name_holder(conn: Connection, username: str, *, other_than: str) -> User | None:
    """The account (other than ``other_than``) holding ``username`` here, if any."""
    row = (
        conn.execute(select(t).where(t.c.username == username, t.c.id != other_than))
        .mappings()
        .first()
    )
    return None if row is None else _user(dict(row))


def name_taken(conn: Connection, username: str, *, other_than: str) -> bool:
    return name_holder(conn, username, other_than=other_than) is not None


def rename_synced(
    conn: Connection, user_id: str, username: str, renamed_from: str, now: datetime
) -> None:
    """Give an account the derived name sync chose (``domain.usernames``); queued for the
    central store like any edit of the account, so every workstation gets the same name."""
    outbox.track(conn, "app_user", user_id, "update", "", now)
    conn.execute(
        update(t).where(t.c.id == user_id).values(username=username, renamed_from=renamed_from)
    )


def names_by_id(conn: Connection) -> dict[str, str]:
    """Every account's current user name, by id."""
    return {str(r.id): str(r.username) for r in conn.execute(select(t.c.id, t.c.username))}


def lost_names(conn: Connection) -> set[str]:
    """The user names accounts were renamed from by sync (another account kept each)."""
    rows = conn.execute(select(t.c.renamed_from).where(t.c.renamed_from.is_not(None)))
    return {str(name) for name in rows.scalars()}
