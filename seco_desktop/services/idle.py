"""The idle lock's policy, free of Qt: how long a role may sit idle, and whether it has.

The desktop feeds it input events (``touch``) and asks ``due`` on a timer; when due, it calls
``session.lock_session`` and hides every piece of personal data until the password is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from seco_desktop.domain.reference import Role
from seco_desktop.services.clock import Clock

IDLE_LIMITS: dict[Role, timedelta] = {
    Role.AGENT: timedelta(minutes=15),
    Role.COACH: timedelta(minutes=15),
    Role.SUPERVISOR: timedelta(minutes=15),
    Role.ADMINISTRATOR: timedelta(minutes=10),
}


def idle_limit(role: Role) -> timedelta:
    return IDLE_LIMITS[role]


@dataclass
class IdlePolicy:
    """Tracks the last input; ``due()`` once the role's limit has passed without any."""

    role: Role
    clock: Clock
    last_input: datetime = field(init=False)

    def __post_init__(self) -> None:
        self.last_input = self.clock()

    @property
    def limit(self) -> timedelta:
        return idle_limit(self.role)

    def touch(self) -> None:
        self.last_input = self.clock()

    def due(self) -> bool:
        return self.clock() - self.last_input >= self.limit

    def remaining(self) -> timedelta:
        return max(timedelta(0), self.limit - (self.clock() - self.last_input))
