"""An account locked on one workstation is locked on every workstation once synced; an
administrator's unlock, disable and enable travel the same way; racing decisions resolve by
their time stamps whatever the order of the syncs (docs/architecture.md, "Account decisions")."""

from __future__ import annotations

import pytest

from seco_desktop.domain.reference import Role
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.services import accounts, audit_review
from seco_desktop.services.session import AccountDisabled, AccountLocked, sign_in
from seco_desktop.store.audit import AuditFilter

from .support import STAFF, Office, Workstation

pytestmark = pytest.mark.postgres

AGENT, AGENT_PASSWORD = STAFF[Role.AGENT]
WRONG = "Wrong password for sure 1!"


def _lock_out(ws: Workstation) -> None:
    """Three wrong passwords at ws's sign-in screen (the administrator's session stays open)."""
    for attempt in range(3):
        with pytest.raises(UnlockFailed):
            sign_in(ws.path, AGENT, WRONG, clock=ws.clock)
        if attempt < 2:
            ws.clock.advance(minutes=1)


def _agent_signs_in(ws: Workstation) -> Role:
    session = sign_in(ws.path, AGENT, AGENT_PASSWORD, clock=ws.clock)
    try:
        return session.role
    finally:
        session.close()


def _trail(ws: Workstation, action: str) -> list[tuple[str, str, str]]:
    rows = audit_review.entries(ws.s, AuditFilter(action=action), limit=50)
    return [(r.actor, r.outcome, r.detail) for r in rows]


def test_a_lock_on_one_workstation_refuses_the_account_on_another(office2: Office) -> None:
    a, b = office2.workstations
    _lock_out(a)
    a.sign_in()  # the administrator's next sign-in on A files the lock in A's store
    office2.sync(a)
    office2.sync(b)

    a.clock.advance(minutes=5)
    with pytest.raises(AccountLocked, match="ask an administrator"):
        _agent_signs_in(b)  # the right password, on a workstation that saw no failure

    b.sign_in()  # the refusal reaches B's audit chain (it happened with B's store shut)
    assert (AGENT, "denied", "{}") in _trail(b, "sign_in_failed")
    assert any(d == '{"source":"sync"}' for _, _, d in _trail(b, "account_locked"))
    # Refused from now on before the password is even tried (B's sign-in file knows the lock).
    with pytest.raises(AccountLocked):
        sign_in(b.path, AGENT, WRONG, clock=b.clock)


def test_an_unlock_on_another_workstation_lets_the_user_in_where_the_lock_happened(
    office2: Office,
) -> None:
    a, b = office2.workstations
    _lock_out(a)
    a.sign_in()
    office2.sync(a)
    office2.sync(b)

    a.clock.advance(minutes=30)
    accounts.unlock_user(b.s, AGENT)
    office2.sync(b)
    with pytest.raises(AccountLocked):
        _agent_signs_in(a)  # A has not synced yet: still locked there
    a.sign_in()
    office2.sync(a)

    assert _agent_signs_in(a) is Role.AGENT
    assert any(d == '{"source":"sync"}' for _, _, d in _trail(a, "account_unlocked"))


@pytest.mark.parametrize("first", [0, 1], ids=["A syncs first", "B syncs first"])
def test_a_lock_newer_than_an_unlock_wins_whatever_the_sync_order(
    office2: Office, first: int
) -> None:
    a, b = office2.workstations
    accounts.unlock_user(b.s, AGENT)  # an administrator's unlock on B, stamped earlier...
    a.clock.advance(minutes=2)
    _lock_out(a)  # ...than the lock on A; neither has synced
    a.sign_in()

    order = [a, b] if first == 0 else [b, a]
    for ws in order + order:
        office2.sync(ws)

    for ws in (a, b):
        with pytest.raises(AccountLocked):
            _agent_signs_in(ws)


@pytest.mark.parametrize("first", [0, 1], ids=["A syncs first", "B syncs first"])
def test_an_unlock_newer_than_the_lock_clears_it_whatever_the_sync_order(
    office2: Office, first: int
) -> None:
    a, b = office2.workstations
    _lock_out(a)  # locked on A; B has not heard of it
    a.sign_in()
    a.clock.advance(minutes=2)
    accounts.unlock_user(b.s, AGENT)  # the administrator's later unlock on B

    order = [a, b] if first == 0 else [b, a]
    for ws in order + order:
        office2.sync(ws)

    for ws in (a, b):
        assert _agent_signs_in(ws) is Role.AGENT


def test_disabling_and_enabling_travel_and_the_later_decision_wins(office2: Office) -> None:
    a, b = office2.workstations
    accounts.set_disabled(a.s, AGENT, True)
    office2.sync(a)
    office2.sync(b)
    with pytest.raises(AccountDisabled):
        _agent_signs_in(b)

    a.clock.advance(minutes=1)
    accounts.set_disabled(b.s, AGENT, False)  # enabled on B...
    a.clock.advance(minutes=1)
    accounts.set_disabled(a.s, AGENT, True)  # ...and disabled again on A, later, offline
    for ws in (b, a, b):
        office2.sync(ws)
    for ws in (a, b):
        with pytest.raises(AccountDisabled):
            _agent_signs_in(ws)

    a.clock.advance(minutes=1)
    accounts.set_disabled(b.s, AGENT, False)
    office2.sync(b)
    office2.sync(a)
    assert _agent_signs_in(a) is Role.AGENT


def test_a_lock_arriving_by_sync_ends_the_live_session_of_the_account(office2: Office) -> None:
    a, b = office2.workstations
    agent_on_b = sign_in(b.path, AGENT, AGENT_PASSWORD, clock=b.clock)
    try:
        _lock_out(a)
        a.sign_in()
        office2.sync(a)
        b.clock.advance(minutes=1)
        office2.sync(b)
        with pytest.raises(Exception, match="session has ended"):
            agent_on_b.ensure_active()
    finally:
        agent_on_b.close()


def test_a_role_change_and_a_team_reach_the_other_workstation(office2: Office) -> None:
    a, b = office2.workstations
    coach = STAFF[Role.COACH][0]
    lead, lead_password = STAFF[Role.SUPERVISOR]
    accounts.set_role(a.s, AGENT, Role.COACH)
    accounts.assign_team(a.s, coach, lead)
    office2.sync(a)
    office2.sync(b)

    assert _agent_signs_in(b) is Role.COACH
    sign_in(b.path, coach, STAFF[Role.COACH][1], clock=b.clock).close()  # work seen on B
    supervisor = sign_in(b.path, lead, lead_password, clock=b.clock)
    try:
        actors = {r.actor for r in audit_review.entries(supervisor, limit=500)}
    finally:
        supervisor.close()
    assert coach in actors
    assert AGENT not in actors  # a coach now, but on no team
