"""Reference data: branches, components, pay grades, statuses, states and military post offices.

Values are the stable codes stored on disk; ``label`` gives the words a person reads.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Branch(StrEnum):
    ARMY = "army"
    NAVY = "navy"
    MARINE_CORPS = "marine_corps"
    AIR_FORCE = "air_force"
    SPACE_FORCE = "space_force"
    COAST_GUARD = "coast_guard"  # recognised so it can be named as the reason for ineligibility

    @property
    def label(self) -> str:
        return _BRANCH_LABELS[self]


_BRANCH_LABELS = {
    Branch.ARMY: "Army",
    Branch.NAVY: "Navy",
    Branch.MARINE_CORPS: "Marine Corps",
    Branch.AIR_FORCE: "Air Force",
    Branch.SPACE_FORCE: "Space Force",
    Branch.COAST_GUARD: "Coast Guard",
}

#: Branches whose spouses the SECO program serves.
SECO_BRANCHES = frozenset(
    {Branch.ARMY, Branch.NAVY, Branch.MARINE_CORPS, Branch.AIR_FORCE, Branch.SPACE_FORCE}
)


class Component(StrEnum):
    ACTIVE_DUTY = "active_duty"
    NATIONAL_GUARD = "national_guard"
    RESERVE = "reserve"

    @property
    def label(self) -> str:
        return {
            Component.ACTIVE_DUTY: "Active duty",
            Component.NATIONAL_GUARD: "National Guard",
            Component.RESERVE: "Reserve",
        }[self]


class SponsorStatus(StrEnum):
    """Where the sponsor stands in service (the notice's "service eligibility")."""

    SERVING = "serving"
    SEPARATED = "separated"
    DIED_ON_ACTIVE_DUTY = "died_on_active_duty"

    @property
    def label(self) -> str:
        return {
            SponsorStatus.SERVING: "Serving",
            SponsorStatus.SEPARATED: "Separated",
            SponsorStatus.DIED_ON_ACTIVE_DUTY: "Died on active duty",
        }[self]


class ReservePhase(StrEnum):
    """Phases of a Guard or Reserve mobilisation that matter to MyCAA."""

    NONE = "none"
    ALERT_OR_WARNING_ORDER = "alert_or_warning_order"
    POST_DEPLOYMENT_DEMOBILIZATION = "post_deployment_demobilization"
    TRANSITION = "transition"

    @property
    def label(self) -> str:
        return {
            ReservePhase.NONE: "None",
            ReservePhase.ALERT_OR_WARNING_ORDER: "Alert or warning order",
            ReservePhase.POST_DEPLOYMENT_DEMOBILIZATION: "Post-deployment / demobilization",
            ReservePhase.TRANSITION: "Transition",
        }[self]


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNDISCLOSED = "undisclosed"

    @property
    def label(self) -> str:
        return {
            Gender.FEMALE: "Female",
            Gender.MALE: "Male",
            Gender.UNDISCLOSED: "Prefer not to say",
        }[self]


class AddressKind(StrEnum):
    DOMESTIC = "domestic"
    MILITARY = "military"  # APO / FPO / DPO


class EducationLevel(StrEnum):
    HIGH_SCHOOL = "high_school"
    SOME_COLLEGE = "some_college"
    VOCATIONAL = "vocational"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


class CredentialKind(StrEnum):
    CERTIFICATE = "certificate"
    LICENSE = "license"


class SkillLevel(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"


class ContactType(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    IN_PERSON = "in_person"
    CHAT = "chat"


class Role(StrEnum):
    AGENT = "agent"
    COACH = "coach"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"


class Program(StrEnum):
    SECO = "seco"
    MYCAA = "mycaa"


class MyCAAProgramType(StrEnum):
    """What a MyCAA award pays for."""

    LICENSE = "license"
    CERTIFICATION = "certification"
    ASSOCIATE_DEGREE = "associate_degree"
    GENERAL_STUDIES = "general_studies"  # named so it can be refused with a reason


# --- Pay grades ---


def _grades(prefix: str, first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{prefix}-{n}" for n in range(first, last + 1))


_ENLISTED = _grades("E", 1, 9)
_OFFICER = _grades("O", 1, 10)

#: Warrant officer grades each branch uses (first, last); None where the branch has none.
_WARRANT_RANGE: dict[Branch, tuple[int, int] | None] = {
    Branch.ARMY: (1, 5),
    Branch.NAVY: (2, 5),  # the Navy does not use W-1
    Branch.MARINE_CORPS: (1, 5),
    Branch.AIR_FORCE: (1, 5),  # warrant officers reintroduced in 2024
    Branch.SPACE_FORCE: None,
    Branch.COAST_GUARD: (2, 4),
}

#: The pay grades that exist in each branch, lowest first (enlisted, warrant, officer).
PAY_GRADES: dict[Branch, tuple[str, ...]] = {
    branch: _ENLISTED + (_grades("W", *wr) if wr else ()) + _OFFICER
    for branch, wr in _WARRANT_RANGE.items()
}

_GRADE_KIND_ORDER = {"E": 0, "W": 1, "O": 2}
_GRADE_KIND_LABEL = {"E": "Enlisted", "W": "Warrant officer", "O": "Officer"}
_GRADE_SHAPE = re.compile(r"([EWO])\s*-?\s*0*(\d{1,2})")


def canonical_pay_grade(text: str) -> str | None:
    """``"e4"``, ``"E 4"``, ``"o-03"`` -> ``"E-4"``, ``"O-3"``; None when the text is not shaped
    like a pay grade at all. The result may still not exist (``"O-11"``): check ``PAY_GRADES``."""
    match = _GRADE_SHAPE.fullmatch(text.strip().upper())
    if match is None:
        return None
    return f"{match.group(1)}-{int(match.group(2))}"


def pay_grade_rank(grade: str) -> int:
    """Sort key: enlisted below warrant below officer, then by number; unknown grades last."""
    canonical = canonical_pay_grade(grade)
    if canonical is None:
        return 1000
    kind, number = canonical.split("-")
    return _GRADE_KIND_ORDER[kind] * 100 + int(number)


def pay_grade_label(grade: str) -> str:
    """``"W-2"`` -> ``"Warrant officer W-2"``; unknown text is returned as given."""
    canonical = canonical_pay_grade(grade)
    if canonical is None:
        return grade
    return f"{_GRADE_KIND_LABEL[canonical[0]]} {canonical}"


def pay_grade_ranges(branch: Branch) -> str:
    """The grades of a branch as a person reads them: ``"E-1..E-9, W-2..W-5 or O-1..O-10"``."""
    parts = [f"{_ENLISTED[0]}..{_ENLISTED[-1]}"]
    warrant = _WARRANT_RANGE[branch]
    if warrant:
        parts.append(f"W-{warrant[0]}..W-{warrant[1]}")
    parts.append(f"{_OFFICER[0]}..{_OFFICER[-1]}")
    return ", ".join(parts[:-1]) + " or " + parts[-1]


# --- States, territories and military post offices ---

#: The 50 states and the District of Columbia, by USPS code.
US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

#: Inhabited US territories with USPS codes.
US_TERRITORIES: dict[str, str] = {
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "U.S. Virgin Islands",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}

#: The "state" of a military (APO/FPO/DPO) address.
MILITARY_STATES: dict[str, str] = {
    "AA": "Armed Forces Americas",
    "AE": "Armed Forces Europe/Africa/Middle East/Canada",
    "AP": "Armed Forces Pacific",
}

#: The "city" of a military address: Army/Air Force, Fleet, and Diplomatic post offices.
MILITARY_POST_OFFICES: tuple[str, ...] = ("APO", "FPO", "DPO")

#: First three digits of the ZIP codes each military "state" uses.
MILITARY_ZIP_PREFIXES: dict[str, tuple[str, ...]] = {
    "AA": ("340",),
    "AE": tuple(f"{n:03d}" for n in range(90, 99)),  # 090..098
    "AP": tuple(str(n) for n in range(962, 967)),  # 962..966
}


def state_name(code: str) -> str | None:
    """The name of a state, territory or military "state" code, or None if unknown."""
    key = code.strip().upper()
    return US_STATES.get(key) or US_TERRITORIES.get(key) or MILITARY_STATES.get(key)
