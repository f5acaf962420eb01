"""Key operations an administrator runs: rotation, a new recovery key, recovery sign-in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seco_desktop.security import keys as keyops
from seco_desktop.security.crypto import DEFAULT_ARGON2, Argon2Params
from seco_desktop.security.keyfile import key_file_path
from seco_desktop.security.signin_guard import SignInGuard
from seco_desktop.services import audit
from seco_desktop.services.audit import Action
from seco_desktop.services.clock import Clock, system_clock
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session, check_password
from seco_desktop.store import users as user_rows
from seco_desktop.store.errors import StoreError
from seco_desktop.store.store import Store


def _account_id(store_path: Path, keys: keyops.UnlockedKeys, username: str) -> str | None:
    """The id of the account ``username`` names in the store, for the new grant to name it
    (a grant naming no account is refused for a name sync took from an account); None when
    the store cannot tell (no such account yet, or the store is busy or damaged)."""
    try:
        with (
            Store.open(store_path, keys.material.store_keys_to_try()) as store,
            store.read() as conn,
        ):
            return user_rows.get_user(conn, username).id
    except (StoreError, OSError):
        return None


@dataclass(frozen=True, slots=True)
class RotationResult:
    data_key_version: int
    store_rekeyed: bool


def rotate_keys(session: Session) -> RotationResult:
    """A new data-key version for new payloads and a new SQLCipher key for the local file.

    Refused while another session has the store open. The key file learns the new store key
    first (the old one kept as previous), then the file is re-encrypted; an interruption in
    between is finished at the next sign-in.
    """
    require(session, Permission.MANAGE_KEYS)
    # Recorded first: if the audit cannot be written, no key changes.
    audit.record(session, Action.KEY_OPERATION, detail={"op": "rotate"})
    with session.store.exclusive():  # StoreLocked before anything changes if others have it
        keys = keyops.rotate_data_key(session.key_path, session.keys)
        keys = keyops.rotate_store_key(session.key_path, keys)
        session.store.rekey(keys.material.store_key)
    session.keys = keys
    return RotationResult(keys.material.current_data_version, store_rekeyed=True)


def new_recovery_key(session: Session) -> str:
    require(session, Permission.MANAGE_KEYS)
    audit.record(session, Action.KEY_OPERATION, detail={"op": "new_recovery_key"})
    return keyops.new_recovery_key(session.key_path, session.keys)


def reset_password_with_recovery(
    store_path: Path,
    recovery_text: str,
    username: str,
    new_password: str,
    *,
    argon2: Argon2Params = DEFAULT_ARGON2,
    clock: Clock = system_clock,
) -> None:
    """Nobody can sign in (forgotten password, person gone): the recovery key sets a new one.

    The store stays shut, so the event waits in the sign-in file and reaches the audit chain
    at the next sign-in.
    """
    check_password(new_password, "new password")
    key_path = key_file_path(store_path)
    keyops.reset_password_with_recovery(
        key_path, recovery_text, username, new_password, argon2=argon2,
        user_id=_account_id(store_path, keyops.unlock_with_recovery(key_path, recovery_text),
                            username),
    )  # fmt: skip
    SignInGuard(store_path).record_event(username, "recovery_reset", clock())
