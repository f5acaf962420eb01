"""Validation and cleaning of a spouse record, and of a user account's fields.

``validate_spouse`` reports every problem at once, one :class:`FieldError` per problem, with a
dotted field path ("sponsor.pay_grade", "education[0].end_date") and a message a person can act
on. It accepts what a person may type before cleaning (``"e4"``, ``"1234-567-890"``), and never
raises, whatever the record holds. ``clean_spouse`` normalises a copy and validates it.
Messages never repeat the value that was entered.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TypeVar

from seco_desktop.domain.errors import FieldError, InvalidValue, ValidationError
from seco_desktop.domain.models import (
    Address,
    Consent,
    Credential,
    Education,
    MyCAAAward,
    PersonName,
    Skill,
    Sponsor,
    Spouse,
    WorkExperience,
)
from seco_desktop.domain.normalise import (
    canonical_suffix,
    normalise_dod_id,
    normalise_email,
    normalise_phone,
    normalise_zip,
    split_suffix,
    tidy_name,
)
from seco_desktop.domain.reference import (
    MILITARY_POST_OFFICES,
    AddressKind,
    Gender,
    canonical_pay_grade,
)
from seco_desktop.domain.usernames import is_derived
from seco_desktop.domain.validation_rules import (
    MAX_FREE_TEXT,
    MAX_NAME,
    Errors,
    check_date,
    check_enum,
    check_int,
    check_normalised,
    check_person_name,
    check_text,
    years_between,
)
from seco_desktop.domain.validation_sections import (
    check_address,
    check_credentials,
    check_education,
    check_mycaa_awards,
    check_skills,
    check_sponsor,
    check_work,
)

__all__ = ["clean_spouse", "validate_spouse", "validate_user_fields"]

MIN_AGE = 16
MAX_AGE = 110
MAX_YEARS_AS_SPOUSE = 80

T = TypeVar("T")


def validate_spouse(spouse: Spouse, today: date) -> list[FieldError]:
    """Every problem with ``spouse``, in form order; an empty list when it can be saved."""
    record: object = spouse
    if not isinstance(record, Spouse):
        return [FieldError("spouse", "Not a spouse record")]
    today = _day(today)
    errors: Errors = []
    check_person_name(errors, "name", record.name, "")
    dod_id = check_normalised(
        errors, "dod_id", record.dod_id, "DoD ID", normalise_dod_id, max_length=40
    )
    born = _check_birth(errors, record.date_of_birth, today)
    check_enum(errors, "gender", record.gender, Gender, "gender")
    check_sponsor(errors, record.sponsor, dod_id, today)
    check_address(errors, record.address)
    if record.email != "":
        check_normalised(
            errors, "email", record.email, "email address", normalise_email, max_length=254
        )
    if record.phone != "":
        check_normalised(errors, "phone", record.phone, "phone", normalise_phone, max_length=40)
    _check_years_as_spouse(errors, record.years_as_military_spouse, born, today)
    check_education(errors, record.education, born, today)
    check_work(errors, record.work_experience, born, today)
    check_credentials(errors, record.credentials, today)
    check_skills(errors, record.skills)
    check_text(
        errors,
        "career_goals",
        record.career_goals,
        "career goals",
        max_length=MAX_FREE_TEXT,
        kind="free",
    )
    check_mycaa_awards(errors, record.mycaa_awards, today)
    _check_consent(errors, record.consent, today)
    if record.assigned_coach is not None:
        check_text(errors, "assigned_coach", record.assigned_coach, "assigned coach", max_length=64)
    return errors


def clean_spouse(spouse: Spouse, today: date) -> Spouse:
    """A new, normalised copy of ``spouse`` (tidy names, suffix split from the last name,
    canonical DoD IDs, phone, email, pay grade, ZIP), or :class:`ValidationError` listing every
    problem. The input is not modified."""
    record: object = spouse
    if not isinstance(record, Spouse):
        raise ValidationError((FieldError("spouse", "Not a spouse record"),))
    cleaned = _clean(record)
    errors = validate_spouse(cleaned, today)
    if errors:
        raise ValidationError(errors)
    return cleaned


_USERNAME = re.compile(r"[a-z0-9._-]+")


def validate_user_fields(
    username: str, display_name: str, *, by_hand: bool = True
) -> list[FieldError]:
    """A user account's sign-in name (3-32 of a-z, 0-9, ``.``, ``_``, ``-``) and display name.

    A name given by hand may not contain ``--``: that shape is kept for the names sync gives
    when two workstations added the same name (``domain.usernames``)."""
    errors: Errors = []
    name = check_text(errors, "username", username, "username", required=True, max_length=32)
    if name is not None and name != username:
        errors.append(FieldError("username", "Username may not start or end with a space"))
    elif name and len(name) < 3:
        errors.append(
            FieldError(
                "username",
                f"Username must be 3 to 32 characters; {len(name)} "
                f"{'was' if len(name) == 1 else 'were'} entered",
            )
        )
    elif name and not _USERNAME.fullmatch(name):
        errors.append(
            FieldError(
                "username", "Username may contain only lowercase letters a-z, digits and . _ -"
            )
        )
    elif name and by_hand and is_derived(name):
        errors.append(
            FieldError(
                "username",
                "Username may not contain two hyphens in a row (kept for names given by sync)",
            )
        )
    check_text(errors, "display_name", display_name, "display name", required=True, max_length=64)
    return errors


# --- checks not shared with other records ---


def _day(value: date) -> date:
    """A datetime passed where a date is expected is read as its date (they do not compare)."""
    return value.date() if isinstance(value, datetime) else value


def _check_birth(errors: Errors, value: object, today: date) -> date | None:
    """The date of birth when plausible (age 16 to 110), else None."""
    born = check_date(errors, "date_of_birth", value, "date of birth", required=True)
    if born is None:
        return None
    path = "date_of_birth"
    if born >= today:
        errors.append(FieldError(path, "Date of birth must be in the past"))
    elif years_between(born, today) < MIN_AGE:
        errors.append(
            FieldError(
                path, f"Spouse must be at least {MIN_AGE} years old; check the date of birth"
            )
        )
    elif years_between(born, today) > MAX_AGE:
        errors.append(
            FieldError(path, f"Date of birth is more than {MAX_AGE} years ago; check the year")
        )
    else:
        return born
    return None


def _check_years_as_spouse(errors: Errors, value: object, born: date | None, today: date) -> None:
    path = "years_as_military_spouse"
    years = check_int(
        errors, path, value, "years as a military spouse", low=0, high=MAX_YEARS_AS_SPOUSE
    )
    if years is not None and born is not None and years > years_between(born, today):
        errors.append(
            FieldError(path, "Years as a military spouse cannot be more than the spouse's age")
        )


def _check_consent(errors: Errors, value: object, today: date) -> None:
    if value is None:
        return
    if not isinstance(value, Consent):
        errors.append(FieldError("consent", "Consent record is not valid"))
        return
    check_text(
        errors,
        "consent.statement_version",
        value.statement_version,
        "Privacy Act statement version",
        required=True,
        max_length=64,
    )
    check_text(errors, "consent.recorded_by", value.recorded_by, "recorded by", max_length=64)
    when: object = value.acknowledged_at
    if not isinstance(when, datetime):
        errors.append(FieldError("consent.acknowledged_at", "Consent time must be a date and time"))
    elif when.date() > today + timedelta(days=1):  # a day of slack for time zones
        errors.append(
            FieldError("consent.acknowledged_at", "Consent cannot be acknowledged in the future")
        )


# --- cleaning ---

#: Values longer than this are left for validation to refuse rather than normalised.
_CLEAN_LIMIT = 4 * MAX_FREE_TEXT


def _norm(normalise: Callable[[str], str], value: T) -> T | str:
    """``normalise(value)`` when that works; otherwise the value unchanged, for validation to
    report. Never raises."""
    if not isinstance(value, str) or len(value) > _CLEAN_LIMIT:
        return value
    try:
        return normalise(value)
    except InvalidValue:
        return value


def _line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _free(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _suffix(text: str) -> str:
    return canonical_suffix(text) or text.strip()


def _pay_grade(text: str) -> str:
    return canonical_pay_grade(text) or text.strip()


def _date(value: T) -> T | date:
    return value.date() if isinstance(value, datetime) else value


def _clean_name(name: PersonName) -> PersonName:
    last, suffix = name.last, name.suffix
    typed: object = last
    typed_suffix: object = suffix
    blank_suffix = isinstance(typed_suffix, str) and not typed_suffix.strip()
    if isinstance(typed, str) and len(typed) <= MAX_NAME and blank_suffix:
        base, found = split_suffix(typed)
        if found and base:
            last, suffix = base, found
    return PersonName(
        first=_norm(tidy_name, name.first),
        last=_norm(tidy_name, last),
        middle=_norm(tidy_name, name.middle),
        suffix=_norm(_suffix, suffix),
    )


def _upper(text: str) -> str:
    return _line(text).upper()


def _country(text: str) -> str:
    code = _upper(text)
    return "US" if code in ("USA", "") else code


def _clean_address(address: Address) -> Address:
    city = _norm(_line, address.city)
    if address.kind == AddressKind.MILITARY or _norm(_upper, city) in MILITARY_POST_OFFICES:
        city = _norm(_upper, city)
    return dataclasses.replace(
        address,
        line1=_norm(_line, address.line1),
        line2=_norm(_line, address.line2),
        city=city,
        state=_norm(_upper, address.state),
        postal_code=_norm(normalise_zip, address.postal_code),
        country=_norm(_country, address.country),
    )


def _clean_sponsor(sponsor: Sponsor) -> Sponsor:
    name: object = sponsor.name
    return dataclasses.replace(
        sponsor,
        name=_clean_name(name) if isinstance(name, PersonName) else sponsor.name,
        dod_id=_norm(normalise_dod_id, sponsor.dod_id),
        pay_grade=_norm(_pay_grade, sponsor.pay_grade),
        service_entry_date=_date(sponsor.service_entry_date),
        projected_separation_date=_date(sponsor.projected_separation_date),
        separation_date=_date(sponsor.separation_date),
    )


def _clean_item(item: object) -> object:
    """One entry of a spouse's lists, with its text tidied and datetimes read as dates."""
    if isinstance(item, Education):
        return dataclasses.replace(
            item,
            institution=_norm(_line, item.institution),
            field_of_study=_norm(_line, item.field_of_study),
            start_date=_date(item.start_date),
            end_date=_date(item.end_date),
        )
    if isinstance(item, WorkExperience):
        return dataclasses.replace(
            item,
            employer=_norm(_line, item.employer),
            title=_norm(_line, item.title),
            description=_norm(_free, item.description),
            start_date=_date(item.start_date),
            end_date=_date(item.end_date),
        )
    if isinstance(item, Credential):
        return dataclasses.replace(
            item,
            name=_norm(_line, item.name),
            issuer=_norm(_line, item.issuer),
            state=_norm(_upper, item.state),
            obtained_on=_date(item.obtained_on),
            expires_on=_date(item.expires_on),
        )
    if isinstance(item, Skill):
        return dataclasses.replace(item, name=_norm(_line, item.name))
    if isinstance(item, MyCAAAward):
        return dataclasses.replace(item, description=_norm(_free, item.description))
    return item


