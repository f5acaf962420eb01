"""The audit trail as the services write it: who, what, which record, when, outcome; no
personal data; the chain checked in the store; nothing shown when it cannot be written."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import OperationalError

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.security.errors import RecoveryKeyInvalid, UnlockFailed
from seco_desktop.services import accounts, audit_review, records
from seco_desktop.services import keys as key_service
from seco_desktop.services import search as search_service
from seco_desktop.services.audit import AuditRow, AuditUnavailable
from seco_desktop.services.session import Session
from seco_desktop.store.schema import audit_entry, spouse

from .support import STAFF, Office, make_spouses


def _all(admin: Session) -> list[AuditRow]:
    return list(reversed(audit_review.entries(admin, limit=10_000)))


def _agent_flow(office: Office) -> tuple[Session, str]:
    agent = office.sign_in_as(Role.AGENT)
    stored = records.register(agent, make_spouses(1)[0])
    search_service.search(agent, f"{stored.name.last}, {stored.name.first}")
    records.open_record(agent, stored.id)
    records.edit(agent, dataclasses.replace(stored, email="new.address@example.org"))
    return agent, stored.id


def test_an_agents_work_is_recorded_who_what_which_when_outcome(office: Office) -> None:
    office.clock.advance(minutes=5)
    _, record_id = _agent_flow(office)

    mine = [r for r in _all(office.sign_in()) if r.actor == "agent1"]

    assert [(r.action, r.record_id, r.outcome) for r in mine] == [
        ("sign_in", "", "ok"),
        ("create", record_id, "ok"),
        ("search", "", "ok"),
        ("view", record_id, "ok"),
        ("change", record_id, "ok"),
    ]
    assert {r.role for r in mine} == {"agent"}
    assert {r.at for r in mine} == {office.clock.now}  # the session's (UTC) clock
    assert json.loads(mine[4].detail) == {"fields": ["email"]}
    assert json.loads(mine[2].detail) == {"kind": "name", "page": 0, "rows": 1}


def test_no_entry_holds_the_words_searched_or_the_values_changed(office: Office) -> None:
    agent, record_id = _agent_flow(office)
    person = records.open_record(agent, record_id).spouse
    admin = office.sign_in()
    with admin.store.read() as conn:
        dumped = " ".join(str(v) for row in conn.execute(select(audit_entry)) for v in row)

    for secret in (person.name.last, person.name.first, person.dod_id, "new.address",
                   person.date_of_birth.isoformat()):  # fmt: skip
        assert secret not in dumped


def test_the_chain_of_real_work_verifies_and_every_kind_of_tampering_is_reported(
    office: Office,
) -> None:
    _agent_flow(office)
    admin = office.sign_in()
    assert audit_review.verify(admin).intact

    tamperings = {
        "modified": update(audit_entry).where(audit_entry.c.seq == 3).values(outcome="denied"),
        "missing": delete(audit_entry).where(audit_entry.c.seq == 4),
    }
    for kind, statement in tamperings.items():
        with admin.store.write() as conn:
            conn.execute(statement)
        report = audit_review.verify(admin)
        assert kind in {p.kind for p in report.problems}


def test_swapped_and_replayed_rows_are_reported(office: Office) -> None:
    _agent_flow(office)
    admin = office.sign_in()
    with admin.store.write() as conn:
        conn.execute(update(audit_entry).where(audit_entry.c.seq == 2).values(seq=-2))
        conn.execute(update(audit_entry).where(audit_entry.c.seq == 3).values(seq=2))
        conn.execute(update(audit_entry).where(audit_entry.c.seq == -2).values(seq=3))
    assert {p.seq for p in audit_review.verify(admin).problems} >= {2, 3}

    admin = office.sign_in()  # a fresh copy to replay into
    with admin.store.write() as conn:
        row = conn.execute(select(audit_entry).where(audit_entry.c.seq == 5)).mappings().one()
        conn.execute(update(audit_entry).where(audit_entry.c.seq > 5).values(
            seq=audit_entry.c.seq + 1000))  # fmt: skip
        conn.execute(insert(audit_entry).values(**(dict(row) | {"seq": 6})))
    problems = audit_review.verify(admin).problems
    assert any(p.seq == 6 for p in problems)


def test_deleting_the_newest_entries_is_reported_against_the_recorded_head(
    office: Office,
) -> None:
    _agent_flow(office)
    admin = office.sign_in()
    with admin.store.write() as conn:
        last = conn.execute(select(audit_entry.c.seq).order_by(audit_entry.c.seq.desc())).first()
        assert last is not None
        conn.execute(delete(audit_entry).where(audit_entry.c.seq >= last.seq - 1))
    report = audit_review.verify(admin)
    assert [p.kind for p in report.problems] == ["truncated"]


def test_failed_sign_ins_reach_the_chain_at_the_next_sign_in(office: Office) -> None:
    username, password = STAFF[Role.COACH]
    for _ in range(2):
        office.clock.advance(minutes=1)
        with pytest.raises(UnlockFailed):
            office.sign_in(username, "Wrong password for sure 1!")
    office.clock.advance(minutes=1)
    office.sign_in(username, password)

    coach = [r for r in _all(office.sign_in()) if r.actor == username]
    assert [(r.action, r.outcome) for r in coach] == [
        ("sign_in_failed", "failed"),
        ("sign_in_failed", "failed"),
        ("sign_in", "ok"),
    ]
    assert coach[0].at < coach[1].at < coach[2].at


def test_when_the_audit_cannot_be_written_no_record_is_shown_and_no_change_kept(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = office.sign_in_as(Role.AGENT)
    stored = records.register(agent, make_spouses(1)[0])

    def broken(*_: object) -> None:
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr("seco_desktop.store.audit.append", broken)
    with pytest.raises(AuditUnavailable, match="audit trail could not be written"):
        records.open_record(agent, stored.id)
    with pytest.raises(AuditUnavailable):
        records.edit(agent, dataclasses.replace(stored, email="changed@example.org"))
    monkeypatch.undo()

    assert records.open_record(agent, stored.id).spouse.email == stored.email


def test_a_read_only_store_file_stops_record_views(office: Office) -> None:
    agent = office.sign_in_as(Role.AGENT)
    stored = records.register(agent, make_spouses(1)[0])
    with agent.store.write() as conn:  # a trigger stands in for a disk that refuses writes
        conn.execute(text(
            "CREATE TRIGGER audit_full BEFORE INSERT ON audit_entry "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        ))  # fmt: skip
    with pytest.raises(AuditUnavailable):
        records.open_record(agent, stored.id)
    with agent.store.read() as conn:
        assert conn.execute(select(spouse.c.email).where(spouse.c.id == stored.id)).scalar()


def test_a_supervisor_sees_the_team_and_not_the_administrators(office: Office) -> None:
    _agent_flow(office)
    admin = office.sign_in()
    accounts.assign_team(admin, STAFF[Role.AGENT][0], STAFF[Role.SUPERVISOR][0])
    records.register(admin, make_spouses(1, seed=3)[0])
    supervisor = office.sign_in_as(Role.SUPERVISOR)

    seen = {r.role for r in audit_review.entries(supervisor, limit=1000)}
    everything = {r.role for r in audit_review.entries(admin, limit=1000)}

    assert "administrator" in everything
    assert "administrator" not in seen
    assert "agent" in seen


def test_a_supervisor_does_not_see_agents_and_coaches_of_no_or_another_team(
    office: Office,
) -> None:
    _agent_flow(office)  # the agent: on no team
    admin = office.sign_in()
    coach_name = STAFF[Role.COACH][0]
    records.register(office.sign_in_as(Role.COACH), make_spouses(1, seed=4)[0])
    supervisor = office.sign_in_as(Role.SUPERVISOR)
    assert {r.role for r in audit_review.entries(supervisor, limit=1000)} == {"supervisor"}

    accounts.assign_team(admin, coach_name, STAFF[Role.SUPERVISOR][0])
    assert {r.actor for r in audit_review.entries(supervisor, limit=1000)} >= {coach_name}
    assert "agent" not in {r.role for r in audit_review.entries(supervisor, limit=1000)}

    accounts.assign_team(admin, coach_name, None)  # taken off the team
    assert coach_name not in {r.actor for r in audit_review.entries(supervisor, limit=1000)}


def test_a_team_needs_an_agent_or_coach_and_a_supervisor_named_in_the_error(
    office: Office,
) -> None:
    admin = office.sign_in()
    agent, coach, lead = (STAFF[r][0] for r in (Role.AGENT, Role.COACH, Role.SUPERVISOR))
    with pytest.raises(ValidationError) as not_lead:
        accounts.assign_team(admin, agent, coach)
    assert not_lead.value.errors[0].field == "supervisor"
    with pytest.raises(ValidationError) as not_member:
        accounts.assign_team(admin, lead, lead)
    assert not_member.value.errors[0].field == "user"
    with pytest.raises(ValidationError, match="No account"):
        accounts.assign_team(admin, agent, "nobody-here")


def test_the_export_is_csv_with_a_header_and_is_itself_audited(office: Office) -> None:
    _agent_flow(office)
    admin = office.sign_in()
    csv_text = audit_review.export_csv(admin)
    lines = csv_text.splitlines()
    assert lines[0] == "seq,at_utc,user,role,action,record_id,outcome,detail"
    assert len(lines) > 6
    assert audit_review.entries(admin, limit=1)[0].action == "export"


def test_the_head_for_sync_is_the_newest_entry(office: Office) -> None:
    admin = office.sign_in()
    head = audit_review.audit_head(admin)
    newest = audit_review.entries(admin, limit=1)[0]
    assert head.seq == newest.seq  # the listing's own entry comes after what it returns
    assert len(head.mac) == 32
    assert audit_review.audit_head(admin).seq == head.seq + 1


def test_key_operations_are_recorded_including_a_recovery_reset_made_with_the_store_shut(
    office: Office,
) -> None:
    admin = office.sign_in()
    key_service.rotate_keys(admin)
    recovery = key_service.new_recovery_key(admin)
    office.close_all()
    username, _ = STAFF[Role.AGENT]
    with pytest.raises(RecoveryKeyInvalid):
        key_service.reset_password_with_recovery(
            office.path, office.recovery_key, username, "Reset by recovery 9!",
            argon2=FAST_ARGON2_FOR_TESTS, clock=office.clock,
        )  # fmt: skip
    key_service.reset_password_with_recovery(
        office.path, recovery, username, "Reset by recovery 9!",
        argon2=FAST_ARGON2_FOR_TESTS, clock=office.clock,
    )  # fmt: skip

    trail = [r for r in _all(office.sign_in()) if r.action == "key_operation"]

    assert [json.loads(r.detail)["op"] for r in trail] == [
        "rotate", "new_recovery_key", "recovery_password_reset"]  # fmt: skip
    assert trail[-1].actor == username
