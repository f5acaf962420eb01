"""Supervisors' teams: an administrator puts agents and coaches in a supervisor's team, and a
supervisor's audit view shows that team's entries (and their own), nobody else's."""

from __future__ import annotations

import pytest

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import accounts, audit_review, records
from seco_desktop.services.audit import AuditRow
from seco_desktop.services.session import add_user, list_users

from .support import STAFF, Office, make_spouses

SECOND = ("super2", "Super-two-password-long-1")
OTHER_AGENT = ("agent2", "Agent-two-password-long-1")


def _second_team(office: Office) -> None:
    admin = office.sign_in()
    for (name, password), role in ((SECOND, Role.SUPERVISOR), (OTHER_AGENT, Role.AGENT)):
        add_user(admin, name, f"Second {role.value}", role, password, argon2=FAST_ARGON2_FOR_TESTS)
    accounts.set_team(admin, OTHER_AGENT[0], SECOND[0])


def _actors(rows: list[AuditRow]) -> set[str]:
    return {r.actor for r in rows}


def test_each_supervisor_sees_their_own_team_only(office: Office) -> None:
    _second_team(office)
    for who in (STAFF[Role.AGENT], OTHER_AGENT):
        records.register(office.sign_in(*who), make_spouses(1, seed=ord(who[0][-1]))[0])

    first = audit_review.entries(office.sign_in_as(Role.SUPERVISOR), limit=1000)
    second = audit_review.entries(office.sign_in(*SECOND), limit=1000)

    assert STAFF[Role.AGENT][0] in _actors(first)
    assert OTHER_AGENT[0] not in _actors(first)
    assert OTHER_AGENT[0] in _actors(second)
    assert STAFF[Role.AGENT][0] not in _actors(second)
    assert "admin" not in _actors(first) | _actors(second)


def test_moving_someone_out_of_a_team_hides_their_entries_from_it(office: Office) -> None:
    agent = STAFF[Role.AGENT]
    records.register(office.sign_in(*agent), make_spouses(1)[0])
    accounts.set_team(office.sign_in(), agent[0], None)
    seen = audit_review.entries(office.sign_in_as(Role.SUPERVISOR), limit=1000)
    assert agent[0] not in _actors(seen)
    lead = {u.username: u for u in list_users(office.sign_in())}
    assert lead[agent[0]].supervisor_id is None


@pytest.mark.parametrize(
    ("target", "supervisor", "field"),
    [
        ("admin", STAFF[Role.SUPERVISOR][0], "username"),
        (STAFF[Role.AGENT][0], "admin", "supervisor"),
    ],
)
def test_only_agents_and_coaches_join_and_only_supervisors_lead(
    office: Office, target: str, supervisor: str, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.set_team(office.sign_in(), target, supervisor)
    assert caught.value.fields == (field,)
