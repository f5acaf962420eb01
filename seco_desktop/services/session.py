"""Create a store, sign in (unlock the keys, open the store), and the signed-in session.

The store file and its key file live side by side: ``office.seco`` and ``office.seco.keys``.
Signing in derives the user's key-encryption key with Argon2id, unwraps the store key and
opens the SQLCipher file with it; nothing readable is written anywhere on the way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path

from sqlalchemy import Connection

from seco_desktop.domain.eligibility import RuleBook, load_ruleset_json
from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import User, new_id
from seco_desktop.domain.reference import Role
from seco_desktop.domain.validation import validate_user_fields
from seco_desktop.security import keys as keyops
from seco_desktop.security.audit_chain import AuditDraft
from seco_desktop.security.crypto import DEFAULT_ARGON2, Argon2Params, forget_cached_keys
from seco_desktop.security.errors import SecurityError, UnlockFailed
from seco_desktop.security.keyfile import key_file_path
from seco_desktop.security.signin_guard import PendingEvent, SignInGuard
from seco_desktop.services import audit, password_policy
from seco_desktop.services.clock import Clock, system_clock
from seco_desktop.services.permissions import Permission, require
from seco_desktop.store import accounts
from seco_desktop.store import rulesets as ruleset_rows
from seco_desktop.store import users as user_rows
from seco_desktop.store.errors import RecordNotFound, StoreLocked
from seco_desktop.store.meta import get_meta, set_meta
from seco_desktop.store.store import Store

MIN_PASSWORD_LENGTH = password_policy.MIN_LENGTH
#: Staff accounts not used for this long are disabled (administrators excepted, see below).
INACTIVITY_LIMIT = timedelta(days=35)


class AccountDisabled(UnlockFailed):
    def __init__(self) -> None:
        super().__init__("This account is disabled; ask an administrator")


class AccountLocked(UnlockFailed):
    def __init__(self) -> None:
        super().__init__(
            "This account is locked after too many failed sign-ins; ask an administrator"
        )


class SessionEnded(SecurityError):
    """The session's token is dead: signed out, locked, or the account disabled or locked."""

    def __init__(self) -> None:
        super().__init__("This session has ended; sign in again")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


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
    must_change_password: bool = False
    ended: bool = False

    @property
    def role(self) -> Role:
        return self.user.role

    @property
    def key_path(self) -> Path:
        return key_file_path(self.store.path)

    @cached_property
    def audit_key(self) -> bytes:
        return audit.audit_key_for(self.keys.material.index_key)

    def ensure_active(self) -> None:
        """:class:`SessionEnded` unless the token is alive and the account usable."""
        if self.ended:
            raise SessionEnded()
        with self.store.read() as conn:
            alive = accounts.session_alive(conn, _token_hash(self.token))
        if not alive or SignInGuard(self.store.path).is_locked(self.user.username):
            self.ended = True
            raise SessionEnded()

    def close(self) -> None:
        self.store.close()
        forget_cached_keys()


def is_demo_store(session: Session) -> bool:
    """Whether the store holds the generator's synthetic records (the window title says so)."""
    with session.store.read() as conn:
        return get_meta(conn, "demo") == "true"


def check_password(password: str, field_name: str = "password") -> None:
    """The DoD rules: at least 15 characters with upper, lower, digit and special."""
    password_policy.check(password, field_name)


def _check_new_user(username: str, display_name: str, password: str) -> None:
    problems = list(validate_user_fields(username, display_name))
    missing = password_policy.problems(password)
    if missing:
        problems.append(FieldError("password", "Password needs " + ", ".join(missing)))
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
    admin_id = new_id()
    unlocked, recovery_text = keyops.create_key_file(
        key_path,
        store_id=store_id,
        admin_username=admin_username,
        admin_password=admin_password,
        argon2=argon2,
        admin_user_id=admin_id,
    )
    try:
        with (
            Store.open(path, [unlocked.material.store_key], create=True) as store,
            store.write() as conn,
        ):
            now = clock()
            set_meta(conn, "store_id", store_id)
            set_meta(conn, "created_at", now.isoformat())
            admin = User(admin_username, admin_display_name, Role.ADMINISTRATOR, now, id=admin_id)
            user_rows.add_user(conn, admin)
            password_policy.remember(conn, admin.id, admin_password, argon2, now)
            draft = AuditDraft(
                now, admin.id, admin.username, admin.role.value, audit.Action.USER_ADDED.value,
                "", audit.Outcome.OK.value, '{"created_store":true}',
            )  # fmt: skip
            audit.append_draft(conn, audit.audit_key_for(unlocked.material.index_key), draft)
    except BaseException:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), key_path):
            leftover.unlink(missing_ok=True)
        raise
    return recovery_text


