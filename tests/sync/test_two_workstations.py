"""Workstations edit offline, then sync: every edit merged or recorded, all copies identical."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable

import pytest

from seco_desktop.central.server import CentralRow, CentralStore
from seco_desktop.domain import codec
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import ContactType
from seco_desktop.services import records, sync_duplicates
from seco_desktop.services.session import Session
from seco_desktop.services.sync import workstation_id
from seco_desktop.services.sync_conflicts import ConflictMaker
from seco_desktop.services.sync_review import (
    keep,
    merge_duplicate,
    open_conflicts,
    restore,
    status,
)
from seco_desktop.store import casework, spouses
from seco_desktop.store.conflicts import Conflict, all_conflicts
from seco_desktop.store.sync_tables import read_doc
from tests.services.support import make_spouses

from .support import Office, Workstation, every_document

pytestmark = pytest.mark.postgres


def _spouse(session: Session, spouse_id: str) -> Spouse:
    with session.store.read() as conn:
        return spouses.get_spouse(conn, spouse_id)


def _edit(ws: Workstation, spouse_id: str, change: Callable[[Spouse], Spouse]) -> Spouse:
    return records.edit(ws.s, change(_spouse(ws.s, spouse_id)))


def _assert_identical(office: Office) -> None:
    """Every record and every conflict (open or resolved) the same on every workstation."""
    first, *others = office.workstations
    expected = every_document(first.s)
    for ws in others:
        assert every_document(ws.s) == expected, f"{ws.name} differs from {first.name}"
        assert _conflicts(ws.s) == _conflicts(first.s), f"{ws.name} lists other conflicts"
    for ws in office.workstations:
        assert status(ws.s).pending == 0


def _conflicts(session: Session) -> list[Conflict]:
    with session.store.read() as conn:
        return all_conflicts(conn)


@pytest.fixture
def shared(office2: Office) -> Spouse:
    """One spouse registered on the first workstation and synced everywhere."""
    spouse = make_spouses(1, seed=11)[0]
    records.register(office2.workstations[0].s, spouse)
    office2.sync_all()
    return spouse


def test_a_record_registered_on_one_workstation_reaches_the_other(
    office2: Office, shared: Spouse
) -> None:
    a, b = office2.workstations
    assert _spouse(b.s, shared.id).name == _spouse(a.s, shared.id).name
    _assert_identical(office2)


def test_edits_of_different_fields_merge_without_a_conflict(
    office2: Office, shared: Spouse
) -> None:
    a, b = office2.workstations
    _edit(a, shared.id, lambda s: dataclasses.replace(s, email="new.address@example.org"))
    office2.clock.advance(minutes=1)
    _edit(b, shared.id, lambda s: dataclasses.replace(s, phone="555-210-2233"))
    _edit(
        b,
        shared.id,
        lambda s: dataclasses.replace(s, name=dataclasses.replace(s.name, middle="Quinn")),
    )

    office2.sync_all()

    for ws in (a, b):
        merged = _spouse(ws.s, shared.id)
        assert (merged.email, merged.phone, merged.name.middle) == (
            "new.address@example.org",
            "+15552102233",
            "Quinn",
        )
        assert open_conflicts(ws.s) == []
    _assert_identical(office2)


def test_the_same_field_edited_twice_keeps_the_later_edit_and_records_the_other(
    office2: Office, shared: Spouse
) -> None:
    a, b = office2.workstations
    _edit(a, shared.id, lambda s: dataclasses.replace(s, career_goals="Become a paralegal"))
    office2.clock.advance(minutes=5)
    later = office2.clock()
    _edit(b, shared.id, lambda s: dataclasses.replace(s, career_goals="Teach middle school"))

    office2.sync(a)
    office2.sync(b)  # b's push meets a's version: b merges
    office2.sync_all()

    for ws in (a, b):
        assert _spouse(ws.s, shared.id).career_goals == "Teach middle school"
    found = open_conflicts(b.s)
    assert [(c.kind, c.field) for c in found] == [("field", "career_goals")]
    assert open_conflicts(a.s) == found  # the coach whose value lost sees it too
    (conflict,) = found
    assert json.loads(conflict.lost_value) == "Become a paralegal"
    assert json.loads(conflict.kept_value) == "Teach middle school"
    assert conflict.lost_by == a.s.user.id
    assert conflict.kept_at == later
    _assert_identical(office2)

    restore(b.s, conflict.id)  # one step
    office2.sync_all()

    for ws in (a, b):
        assert _spouse(ws.s, shared.id).career_goals == "Become a paralegal"
        assert open_conflicts(ws.s) == []
    _assert_identical(office2)


def test_keeping_the_winner_closes_the_conflict_and_changes_nothing(
    office2: Office, shared: Spouse
) -> None:
    a, b = office2.workstations
    _edit(a, shared.id, lambda s: dataclasses.replace(s, email="first@example.org"))
    office2.clock.advance(minutes=1)
    _edit(b, shared.id, lambda s: dataclasses.replace(s, email="second@example.org"))
    office2.sync_all()
    (conflict,) = open_conflicts(b.s)

    keep(b.s, conflict.id)
    office2.sync_all()

    assert open_conflicts(a.s) == open_conflicts(b.s) == []
    assert {_spouse(ws.s, shared.id).email for ws in (a, b)} == {"second@example.org"}
    _assert_identical(office2)


def test_a_delete_meeting_an_edit_wins_and_the_edit_can_be_restored(
    office2: Office, shared: Spouse
) -> None:
    a, b = office2.workstations
    with a.s.store.write() as conn:
        spouses.delete_spouse(conn, shared.id, office2.clock(), by=a.s.user.id)
    _edit(b, shared.id, lambda s: dataclasses.replace(s, phone="555-210-9999"))

    office2.sync_all()

    for ws in (a, b):
        with ws.s.store.read() as conn:
            assert read_doc(conn, "spouse", shared.id)["deleted"] is True  # type: ignore[index]
    conflicts = open_conflicts(a.s)
    assert [c.kind for c in conflicts] == ["delete"]
    assert open_conflicts(b.s) == conflicts
    (conflict,) = conflicts
    assert json.loads(conflict.lost_value)["phone"] == "+15552109999"
    _assert_identical(office2)

    restore(a.s, conflict.id)  # on either desk
    office2.sync_all()

    for ws in (a, b):
        assert _spouse(ws.s, shared.id).phone == "+15552109999"
        assert open_conflicts(ws.s) == []
    _assert_identical(office2)


def test_notes_written_on_both_workstations_all_arrive(office2: Office, shared: Spouse) -> None:
    a, b = office2.workstations
    for ws, n in ((a, 3), (b, 2)):
        for i in range(n):
            records.add_note(ws.s, shared.id, ContactType.PHONE, f"call {i}", "synthetic note")

    office2.sync_all()

    for ws in (a, b):
        with ws.s.store.read() as conn:
            assert len(casework.notes_for(conn, shared.id)) == 5
    _assert_identical(office2)


def test_the_same_spouse_registered_offline_twice_is_offered_for_merging(office2: Office) -> None:
    a, b = office2.workstations
    caller = make_spouses(1, seed=21)[0]
    first = records.register(a.s, caller)
    second = records.register(b.s, dataclasses.replace(caller, id="b" + caller.id[1:]))
    records.add_note(b.s, second.id, ContactType.PHONE, "registration", "called in")

    office2.sync_all()

    offered = [c for c in open_conflicts(a.s) if c.kind == "duplicate"]
    assert len(offered) == 1, "the duplicate registration was not listed once"
    assert {offered[0].record_id, offered[0].other_id} == {first.id, second.id}
    assert open_conflicts(b.s) == offered  # found by both desks: one shared conflict

    merge_duplicate(b.s, offered[0].id, keep_id=first.id)
    office2.sync_all()

    for ws in (a, b):
        with ws.s.store.read() as conn:
            assert spouses.find_id_by_dod_id(conn, caller.dod_id) == first.id
            assert [n.topic for n in casework.notes_for(conn, first.id)] == ["registration"]
    _assert_identical(office2)


def test_three_workstations_mixed_offline_work_converges(office3: Office) -> None:
    a, b, c = office3.workstations
    people = make_spouses(6, seed=5)
    for s in people[:3]:
        records.register(a.s, s)
    for s in people[3:]:
        records.register(c.s, s)
    office3.sync_all()

    _edit(a, people[0].id, lambda s: dataclasses.replace(s, email="a@example.org"))
    _edit(b, people[0].id, lambda s: dataclasses.replace(s, phone="555-210-0001"))
    office3.clock.advance(seconds=30)
    _edit(c, people[0].id, lambda s: dataclasses.replace(s, email="c@example.org"))
    _edit(b, people[4].id, lambda s: dataclasses.replace(s, career_goals="Nursing"))
    with c.s.store.write() as conn:
        spouses.delete_spouse(conn, people[5].id, office3.clock(), by=c.s.user.id)
    records.add_note(a.s, people[4].id, ContactType.EMAIL, "follow-up", "sent the list")

    office3.sync_all(rounds=3)

    merged = _spouse(a.s, people[0].id)
    assert (merged.email, merged.phone) == ("c@example.org", "+15552100001")
    assert _spouse(a.s, people[4].id).career_goals == "Nursing"
    lost_emails = [json.loads(x.lost_value) for x in open_conflicts(a.s) if x.field == "email"]
    assert lost_emails == ["a@example.org"]
    assert open_conflicts(a.s) == open_conflicts(b.s) == open_conflicts(c.s)
    _assert_identical(office3)
    assert codec.to_dict(merged)["email"] == "c@example.org"


def test_a_duplicate_of_a_record_held_here_is_offered_without_fetching_it(
    office2: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = office2.workstations
    caller = make_spouses(1, seed=22)[0]
    first = records.register(a.s, caller)
    office2.sync(a)
    office2.sync(b)  # b holds the first registration at its central version
    second = dataclasses.replace(caller, id="b" + caller.id[1:])
    with b.s.store.write() as conn:  # the same person again, e.g. from a bulk import
        spouses.insert_many(conn, [second], office2.clock(), by=b.s.user.id)
    fetched: list[tuple[str, str]] = []
    real_fetch = CentralStore.fetch

    def spy(self: CentralStore, keys: Iterable[tuple[str, str]]) -> list[CentralRow]:
        wanted = list(keys)
        fetched.extend(wanted)
        return real_fetch(self, wanted)

    monkeypatch.setattr(CentralStore, "fetch", spy)
    office2.sync(b)

    offered = [c for c in open_conflicts(b.s) if c.kind == "duplicate"]
    assert [{c.record_id, c.other_id} for c in offered] == [{first.id, second.id}]
    assert ("spouse", first.id) not in fetched  # compared with the copy held here


def test_a_resent_push_whose_dod_id_was_not_kept_is_checked_from_its_row(
    office2: Office,
) -> None:
    """After a restart the prepared pushes are resent without the DoD IDs the sealing kept in
    memory: the duplicate check reads them from the rows instead, and still finds the pair."""
    a, b = office2.workstations
    caller, stranger = make_spouses(2, seed=23)
    first = records.register(a.s, caller)
    office2.sync(a)
    office2.sync(b)  # b holds the first registration at central version 1
    second = dataclasses.replace(caller, id="b" + caller.id[1:])
    third = records.register(b.s, stranger)
    with b.s.store.write() as conn:  # the same person again, e.g. from a bulk import
        spouses.insert_many(conn, [second], office2.clock(), by=b.s.user.id)
    named = sync_duplicates.Candidates(
        central={first.id: 1}, pushed={second.id: None, third.id: None}
    )
    maker = ConflictMaker(b.s.keys.material.index_key, workstation_id(b.s.store))

    found = sync_duplicates.confirm_candidates(
        b.s.store, office2.central, b.s.keys.material, named, office2.clock, maker=maker
    )

    assert found == 1
    offered = [c for c in open_conflicts(b.s) if c.kind == "duplicate"]
    assert [{c.record_id, c.other_id} for c in offered] == [{first.id, second.id}]
