"""A role change and a team assignment made on one workstation reach the others (a demoted
account must not keep its old role elsewhere)."""

from __future__ import annotations

import pytest

from seco_desktop.domain.reference import Role
from seco_desktop.services import accounts
from seco_desktop.services.session import list_users

from .support import STAFF, Office

pytestmark = pytest.mark.postgres


def test_role_and_team_changes_travel(office2: Office) -> None:
    a, b = office2.workstations
    agent, coach, lead = STAFF[Role.AGENT][0], STAFF[Role.COACH][0], STAFF[Role.SUPERVISOR][0]
    accounts.set_role(a.s, agent, Role.COACH)
    accounts.set_team(a.s, coach, None)
    office2.sync_all()
    seen = {u.username: u for u in list_users(b.s)}
    ids = {u.username: u.id for u in list_users(b.s)}
    assert seen[agent].role is Role.COACH
    assert seen[agent].supervisor_id == ids[lead]
    assert seen[coach].supervisor_id is None
