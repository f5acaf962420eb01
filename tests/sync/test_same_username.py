"""The same user name added offline on two workstations (two people, two ids): sync goes on,
the account created first keeps the name, the other gets its derived name on every workstation,
and both people sign in, each with their own name (docs/architecture.md, "Same user name")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from seco_desktop.domain.models import User
from seco_desktop.domain.reference import Role
from seco_desktop.domain.usernames import derived_username
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.services import audit_review
from seco_desktop.services.session import add_user, list_users, sign_in
from seco_desktop.store.audit import AuditFilter

from .support import Office, Workstation

pytestmark = pytest.mark.postgres

NAME = "jsmith"
FIRST_PASSWORD = "First person's password 1!"
SECOND_PASSWORD = "Second person's password 2!"


def _add(ws: Workstation, display: str, password: str, role: Role = Role.AGENT) -> User:
    return add_user(ws.s, NAME, display, role, password)


def _accounts(ws: Workstation) -> list[tuple[str, str, str, str | None]]:
    return sorted((u.id, u.username, u.role.value, u.renamed_from) for u in list_users(ws.s))


def _signs_in_as(ws: Workstation, username: str, password: str) -> str:
    """The id of the account ``username`` and ``password`` open on ``ws``."""
    session = sign_in(ws.path, username, password, clock=ws.clock)
    try:
        return session.user.id
    finally:
        session.close()


def _both_add_offline(office: Office) -> tuple[User, User]:
    """A's administrator adds jsmith first, B's a minute later; neither has synced since."""
    a, b = office.workstations[:2]
    first = _add(a, "First Person", FIRST_PASSWORD, Role.SUPERVISOR)
    office.clock.advance(minutes=1)
    second = _add(b, "Second Person", SECOND_PASSWORD)
    return first, second


def _check_outcome(office: Office, first: User, second: User) -> None:
    renamed = derived_username(NAME, second.id)
    expected = _accounts(office.workstations[0])
    for ws in office.workstations:
        assert _accounts(ws) == expected, ws.name  # every copy identical
        names = {u.id: (u.username, u.renamed_from) for u in list_users(ws.s)}
        assert names[first.id] == (NAME, None)
        assert names[second.id] == (renamed, NAME)
    for ws in office.workstations:
        ws.clock.advance(minutes=1)
        assert _signs_in_as(ws, NAME, FIRST_PASSWORD) == first.id, ws.name
        assert _signs_in_as(ws, renamed, SECOND_PASSWORD) == second.id, ws.name
        with pytest.raises(UnlockFailed):  # the old name never opens the second account
            _signs_in_as(ws, NAME, SECOND_PASSWORD)


def _rename_entries(ws: Workstation) -> list[str]:
    rows = audit_review.entries(ws.s, AuditFilter(action="user_renamed"), limit=50)
    return [r.detail for r in rows]


ORDERS: dict[str, Callable[[Office], None]] = {
    "first's workstation syncs first": lambda o: [o.sync(w) for w in o.workstations * 2],
    "second's workstation syncs first": lambda o: [
        o.sync(w) for w in list(reversed(o.workstations)) * 2
    ],
}


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_same_name_on_two_workstations_settles_identically(office2: Office, order: str) -> None:
    first, second = _both_add_offline(office2)
    ORDERS[order](office2)
    _check_outcome(office2, first, second)
    for ws in office2.workstations:
        ws.sign_in()
    office2.sync_all()  # sync keeps working, and nothing more changes
    _check_outcome(office2, first, second)
    details = [d for ws in office2.workstations for d in _rename_entries(ws)]
    assert details, "the rename is audited where it was made"
    assert all(NAME not in d and "source" in d for d in details)
