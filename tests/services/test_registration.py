"""Registration on a caller's behalf against a real SQLCipher store: commit, drafts, duplicates."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from seco_desktop.domain.eligibility import RuleBook, decide_mycaa, decide_seco
from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.models import Address, Spouse
from seco_desktop.domain.reference import Program, Role
from seco_desktop.domain.registration import (
    Details,
    Eligibility,
    FlowError,
    Profile,
    RegistrationState,
    Step,
)
from seco_desktop.services import notices, records, registration
from seco_desktop.services.session import Session
from seco_desktop.store.duplicates import SAME_DOD_ID
from seco_desktop.store.errors import DuplicateRecord, RecordNotFound

from .support import TODAY, Office, make_spouses

BOOK = RuleBook.builtin()


def eligible(spouses: list[Spouse], *, mycaa: bool | None = None) -> Spouse:
    """The first generated spouse eligible for SECO (and for MyCAA as asked)."""
    for s in spouses:
        if not decide_seco(s, TODAY, BOOK).eligible:
            continue
        if mycaa is None or decide_mycaa(s, TODAY, BOOK).eligible is mycaa:
            return s
    raise AssertionError("no such spouse in the generated set")


def to_profile(flow_state: RegistrationState, s: Spouse) -> None:
    s = copy.deepcopy(s)
    flow_state.profile = Profile(
        s.name, s.dod_id, s.date_of_birth, s.gender, s.email, s.phone,
        s.address or Address("", "", "", ""), s.years_as_military_spouse,
    )  # fmt: skip


def to_details(flow_state: RegistrationState, s: Spouse) -> None:
    s, sp = copy.deepcopy(s), s.sponsor
    flow_state.details = Details(
        copy.deepcopy(sp.name), sp.dod_id, sp.pay_grade, sp.service_entry_date,
        sp.projected_separation_date, sp.on_title10_orders, sp.reserve_phase,
        s.legally_separated, s.education, s.work_experience, s.credentials, s.skills,
        s.career_goals,
    )  # fmt: skip


def walk_to_profile(session: Session, s: Spouse) -> RegistrationState:
    state = registration.start(session)
    flow = registration.flow(session, state)
    flow.acknowledge()
    flow.next()
    sp = s.sponsor
    state.eligibility = Eligibility(
        sp.branch, sp.component, sp.status, sp.separation_date, s.is_service_member
    )
    assert flow.next() is Step.PROFILE
    return state


def walk_to_end(session: Session, s: Spouse) -> RegistrationState:
    state = walk_to_profile(session, s)
    flow = registration.flow(session, state)
    to_profile(state, s)
    assert flow.needs_duplicate_check()
    assert registration.check_duplicates(session, state) == []
    assert flow.next() is Step.DETAILS
    to_details(state, s)
    assert flow.next() is Step.CONGRATULATIONS
    return state


def test_full_registration_stores_the_record_with_decisions_and_consent(
    agent: Session, office: Office
) -> None:
    s = eligible(make_spouses(20), mycaa=True)
    state = walk_to_end(agent, s)
    assert state.mycaa is not None
    assert state.mycaa.eligible
    state.msep_opt_in = True
    stored = registration.finish(agent, state)
    assert state.step is Step.DONE
    assert state.registered_id == stored.id
    view = records.open_record(agent, stored.id)
    assert view.spouse.dod_id == s.dod_id
    assert view.spouse.msep_opt_in
    assert view.decisions[Program.SECO].eligible
    assert view.decisions[Program.MYCAA].eligible
    assert list(view.decisions[Program.MYCAA].reasons) == state.mycaa.reasons
    consent = view.spouse.consent
    assert consent is not None
    assert consent.statement_version == notices.privacy_act_statement().version
    assert consent.acknowledged_at == office.clock.now
    assert consent.recorded_by == agent.user.id
    assert consent.on_behalf
    assert consent.read_aloud
    assert registration.list_drafts(agent) == []


def test_a_dropped_calls_draft_resumes_after_signing_in_again(office: Office) -> None:
    s = eligible(make_spouses(20))
    agent = office.sign_in_as(Role.AGENT)
    state = walk_to_profile(agent, s)
    to_profile(state, s)
    state.profile.email = ""  # not asked yet when the call dropped
    draft_id = registration.save_draft(agent, state)
    assert registration.save_draft(agent, state) == draft_id  # saving again updates it
    office.close_all()
    raw = b"".join(p.read_bytes() for p in office.path.parent.glob(f"{office.path.name}*"))
    assert s.name.last.encode() not in raw
    assert s.dod_id.encode() not in raw

    office.clock.advance(hours=3)
    again = office.sign_in_as(Role.AGENT)
    (info,) = registration.list_drafts(again)
    assert info.id == draft_id
    assert "agent1" in info.label
    assert "step 1 of 3" in info.label
    assert s.name.last not in info.label
    assert s.dod_id not in info.label
    resumed = registration.resume_draft(again, draft_id)
    assert resumed == state
    assert resumed.step is Step.PROFILE
    assert resumed.profile.name == s.name
    flow = registration.flow(again, resumed)
    flow.back()
    assert flow.next() is Step.PROFILE  # the flow carries on from where it stopped

    coach = office.sign_in_as(Role.COACH)
    assert registration.list_drafts(coach) == []  # drafts are their owner's
    with pytest.raises(RecordNotFound):
        registration.resume_draft(coach, draft_id)


def test_an_already_registered_dod_id_is_offered_as_a_duplicate(agent: Session) -> None:
    existing, newcomer = make_spouses(20)[:2]
    stored = records.register(agent, existing)
    state = walk_to_profile(agent, eligible(make_spouses(20)))
    to_profile(state, newcomer)
    state.profile.dod_id = existing.dod_id
    found = registration.check_duplicates(agent, state)
    assert [c.spouse.id for c in found] == [stored.id]
    assert SAME_DOD_ID in found[0].reasons
    assert [d.spouse_id for d in state.duplicates] == [stored.id]
    flow = registration.flow(agent, state)
    assert not flow.needs_duplicate_check()
    flow.open_existing(stored.id)
    assert state.step is Step.END_OPEN_EXISTING
    assert state.open_existing_id == stored.id


def test_finish_refused_by_validation_keeps_the_draft(agent: Session) -> None:
    s = eligible(make_spouses(20))
    state = walk_to_end(agent, s)
    draft_id = registration.save_draft(agent, state)
    state.profile.email = "not an email"
    with pytest.raises(ValidationError) as refused:
        registration.finish(agent, state)
    assert refused.value.fields == ("email",)
    assert state.step is Step.CONGRATULATIONS
    assert [d.id for d in registration.list_drafts(agent)] == [draft_id]
    assert registration.resume_draft(agent, draft_id).profile.email == s.email
    state.profile.email = s.email
    registration.finish(agent, state)
    assert registration.list_drafts(agent) == []


def test_finish_of_a_dod_id_registered_meanwhile_keeps_the_draft(agent: Session) -> None:
    s = eligible(make_spouses(20))
    state = walk_to_end(agent, s)
    registration.save_draft(agent, state)
    records.register(agent, s)  # another agent registered the caller during the call
    with pytest.raises(DuplicateRecord):
        registration.finish(agent, state)
    assert len(registration.list_drafts(agent)) == 1


def test_finish_needs_the_last_step_and_the_agent_who_started(
    agent: Session, office: Office
) -> None:
    s = eligible(make_spouses(20))
    state = walk_to_profile(agent, s)
    with pytest.raises(FlowError):
        registration.finish(agent, state)
    coach = office.sign_in_as(Role.COACH)
    with pytest.raises(FlowError):
        registration.save_draft(coach, state)


def test_missing_notice_text_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(notices.NoticeMissing, match="could not be read"):
        notices.privacy_act_statement(tmp_path)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "agency_disclosure_notice.txt").write_text("no version line\n")
    with pytest.raises(notices.NoticeMissing, match="Version"):
        notices.agency_disclosure_notice(tmp_path)


def test_shipped_notices_have_versions_and_titles() -> None:
    statement = notices.privacy_act_statement()
    notice = notices.agency_disclosure_notice()
    assert statement.title == "PRIVACY ACT STATEMENT"
    assert statement.version
    assert notice.title == "AGENCY DISCLOSURE NOTICE"
    assert notice.version
    assert "Readiness" in statement.text
    assert notice.text.startswith("The public reporting")
