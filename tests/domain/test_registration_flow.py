"""The registration wizard's flow, without Qt or a store: steps, errors, duplicates, drafts."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.demo.registration_answers import (
    details_answers,
    eligibility_answers,
    profile_answers,
)
from seco_desktop.domain import codec
from seco_desktop.domain.eligibility import RuleBook, decide_mycaa, decide_seco
from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Branch, Program
from seco_desktop.domain.registration import (
    DuplicateRef,
    FlowError,
    RegistrationFlow,
    RegistrationState,
    Step,
    build_spouse,
    step_for_field,
)

TODAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 5, 9, 30)
BOOK = RuleBook.builtin()
AGENT_ID = "agent-user-id"
STATEMENT, NOTICE = "PAS-test-1", "ADN-test-1"


def spouses(n: int = 20, seed: int = 7) -> list[Spouse]:
    return list(generate_spouses(n, seed=seed, today=TODAY))


def eligible_spouse(seed: int = 7) -> Spouse:
    return next(s for s in spouses(seed=seed) if decide_seco(s, TODAY, BOOK).eligible)


def new_flow() -> RegistrationFlow:
    return RegistrationFlow(RegistrationState(AGENT_ID, NOW, STATEMENT, NOTICE), BOOK, lambda: NOW)


answers_of, profile_of, details_of = eligibility_answers, profile_answers, details_answers


def round_trips(state: RegistrationState) -> None:
    assert codec.loads(RegistrationState, codec.dumps(state)) == state


def walk_to_profile(flow: RegistrationFlow, s: Spouse) -> None:
    flow.acknowledge()
    assert flow.next() is Step.ELIGIBILITY
    flow.state.eligibility = answers_of(s)
    assert flow.next() is Step.PROFILE


def walk_to_end(flow: RegistrationFlow, s: Spouse) -> None:
    """SCRIPT to CONGRATULATIONS with the record ``s``, the duplicate check finding nothing."""
    walk_to_profile(flow, s)
    flow.state.profile = profile_of(s)
    flow.record_duplicates(flow.duplicate_query(), [])
    assert flow.next() is Step.DETAILS
    flow.state.details = details_of(s)
    assert flow.next() is Step.CONGRATULATIONS


def same_record(built: Spouse, s: Spouse) -> bool:
    """Equal but for what the registration sets itself (id, consent, timestamps...)."""
    keep = ("id", "consent", "mycaa_awards", "assigned_coach", "created_at", "updated_at")
    return dataclasses.replace(built, **{k: getattr(s, k) for k in keep}) == s


def test_happy_path_ends_with_consent_and_both_decisions() -> None:
    s = eligible_spouse()
    flow = new_flow()
    assert flow.state.step is Step.SCRIPT
    assert not flow.can_go_back
    walk_to_end(flow, s)
    assert flow.state.seco is not None
    assert flow.state.seco.eligible
    assert flow.state.seco.reasons == list(decide_seco(s, TODAY, BOOK).reasons)
    mycaa = decide_mycaa(s, TODAY, BOOK)
    assert flow.state.mycaa is not None
    assert flow.state.mycaa.program is Program.MYCAA
    assert (flow.state.mycaa.eligible, flow.state.mycaa.reasons) == (
        mycaa.eligible,
        list(mycaa.reasons),
    )
    flow.state.msep_opt_in = not s.msep_opt_in
    built = build_spouse(flow.state)
    assert built.msep_opt_in is not s.msep_opt_in
    assert same_record(dataclasses.replace(built, msep_opt_in=s.msep_opt_in), s)
    assert built.consent is not None
    assert (built.consent.statement_version, built.consent.acknowledged_at) == (STATEMENT, NOW)
    assert (built.consent.recorded_by, built.consent.on_behalf) == (AGENT_ID, True)
    assert built.consent.read_aloud
    with pytest.raises(FlowError):
        flow.next()  # the last step is finished by the commit
    flow.mark_registered("new-record-id")
    assert flow.step is Step.DONE
    assert flow.state.registered_id == "new-record-id"
    assert not flow.can_go_back


def test_coast_guard_spouse_is_ineligible_with_reasons_and_can_end_with_a_note() -> None:
    s = next(s for s in spouses() if s.sponsor.branch is Branch.COAST_GUARD)
    flow = new_flow()
    flow.acknowledge()
    flow.next()
    flow.state.eligibility = answers_of(s)
    preview = flow.seco_preview()
    assert preview is not None
    assert not preview.eligible
    assert flow.next() is Step.INELIGIBLE
    assert flow.state.seco is not None
    assert not flow.state.seco.eligible
    assert any("Coast Guard" in r for r in flow.state.seco.reasons)
    flow.state.ineligible_note = "Referred to Coast Guard Work-Life programs"
    round_trips(flow.state)
    assert flow.next() is Step.END_INELIGIBLE
    assert flow.state.ineligible_note.startswith("Referred")
    with pytest.raises(FlowError):
        flow.back()


def test_wrong_answer_can_be_corrected_by_going_back_from_ineligible() -> None:
    s = eligible_spouse()
    flow = new_flow()
    flow.acknowledge()
    flow.next()
    flow.state.eligibility = dataclasses.replace(answers_of(s), spouse_is_service_member=True)
    assert flow.next() is Step.INELIGIBLE
    assert flow.back() is Step.ELIGIBILITY
    flow.state.eligibility.spouse_is_service_member = False
    assert flow.next() is Step.PROFILE


def test_back_and_next_keep_everything_entered() -> None:
    s = eligible_spouse()
    flow = new_flow()
    walk_to_end(flow, s)
    before = codec.dumps(flow.state)
    assert flow.back() is Step.DETAILS
    assert flow.back() is Step.PROFILE
    assert flow.back() is Step.ELIGIBILITY
    assert flow.next() is Step.PROFILE
    assert flow.next() is Step.DETAILS
    assert flow.next() is Step.CONGRATULATIONS
    after = codec.loads(RegistrationState, codec.dumps(flow.state))
    assert after.profile == profile_of(s)
    assert after.details == details_of(s)
    assert after.step is codec.loads(RegistrationState, before).step
    assert flow.go_to(Step.PROFILE) is Step.PROFILE
    assert flow.state.profile == profile_of(s)
    with pytest.raises(FlowError):
        flow.go_to(Step.CONGRATULATIONS)  # not passed yet


def test_script_needs_the_callers_acknowledgment() -> None:
    flow = new_flow()
    with pytest.raises(ValidationError) as refused:
        flow.next()
    assert refused.value.fields == ("consent",)
    flow.acknowledge(read_aloud=False)
    flow.acknowledge(False)
    assert flow.state.acknowledged_at is None
    with pytest.raises(ValidationError):
        flow.next()
    flow.acknowledge()
    assert flow.next() is Step.ELIGIBILITY


def test_eligibility_questions_must_all_be_answered() -> None:
    flow = new_flow()
    flow.acknowledge()
    flow.next()
    assert flow.seco_preview() is None
    with pytest.raises(ValidationError) as refused:
        flow.next()
    assert set(refused.value.fields) == {
        "sponsor.branch",
        "sponsor.component",
        "sponsor.status",
        "is_service_member",
    }
    assert len(refused.value.errors) == 4  # one message a field
    assert flow.step is Step.ELIGIBILITY


def test_profile_errors_are_the_profile_fields_only_and_nothing_is_lost() -> None:
    s = eligible_spouse()
    flow = new_flow()
    walk_to_profile(flow, s)
    flow.state.profile = profile_of(s)
    flow.state.profile.name.last = ""
    flow.state.profile.dod_id = "12345"
    flow.state.profile.email = "not an email"
    flow.record_duplicates(flow.duplicate_query(), [])
    with pytest.raises(ValidationError) as refused:
        flow.next()
    assert set(refused.value.fields) == {"name.last", "dod_id", "email"}
    assert all(step_for_field(f) is Step.PROFILE for f in refused.value.fields)
    assert flow.step is Step.PROFILE
    assert flow.state.profile.dod_id == "12345"
    assert flow.state.profile.email == "not an email"
    assert flow.state.profile.name.first == s.name.first


def test_details_errors_land_at_sponsor_and_list_fields() -> None:
    s = eligible_spouse()
    flow = new_flow()
    walk_to_end(flow, s)
    flow.back()
    flow.state.details.pay_grade = ""
    flow.state.details.sponsor_dod_id = s.dod_id  # the spouse's own number
    with pytest.raises(ValidationError) as refused:
        flow.next()
    assert set(refused.value.fields) == {"sponsor.pay_grade", "sponsor.dod_id"}
    assert flow.step is Step.DETAILS


def test_step_for_field_routes_every_path_to_its_page() -> None:
    assert step_for_field("sponsor.separation_date") is Step.ELIGIBILITY
    assert step_for_field("sponsor.name.first") is Step.DETAILS
    assert step_for_field("address.postal_code") is Step.PROFILE
    assert step_for_field("education[2].end_date") is Step.DETAILS
    assert step_for_field("consent.acknowledged_at") is Step.SCRIPT
    assert step_for_field("nameless") is None


def test_duplicate_check_is_needed_when_an_id_or_name_and_birth_date_complete_or_change() -> None:
    s = eligible_spouse()
    flow = new_flow()
    walk_to_profile(flow, s)
    p = flow.state.profile
    assert not flow.needs_duplicate_check()
    p.dod_id = s.dod_id[:6]
    assert not flow.needs_duplicate_check()  # not a whole DoD ID yet
    p.dod_id = f"{s.dod_id[:3]}-{s.dod_id[3:]}"
    assert flow.needs_duplicate_check()
    query = flow.duplicate_query()
    assert query.dod_id == s.dod_id
    assert query.name is None
    with pytest.raises(ValidationError) as refused:
        flow.next()
    assert "dod_id" in refused.value.fields
    flow.record_duplicates(query, [])
    assert not flow.needs_duplicate_check()
    p.dod_id = s.dod_id  # the same number, typed without the dash
    assert not flow.needs_duplicate_check()
    p.name.first, p.name.last = s.name.first, s.name.last
    assert not flow.needs_duplicate_check()  # no date of birth yet
    p.date_of_birth = s.date_of_birth
    assert flow.needs_duplicate_check()
    asked = flow.duplicate_query()
    assert asked.name is not None
    assert asked.date_of_birth == s.date_of_birth
    assert (asked.name.first, asked.name.last) == (s.name.first, s.name.last)
    p.name.last = "Changed-While-Checking"
    assert asked.name.last == s.name.last  # the query keeps what was asked
    flow.record_duplicates(asked, [DuplicateRef("existing-id", ["Same DoD ID"])])
    assert flow.needs_duplicate_check()  # the answer was for the name before the change
    round_trips(flow.state)


def test_agent_can_open_an_existing_record_instead() -> None:
    s = eligible_spouse()
    flow = new_flow()
    walk_to_profile(flow, s)
    flow.state.profile = profile_of(s)
    flow.record_duplicates(flow.duplicate_query(), [DuplicateRef("existing-id", ["Same DoD ID"])])
    with pytest.raises(FlowError):
        flow.open_existing("some-other-id")
    flow.open_existing("existing-id")
    assert flow.step is Step.END_OPEN_EXISTING
    assert flow.state.open_existing_id == "existing-id"
    round_trips(flow.state)


def test_build_spouse_refuses_without_acknowledgment_or_answers() -> None:
    flow = new_flow()
    with pytest.raises(ValidationError, match="acknowledgment"):
        build_spouse(flow.state)
    flow.acknowledge()
    with pytest.raises(ValidationError) as refused:
        build_spouse(flow.state)
    assert "sponsor.branch" in refused.value.fields


def test_back_is_refused_at_the_first_step() -> None:
    with pytest.raises(FlowError):
        new_flow().back()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**31))
def test_any_generated_spouse_walks_through_and_round_trips_at_every_step(seed: int) -> None:
    (s,) = generate_spouses(1, seed=seed, today=TODAY)
    flow = new_flow()
    round_trips(flow.state)
    flow.acknowledge()
    flow.next()
    round_trips(flow.state)
    flow.state.eligibility = answers_of(s)
    round_trips(flow.state)
    step = flow.next()
    round_trips(flow.state)
    if not decide_seco(s, TODAY, BOOK).eligible:
        assert step is Step.INELIGIBLE
        assert flow.state.seco is not None
        assert flow.state.seco.reasons
        return
    flow.state.profile = profile_of(s)
    assert flow.needs_duplicate_check()
    flow.record_duplicates(flow.duplicate_query(), [])
    round_trips(flow.state)
    flow.next()
    flow.state.details = details_of(s)
    round_trips(flow.state)
    assert flow.next() is Step.CONGRATULATIONS
    flow.state.msep_opt_in = s.msep_opt_in
    round_trips(flow.state)
    restored = codec.loads(RegistrationState, codec.dumps(flow.state))
    assert same_record(build_spouse(restored), s)
    flow.mark_registered("id")
    round_trips(flow.state)
