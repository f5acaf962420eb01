"""An account's synced lock and disable decisions in ``account_state`` (``domain.account_control``).

:func:`save` writes a new state and makes the rest of the store agree with it: a lock or an
administrator's disable ends the account's live tokens, and a change of the disable decision
is mirrored into ``app_user.disabled`` (what sign-in and the tokens check). An account disabled
for inactivity is this workstation's own decision and is left alone unless an administrator's
decision changes. No outbox here: callers that make a local decision queue it
(``store.accounts``); decisions arriving from the central store are not queued again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, or_, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from seco_desktop.domain.account_control import AccountControl
from seco_desktop.store.schema import account_state as st
from seco_desktop.store.schema import app_user as ut
from seco_desktop.store.schema import staff_session as ss


def load(conn: Connection, user_id: str) -> AccountControl:
    row = conn.execute(
        select(st.c.locked_at, st.c.lock_reason, st.c.unlocked_at, st.c.disabled_at,
               st.c.enabled_at).where(st.c.user_id == user_id)
    ).first()  # fmt: skip
    if row is None:
        return AccountControl()
    return AccountControl(row.locked_at, row.lock_reason or "", row.unlocked_at,
                          row.disabled_at, row.enabled_at)  # fmt: skip


def exists(conn: Connection, user_id: str) -> bool:
    """Whether the account is known here (a decision may arrive before its account)."""
    return conn.execute(select(ut.c.id).where(ut.c.id == user_id)).first() is not None


def save(conn: Connection, user_id: str, new: AccountControl, at: datetime) -> bool:
    """Store ``new`` for the account; returns whether anything changed."""
    old = load(conn, user_id)
    if new == old:
        return False
    values = {
        "locked_at": new.locked_at, "lock_reason": new.lock_reason,
        "unlocked_at": new.unlocked_at, "disabled_at": new.disabled_at,
        "enabled_at": new.enabled_at,
    }  # fmt: skip
    if new.disabled != old.disabled:
        values["disabled_reason"] = "administrator" if new.disabled else ""
    stmt = upsert(st).values(user_id=user_id, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=[st.c.user_id], set_=values))
    if new.disabled != old.disabled:
        conn.execute(update(ut).where(ut.c.id == user_id).values(disabled=new.disabled))
        if not new.disabled and new.enabled_at is not None:
            # Enabled: a fresh 35 days from the enabling, or inactivity disables it again.
            conn.execute(
                update(ut)
                .where(ut.c.id == user_id,
                       or_(ut.c.last_sign_in_at.is_(None), ut.c.last_sign_in_at < new.enabled_at))
                .values(last_sign_in_at=new.enabled_at)
            )  # fmt: skip
    if (new.locked and not old.locked) or (new.disabled and not old.disabled):
        conn.execute(
            update(ss)
            .where(ss.c.user_id == user_id, ss.c.ended_at.is_(None))
            .values(ended_at=at, end_reason="locked" if new.locked else "disabled")
        )
    return True
