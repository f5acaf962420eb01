"""Registering, opening, editing and finding a spouse's record, with casework on it."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import ContactType, Program, Role
from seco_desktop.services import records
from seco_desktop.services.session import Session
from seco_desktop.store import decisions as decision_rows
from seco_desktop.store.errors import DuplicateRecord, RecordNotFound, StaleRecord
from seco_desktop.store.spouses import count_spouses

from .support import TODAY, FakeClock, Office, make_spouses


def _count(session: Session) -> int:
    with session.store.read() as conn:
        return count_spouses(conn)


def _history(session: Session, spouse_id: str) -> list[tuple[Program, str]]:
    with session.store.read() as conn:
        return [(d.program, d.ruleset_version) for _, d in decision_rows.decision_history(
            conn, spouse_id
        )]  # fmt: skip


def _renamed(spouse: Spouse, first: str) -> Spouse:
    return dataclasses.replace(spouse, name=dataclasses.replace(spouse.name, first=first))


# --- register --------------------------------------------------------------------------------


def test_a_generated_spouse_registers_and_reads_back_the_same(
    agent: Session, spouses: list[Spouse]
) -> None:
    stored = records.register(agent, spouses[0])

    assert stored.row_version == 1
    assert stored.created_at is not None
    assert stored.updated_at == agent.clock()
    view = records.open_record(agent, stored.id)
    assert view.spouse == stored
    assert view.spouse.dod_id == spouses[0].dod_id
    assert _count(agent) == 1


def test_registering_records_a_decision_per_program(agent: Session, spouses: list[Spouse]) -> None:
    stored = records.register(agent, spouses[0])

    history = _history(agent, stored.id)
    assert sorted(p for p, _ in history) == [Program.MYCAA, Program.SECO]
    assert all(version for _, version in history)


def test_a_second_spouse_with_the_same_dod_id_is_refused(
    agent: Session, spouses: list[Spouse]
) -> None:
    first = records.register(agent, spouses[0])
    copycat = dataclasses.replace(spouses[1], dod_id=first.dod_id)

    with pytest.raises(DuplicateRecord, match="already registered"):
        records.register(agent, copycat)

    assert _count(agent) == 1
    assert records.open_record(agent, first.id).spouse == first


def test_the_same_dod_id_typed_with_dashes_is_still_a_duplicate(
    agent: Session, spouses: list[Spouse]
) -> None:
    first = records.register(agent, spouses[0])
    d = first.dod_id
    copycat = dataclasses.replace(spouses[1], dod_id=f"{d[:3]}-{d[3:6]} {d[6:]}")

    with pytest.raises(DuplicateRecord):
        records.register(agent, copycat)
    assert _count(agent) == 1


def test_a_spouse_with_several_bad_fields_lists_every_one_and_nothing_is_stored(
    agent: Session, spouses: list[Spouse]
) -> None:
    records.register(agent, spouses[0])
    good = spouses[1]
    bad = dataclasses.replace(
        good,
        name=dataclasses.replace(good.name, last=""),
        dod_id=good.dod_id[:9],
        date_of_birth=TODAY + timedelta(days=30),
    )

    with pytest.raises(ValidationError) as caught:
        records.register(agent, bad)

    assert set(caught.value.fields) == {"name.last", "dod_id", "date_of_birth"}
    assert caught.value.messages_for("dod_id") == ["DoD ID must be 10 digits; 9 were entered"]
    assert "9 were entered" in str(caught.value)
    assert good.dod_id[:9] not in str(caught.value)  # the value itself is never echoed
    assert _count(agent) == 1


# --- edit ------------------------------------------------------------------------------------


def test_an_edit_is_saved_and_bumps_the_row_version(
    agent: Session, spouses: list[Spouse], clock: FakeClock
) -> None:
    stored = records.register(agent, spouses[0])
    clock.advance(days=2)

    saved = records.edit(agent, _renamed(stored, spouses[1].name.first))

    assert saved.row_version == stored.row_version + 1
    reopened = records.open_record(agent, stored.id).spouse
    assert reopened.name.first == spouses[1].name.first
    assert reopened.row_version == 2
    assert reopened.created_at == stored.created_at
    assert reopened.updated_at == agent.clock()
    assert len(_history(agent, stored.id)) == 4  # decisions re-made on save


def test_editing_a_stale_copy_is_refused_and_the_newer_save_stays(office: Office) -> None:
    agent = office.sign_in_as(Role.AGENT)
    coach = office.sign_in_as(Role.COACH)
    names = make_spouses(3)
    stored = records.register(agent, names[0])
    agents_copy = records.open_record(agent, stored.id).spouse
    coachs_copy = records.open_record(coach, stored.id).spouse

    records.edit(coach, _renamed(coachs_copy, names[1].name.first))
    with pytest.raises(StaleRecord) as caught:
        records.edit(agent, _renamed(agents_copy, names[2].name.first))

    assert "reopen" in str(caught.value)
    now = records.open_record(agent, stored.id).spouse
    assert now.name.first == names[1].name.first
    assert now.row_version == 2


def test_an_edit_with_a_validation_error_leaves_the_record_as_it_was(
    agent: Session, spouses: list[Spouse]
) -> None:
    stored = records.register(agent, spouses[0])
    before = records.open_record(agent, stored.id).spouse
    decisions_before = _history(agent, stored.id)
    broken = dataclasses.replace(stored, name=dataclasses.replace(stored.name, last="  "))

    with pytest.raises(ValidationError) as caught:
        records.edit(agent, broken)

    assert caught.value.fields == ("name.last",)
    assert records.open_record(agent, stored.id).spouse == before
    assert _history(agent, stored.id) == decisions_before


def test_an_edit_cannot_take_another_spouses_dod_id(agent: Session, spouses: list[Spouse]) -> None:
    first = records.register(agent, spouses[0])
    second = records.register(agent, spouses[1])

    with pytest.raises(DuplicateRecord):
        records.edit(agent, dataclasses.replace(second, dod_id=first.dod_id))

    assert records.open_record(agent, second.id).spouse == second


# --- open_record -----------------------------------------------------------------------------


def test_open_record_shows_both_decisions_with_reasons_and_rule_set(
    agent: Session, spouses: list[Spouse]
) -> None:
    stored = records.register(agent, spouses[0])

    view = records.open_record(agent, stored.id)

    assert set(view.decisions) == {Program.SECO, Program.MYCAA}
    for program, decision in view.decisions.items():
        assert decision.program is program
        assert decision.reasons, "every decision says why"
        assert all(reason.strip() for reason in decision.reasons)
        assert decision.ruleset_version.startswith(program.value)
        assert decision.decided_on == TODAY
    assert view.decisions[Program.MYCAA].ruleset_version == "mycaa-2023.1"
    assert view.decisions[Program.SECO].ruleset_version == "seco-2019.1"


def test_open_record_gives_the_mycaa_balance_from_the_awards(agent: Session) -> None:
    spouse = next(s for s in make_spouses(200) if s.mycaa_awards)
    stored = records.register(agent, spouse)

    balance = records.open_record(agent, stored.id).mycaa_balance

    used = sum(a.amount_cents for a in spouse.mycaa_awards)
    assert balance.lifetime_cap_cents == 400_000
    assert balance.used_cents == used
    assert balance.remaining_cents == 400_000 - used
    assert balance.fiscal_year == 2026  # January 2026 is in FY2026


def test_notes_are_kept_oldest_first_and_notes_since_filters(
    agent: Session, spouses: list[Spouse], clock: FakeClock
) -> None:
    stored = records.register(agent, spouses[0])
    topics = ["First call", "Resume review", "Follow-up email"]
    for topic, kind in zip(
        topics, (ContactType.PHONE, ContactType.IN_PERSON, ContactType.EMAIL), strict=True
    ):
        clock.advance(days=3)
        records.add_note(agent, stored.id, kind, topic, f"Spoke about: {topic.lower()}")

    view = records.open_record(agent, stored.id)
    assert [n.topic for n in view.notes] == topics
    assert [n.created_at for n in view.notes] == sorted(n.created_at for n in view.notes)
    assert all(n.author == agent.user.id for n in view.notes)

    since = view.notes[1].created_at.date()
    later = records.open_record(agent, stored.id, notes_since=since)
    assert [n.topic for n in later.notes] == topics[1:]
    after_all = records.open_record(agent, stored.id, notes_since=clock().date() + timedelta(1))
    assert after_all.notes == []


def test_a_new_note_leaves_earlier_notes_untouched(
    agent: Session, spouses: list[Spouse], clock: FakeClock
) -> None:
    stored = records.register(agent, spouses[0])
    first = records.add_note(agent, stored.id, ContactType.PHONE, "Intake", "Initial call")
    clock.advance(minutes=5)
    records.add_note(agent, stored.id, ContactType.CHAT, "Intake", "Second contact")

    notes = records.open_record(agent, stored.id).notes
    assert notes[0] == first
    assert len(notes) == 2


def test_an_empty_note_is_refused(agent: Session, spouses: list[Spouse]) -> None:
    stored = records.register(agent, spouses[0])

    with pytest.raises(ValidationError) as caught:
        records.add_note(agent, stored.id, ContactType.PHONE, "Topic", "   ")

    assert caught.value.fields == ("body",)
    assert records.open_record(agent, stored.id).notes == []


def test_follow_ups_are_listed_and_can_be_completed(office: Office) -> None:
    agent = office.sign_in_as(Role.AGENT)
    coach = office.sign_in_as(Role.COACH)
    stored = records.register(agent, make_spouses(1)[0])
    later = records.add_follow_up(
        agent, stored.id, TODAY + timedelta(days=14), coach.user.id, "Check on licence transfer"
    )
    sooner = records.add_follow_up(
        agent, stored.id, TODAY + timedelta(days=2), coach.user.id, "Send resume template"
    )

    view = records.open_record(coach, stored.id)
    assert [f.description for f in view.follow_ups] == [sooner.description, later.description]
    assert all(not f.done and f.assignee == coach.user.id for f in view.follow_ups)

    office.clock.advance(days=1)
    records.complete_follow_up(coach, sooner.id)
    done = {f.id: f for f in records.open_record(coach, stored.id).follow_ups}
    assert done[sooner.id].done
    assert done[sooner.id].done_at == office.clock()
    assert not done[later.id].done
    with pytest.raises(RecordNotFound):  # completing twice
        records.complete_follow_up(coach, sooner.id)


def test_casework_on_an_unknown_record_is_refused(agent: Session) -> None:
    with pytest.raises(RecordNotFound):
        records.add_note(agent, "no-such-record", ContactType.PHONE, "Topic", "Body")
    with pytest.raises(RecordNotFound):
        records.open_record(agent, "no-such-record")


# --- resolve ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "{d}",
        "{d0}-{d1}-{d2}",
        "{d0} {d1} {d2}",
        "  {d0} - {d1} {d2} ",
    ],
)
def test_resolve_finds_a_spouse_by_dod_id_typed_any_way(
    agent: Session, spouses: list[Spouse], typed: str
) -> None:
    stored = records.register(agent, spouses[0])
    records.register(agent, spouses[1])
    d = stored.dod_id

    reference = typed.format(d=d, d0=d[:3], d1=d[3:6], d2=d[6:])

    assert records.resolve(agent, reference) == stored.id


def test_resolve_accepts_a_record_id(agent: Session, spouses: list[Spouse]) -> None:
    stored = records.register(agent, spouses[0])

    assert records.resolve(agent, stored.id) == stored.id


@pytest.mark.parametrize("reference", ["unregistered", "not-a-record-id"])
def test_resolve_of_an_unknown_reference_is_record_not_found(
    agent: Session, spouses: list[Spouse], reference: str
) -> None:
    records.register(agent, spouses[0])
    if reference == "unregistered":
        reference = spouses[1].dod_id  # a valid DoD ID nobody registered

    with pytest.raises(RecordNotFound):
        records.resolve(agent, reference)


def test_resolve_does_not_return_the_sponsor_as_a_spouse(
    agent: Session, spouses: list[Spouse]
) -> None:
    stored = records.register(agent, spouses[0])

    with pytest.raises(RecordNotFound):
        records.resolve(agent, stored.sponsor.dod_id)


def test_decisions_are_made_on_the_clock_date(
    agent: Session, spouses: list[Spouse], clock: FakeClock
) -> None:
    stored = records.register(agent, spouses[0])
    clock.set_day(date(2026, 6, 30))

    view = records.open_record(agent, stored.id)

    assert {d.decided_on for d in view.decisions.values()} == {date(2026, 6, 30)}
