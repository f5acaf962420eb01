"""Helpers for service tests: a real SQLCipher store and key file in ``tmp_path``.

Every store has an administrator and one user per other role, all with fast Argon2 so the
suite stays quick; the clock is a :class:`FakeClock` the test moves by hand.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Role
from seco_desktop.services import records
from seco_desktop.services.session import Session, sign_in

TODAY = date(2026, 1, 5)
START = datetime(2026, 1, 5, 9, 30)
ADMIN = "admin"
ADMIN_PASSWORD = "Correct horse battery staple 1!"
#: One account per non-administrator role: (username, password).
STAFF: dict[Role, tuple[str, str]] = {
    Role.AGENT: ("agent1", "Agent-password-long-enough-1"),
    Role.COACH: ("coach1", "Coach-password-long-enough-1"),
    Role.SUPERVISOR: ("super1", "Super-password-long-enough-1"),
}


class FakeClock:
    """A clock the test sets: ``clock()`` returns ``clock.now``; ``advance`` moves it on."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set_day(self, day: date) -> None:
        self.now = datetime.combine(day, self.now.time())


@dataclass
class Office:
    """A created store: where it is, its recovery key, and a way to sign anyone in."""

    path: Path
    recovery_key: str
    clock: FakeClock
    _open: list[Session] = field(default_factory=list)

    @property
    def key_path(self) -> Path:
        return Path(f"{self.path}.keys")

    def sign_in(self, username: str = ADMIN, password: str = ADMIN_PASSWORD) -> Session:
        session = sign_in(self.path, username, password, clock=self.clock)
        self._open.append(session)
        return session

    def sign_in_as(self, role: Role) -> Session:
        if role is Role.ADMINISTRATOR:
            return self.sign_in()
        return self.sign_in(*STAFF[role])

    def close_all(self) -> None:
        for session in self._open:
            session.close()
        self._open.clear()


def make_spouses(n: int, *, seed: int = 7) -> list[Spouse]:
    """``n`` generated spouses (the project's own generator), as of ``TODAY``."""
    return list(generate_spouses(n, seed=seed, today=TODAY))


@contextmanager
def agent_on_populated_copy(
    template: tuple[Path, str], folder: Path, population: list[Spouse]
) -> Iterator[Session]:
    """An agent signed in to a copy of the template store holding ``population``."""
    source, recovery = template
    for name in (source.name, f"{source.name}.keys"):
        shutil.copyfile(source.parent / name, folder / name)
    office = Office(folder / source.name, recovery, FakeClock())
    agent = office.sign_in_as(Role.AGENT)
    for spouse in population:
        records.register(agent, spouse)
    try:
        yield agent
    finally:
        office.close_all()
