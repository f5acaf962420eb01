"""Staff accounts as an administrator sees them: role, whether the account can sign in, and why
not (locked by failed sign-ins, disabled by an administrator or by 35 days of inactivity), and
whether sync renamed it (the same user name was added on another workstation; the person signs
in with the new name from then on)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from seco_desktop.domain.reference import Role
from seco_desktop.security.signin_guard import SignInGuard
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session
from seco_desktop.store import accounts
from seco_desktop.store import users as user_rows


@dataclass(frozen=True, slots=True)
class StaffAccount:
    username: str
    display_name: str
    role: Role
    last_sign_in_at: datetime | None
    locked: bool
    locked_at: datetime | None
    disabled: bool
    disabled_reason: str  # "administrator", "inactive", or "" when not disabled
    team_of: str = ""  # the supervisor's user name, for an agent or coach in a team
    renamed_from: str = ""  # the user name sync took from it (another account kept it)

    @property
    def status(self) -> str:
        """One phrase for a list: why the account cannot sign in, or that it can; and a rename
        by sync, which the administrator tells the person about."""
        if self.renamed_from:
            return f"{self._sign_in_status}; renamed by sync from {self.renamed_from}"
        return self._sign_in_status

    @property
    def _sign_in_status(self) -> str:
        if self.disabled:
            why = {"inactive": "unused for 35 days", "administrator": "by an administrator"}
            return f"Disabled ({why.get(self.disabled_reason, 'by an administrator')})"
        if self.locked:
            when = f" since {self.locked_at:%m/%d/%Y %H:%M} UTC" if self.locked_at else ""
            return f"Locked after failed sign-ins{when}"
        return "Active"


def staff_accounts(session: Session) -> list[StaffAccount]:
    """Every account, by user name. A lock counts whether it is in the store or only in the
    sign-in file (failures on this workstation not yet folded into the store)."""
    require(session, Permission.MANAGE_USERS)
    locked_in_file = SignInGuard(session.store.path).locked_names()
    with session.store.read() as conn:
        found = []
        everyone = user_rows.list_users(conn)
        names = {u.id: u.username for u in everyone}
        for user in everyone:
            state = accounts.state(conn, user.id)
            found.append(
                StaffAccount(
                    user.username,
                    user.display_name,
                    user.role,
                    user.last_sign_in_at,
                    state.locked_at is not None or user.username in locked_in_file,
                    state.locked_at,
                    user.disabled,
                    state.disabled_reason,
                    names.get(user.supervisor_id or "", ""),
                    user.renamed_from or "",
                )
            )
    return found
