"""Sign-in state of staff accounts: locks, password age and history, live session tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from seco_desktop.domain.account_control import AccountControl
from seco_desktop.store import account_control as control
from seco_desktop.store import outbox
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.schema import account_state as st
from seco_desktop.store.schema import app_user as ut
from seco_desktop.store.schema import password_history as ph
from seco_desktop.store.schema import staff_session as ss

HISTORY_KEPT = 5


@dataclass(frozen=True, slots=True)
class AccountState:
    locked_at: datetime | None
    password_changed_at: datetime | None
    disabled_reason: str


@dataclass(frozen=True, slots=True)
class PasswordDigest:
    salt: bytes
    digest: bytes
    memory_kib: int
    iterations: int
    lanes: int


def _upsert(conn: Connection, user_id: str, **values: object) -> None:
    stmt = upsert(st).values(user_id=user_id, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=[st.c.user_id], set_=values))


def state(conn: Connection, user_id: str) -> AccountState:
    row = conn.execute(select(st).where(st.c.user_id == user_id)).mappings().first()
    if row is None:
        return AccountState(None, None, "")
    return AccountState(row["locked_at"], row["password_changed_at"], row["disabled_reason"])


def set_locked(conn: Connection, user_id: str, at: datetime | None, reason: str = "") -> None:
    _upsert(conn, user_id, locked_at=at, lock_reason=reason)


ACCOUNT_DOC = "account_state"  # the synced document of an account's decisions (sync_tables)


def decide(conn: Connection, user_id: str, new: AccountControl, *, by: str, at: datetime) -> bool:
    """A decision made on this workstation (lock, unlock, disable, enable): stored, and queued
    for the central store if it changed anything. Returns whether it did."""
    if new == control.load(conn, user_id):
        return False
    outbox.track(conn, ACCOUNT_DOC, user_id, "update", by, at)
    return control.save(conn, user_id, new, at)


def lock(conn: Connection, user_id: str, at: datetime, reason: str, *, by: str = "") -> bool:
    """Lock the account as of ``at`` (unless an unlock at least as new is known)."""
    return decide(conn, user_id, control.load(conn, user_id).lock(at, reason), by=by, at=at)


def unlock(conn: Connection, user_id: str, at: datetime, *, by: str) -> None:
    """An administrator's unlock: clears every lock stamped before it. A lock stamped at the
    same instant would win the tie, so the unlock is then stamped just after the lock it lifts."""
    current = control.load(conn, user_id)
    if current.locked_at is not None and current.locked_at >= at:
        at = current.locked_at + timedelta(microseconds=1)
    decide(conn, user_id, current.unlock(at), by=by, at=at)


def decide_disabled(
    conn: Connection, user_id: str, disabled: bool, at: datetime, *, by: str
) -> None:
    """An administrator disables or enables the account (everywhere, once synced)."""
    if not exists_user(conn, user_id):
        raise RecordNotFound("No user with this id")
    current = control.load(conn, user_id)
    newest = max((t for t in (current.disabled_at, current.enabled_at) if t), default=None)
    if newest is not None and newest >= at:  # a decision this instant: this one comes after
        at = newest + timedelta(microseconds=1)
    changed = decide(conn, user_id, current.set_disabled(disabled, at), by=by, at=at)
    if not changed or current.disabled == disabled:
        # The decision stands as it was; the local flag follows it (an account disabled for
        # inactivity is enabled by the administrator's enable all the same).
        conn.execute(update(ut).where(ut.c.id == user_id).values(disabled=disabled))
        _upsert(conn, user_id, disabled_reason="administrator" if disabled else "")


def exists_user(conn: Connection, user_id: str) -> bool:
    return control.exists(conn, user_id)


def set_password_changed(conn: Connection, user_id: str, at: datetime) -> None:
    _upsert(conn, user_id, password_changed_at=at)


def set_disabled(conn: Connection, user_id: str, disabled: bool, reason: str = "") -> None:
    result = conn.execute(update(ut).where(ut.c.id == user_id).values(disabled=disabled))
    if result.rowcount == 0:
        raise RecordNotFound("No user with this id")
    _upsert(conn, user_id, disabled_reason=reason if disabled else "")


def set_role(conn: Connection, user_id: str, role: str, *, by: str, now: datetime) -> None:
    """Change the role; queued, so it reaches every workstation (the user's document)."""
    outbox.track(conn, "app_user", user_id, "update", by, now)
    result = conn.execute(update(ut).where(ut.c.id == user_id).values(role=role))
    if result.rowcount == 0:
        raise RecordNotFound("No user with this id")


def add_password(conn: Connection, user_id: str, d: PasswordDigest, at: datetime) -> None:
    """Remember a password's digest, keeping only the newest :data:`HISTORY_KEPT`."""
    conn.execute(
        insert(ph).values(
            user_id=user_id,
            salt=d.salt,
            digest=d.digest,
            memory_kib=d.memory_kib,
            iterations=d.iterations,
            lanes=d.lanes,
            set_at=at,
        )
    )
    keep = select(ph.c.id).where(ph.c.user_id == user_id).order_by(ph.c.id.desc())
    conn.execute(
        delete(ph).where(
            ph.c.user_id == user_id, ph.c.id.not_in(keep.limit(HISTORY_KEPT).scalar_subquery())
        )
    )


def recent_passwords(conn: Connection, user_id: str) -> list[PasswordDigest]:
    rows = conn.execute(
        select(ph).where(ph.c.user_id == user_id).order_by(ph.c.id.desc()).limit(HISTORY_KEPT)
    ).mappings()
    return [
        PasswordDigest(r["salt"], r["digest"], r["memory_kib"], r["iterations"], r["lanes"])
        for r in rows
    ]


def start_session(conn: Connection, token_hash: str, user_id: str, at: datetime) -> None:
    conn.execute(insert(ss).values(token_hash=token_hash, user_id=user_id, started_at=at))


def end_session(conn: Connection, token_hash: str, at: datetime, reason: str) -> None:
    conn.execute(
        update(ss)
        .where(ss.c.token_hash == token_hash, ss.c.ended_at.is_(None))
        .values(ended_at=at, end_reason=reason)
    )


def end_user_sessions(conn: Connection, user_id: str, at: datetime, reason: str) -> int:
    result = conn.execute(
        update(ss)
        .where(ss.c.user_id == user_id, ss.c.ended_at.is_(None))
        .values(ended_at=at, end_reason=reason)
    )
    return result.rowcount


def session_alive(conn: Connection, token_hash: str) -> bool:
    """Token not ended, account neither disabled nor locked."""
    row = conn.execute(
        select(ss.c.token_hash)
        .join(ut, ut.c.id == ss.c.user_id)
        .outerjoin(st, st.c.user_id == ss.c.user_id)
        .where(
            ss.c.token_hash == token_hash,
            ss.c.ended_at.is_(None),
            ut.c.disabled.is_(False),
            st.c.locked_at.is_(None),
        )
    ).first()
    return row is not None