def _clean_list(items: list[T]) -> list[T]:
    value: object = items
    if not isinstance(value, list | tuple):
        return items
    return [_clean_item(item) for item in value]  # type: ignore[misc]


def _clean(spouse: Spouse) -> Spouse:
    name: object = spouse.name
    sponsor: object = spouse.sponsor
    address: object = spouse.address
    return dataclasses.replace(
        spouse,
        name=_clean_name(name) if isinstance(name, PersonName) else spouse.name,
        dod_id=_norm(normalise_dod_id, spouse.dod_id),
        date_of_birth=_date(spouse.date_of_birth),
        sponsor=_clean_sponsor(sponsor) if isinstance(sponsor, Sponsor) else spouse.sponsor,
        address=_clean_address(address) if isinstance(address, Address) else spouse.address,
        email=_norm(normalise_email, spouse.email) if spouse.email else spouse.email,
        phone=_norm(normalise_phone, spouse.phone) if spouse.phone else spouse.phone,
        education=_clean_list(spouse.education),
        work_experience=_clean_list(spouse.work_experience),
        credentials=_clean_list(spouse.credentials),
        skills=_clean_list(spouse.skills),
        career_goals=_norm(_free, spouse.career_goals),
        mycaa_awards=_clean_list(spouse.mycaa_awards),
    )
