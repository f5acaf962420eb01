"""The same user name added offline on two workstations (two people, two ids): sync goes on,
the account created first keeps the name, the other gets its derived name on every workstation,
and both people sign in, each with their own name (docs/architecture.md, "Same user name")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from seco_desktop.cli import output
from seco_desktop.domain.models import User
from seco_desktop.domain.reference import Role
from seco_desktop.domain.usernames import derived_username
from seco_desktop.security import keyfile as kf
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.security.wrapping import password_grant, principal_for
from seco_desktop.services import audit_review, staff
from seco_desktop.services.keys import reset_password_with_recovery
from seco_desktop.services.session import add_user, list_users, sign_in
from seco_desktop.services.sync_setup import enroll
from seco_desktop.store.audit import AuditFilter

from .support import Office, Workstation

pytestmark = pytest.mark.postgres

NAME = "jsmith"
FIRST_PASSWORD = "First person's password 1!"
SECOND_PASSWORD = "Second person's password 2!"


PASSWORDS: dict[str, str] = {}  # user id -> password, for the accounts a test adds


def _add(ws: Workstation, display: str, password: str, role: Role = Role.AGENT) -> User:
    user = add_user(ws.s, NAME, display, role, password, argon2=FAST_ARGON2_FOR_TESTS)
    PASSWORDS[user.id] = password
    return user


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
    """``first`` keeps the name, ``second`` has its derived name, on every workstation, and
    each person signs in with their own name (the second one's old name opens nothing)."""
    renamed = derived_username(NAME, second.id)
    expected = _accounts(office.workstations[0])
    for ws in office.workstations:
        assert _accounts(ws) == expected, ws.name  # every copy identical
        names = {u.id: (u.username, u.renamed_from) for u in list_users(ws.s)}
        assert names[first.id] == (NAME, None)
        assert names[second.id] == (renamed, NAME)
    for ws in office.workstations:
        ws.clock.advance(minutes=1)
        assert _signs_in_as(ws, NAME, PASSWORDS[first.id]) == first.id, ws.name
        assert _signs_in_as(ws, renamed, PASSWORDS[second.id]) == second.id, ws.name
        with pytest.raises(UnlockFailed):  # the old name never opens the second account
            _signs_in_as(ws, NAME, PASSWORDS[second.id])


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
    grants = office2.central.get_grants()
    office2.sync_all()  # sync keeps working, and nothing more changes
    _check_outcome(office2, first, second)
    assert office2.central.get_grants() == grants  # no grant written back and forth
    details = [d for ws in office2.workstations for d in _rename_entries(ws)]
    assert details, "the rename is audited where it was made"
    assert set(details) == {'{"accounts":2,"fields":["username"],"source":"sync"}'}  # no names


@pytest.mark.parametrize("between", [False, True])
def test_three_workstations_end_identical(office3: Office, between: bool) -> None:
    """The third workstation sees both accounts arrive, before or after the rename."""
    first, second = _both_add_offline(office3)
    a, b, c = office3.workstations
    order = [b, c, a, c, b, a, c] if between else [b, a, c, b, a, c]
    for ws in order:
        office3.sync(ws)
    _check_outcome(office3, first, second)
    for ws in office3.workstations:
        ws.sign_in()
    grants = office3.central.get_grants()
    office3.sync_all()
    _check_outcome(office3, first, second)
    assert office3.central.get_grants() == grants


def test_equal_creation_times_the_lower_id_keeps_the_name(office2: Office) -> None:
    a, b = office2.workstations
    one = _add(a, "One Person", FIRST_PASSWORD)
    other = _add(b, "Other Person", SECOND_PASSWORD)  # the same clock reading
    keeper, renamed = sorted((one, other), key=lambda u: u.id)
    office2.sync_all()
    _check_outcome(office2, keeper, renamed)


def test_the_second_persons_lock_and_failures_stay_with_them(office2: Office) -> None:
    """Failed sign-ins on B under the shared name were the second person's (B held the name):
    after the rename they lock the second account, not the first."""
    first, second = _both_add_offline(office2)
    a, b = office2.workstations
    for _ in range(3):
        with pytest.raises(UnlockFailed):
            sign_in(b.path, NAME, "Not the password at all 9!", clock=b.clock)
    b.sign_in()  # files the lock in B's store
    office2.sync_all()
    for ws in office2.workstations:
        ws.sign_in()
        rows = {r.username: r for r in staff.staff_accounts(ws.s)}
        renamed = derived_username(NAME, second.id)
        assert rows[renamed].locked, ws.name
        assert not rows[NAME].locked, ws.name
        assert rows[renamed].status.endswith(f"renamed by sync from {NAME}")
        assert "renamed" not in rows[NAME].status
    a.clock.advance(minutes=1)
    assert _signs_in_as(a, NAME, FIRST_PASSWORD) == first.id
    assert _signs_in_as(b, NAME, FIRST_PASSWORD) == first.id


def test_the_renamed_person_enrols_a_new_workstation_with_the_new_name(
    office2: Office, tmp_path: Path
) -> None:
    _first, second = _both_add_offline(office2)
    office2.sync_all()
    path = tmp_path / "ws-new" / "office.seco"
    enroll(path, office2.url, derived_username(NAME, second.id), SECOND_PASSWORD,
           clock=office2.clock)  # fmt: skip
    new = Workstation("ws-new", path, office2.clock)
    new.sign_in(derived_username(NAME, second.id), SECOND_PASSWORD)
    office2.workstations.append(new)
    assert new.s.user.id == second.id
    with pytest.raises(UnlockFailed):  # the old name with the second person's password
        enroll(tmp_path / "ws-other" / "office.seco", office2.url, NAME, SECOND_PASSWORD,
               clock=office2.clock)  # fmt: skip


def test_the_cli_listing_shows_the_rename(office2: Office) -> None:
    _first, second = _both_add_offline(office2)
    office2.sync_all()
    listing = output.users(list_users(office2.workstations[0].s))
    line = next(x for x in listing.splitlines() if x.startswith(derived_username(NAME, second.id)))
    assert line.endswith(f"renamed by sync from {NAME}")


def _as_made_before_grants_named_accounts(ws: Workstation, password: str) -> None:
    """Re-seal ws's jsmith grant the way older versions did: naming no account."""
    key_file, raw = kf.load(kf.key_file_path(ws.path))
    principal = principal_for(NAME)
    old = password_grant(ws.s.keys.master_key, key_file.store_id, principal, password,
                         FAST_ARGON2_FOR_TESTS)  # fmt: skip
    kf.replace(kf.key_file_path(ws.path),
               replace(key_file, grants=dict(key_file.grants) | {principal: old}), raw)  # fmt: skip


def test_older_grants_of_a_shared_name_open_nothing_until_reset(
    office2: Office, office_template: tuple[Path, str]
) -> None:
    """Grants made before grants named their account cannot tell the two people apart: after
    the rename the shared name opens nothing with them (never the other person's account)
    until the administrator resets the password with the recovery key."""
    first, second = _both_add_offline(office2)
    a, b = office2.workstations
    _as_made_before_grants_named_accounts(a, FIRST_PASSWORD)
    _as_made_before_grants_named_accounts(b, SECOND_PASSWORD)
    office2.sync_all()
    for ws in office2.workstations:
        ws.clock.advance(minutes=1)
        for password in (FIRST_PASSWORD, SECOND_PASSWORD):
            with pytest.raises(UnlockFailed):
                _signs_in_as(ws, NAME, password)
    a.close()
    _, recovery = office_template  # the first workstation holds the recovery grant
    renamed = derived_username(NAME, second.id)
    for username, password in ((NAME, FIRST_PASSWORD), (renamed, SECOND_PASSWORD)):
        reset_password_with_recovery(a.path, recovery, username, password,
                                     argon2=FAST_ARGON2_FOR_TESTS, clock=a.clock)  # fmt: skip
    assert _signs_in_as(a, NAME, FIRST_PASSWORD) == first.id
    assert _signs_in_as(a, renamed, SECOND_PASSWORD) == second.id
    a.sign_in()
    office2.sync_all()  # the reset grants name their accounts and reach the other workstation
    b.clock.advance(minutes=1)
    assert _signs_in_as(b, NAME, FIRST_PASSWORD) == first.id
    assert _signs_in_as(b, renamed, SECOND_PASSWORD) == second.id
    with pytest.raises(UnlockFailed):
        _signs_in_as(b, NAME, SECOND_PASSWORD)
