"""The whole role × function matrix, through the service layer: every allowed call succeeds;
every denied call raises ``PermissionDenied`` and leaves a "refused" audit entry naming the
user, the permission and the record."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pytest

from seco_desktop.domain.reference import ContactType, Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import (
    accounts,
    audit_review,
    backup,
    caseload,
    disclosures,
    outputs,
    records,
    registration,
    retention,
    rulesets,
    staff,
    sync_review,
    sync_setup,
)
from seco_desktop.services import keys as key_service
from seco_desktop.services import search as search_service
from seco_desktop.services.disclosures import DisclosureRequest
from seco_desktop.services.permissions import MATRIX, Permission, PermissionDenied, allowed
from seco_desktop.services.session import Session, add_user, list_users

from .support import STAFF, Office, make_spouses
from .test_permissions import _new_ruleset
from .test_registration import eligible, walk_to_end

REQUEST = DisclosureRequest("County Library", "1 Elm Street, Dover, DE 19901",
                            "Job fair registration", "Name and email, by phone")  # fmt: skip


@dataclass
class Ctx:
    spouse_id: str
    follow_up_id: str
    dod_id: str
    coach_id: str


@dataclass(frozen=True)
class Function:
    name: str
    permission: Permission
    call: Callable[[Session, Ctx], object]
    record: bool = False  # whether a refusal names the record


def _edit(s: Session, c: Ctx) -> object:
    return records.edit(
        s, replace(records.open_record(s, c.spouse_id).spouse, email="x@example.org")
    )


def _draft_round_trip(s: Session, c: Ctx) -> object:
    state = registration.start(s)
    draft_id = registration.save_draft(s, state)
    registration.list_drafts(s)
    registration.resume_draft(s, draft_id)
    registration.discard_draft(s, draft_id)
    return draft_id


FUNCTIONS = [
    Function("search.search", Permission.SEARCH, lambda s, c: search_service.search(s, "smith")),
    Function("caseload.my_spouses", Permission.SEARCH, lambda s, c: caseload.my_spouses(s)),
    Function("search.find_duplicates", Permission.REGISTER,
             lambda s, c: search_service.find_duplicates(s, dod_id=c.dod_id)),
    Function("records.register", Permission.REGISTER,
             lambda s, c: records.register(s, make_spouses(1, seed=77)[0])),
    Function("registration.drafts", Permission.REGISTER, _draft_round_trip),
    Function("registration.finish", Permission.REGISTER, lambda s, c: registration.finish(
        s, walk_to_end(s, eligible(make_spouses(30, seed=91))))),
    Function("records.open_record", Permission.VIEW_RECORD,
             lambda s, c: records.open_record(s, c.spouse_id), record=True),
    Function("records.resolve", Permission.VIEW_RECORD, lambda s, c: records.resolve(s, c.dod_id)),
    Function("records.edit", Permission.EDIT_RECORD, _edit),
    Function("records.add_note", Permission.ADD_NOTE, lambda s, c: records.add_note(
        s, c.spouse_id, ContactType.PHONE, "Call", "Asked about MyCAA"), record=True),
    Function("records.add_follow_up", Permission.MANAGE_FOLLOW_UPS,
             lambda s, c: records.add_follow_up(s, c.spouse_id, s.clock().date(), s.user.id,
                                                "Call back"), record=True),
    Function("records.complete_follow_up", Permission.MANAGE_FOLLOW_UPS,
             lambda s, c: records.complete_follow_up(s, c.follow_up_id)),
    Function("caseload.due_follow_ups", Permission.MANAGE_FOLLOW_UPS,
             lambda s, c: caseload.due_follow_ups(s)),
    Function("disclosures.recipients_to_notify", Permission.EDIT_RECORD,
             lambda s, c: disclosures.recipients_to_notify(s, c.spouse_id), record=True),
    Function("outputs.print_record", Permission.PRINT_RECORD,
             lambda s, c: outputs.print_record(s, c.spouse_id, REQUEST), record=True),
    Function("disclosures.record_disclosure", Permission.RECORD_DISCLOSURE,
             lambda s, c: disclosures.record_disclosure(s, c.spouse_id, REQUEST), record=True),
    Function("disclosures.accounting", Permission.VIEW_DISCLOSURES,
             lambda s, c: disclosures.accounting(s, c.spouse_id), record=True),
    Function("outputs.export_records", Permission.EXPORT_RECORDS,
             lambda s, c: outputs.export_records(s, [c.spouse_id])),
    Function("records.reassign", Permission.REASSIGN,
             lambda s, c: records.reassign(s, c.spouse_id, c.coach_id), record=True),
    Function("audit_review.entries", Permission.VIEW_TEAM_AUDIT,
             lambda s, c: audit_review.entries(s)),
    Function("audit_review.export_csv", Permission.VIEW_TEAM_AUDIT,
             lambda s, c: audit_review.export_csv(s)),
    Function("audit_review.verify", Permission.VERIFY_AUDIT, lambda s, c: audit_review.verify(s)),
    Function("retention.upcoming", Permission.VIEW_RETENTION,
             lambda s, c: retention.upcoming(s)),
    Function("retention.place_hold", Permission.MANAGE_HOLDS,
             lambda s, c: retention.place_hold(s, c.spouse_id, "Legal hold"), record=True),
    Function("retention.release_hold", Permission.MANAGE_HOLDS, lambda s, c: (
        retention.place_hold(s, c.spouse_id, "Legal hold"),
        retention.release_hold(s, c.spouse_id)), record=True),
    Function("retention.purge", Permission.PURGE, lambda s, c: retention.purge(s)),
    Function("retention.purge_dry_run", Permission.PURGE,
             lambda s, c: retention.purge(s, dry_run=True)),
    Function("session.add_user", Permission.MANAGE_USERS, lambda s, c: add_user(
        s, "newcomer", "New Comer", Role.AGENT, "Newcomer password 12!",
        argon2=FAST_ARGON2_FOR_TESTS)),
    Function("session.list_users", Permission.MANAGE_USERS, lambda s, c: list_users(s)),
    Function("staff.staff_accounts", Permission.MANAGE_USERS, lambda s, c: staff.staff_accounts(s)),
    Function("accounts.unlock_user", Permission.MANAGE_USERS,
             lambda s, c: accounts.unlock_user(s, STAFF[Role.COACH][0])),
    Function("accounts.set_disabled", Permission.MANAGE_USERS,
             lambda s, c: accounts.set_disabled(s, STAFF[Role.COACH][0], True)),
    Function("accounts.set_role", Permission.MANAGE_USERS,
             lambda s, c: accounts.set_role(s, STAFF[Role.COACH][0], Role.SUPERVISOR)),
    Function("accounts.assign_team", Permission.MANAGE_USERS,
             lambda s, c: accounts.assign_team(s, STAFF[Role.AGENT][0], None)),
    Function("accounts.disable_inactive_accounts", Permission.MANAGE_USERS,
             lambda s, c: accounts.disable_inactive_accounts(s)),
    Function("accounts.set_password_max_age", Permission.MANAGE_USERS,
             lambda s, c: accounts.set_password_max_age(s, 90)),
    Function("rulesets.add_ruleset", Permission.MANAGE_RULESETS,
             lambda s, c: rulesets.add_ruleset(s, _new_ruleset())),
    Function("keys.new_recovery_key", Permission.MANAGE_KEYS,
             lambda s, c: key_service.new_recovery_key(s)),
    Function("keys.rotate_keys", Permission.MANAGE_KEYS, lambda s, c: key_service.rotate_keys(s)),
    Function("backup.backup", Permission.BACKUP,
             lambda s, c: backup.backup(s, s.store.path.with_name("backup.seco"))),
    Function("sync_review.status", Permission.SYNC, lambda s, c: sync_review.status(s)),
    Function("sync_review.open_conflicts", Permission.SYNC,
             lambda s, c: sync_review.open_conflicts(s)),
    Function("sync_setup.init_central", Permission.MANAGE_CENTRAL,
             lambda s, c: sync_setup.init_central(
                 s, f"sqlite:///{s.store.path.with_suffix('.central.db')}")),
]  # fmt: skip
# Permissions the functions check besides the one listed (the audit view's wider scope).
ALSO_CHECKED = {"audit_review.entries": {Permission.VIEW_ALL_AUDIT}}


def _setup(office: Office) -> Ctx:
    """An administrator registers a spouse with a follow-up; then everyone signs out."""
    admin = office.sign_in()
    stored = records.register(admin, make_spouses(1, seed=5)[0])
    item = records.add_follow_up(admin, stored.id, admin.clock().date(), admin.user.id, "Call")
    coach = next(u for u in list_users(admin) if u.role is Role.COACH)
    office.close_all()  # key rotation needs the store to itself
    return Ctx(stored.id, item.id, stored.dod_id, coach.id)


@pytest.mark.parametrize("function", FUNCTIONS, ids=[f.name for f in FUNCTIONS])
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_role_by_function(office: Office, role: Role, function: Function) -> None:
    ctx = _setup(office)
    session = office.sign_in_as(role)
    office.clock.advance(seconds=1)

    if allowed(role, function.permission):
        function.call(session, ctx)  # succeeds: no exception
        return

    with pytest.raises(PermissionDenied, match=f"The {role.value} role may not"):
        function.call(session, ctx)
    session.close()
    admin = office.sign_in()
    refused = [
        r for r in audit_review.entries(admin, limit=50)
        if r.action == "refused" and r.actor == session.user.username
    ]  # fmt: skip
    assert len(refused) == 1
    assert refused[0].outcome == "denied"
    assert refused[0].at == office.clock.now
    assert json.loads(refused[0].detail) == {"permission": function.permission.value}
    assert refused[0].record_id == (ctx.spouse_id if function.record else "")


def test_the_matrix_covers_every_permission_the_services_check() -> None:
    services = Path(__file__).parents[2] / "seco_desktop" / "services"
    checked = {
        Permission(m.lower())
        for path in services.glob("*.py")
        if path.name != "permissions.py"  # the matrix itself
        for m in re.findall(r"Permission\.([A-Z_]+)", path.read_text(encoding="utf-8"))
    }
    driven = {f.permission for f in FUNCTIONS} | set().union(*ALSO_CHECKED.values())
    assert checked - driven == set()
    assert set(MATRIX) == set(Role)


def test_the_matrix_gives_each_role_what_the_design_says() -> None:
    assert MATRIX[Role.ADMINISTRATOR] == frozenset(Permission)
    assert MATRIX[Role.AGENT] < MATRIX[Role.COACH] < MATRIX[Role.SUPERVISOR]
    assert Permission.PURGE not in MATRIX[Role.SUPERVISOR]
    assert Permission.VIEW_ALL_AUDIT not in MATRIX[Role.SUPERVISOR]
    assert Permission.PRINT_RECORD not in MATRIX[Role.AGENT]


def test_an_ended_session_is_refused_before_any_permission(office: Office) -> None:
    agent = office.sign_in_as(Role.AGENT)
    admin = office.sign_in()
    accounts.set_disabled(admin, STAFF[Role.AGENT][0], True)
    office.clock.advance(minutes=1)
    with pytest.raises(Exception, match="session has ended"):
        search_service.search(agent, "smith")
    assert timedelta(0) <= office.clock.now - agent.clock()
