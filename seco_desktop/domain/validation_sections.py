"""Checks for the parts of a spouse record: sponsor, address, history and MyCAA awards.

Called by :func:`seco_desktop.domain.validation.validate_spouse`; each appends to ``errors``.
"""

from __future__ import annotations

from datetime import date

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.models import (
    Address,
    Credential,
    Education,
    MyCAAAward,
    Skill,
    Sponsor,
    WorkExperience,
)
from seco_desktop.domain.normalise import normalise_dod_id, normalise_zip
from seco_desktop.domain.reference import (
    MILITARY_POST_OFFICES,
    MILITARY_STATES,
    MILITARY_ZIP_PREFIXES,
    PAY_GRADES,
    US_STATES,
    US_TERRITORIES,
    AddressKind,
    Branch,
    Component,
    CredentialKind,
    EducationLevel,
    MyCAAProgramType,
    ReservePhase,
    SkillLevel,
    SponsorStatus,
    canonical_pay_grade,
    pay_grade_ranges,
)
from seco_desktop.domain.validation_rules import (
    MAX_FREE_TEXT,
    Errors,
    add_years,
    check_date,
    check_enum,
    check_int,
    check_list,
    check_normalised,
    check_order,
    check_person_name,
    check_text,
)

#: Longest career a sponsor's dates may span (entry at ~17, mandatory retirement by ~64).
MAX_SERVICE_YEARS = 50
#: How far ahead a projected separation may be.
MAX_PROJECTED_YEARS = 40
#: MyCAA began in 2007; nothing was awarded before that fiscal year.
FIRST_MYCAA_FISCAL_YEAR = 2007
#: Sanity ceiling for one award, in cents (the account cap is $4,000; waivers exceed it).
MAX_AWARD_CENTS = 100_000_00

_US_CODES = US_STATES | US_TERRITORIES
_ZIP_PREFIX_TEXT = {"AA": "340", "AE": "090 to 098", "AP": "962 to 966"}


def check_sponsor(errors: Errors, value: object, spouse_dod_id: str | None, today: date) -> None:
    if not isinstance(value, Sponsor):
        errors.append(FieldError("sponsor", "Sponsor details are required"))
        return
    check_person_name(errors, "sponsor.name", value.name, "sponsor's ")
    dod_id = check_normalised(
        errors,
        "sponsor.dod_id",
        value.dod_id,
        "sponsor's DoD ID",
        lambda text: normalise_dod_id(text, label="Sponsor's DoD ID"),
        max_length=40,
    )
    if dod_id is not None and dod_id == spouse_dod_id:
        errors.append(
            FieldError("sponsor.dod_id", "Sponsor's DoD ID must differ from the spouse's DoD ID")
        )
    branch = check_enum(errors, "sponsor.branch", value.branch, Branch, "branch of service")
    check_enum(errors, "sponsor.component", value.component, Component, "component")
    check_enum(errors, "sponsor.reserve_phase", value.reserve_phase, ReservePhase, "reserve phase")
    _check_pay_grade(errors, value.pay_grade, branch)
    status = check_enum(errors, "sponsor.status", value.status, SponsorStatus, "sponsor status")
    _check_service_dates(errors, value, status, today)


def _check_pay_grade(errors: Errors, value: object, branch: Branch | None) -> None:
    path = "sponsor.pay_grade"
    choices = f"; choose {pay_grade_ranges(branch)} for the {branch.label}" if branch else ""
    text = check_text(errors, path, value, "pay grade", max_length=16)
    if text is None:
        return
    if not text:
        errors.append(FieldError(path, f"Pay grade is required{choices}"))
        return
    grade = canonical_pay_grade(text)
    if grade is None:  # not grade-shaped, so not safe to repeat
        errors.append(FieldError(path, f"Pay grade must look like E-4, W-2 or O-3{choices}"))
    elif not any(grade in grades for grades in PAY_GRADES.values()):
        errors.append(FieldError(path, f"Pay grade {grade} does not exist{choices}"))
    elif branch is not None and grade not in PAY_GRADES[branch]:
        errors.append(
            FieldError(path, f"Pay grade {grade} is not used in the {branch.label}{choices}")
        )


