"""The records SECO keeps, as plain dataclasses (the system of records notice, field by field).

These cross every layer and thread; they carry no behaviour that needs a database or Qt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from seco_desktop.domain.reference import (
    AddressKind,
    Branch,
    Component,
    ContactType,
    CredentialKind,
    EducationLevel,
    Gender,
    MyCAAProgramType,
    ReservePhase,
    Role,
    SkillLevel,
    SponsorStatus,
)


def new_id() -> str:
    """A fresh record id (UUID4 text), the same on every workstation and the central store."""
    return str(uuid.uuid4())


@dataclass(slots=True)
class PersonName:
    first: str
    last: str
    middle: str = ""
    suffix: str = ""  # Jr, Sr, II, III ...

    def display(self) -> str:
        """The name as agents read it back: Last, First Middle Suffix."""
        given = " ".join(p for p in (self.first, self.middle) if p)
        tail = f" {self.suffix}" if self.suffix else ""
        return f"{self.last}, {given}{tail}" if given else f"{self.last}{tail}"


@dataclass(slots=True)
class Address:
    line1: str
    city: str  # for a military address: APO, FPO or DPO
    state: str  # two-letter code; for a military address: AA, AE or AP
    postal_code: str
    line2: str = ""
    kind: AddressKind = AddressKind.DOMESTIC
    country: str = "US"


@dataclass(slots=True)
class Education:
    institution: str
    level: EducationLevel
    field_of_study: str = ""
    start_date: date | None = None
    end_date: date | None = None
    completed: bool = False


@dataclass(slots=True)
class WorkExperience:
    employer: str
    title: str
    start_date: date | None = None
    end_date: date | None = None  # None while the job is current
    description: str = ""


@dataclass(slots=True)
class Credential:
    """A certificate or a license."""

    kind: CredentialKind
    name: str
    issuer: str = ""
    state: str = ""  # issuing state, for licenses
    obtained_on: date | None = None
    expires_on: date | None = None


@dataclass(slots=True)
class Skill:
    name: str
    level: SkillLevel = SkillLevel.INTERMEDIATE


@dataclass(slots=True)
class Sponsor:
    name: PersonName
    dod_id: str
    branch: Branch
    component: Component
    pay_grade: str  # "E-4", "W-2", "O-3": see reference.PAY_GRADES
    status: SponsorStatus = SponsorStatus.SERVING
    service_entry_date: date | None = None  # time in service is counted from here
    projected_separation_date: date | None = None
    separation_date: date | None = None  # when status is SEPARATED (or date of death)
    on_title10_orders: bool = False  # Guard and Reserve: currently on Title 10 orders
    reserve_phase: ReservePhase = ReservePhase.NONE


@dataclass(slots=True)
class MyCAAAward:
    """Money paid from a spouse's MyCAA account, for one course of study."""

    fiscal_year: int
    amount_cents: int
    program_type: MyCAAProgramType
    description: str = ""
    waiver: bool = False  # fiscal-year cap waived for a license/certification costing more


@dataclass(slots=True)
class Consent:
    """How the Privacy Act statement reached the spouse and who recorded the answer."""

    statement_version: str
    acknowledged_at: datetime
    read_aloud: bool
    recorded_by: str  # user id of the agent, when registered on the caller's behalf
    on_behalf: bool


@dataclass(slots=True)
class Spouse:
    name: PersonName
    dod_id: str
    date_of_birth: date
    sponsor: Sponsor
    gender: Gender = Gender.UNDISCLOSED
    address: Address | None = None
    years_as_military_spouse: int = 0
    email: str = ""
    phone: str = ""
    education: list[Education] = field(default_factory=list)
    work_experience: list[WorkExperience] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    career_goals: str = ""
    msep_opt_in: bool = False
    is_service_member: bool = False  # the spouse is an active-duty member
    legally_separated: bool = False
    mycaa_awards: list[MyCAAAward] = field(default_factory=list)
    consent: Consent | None = None
    assigned_coach: str | None = None  # user id
    id: str = field(default_factory=new_id)
    row_version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(slots=True)
class Note:
    """An entry in a spouse's timeline. Notes are append-only."""

    spouse_id: str
    author: str  # user id
    contact_type: ContactType
    topic: str
    body: str
    created_at: datetime
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class FollowUp:
    spouse_id: str
    due_date: date
    assignee: str  # user id
    description: str
    created_by: str
    created_at: datetime
    done: bool = False
    done_at: datetime | None = None
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class User:
    username: str
    display_name: str
    role: Role
    created_at: datetime
    disabled: bool = False
    last_sign_in_at: datetime | None = None
    id: str = field(default_factory=new_id)
    supervisor_id: str | None = None  # the supervisor whose team an agent or coach is on
    # The name it had before sync gave it a derived one (another account kept the name).
    renamed_from: str | None = None