_GUARD_EVENTS = {
    "failure": (audit.Action.SIGN_IN_FAILED, audit.Outcome.FAILED),
    "locked": (audit.Action.ACCOUNT_LOCKED, audit.Outcome.OK),
    "refused_locked": (audit.Action.SIGN_IN_FAILED, audit.Outcome.DENIED),
    "file_damaged": (audit.Action.SIGN_IN_FAILED, audit.Outcome.FAILED),
    "recovery_reset": (audit.Action.KEY_OPERATION, audit.Outcome.OK),
}


def sign_in(path: Path, username: str, password: str, *, clock: Clock = system_clock) -> Session:
    """Unlock the keys with the user's password and open the store as that user.

    A locked account is refused before its password is tried. A wrong password counts toward
    the lock (three within 15 minutes); the failure reaches the audit chain at the next sign-in
    (the store cannot be opened without a right password).
    """
    guard = SignInGuard(path)
    now = clock()
    if guard.is_locked(username):
        guard.record_refusal(username, now)
        raise AccountLocked()
    try:
        unlocked = keyops.unlock(key_file_path(path), username, password)
    except UnlockFailed:
        if guard.record_failure(username, now):
            raise AccountLocked() from None
        raise
    store = Store.open(path, unlocked.material.store_keys_to_try())
    try:
        session = _open_session(store, guard, unlocked, username, clock)
        if store.opened_with_previous_key:
            _finish_interrupted_rekey(store, unlocked.material.store_key)
    except BaseException:
        store.close()
        raise
    if unlocked.user_id is None:  # a grant from before grants named their account
        with contextlib.suppress(SecurityError):  # tried again at the next sign-in
            keyops.name_grant_owner(
                key_file_path(path), unlocked, username, password, session.user.id
            )
    return session


def grant_fits(conn: Connection, grant_owner: str | None, user: User) -> bool:
    """Whether the grant that opened the keys may sign in as ``user``: it names that account,
    or (made before grants named accounts) its name is not one sync took from an account, where
    the grant might open with the renamed person's password (docs/admin-guide.md)."""
    if grant_owner is not None:
        return grant_owner == user.id
    return user.username not in user_rows.lost_names(conn)


def _open_session(
    store: Store, guard: SignInGuard, unlocked: keyops.UnlockedKeys, username: str, clock: Clock
) -> Session:
    now = clock()
    key = audit.audit_key_for(unlocked.material.index_key)
    refusal: UnlockFailed | None = None
    with store.write() as conn:
        pending = guard.take_pending()
        _fold_guard_events(conn, key, pending, still_locked=guard.locked_names())
        try:
            user = user_rows.get_user(conn, username)
        except RecordNotFound:
            raise UnlockFailed() from None
        if not grant_fits(conn, unlocked.user_id, user):
            raise UnlockFailed()
        state = accounts.state(conn, user.id)
        last_use = user.last_sign_in_at or user.created_at
        if state.locked_at is not None:
            guard.lock(username, state.locked_at)
            refusal = AccountLocked()
        elif user.disabled:
            refusal = AccountDisabled()
        elif user.role is not Role.ADMINISTRATOR and now - last_use >= INACTIVITY_LIMIT:
            # Administrators are exempt: disabling the last one would leave only the recovery key.
            accounts.set_disabled(conn, user.id, True, "inactive")
            accounts.end_user_sessions(conn, user.id, now, "disabled")
            _draft(
                conn,
                key,
                user,
                audit.Action.ACCOUNT_DISABLED,
                at=now,
                detail={"reason": "inactive"},
            )
            refusal = AccountDisabled()
        if refusal is not None:
            _draft(
                conn,
                key,
                user,
                audit.Action.SIGN_IN,
                at=now,
                detail={},
                outcome=audit.Outcome.DENIED,
            )
        else:
            previous = user_rows.record_sign_in(conn, user.id, now)
            rulebook = rulebook_from(ruleset_rows.stored_ruleset_bodies(conn))
            session = Session(store, user, unlocked, clock, previous, rulebook)
            accounts.start_session(conn, _token_hash(session.token), user.id, now)
            session.must_change_password = password_policy.expired(
                state.password_changed_at, password_policy.max_age(conn), now
            )
            _draft(conn, key, user, audit.Action.SIGN_IN, at=now, detail={})
    # Committed: the pending events are in the chain now, so the file may forget them.
    guard.drop_pending(pending)
    if refusal is not None:
        raise refusal
    guard.clear_failures(username)
    return session


def _draft(
    conn: Connection,
    key: bytes,
    user: User,
    action: audit.Action,
    *,
    at: datetime,
    detail: dict[str, str],
    outcome: audit.Outcome = audit.Outcome.OK,
) -> None:
    audit.append_draft(
        conn,
        key,
        AuditDraft(
            at, user.id, user.username, user.role.value, action.value, "", outcome.value,
            json.dumps(detail, sort_keys=True, separators=(",", ":")),
        ),
    )  # fmt: skip


