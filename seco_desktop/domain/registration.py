"""Registering a spouse on a caller's behalf: the wizard's flow, free of Qt and SQL.

Like electrum's ``wizard.py``: a navigation map (which step follows which, decided from the data)
and a stack of visited steps, over one plain :class:`RegistrationState` that the pages edit. The
state is a dataclass that ``codec`` turns into JSON and back exactly, so a dropped call becomes a
draft. Nothing entered is ever thrown away: ``back()`` and a refused ``next()`` keep every field.

    SCRIPT -> ELIGIBILITY -+-> PROFILE -> DETAILS -> CONGRATULATIONS -> DONE (after the commit)
                           |      '-> END_OPEN_EXISTING (agent opens a duplicate instead)
                           '-> INELIGIBLE -> END_INELIGIBLE
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from seco_desktop.domain.eligibility import Decision, RuleBook, decide_mycaa, decide_seco
from seco_desktop.domain.errors import FieldError, InvalidValue, ValidationError
from seco_desktop.domain.models import (
    Address,
    Consent,
    Credential,
    Education,
    PersonName,
    Skill,
    Sponsor,
    Spouse,
    WorkExperience,
)
from seco_desktop.domain.normalise import name_key, normalise_dod_id
from seco_desktop.domain.reference import (
    Branch,
    Component,
    Gender,
    Program,
    ReservePhase,
    SponsorStatus,
)
from seco_desktop.domain.validation import validate_spouse

STATE_FORMAT = 1  # bump, and convert old drafts, when RegistrationState changes shape


class Step(StrEnum):
    SCRIPT = "script"
    ELIGIBILITY = "eligibility"
    INELIGIBLE = "ineligible"
    PROFILE = "profile"  # step 1 of 3
    DETAILS = "details"  # step 2 of 3
    CONGRATULATIONS = "congratulations"  # step 3 of 3
    DONE = "done"
    END_INELIGIBLE = "end_ineligible"
    END_OPEN_EXISTING = "end_open_existing"

    @property
    def terminal(self) -> bool:
        return self in _TERMINAL


_TERMINAL = frozenset({Step.DONE, Step.END_INELIGIBLE, Step.END_OPEN_EXISTING})

#: What the caller is told at the end (MySECO's "My Next Steps").
NEXT_STEPS = (
    "Finish your profile and résumé in your MySECO account",
    "Speak with a SECO career coach at the SECO Career Center",
    "Apply for MyCAA if you are eligible and have chosen a license, certification or degree",
    "Explore careers and MSEP partner employers",
)


@dataclass(slots=True)
class DecisionSummary:
    """An eligibility decision as the wizard shows and keeps it (JSON-friendly)."""

    program: Program
    eligible: bool
    reasons: list[str]
    ruleset_version: str
    decided_on: date

    @classmethod
    def of(cls, d: Decision) -> DecisionSummary:
        return cls(d.program, d.eligible, list(d.reasons), d.ruleset_version, d.decided_on)


@dataclass(slots=True)
class DuplicateRef:
    """A record the duplicate check found: its id and why (no names: drafts hold no copies)."""

    spouse_id: str
    reasons: list[str]


@dataclass(frozen=True, slots=True)
class DuplicateQuery:
    """What to ask the duplicate check; ``keys`` says what it was asked for, once answered."""

    dod_id: str | None
    name: PersonName | None
    date_of_birth: date | None
    keys: tuple[str, ...]


@dataclass(slots=True)
class Eligibility:
    branch: Branch | None = None
    component: Component | None = None
    status: SponsorStatus | None = None
    separation_date: date | None = None  # separated on, or date of death
    spouse_is_service_member: bool | None = None


@dataclass(slots=True)
class Profile:
    name: PersonName = field(default_factory=lambda: PersonName("", ""))
    dod_id: str = ""
    date_of_birth: date | None = None
    gender: Gender = Gender.UNDISCLOSED
    email: str = ""
    phone: str = ""
    address: Address = field(
        default_factory=lambda: Address("", "", "", "")
    )  # all blank: no address given
    years_as_military_spouse: int = 0


@dataclass(slots=True)
class Details:
    sponsor_name: PersonName = field(default_factory=lambda: PersonName("", ""))
    sponsor_dod_id: str = ""
    pay_grade: str = ""
    service_entry_date: date | None = None
    projected_separation_date: date | None = None
    on_title10_orders: bool = False
    reserve_phase: ReservePhase = ReservePhase.NONE
    legally_separated: bool = False
    education: list[Education] = field(default_factory=list)
    work_experience: list[WorkExperience] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    career_goals: str = ""


@dataclass(slots=True)
class RegistrationState:
    """Everything the wizard knows; the pages edit these fields directly."""

    agent_id: str
    started_at: datetime
    statement_version: str  # Privacy Act statement read aloud
    notice_version: str  # agency disclosure notice read aloud
    step: Step = Step.SCRIPT
    history: list[Step] = field(default_factory=list)  # the stack of steps behind this one
    read_aloud: bool = True
    acknowledged_at: datetime | None = None  # set when the caller acknowledges
    eligibility: Eligibility = field(default_factory=Eligibility)
    seco: DecisionSummary | None = None
    ineligible_note: str = ""
    profile: Profile = field(default_factory=Profile)
    duplicate_keys_checked: list[str] = field(default_factory=list)
    duplicates: list[DuplicateRef] = field(default_factory=list)
    open_existing_id: str | None = None
    details: Details = field(default_factory=Details)
    mycaa: DecisionSummary | None = None
    msep_opt_in: bool = False
    draft_id: str | None = None
    registered_id: str | None = None
    format: int = STATE_FORMAT


class FlowError(Exception):
    """The wizard was asked for a move its current step does not allow (a programming error)."""


# Which step owns a field path: the most specific prefix wins (sponsor.branch before sponsor).
_OWNED = (
    (Step.SCRIPT, "consent"),
    (Step.ELIGIBILITY, "sponsor.branch sponsor.component sponsor.status sponsor.separation_date"),
    (Step.ELIGIBILITY, "is_service_member"),
    (Step.INELIGIBLE, "ineligible_note"),
    (Step.PROFILE, "name dod_id date_of_birth gender address email phone years_as_military_spouse"),
    (Step.DETAILS, "sponsor legally_separated education work_experience credentials skills"),
    (Step.DETAILS, "career_goals"),
    (Step.CONGRATULATIONS, "msep_opt_in"),
)
_OWNERS = tuple((prefix, step) for step, prefixes in _OWNED for prefix in prefixes.split())


def step_for_field(path: str) -> Step | None:
    """The step whose page shows the field at ``path`` (to send the agent back to an error)."""
    for prefix, step in _OWNERS:
        if path == prefix or path.startswith((f"{prefix}.", f"{prefix}[")):
            return step
    return None


def _loose(value: object) -> Any:
    """Validation accepts whatever a form holds (a missing date too) and never raises."""
    return value


def _spouse(state: RegistrationState, consent: Consent | None) -> Spouse:
    """The record as entered so far; blanks stay blank for validation to report."""
    p, d, e = state.profile, state.details, state.eligibility
    a = p.address
    blank = not any(x.strip() for x in (a.line1, a.line2, a.city, a.state, a.postal_code))
    separated = e.separation_date if e.status is not SponsorStatus.SERVING else None
    sponsor = Sponsor(
        d.sponsor_name, d.sponsor_dod_id, _loose(e.branch), _loose(e.component), d.pay_grade,
        _loose(e.status), service_entry_date=d.service_entry_date,
        projected_separation_date=d.projected_separation_date, separation_date=separated,
        on_title10_orders=d.on_title10_orders, reserve_phase=d.reserve_phase,
    )  # fmt: skip
    return Spouse(
        p.name, p.dod_id, _loose(p.date_of_birth), sponsor, gender=p.gender,
        address=None if blank else a, years_as_military_spouse=p.years_as_military_spouse,
        email=p.email, phone=p.phone, education=d.education, work_experience=d.work_experience,
        credentials=d.credentials, skills=d.skills, career_goals=d.career_goals,
        msep_opt_in=state.msep_opt_in, is_service_member=bool(e.spouse_is_service_member),
        legally_separated=d.legally_separated, consent=consent,
    )  # fmt: skip


def build_spouse(state: RegistrationState) -> Spouse:
    """The record to commit, with the consent filled in. Raises :class:`ValidationError` when the
    script was not acknowledged or the eligibility answers are missing; the rest is left to the
    commit's own validation (``records.register`` cleans and validates the whole record)."""
    if state.acknowledged_at is None:
        raise ValidationError([FieldError("consent", _NO_ACK)])
    missing = _answer_errors(state.eligibility)
    if missing:
        raise ValidationError(missing)
    when, version = state.acknowledged_at, state.statement_version
    return _spouse(state, Consent(version, when, state.read_aloud, state.agent_id, on_behalf=True))


