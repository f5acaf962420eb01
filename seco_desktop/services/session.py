"""Create a store, sign in (unlock the keys, open the store), and the signed-in session.

The store file and its key file live side by side: ``office.seco`` and ``office.seco.keys``.
Signing in derives the user's key-encryption key with Argon2id, unwraps the store key and
opens the SQLCipher file with it; nothing readable is written anywhere on the way.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from seco_desktop.domain.eligibility import RuleBook, load_ruleset_json
from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import User, new_id
from seco_desktop.domain.reference import Role
from seco_desktop.domain.validation import validate_user_fields
from seco_desktop.security import keys as keyops
from seco_desktop.security.crypto import DEFAULT_ARGON2, Argon2Params
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.security.keyfile import key_file_path
from seco_desktop.services.clock import Clock, system_clock
from seco_desktop.services.permissions import Permission, require
from seco_desktop.store import rulesets as ruleset_rows
from seco_desktop.store import users as user_rows
from seco_desktop.store.errors import RecordNotFound, StoreLocked
from seco_desktop.store.meta import get_meta, set_meta
from seco_desktop.store.store import Store

MIN_PASSWORD_LENGTH = 15  # DoD minimum; the full composition policy comes with sign-in policy


class AccountDisabled(UnlockFailed):
    def __init__(self) -> None:
        super().__init__("This account is disabled; ask an administrator")


@dataclass
class Session:
    """A signed-in user with the open store. Services take it as their first argument."""

    store: Store
    user: User
    keys: keyops.UnlockedKeys
    clock: Clock
    previous_sign_in: datetime | None
    rulebook: RuleBook
    token: str = field(default_factory=lambda: secrets.token_hex(16))  # 128-bit, per sign-in

    @property
    def role(self) -> Role:
        return self.user.role

    @property
    def key_path(self) -> Path:
        return key_file_path(self.store.path)

    def close(self) -> None:
        self.store.close()


def is_demo_store(session: Session) -> bool:
    """Whether the store holds the generator's synthetic records (the window title says so)."""
    with session.store.read() as conn:
        return get_meta(conn, "demo") == "true"


def check_password(password: str, field_name: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            (
                FieldError(
                    field_name,
                    f"Password must be at least {MIN_PASSWORD_LENGTH} characters; "
                    f"{len(password)} were entered",
                ),
            )
        )


def _check_new_user(username: str, display_name: str, password: str) -> None:
    problems = list(validate_user_fields(username, display_name))
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            FieldError("password", f"Password must be at least {MIN_PASSWORD_LENGTH} characters")
        )
    if problems:
        raise ValidationError(tuple(problems))


def create_store(
    path: Path,
    *,
    admin_username: str,
    admin_display_name: str,
    admin_password: str,
    clock: Clock = system_clock,
    argon2: Argon2Params = DEFAULT_ARGON2,
) -> str:
    """Create the key file, the store and its first administrator; returns the recovery key.

    Nothing existing is overwritten. If creating the store fails after the key file was
    written, the key file is removed again so the next attempt starts clean.
    """
    _check_new_user(admin_username, admin_display_name, admin_password)
    key_path = key_file_path(path)
    if path.exists() or key_path.exists():
        raise FileExistsError("A store or key file already exists there; nothing was changed")
    path.parent.mkdir(parents=True, exist_ok=True)
    store_id = new_id()
    unlocked, recovery_text = keyops.create_key_file(
        key_path,
        store_id=store_id,
        admin_username=admin_username,
        admin_password=admin_password,
        argon2=argon2,
    )
    try:
        with (
            Store.open(path, [unlocked.material.store_key], create=True) as store,
            store.write() as conn,
        ):
            set_meta(conn, "store_id", store_id)
            set_meta(conn, "created_at", clock().isoformat())
            user_rows.add_user(
                conn,
                User(admin_username, admin_display_name, Role.ADMINISTRATOR, clock()),
            )
    except BaseException:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), key_path):
            leftover.unlink(missing_ok=True)
        raise
    return recovery_text


def sign_in(path: Path, username: str, password: str, *, clock: Clock = system_clock) -> Session:
    """Unlock the keys with the user's password and open the store as that user."""
    unlocked = keyops.unlock(key_file_path(path), username, password)
    store = Store.open(path, unlocked.material.store_keys_to_try())
    try:
        with store.write() as conn:
            try:
                user = user_rows.get_user(conn, username)
            except RecordNotFound:
                raise UnlockFailed() from None
            if user.disabled:
                raise AccountDisabled()
            previous = user_rows.record_sign_in(conn, user.id, clock())
            rulebook = rulebook_from(ruleset_rows.stored_ruleset_bodies(conn))
        if store.opened_with_previous_key:
            _finish_interrupted_rekey(store, unlocked.material.store_key)
    except BaseException:
        store.close()
        raise
    return Session(store, user, unlocked, clock, previous, rulebook)


def _finish_interrupted_rekey(store: Store, current_key: bytes) -> None:
    """A rotation saved the new key but did not re-encrypt the file: finish it now, unless
    another session has the store open (then a later sign-in finishes it)."""
    try:
        with store.exclusive():
            store.rekey(current_key)
    except StoreLocked:
        return


def rulebook_from(stored_bodies: list[str]) -> RuleBook:
    """The built-in rule sets plus those an administrator stored, in effective order."""
    book = RuleBook.builtin()
    for body in stored_bodies:
        book = book.with_ruleset(load_ruleset_json(body))
    return book


def add_user(
    session: Session,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    *,
    argon2: Argon2Params = DEFAULT_ARGON2,
) -> User:
    """An administrator adds a staff account: a row in the store and a key grant."""
    require(session.role, Permission.MANAGE_USERS)
    _check_new_user(username, display_name, password)
    user = User(username, display_name, role, session.clock())
    with session.store.write() as conn:
        user_rows.add_user(conn, user, by=session.user.id)
        # The grant is written last, inside the transaction: if it fails the row rolls back.
        keyops.add_grant(session.key_path, session.keys, username, password, argon2=argon2)
    return user


def list_users(session: Session) -> list[User]:
    require(session.role, Permission.MANAGE_USERS)
    with session.store.read() as conn:
        return user_rows.list_users(conn)