def _fold_guard_events(
    conn: Connection, key: bytes, pending: list[PendingEvent], *, still_locked: set[str]
) -> None:
    """Move sign-in events recorded while the store was shut into the chain, and mirror the
    locks still in force into the store (one an administrator lifted meanwhile stays lifted)."""
    for event in pending:
        action, outcome = _GUARD_EVENTS.get(event.event, _GUARD_EVENTS["failure"])
        user_id, role = "", ""
        try:
            user = user_rows.get_user(conn, event.username)
            user_id, role = user.id, user.role.value
        except RecordNotFound:
            pass  # an unknown user name: recorded as typed, with no id
        if event.event == "locked" and user_id and event.username in still_locked:
            # Queued for the central store: the lock holds on every workstation once synced.
            accounts.lock(conn, user_id, event.at, "failed sign-ins", by=user_id)
        at = event.at if event.at != datetime.min else _latest(pending)
        detail = {
            "file_damaged": '{"file":"damaged"}',
            "recovery_reset": '{"op":"recovery_password_reset"}',
        }.get(event.event, "{}")
        audit.append_draft(
            conn,
            key,
            AuditDraft(at, user_id, event.username[:32], role, action.value, "", outcome.value,
                       detail),
        )  # fmt: skip


def _latest(pending: list[PendingEvent]) -> datetime:
    """A time for an event that has none (a damaged file): the latest known one."""
    known = [p.at for p in pending if p.at != datetime.min]
    return max(known) if known else datetime(1970, 1, 1)


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
    require(session, Permission.MANAGE_USERS)
    _check_new_user(username, display_name, password)
    now = session.clock()
    user = User(username, display_name, role, now)
    with session.store.write() as conn:
        user_rows.add_user(conn, user, by=session.user.id)
        password_policy.remember(conn, user.id, password, argon2, now)
        audit.record_in(
            conn, session, audit.Action.USER_ADDED, record_id=user.id, detail={"role": role.value}
        )
        # The grant is written last, inside the transaction: if it fails the row rolls back.
        keyops.add_grant(
            session.key_path, session.keys, username, password, argon2=argon2, user_id=user.id
        )
    # Failed attempts on this name before it existed must not lock the new account.
    SignInGuard(session.store.path).unlock(username)
    return user


def list_users(session: Session) -> list[User]:
    require(session, Permission.MANAGE_USERS)
    with session.store.read() as conn:
        return user_rows.list_users(conn)


def sign_out(session: Session) -> None:
    """End the session's token (audited) and close the store."""
    if not session.ended:
        now = session.clock()
        with session.store.write() as conn:
            accounts.end_session(conn, _token_hash(session.token), now, "signed_out")
            audit.record_in(conn, session, audit.Action.SIGN_OUT)
        session.ended = True
    session.close()


def lock_session(session: Session, reason: str = "idle") -> None:
    """The idle lock: the token dies now; :func:`unlock_session` needs the password again."""
    if session.ended:
        return
    with session.store.write() as conn:
        accounts.end_session(conn, _token_hash(session.token), session.clock(), reason)
        audit.record_in(conn, session, audit.Action.SESSION_LOCKED, detail={"reason": reason})
    session.ended = True


def unlock_session(session: Session, password: str) -> None:
    """Resume a locked session with the password: a new token, never the old one.

    A wrong password counts toward the account lock exactly as at sign-in.
    """
    guard = SignInGuard(session.store.path)
    username = session.user.username
    now = session.clock()
    if guard.is_locked(username):
        guard.record_refusal(username, now)
        raise AccountLocked()
    try:
        keyops.unlock(session.key_path, username, password)
    except UnlockFailed:
        locked = guard.record_failure(username, now)
        audit.record(session, audit.Action.SESSION_UNLOCKED, outcome=audit.Outcome.FAILED)
        if locked:
            raise AccountLocked() from None
        raise
    with session.store.write() as conn:
        user = user_rows.get_user(conn, username)
        if user.disabled or accounts.state(conn, user.id).locked_at is not None:
            audit.record_in(conn, session, audit.Action.SESSION_UNLOCKED,
                            outcome=audit.Outcome.DENIED)  # fmt: skip
            refused = True
        else:
            session.token = secrets.token_hex(16)
            accounts.start_session(conn, _token_hash(session.token), user.id, now)
            audit.record_in(conn, session, audit.Action.SESSION_UNLOCKED)
            refused = False
    if refused:
        raise AccountDisabled()
    guard.clear_failures(username)
    session.ended = False


def end_sessions_of(conn: Connection, user_id: str, at: datetime, reason: str) -> int:
    """Kill every live token of a user (disabled, locked, role changed)."""
    return accounts.end_user_sessions(conn, user_id, at, reason)