_NO_ACK = "Read the statement and notice aloud and record the caller's acknowledgment"


def _answer_errors(e: Eligibility) -> list[FieldError]:
    return [
        FieldError(path, message)
        for path, value, message in (
            ("sponsor.branch", e.branch, "Choose the sponsor's branch of service"),
            ("sponsor.component", e.component, "Choose the sponsor's component"),
            ("sponsor.status", e.status, "Choose the sponsor's status"),
            (
                "is_service_member",
                e.spouse_is_service_member,
                "Answer: is the spouse on active duty?",
            ),
        )
        if value is None
    ]


class RegistrationFlow:
    """Moves a :class:`RegistrationState` through the steps; ``clock`` gives naive UTC time."""

    def __init__(
        self, state: RegistrationState, rulebook: RuleBook, clock: Callable[[], datetime]
    ) -> None:
        self.state = state
        self.rulebook = rulebook
        self.clock = clock

    @property
    def step(self) -> Step:
        return self.state.step

    @property
    def can_go_back(self) -> bool:
        return bool(self.state.history) and not self.state.step.terminal

    def _today(self) -> date:
        return self.clock().date()

    def acknowledge(self, acknowledged: bool = True, *, read_aloud: bool = True) -> None:
        """Record (or withdraw) the caller's acknowledgment of what was read."""
        self.state.read_aloud = read_aloud
        self.state.acknowledged_at = self.clock() if acknowledged else None

    def seco_preview(self) -> Decision | None:
        """The SECO decision for the answers so far, or None until every question is answered."""
        if _answer_errors(self.state.eligibility):
            return None
        return decide_seco(_spouse(self.state, None), self._today(), self.rulebook)

    def duplicate_query(self) -> DuplicateQuery:
        """What to look for: the DoD ID once it is 10 digits; name and birth date once given."""
        p, dob = self.state.profile, self.state.profile.date_of_birth
        dod_id: str | None
        try:
            dod_id = normalise_dod_id(p.dod_id)
        except InvalidValue:
            dod_id = None
        first, last = name_key(p.name.first), name_key(p.name.last)
        if not (first and last and dob is not None):
            return DuplicateQuery(dod_id, None, None, (f"dod:{dod_id}",) if dod_id else ())
        name_key_ = f"name:{first}|{last}|{dob.isoformat()}"
        keys = (f"dod:{dod_id}", name_key_) if dod_id else (name_key_,)
        return DuplicateQuery(dod_id, replace(p.name), dob, keys)  # a copy: the form moves on

    def needs_duplicate_check(self) -> bool:
        """True when a DoD ID, or a name and date of birth, became complete or changed."""
        keys = self.duplicate_query().keys
        return bool(keys) and list(keys) != self.state.duplicate_keys_checked

    def record_duplicates(self, query: DuplicateQuery, found: list[DuplicateRef]) -> None:
        """Keep the check's answer, for what was asked (the fields may have moved on since)."""
        self.state.duplicate_keys_checked = list(query.keys)
        self.state.duplicates = list(found)

    def open_existing(self, spouse_id: str) -> None:
        """The agent chose an existing record instead of registering a new one."""
        if self.state.step is not Step.PROFILE:
            raise FlowError("An existing record can be chosen only on the profile step")
        if spouse_id not in {d.spouse_id for d in self.state.duplicates}:
            raise FlowError("That record is not one of the duplicate candidates")
        self.state.open_existing_id = spouse_id
        self._push(Step.END_OPEN_EXISTING)

    def step_errors(self, step: Step | None = None) -> list[FieldError]:
        """The problems on one step's page (the current one by default), at their fields."""
        step = self.state.step if step is None else step
        state = self.state
        errors: list[FieldError] = []
        if step is Step.SCRIPT:
            if state.acknowledged_at is None:
                errors.append(FieldError("consent", _NO_ACK))
            return errors
        if step is Step.ELIGIBILITY:
            errors = _answer_errors(state.eligibility)
        elif step is Step.PROFILE and self.needs_duplicate_check():
            errors.append(FieldError("dod_id", "Check for an existing record before going on"))
        seen = {e.field for e in errors}  # one message a field where the flow has its own
        checked = validate_spouse(_spouse(state, None), self._today())
        errors += [e for e in checked if step_for_field(e.field) is step and e.field not in seen]
        return errors

    def next(self) -> Step:
        """Go on from the current step; raises :class:`ValidationError` with the step's
        problems (and moves nowhere) when its page is not complete."""
        step = self.state.step
        if step.terminal or step is Step.CONGRATULATIONS:
            raise FlowError("This step is finished by committing the registration, not by next")
        if step is not Step.INELIGIBLE:
            errors = self.step_errors()
            if errors:
                raise ValidationError(errors)
        self._push(self._resolve_next(step))
        return self.state.step

    def _resolve_next(self, step: Step) -> Step:
        """The navigation map: the step after ``step``, given the data."""
        if step is Step.SCRIPT:
            return Step.ELIGIBILITY
        if step is Step.ELIGIBILITY:
            decision = self.seco_preview()
            assert decision is not None  # answers were checked
            self.state.seco = DecisionSummary.of(decision)
            return Step.PROFILE if decision.eligible else Step.INELIGIBLE
        if step is Step.INELIGIBLE:
            return Step.END_INELIGIBLE
        if step is Step.PROFILE:
            return Step.DETAILS
        mycaa = decide_mycaa(_spouse(self.state, None), self._today(), self.rulebook)
        self.state.mycaa = DecisionSummary.of(mycaa)
        return Step.CONGRATULATIONS

    def back(self) -> Step:
        """Return to the previous step; everything entered stays."""
        if not self.can_go_back:
            raise FlowError("There is no step to go back to")
        self.state.step = self.state.history.pop()
        return self.state.step

    def go_to(self, step: Step) -> Step:
        """Jump back to a step already passed (to fix an error the final check found there)."""
        if step not in self.state.history or self.state.step.terminal:
            raise FlowError("Only a step already passed can be returned to")
        while self.state.step is not step:
            self.back()
        return step

    def mark_registered(self, spouse_id: str) -> None:
        """The commit succeeded: the registration is done."""
        if self.state.step is not Step.CONGRATULATIONS:
            raise FlowError("Only a registration on its last step can be marked done")
        self.state.registered_id = spouse_id
        self._push(Step.DONE)

    def _push(self, step: Step) -> None:
        self.state.history.append(self.state.step)
        self.state.step = step