def _check_service_dates(
    errors: Errors, sponsor: Sponsor, status: SponsorStatus | None, today: date
) -> None:
    entry = check_date(
        errors, "sponsor.service_entry_date", sponsor.service_entry_date, "service entry date"
    )
    projected = check_date(
        errors,
        "sponsor.projected_separation_date",
        sponsor.projected_separation_date,
        "projected separation date",
    )
    separated = check_date(
        errors, "sponsor.separation_date", sponsor.separation_date, "separation date"
    )
    what = "Date of death" if status is SponsorStatus.DIED_ON_ACTIVE_DUTY else "Separation date"
    path = "sponsor.separation_date"
    if status in (SponsorStatus.SEPARATED, SponsorStatus.DIED_ON_ACTIVE_DUTY):
        if separated is None and sponsor.separation_date is None:
            reason = "died on active duty" if what == "Date of death" else "has separated"
            errors.append(FieldError(path, f"{what} is required when the sponsor {reason}"))
        elif separated is not None and separated > today:
            errors.append(FieldError(path, f"{what} cannot be in the future"))
    elif status is SponsorStatus.SERVING and separated is not None:
        errors.append(
            FieldError(
                path,
                "Separation date applies only to a sponsor who has "
                "separated; clear it or change the status",
            )
        )
    check_order(errors, path, entry, separated, f"{what} must be after the service entry date")
    if entry is not None:
        if entry > today:
            errors.append(
                FieldError(
                    "sponsor.service_entry_date", "Service entry date cannot be in the future"
                )
            )
        elif add_years(entry, MAX_SERVICE_YEARS) < (separated or today):
            since = "before the separation date" if separated else "ago"
            errors.append(
                FieldError(
                    "sponsor.service_entry_date",
                    f"Service entry date is more than {MAX_SERVICE_YEARS} years "
                    f"{since}; check the year",
                )
            )
    check_order(
        errors,
        "sponsor.projected_separation_date",
        entry,
        projected,
        "Projected separation date must be after the service entry date",
    )
    if projected is not None and projected > add_years(today, MAX_PROJECTED_YEARS):
        errors.append(
            FieldError(
                "sponsor.projected_separation_date",
                f"Projected separation date is more than {MAX_PROJECTED_YEARS} "
                "years away; check the year",
            )
        )


def check_address(errors: Errors, value: object) -> None:
    """A US mailing address, or a military one (APO/FPO/DPO, AA/AE/AP, matching ZIP)."""
    if value is None:
        return
    if not isinstance(value, Address):
        errors.append(FieldError("address", "Address must be a mailing address"))
        return
    kind = check_enum(errors, "address.kind", value.kind, AddressKind, "address type")
    check_text(errors, "address.line1", value.line1, "address line 1", required=True)
    check_text(errors, "address.line2", value.line2, "address line 2")
    city = check_text(errors, "address.city", value.city, "city", required=True, max_length=64)
    state = check_text(errors, "address.state", value.state, "state", required=True, max_length=8)
    zip_code = check_normalised(
        errors, "address.postal_code", value.postal_code, "ZIP code", normalise_zip, max_length=16
    )
    country = check_text(errors, "address.country", value.country, "country", max_length=8)
    if country is not None and country.upper() not in ("US", "USA", ""):
        errors.append(
            FieldError(
                "address.country",
                "Only US and military (APO/FPO/DPO) "
                "addresses can be recorded; the country must be US",
            )
        )
    city, state = (city or "").upper(), (state or "").upper()
    if kind is AddressKind.MILITARY:
        if city and city not in MILITARY_POST_OFFICES:
            errors.append(
                FieldError(
                    "address.city", "For a military address the city must be APO, FPO or DPO"
                )
            )
        if state and state not in MILITARY_STATES:
            errors.append(
                FieldError(
                    "address.state",
                    "For a military address the state must be "
                    "AA (Americas), AE (Europe, Africa, Middle East, Canada) "
                    "or AP (Pacific)",
                )
            )
        elif state and zip_code and not zip_code.startswith(MILITARY_ZIP_PREFIXES[state]):
            errors.append(
                FieldError(
                    "address.postal_code",
                    f"ZIP codes for {state} addresses start with {_ZIP_PREFIX_TEXT[state]}",
                )
            )
    elif kind is AddressKind.DOMESTIC:
        if city in MILITARY_POST_OFFICES:
            errors.append(
                FieldError(
                    "address.city",
                    "APO, FPO and DPO are military post "
                    "offices; choose Military as the address type",
                )
            )
        if state in MILITARY_STATES:
            errors.append(
                FieldError(
                    "address.state",
                    "AA, AE and AP are for military addresses; choose Military as the address type",
                )
            )
        elif state and state not in _US_CODES:
            errors.append(
                FieldError(
                    "address.state",
                    "State must be a two-letter US state or territory code, such as VA or PR",
                )
            )


def check_education(errors: Errors, entries: object, born: date | None, today: date) -> None:
    for i, item in enumerate(check_list(errors, "education", entries, "education")):
        path = f"education[{i}]"
        if not isinstance(item, Education):
            errors.append(FieldError(path, "Education entry is not valid"))
            continue
        check_text(errors, f"{path}.institution", item.institution, "school name", required=True)
        check_enum(errors, f"{path}.level", item.level, EducationLevel, "education level")
        check_text(errors, f"{path}.field_of_study", item.field_of_study, "field of study")
        start = check_date(errors, f"{path}.start_date", item.start_date, "start date")
        end = check_date(errors, f"{path}.end_date", item.end_date, "end date")
        check_order(errors, f"{path}.end_date", start, end, "End date must be after the start date")
        _check_span(errors, path, start, born, today)
        if item.completed is True and end is not None and end > today:
            errors.append(
                FieldError(
                    f"{path}.end_date",
                    "A completed education cannot end in "
                    "the future; untick Completed or correct the date",
                )
            )


