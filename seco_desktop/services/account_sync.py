"""After a sync: the sign-in file beside the store agrees with the store on every lock.

A lock can arrive from another workstation (sign-in here must refuse the account even before
trying its password), and an administrator's unlock can arrive for a lock the file holds (the
file must let the account in again). Locks still only in the file go into the store first, as
decisions of this workstation, so they are queued for the central store too. Each change the
sync brought to the file is audited here (``{"source": "sync"}``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from seco_desktop.security.signin_guard import SignInGuard
from seco_desktop.services import audit
from seco_desktop.services.audit import Action
from seco_desktop.services.session import Session
from seco_desktop.services.username_clash import Renamed
from seco_desktop.store import account_control, accounts
from seco_desktop.store import users as user_rows


def reconcile_sign_in_file(session: Session) -> tuple[list[str], list[str]]:
    """Make the sign-in file hold exactly the store's locks; (user names locked, unlocked)."""
    guard = SignInGuard(session.store.path)
    in_file = guard.load().locked
    to_lock: dict[str, datetime] = {}
    to_unlock: list[str] = []
    with session.store.write() as conn:
        for user in user_rows.list_users(conn):
            filed = in_file.get(user.username)
            if filed is not None:
                accounts.lock(conn, user.id, filed, "failed sign-ins", by=user.id)
            decisions = account_control.load(conn, user.id)
            if decisions.locked_at is not None and filed is None:
                to_lock[user.username] = decisions.locked_at
                audit.record_in(conn, session, Action.ACCOUNT_LOCKED, record_id=user.id,
                                detail={"source": "sync"})  # fmt: skip
            elif decisions.locked_at is None and filed is not None:
                to_unlock.append(user.username)
                audit.record_in(conn, session, Action.ACCOUNT_UNLOCKED, record_id=user.id,
                                detail={"source": "sync"})  # fmt: skip
    # Committed: now the file (a failure here is repaired by the next sync or sign-in).
    for username, at in to_lock.items():
        guard.lock(username, at)
    for username in to_unlock:
        guard.unlock(username)
    return sorted(to_lock), to_unlock


def carry_renames(store_path: Path, renamed: Iterable[Renamed]) -> None:
    """Failures and a lock the sign-in file counted against a name this workstation's account
    lost to another account (``services.username_clash``) move to its derived name."""
    guard = SignInGuard(store_path)
    for item in renamed:
        if item.in_place:
            guard.rename(item.old, item.new)
