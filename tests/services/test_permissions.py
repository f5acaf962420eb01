"""Who may do what: staff without the right are refused and nothing changes."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from seco_desktop.domain.reference import ContactType, Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import keys as key_service
from seco_desktop.services import records, rulesets
from seco_desktop.services.permissions import PermissionDenied
from seco_desktop.services.session import add_user, list_users

from .support import Office, make_spouses

NON_ADMINS = [Role.AGENT, Role.COACH, Role.SUPERVISOR]


def _new_ruleset() -> str:
    folder = files("seco_desktop.domain.eligibility").joinpath("rulesets")
    doc = json.loads(folder.joinpath("mycaa-2023.1.json").read_text("utf-8"))
    doc["version"], doc["effective_from"] = "mycaa-2027.1", "2027-01-01"
    return json.dumps(doc)


@pytest.mark.parametrize("role", NON_ADMINS)
def test_staff_cannot_add_users(office: Office, role: Role) -> None:
    session = office.sign_in_as(role)
    keys_before = office.key_path.read_bytes()

    with pytest.raises(PermissionDenied, match=f"The {role.value} role may not manage users"):
        add_user(
            session, "intruder", "Intruder", Role.ADMINISTRATOR, "Intruder-password-long 1",
            argon2=FAST_ARGON2_FOR_TESTS,
        )  # fmt: skip

    assert office.key_path.read_bytes() == keys_before
    with pytest.raises(PermissionDenied):
        list_users(session)
    assert "intruder" not in {u.username for u in list_users(office.sign_in())}


@pytest.mark.parametrize("role", NON_ADMINS)
def test_staff_cannot_rotate_keys_or_replace_the_recovery_key(office: Office, role: Role) -> None:
    session = office.sign_in_as(role)
    keys_before = office.key_path.read_bytes()
    version_before = session.keys.material.current_data_version

    with pytest.raises(PermissionDenied, match="manage keys"):
        key_service.rotate_keys(session)
    with pytest.raises(PermissionDenied, match="manage keys"):
        key_service.new_recovery_key(session)

    assert office.key_path.read_bytes() == keys_before
    assert session.keys.material.current_data_version == version_before
    session.close()
    office.sign_in_as(role).close()  # the store still opens with the same keys


@pytest.mark.parametrize("role", NON_ADMINS)
def test_staff_cannot_add_rule_sets(office: Office, role: Role) -> None:
    session = office.sign_in_as(role)
    before = rulesets.list_rulesets(session)

    with pytest.raises(PermissionDenied, match="manage rulesets"):
        rulesets.add_ruleset(session, _new_ruleset())

    assert rulesets.list_rulesets(session) == before
    assert rulesets.list_rulesets(office.sign_in()) == before  # nothing was stored


def test_an_admin_can_do_all_three(office: Office) -> None:
    admin = office.sign_in()

    add_user(
        admin, "newagent", "New Agent", Role.AGENT, "New-agent-password 1",
        argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip
    result = key_service.rotate_keys(admin)
    rulesets.add_ruleset(admin, _new_ruleset())

    assert "newagent" in {u.username for u in list_users(admin)}
    assert result.data_key_version == 2
    assert "mycaa-2027.1" in {r.version for r in rulesets.list_rulesets(admin)}
    assert office.sign_in("newagent", "New-agent-password 1").role is Role.AGENT


@pytest.mark.parametrize("role", list(Role))
def test_every_role_does_casework(office: Office, role: Role) -> None:
    session = office.sign_in_as(role)

    stored = records.register(session, make_spouses(1, seed=len(role.value))[0])
    records.add_note(session, stored.id, ContactType.PHONE, "Intake", "Called about jobs")

    assert len(records.open_record(session, stored.id).notes) == 1
