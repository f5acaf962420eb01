"""Reference data: branches, components, pay grades, statuses, states and military post offices.

Values are the stable codes stored on disk; ``label`` gives the words a person reads.
"""

from __future__ import annotations

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
        return {Gender.FEMALE: "Female", Gender.MALE: "Male",
                Gender.UNDISCLOSED: "Prefer not to say"}[self]


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