def check_work(errors: Errors, entries: object, born: date | None, today: date) -> None:
    for i, item in enumerate(check_list(errors, "work_experience", entries, "work experience")):
        path = f"work_experience[{i}]"
        if not isinstance(item, WorkExperience):
            errors.append(FieldError(path, "Work experience entry is not valid"))
            continue
        check_text(errors, f"{path}.employer", item.employer, "employer", required=True)
        check_text(errors, f"{path}.title", item.title, "job title", required=True)
        check_text(
            errors,
            f"{path}.description",
            item.description,
            "job description",
            max_length=MAX_FREE_TEXT,
            kind="free",
        )
        start = check_date(errors, f"{path}.start_date", item.start_date, "start date")
        end = check_date(errors, f"{path}.end_date", item.end_date, "end date")
        check_order(errors, f"{path}.end_date", start, end, "End date must be after the start date")
        _check_span(errors, path, start, born, today)


def _check_span(
    errors: Errors, path: str, start: date | None, born: date | None, today: date
) -> None:
    if start is None:
        return
    if born is not None and start < born:
        errors.append(FieldError(f"{path}.start_date", "Start date is before the date of birth"))
    elif start > add_years(today, 10):
        errors.append(
            FieldError(
                f"{path}.start_date", "Start date is more than 10 years away; check the year"
            )
        )


def check_credentials(errors: Errors, entries: object, today: date) -> None:
    for i, item in enumerate(check_list(errors, "credentials", entries, "certificate or license")):
        path = f"credentials[{i}]"
        if not isinstance(item, Credential):
            errors.append(FieldError(path, "Certificate or license entry is not valid"))
            continue
        check_enum(errors, f"{path}.kind", item.kind, CredentialKind, "certificate or license")
        check_text(errors, f"{path}.name", item.name, "certificate or license name", required=True)
        check_text(errors, f"{path}.issuer", item.issuer, "issuer")
        state = check_text(errors, f"{path}.state", item.state, "issuing state", max_length=8)
        if state and state.upper() not in _US_CODES:
            errors.append(
                FieldError(
                    f"{path}.state",
                    "Issuing state must be a two-letter US state or territory code, such as VA",
                )
            )
        obtained = check_date(errors, f"{path}.obtained_on", item.obtained_on, "date obtained")
        expires = check_date(errors, f"{path}.expires_on", item.expires_on, "expiry date")
        if obtained is not None and obtained > today:
            errors.append(
                FieldError(f"{path}.obtained_on", "Date obtained cannot be in the future")
            )
        check_order(
            errors,
            f"{path}.expires_on",
            obtained,
            expires,
            "Expiry date must be after the date obtained",
        )


def check_skills(errors: Errors, entries: object) -> None:
    for i, item in enumerate(check_list(errors, "skills", entries, "skill")):
        path = f"skills[{i}]"
        if not isinstance(item, Skill):
            errors.append(FieldError(path, "Skill entry is not valid"))
            continue
        check_text(errors, f"{path}.name", item.name, "skill", required=True, max_length=100)
        check_enum(errors, f"{path}.level", item.level, SkillLevel, "skill level")


def check_mycaa_awards(errors: Errors, entries: object, today: date) -> None:
    latest_fy = today.year + (2 if today.month >= 10 else 1)  # the next fiscal year
    for i, item in enumerate(check_list(errors, "mycaa_awards", entries, "MyCAA award")):
        path = f"mycaa_awards[{i}]"
        if not isinstance(item, MyCAAAward):
            errors.append(FieldError(path, "MyCAA award entry is not valid"))
            continue
        fy_path = f"{path}.fiscal_year"
        check_int(
            errors,
            fy_path,
            item.fiscal_year,
            "fiscal year",
            low=FIRST_MYCAA_FISCAL_YEAR,
            high=latest_fy,
        )
        _check_amount(errors, f"{path}.amount_cents", item.amount_cents)
        check_enum(
            errors, f"{path}.program_type", item.program_type, MyCAAProgramType, "program type"
        )
        check_text(
            errors,
            f"{path}.description",
            item.description,
            "award description",
            max_length=MAX_FREE_TEXT,
            kind="free",
        )


def _check_amount(errors: Errors, path: str, amount: object) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        errors.append(FieldError(path, "Award amount must be a whole number of cents"))
    elif amount < 0:
        errors.append(FieldError(path, "Award amount cannot be negative"))
    elif amount > MAX_AWARD_CENTS:
        errors.append(FieldError(path, "Award amount is more than $100,000; check the amount"))
