"""Administering staff accounts: unlock, disable, change role, inactivity, passwords."""

from __future__ import annotations

from datetime import datetime

from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import User
from seco_desktop.domain.reference import Role
from seco_desktop.security import keys as keyops
from seco_desktop.security.crypto import DEFAULT_ARGON2, Argon2Params
from seco_desktop.security.signin_guard import SignInGuard
from seco_desktop.services import audit, password_policy
from seco_desktop.services.audit import Action
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import INACTIVITY_LIMIT, Session
from seco_desktop.store import accounts
from seco_desktop.store import users as user_rows
from seco_desktop.store.errors import RecordNotFound


def unlock_user(session: Session, username: str) -> None:
    """Lift a lock from failed sign-ins: in the store and in the sign-in file here, and on the
    other workstations once synced (it clears every lock stamped before it)."""
    require(session, Permission.MANAGE_USERS)
    with session.store.write() as conn:
        user = user_rows.get_user(conn, username)
        accounts.unlock(conn, user.id, session.clock(), by=session.user.id)
        audit.record_in(conn, session, Action.ACCOUNT_UNLOCKED, record_id=user.id)
    SignInGuard(session.store.path).unlock(username)


def set_disabled(session: Session, username: str, disabled: bool) -> None:
    """Disable (every live session of the account ends at once) or enable an account; the
    decision reaches every workstation through the central store (the later one wins)."""
    require(session, Permission.MANAGE_USERS)
    now = session.clock()
    with session.store.write() as conn:
        user = user_rows.get_user(conn, username)
        accounts.decide_disabled(conn, user.id, disabled, now, by=session.user.id)
        if disabled:
            accounts.end_user_sessions(conn, user.id, now, "disabled")
        if not disabled:  # a fresh 35 days from now, or inactivity disables it again at once
            user_rows.record_sign_in(conn, user.id, now)
        audit.record_in(
            conn,
            session,
            Action.ACCOUNT_DISABLED,
            record_id=user.id,
            detail={"disabled": disabled},
        )


def set_role(session: Session, username: str, role: Role) -> None:
    """Change an account's role; its live sessions end so the new role applies at once."""
    require(session, Permission.MANAGE_USERS)
    with session.store.write() as conn:
        user = user_rows.get_user(conn, username)
        accounts.set_role(conn, user.id, role.value, by=session.user.id, now=session.clock())
        accounts.end_user_sessions(conn, user.id, session.clock(), "role_changed")
        audit.record_in(
            conn,
            session,
            Action.ROLE_CHANGE,
            record_id=user.id,
            detail={"from": user.role.value, "to": role.value},
        )


TEAM_MEMBER_ROLES = (Role.AGENT, Role.COACH)


def assign_team(session: Session, username: str, supervisor: str | None) -> None:
    """Put an agent or coach on a supervisor's team, or (``None``) on no team. A supervisor's
    audit view shows their team; an account on no team is seen by administrators only."""
    require(session, Permission.MANAGE_USERS)
    with session.store.write() as conn:
        user = user_rows.get_user(conn, username)
        if user.role not in TEAM_MEMBER_ROLES:
            raise ValidationError(
                (FieldError("user", "Only agents and coaches are put on a team"),)
            )
        lead_id: str | None = None
        if supervisor is not None:
            try:
                lead = user_rows.get_user(conn, supervisor)
            except RecordNotFound:
                raise ValidationError(
                    (FieldError("supervisor", "No account with this user name"),)
                ) from None
            if lead.role is not Role.SUPERVISOR:
                raise ValidationError(
                    (FieldError("supervisor", "A team's lead must have the supervisor role"),)
                )
            lead_id = lead.id
        user_rows.set_supervisor(conn, user.id, lead_id, by=session.user.id, now=session.clock())
        audit.record_in(conn, session, Action.TEAM_CHANGE, record_id=user.id,
                        detail={"supervisor": lead_id or ""})  # fmt: skip


def inactive_since(user: User) -> datetime:
    return user.last_sign_in_at or user.created_at


def disable_inactive_accounts(session: Session) -> list[str]:
    """Disable every staff account unused for 35 days or more; the user names disabled.

    Sign-in applies the same rule to the account signing in; this sweep catches the rest.
    Administrators are exempt (disabling the last one would leave only the recovery key).
    """
    require(session, Permission.MANAGE_USERS)
    now = session.clock()
    disabled: list[str] = []
    with session.store.write() as conn:
        for user in user_rows.list_users(conn):
            if user.disabled or user.role is Role.ADMINISTRATOR:
                continue
            if now - inactive_since(user) >= INACTIVITY_LIMIT:
                accounts.set_disabled(conn, user.id, True, "inactive")
                accounts.end_user_sessions(conn, user.id, now, "disabled")
                audit.record_in(
                    conn,
                    session,
                    Action.ACCOUNT_DISABLED,
                    record_id=user.id,
                    detail={"reason": "inactive"},
                )
                disabled.append(user.username)
    return disabled


def change_password(
    session: Session,
    old_password: str,
    new_password: str,
    *,
    argon2: Argon2Params = DEFAULT_ARGON2,
) -> None:
    """The signed-in user changes their own password (DoD rules, not one of the last five)."""
    session.ensure_active()
    password_policy.check(new_password, "new password")
    with session.store.write() as conn:
        password_policy.check_not_reused(conn, session.user.id, new_password)
        password_policy.remember(conn, session.user.id, new_password, argon2, session.clock())
        audit.record_in(conn, session, Action.PASSWORD_CHANGED, record_id=session.user.id)
        # The key file last, inside the transaction: if it fails, the history rolls back.
        keyops.change_password(
            session.key_path, session.user.username, old_password, new_password, argon2=argon2
        )
    session.must_change_password = False


def set_password_max_age(session: Session, days: int) -> None:
    require(session, Permission.MANAGE_USERS)
    with session.store.write() as conn:
        password_policy.set_max_age(conn, days)
        audit.record_in(conn, session, Action.PASSWORD_CHANGED, detail={"max_age_days": days})
