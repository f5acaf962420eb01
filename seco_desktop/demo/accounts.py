"""The demo store's staff accounts, as data: one per role, plus a second coach.

Passwords are not here: whoever builds the demo store (the services layer) sets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from seco_desktop.domain.models import User
from seco_desktop.domain.reference import Role


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role

    def to_user(self, created_at: datetime) -> User:
        """A new ``User`` for this account (a fresh id each call)."""
        return User(
            username=self.username,
            display_name=self.display_name,
            role=self.role,
            created_at=created_at,
        )


DEMO_USERS: tuple[DemoAccount, ...] = (
    DemoAccount("agent1", "Demo Agent One", Role.AGENT),
    DemoAccount("coach1", "Demo Coach One", Role.COACH),
    DemoAccount("coach2", "Demo Coach Two", Role.COACH),
    DemoAccount("supervisor1", "Demo Supervisor One", Role.SUPERVISOR),
    DemoAccount("admin", "Demo Administrator", Role.ADMINISTRATOR),
)
