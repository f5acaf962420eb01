"""Validation of a spouse record: every problem at once, per field, with a message to act on."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seco_desktop.domain.errors import FieldError, ValidationError
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
from seco_desktop.domain.reference import (
    AddressKind,
    Branch,
    Component,
    CredentialKind,
    EducationLevel,
    MyCAAProgramType,
    SponsorStatus,
)
from seco_desktop.domain.validation import clean_spouse, validate_spouse, validate_user_fields

from .bad_inputs import NAUGHTY_STRINGS, ONE_MEGABYTE

TODAY = date(2025, 6, 1)


# --- a factory of obviously fake spouses ---


def make_sponsor(**changes: Any) -> Sponsor:
    sponsor = Sponsor(
        name=PersonName(first="Testsponsor", last="Example"),
        dod_id="9990000002",
        branch=Branch.ARMY,
        component=Component.ACTIVE_DUTY,
        pay_grade="E-5",
        service_entry_date=date(2015, 1, 10),
        projected_separation_date=date(2027, 1, 10),
    )
    return dataclasses.replace(sponsor, **changes)


def make_address(**changes: Any) -> Address:
    address = Address(line1="100 Test Street", city="Testville", state="VA", postal_code="22350")
    return dataclasses.replace(address, **changes)


def make_spouse(**changes: Any) -> Spouse:
    spouse = Spouse(
        name=PersonName(first="Testy", last="Example"),
        dod_id="9990000001",
        date_of_birth=date(1990, 3, 7),
        sponsor=make_sponsor(),
        address=make_address(),
        years_as_military_spouse=5,
        email="testy@example.com",
        phone="(202) 555-0143",
        education=[
            Education(
                institution="Test Community College",
                level=EducationLevel.ASSOCIATE,
                start_date=date(2010, 9, 1),
                end_date=date(2012, 6, 1),
                completed=True,
            )
        ],
        work_experience=[
            WorkExperience(employer="Example Corp", title="Tester", start_date=date(2013, 1, 1))
        ],
        credentials=[Credential(kind=CredentialKind.LICENSE, name="Test License", state="VA")],
        skills=[Skill(name="Testing")],
        mycaa_awards=[
            MyCAAAward(fiscal_year=2024, amount_cents=150000, program_type=MyCAAProgramType.LICENSE)
        ],
    )
    return dataclasses.replace(spouse, **changes)


def messages(errors: list[FieldError]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for error in errors:
        out.setdefault(error.field, []).append(error.message)
    return out


def only_error(spouse: Spouse) -> FieldError:
    errors = validate_spouse(spouse, TODAY)
    assert len(errors) == 1, errors
    return errors[0]


def test_a_complete_fake_spouse_is_valid() -> None:
    assert validate_spouse(make_spouse(), TODAY) == []


def test_a_minimal_spouse_is_valid() -> None:
    spouse = Spouse(
        name=PersonName(first="Testy", last="Example"),
        dod_id="9990000001",
        date_of_birth=date(1990, 3, 7),
        sponsor=Sponsor(
            name=PersonName(first="Testsponsor", last="Example"),
            dod_id="9990000002",
            branch=Branch.SPACE_FORCE,
            component=Component.ACTIVE_DUTY,
            pay_grade="O-3",
        ),
    )
    assert validate_spouse(spouse, TODAY) == []


# --- every problem at once, per field ---


def test_every_problem_is_reported_at_once_with_dotted_paths() -> None:
    spouse = make_spouse(
        name=PersonName(first="", last=""),
        dod_id="999000001",
        date_of_birth=date(2030, 1, 1),
        sponsor=make_sponsor(dod_id="12", pay_grade="O-11"),
        address=make_address(postal_code="2235"),
        education=[
            Education(
                institution="Test U",
                level=EducationLevel.BACHELOR,
                start_date=date(2012, 1, 1),
                end_date=date(2011, 1, 1),
            )
        ],
    )
    found = messages(validate_spouse(spouse, TODAY))
    assert found == {
        "name.first": ["First name is required"],
        "name.last": ["Last name is required"],
        "dod_id": ["DoD ID must be 10 digits; 9 were entered"],
        "date_of_birth": ["Date of birth must be in the past"],
        "sponsor.dod_id": ["Sponsor's DoD ID must be 10 digits; 2 were entered"],
        "sponsor.pay_grade": [
            "Pay grade O-11 does not exist; choose E-1..E-9, W-1..W-5 or O-1..O-10 for the Army"
        ],
        "address.postal_code": ["ZIP code must be 5 or 9 digits, as in 12345 or 12345-6789"],
        "education[0].end_date": ["End date must be after the start date"],
    }


def test_validation_error_lists_fields_and_messages_but_not_values() -> None:
    spouse = make_spouse(dod_id="999000001x", phone="555-0199")
    with pytest.raises(ValidationError) as caught:
        clean_spouse(spouse, TODAY)
    text = str(caught.value)
    assert "dod_id: DoD ID may contain only digits, spaces and dashes" in text
    assert "phone: Phone must be a 10-digit US number" in text
    assert caught.value.fields == ("dod_id", "phone")
    assert "999000001" not in text
    assert "0199" not in text


# --- names ---


@pytest.mark.parametrize(
    ("first", "message"),
    [
        ("", "First name is required"),
        ("   ", "First name is required"),
        ("A" * 65, "First name is too long: at most 64 characters; 65 were entered"),
        (ONE_MEGABYTE, "First name is too long: at most 64 characters; 1,048,576 were entered"),
        ("Te\x00sty", "First name may not contain control characters"),
        ("Te\u202esty", "First name may not contain invisible formatting characters"),
        ("Te\u200bsty", "First name may not contain invisible formatting characters"),
        (
            "Testy😀",
            "First name may contain only letters, spaces, hyphens, apostrophes and periods",
        ),
        ("'; DROP TABLE spouse; --", "First name may contain only letters, spaces, hyphens"),
        ("%s%n{0}", "First name may contain only letters, spaces, hyphens"),
        ("Test2", "First name may contain only letters"),
        ("--", "First name must contain a letter"),
    ],
)
def test_first_name_rules(first: str, message: str) -> None:
    error = only_error(make_spouse(name=PersonName(first=first, last="Example")))
    assert error.field == "name.first"
    assert error.message.startswith(message)


@pytest.mark.parametrize(
    "last", ["O'Brien", "O’Brien", "Smith-Jones", "de la Cruz", "García Márquez", "St. John",
             "Nguyễn", "Smith, Jr.", "Smith 3rd", "Ng"]
)  # fmt: skip
def test_real_world_last_names_are_accepted(last: str) -> None:
    assert validate_spouse(make_spouse(name=PersonName(first="Testy", last=last)), TODAY) == []


def test_sponsor_name_errors_say_sponsor() -> None:
    error = only_error(make_spouse(sponsor=make_sponsor(name=PersonName(first="Testy", last=""))))
    assert error == FieldError("sponsor.name.last", "Sponsor's last name is required")


def test_unknown_suffix_is_refused() -> None:
    name = PersonName(first="Testy", last="Example", suffix="Esq")
    assert only_error(make_spouse(name=name)) == FieldError(
        "name.suffix", "Suffix must be one of Jr, Sr, II, III, IV or V"
    )


# --- DoD IDs ---


def test_spouse_and_sponsor_dod_ids_must_differ() -> None:
    spouse = make_spouse(dod_id="999-000-0002")
    assert only_error(spouse) == FieldError(
        "sponsor.dod_id", "Sponsor's DoD ID must differ from the spouse's DoD ID"
    )


def test_typed_dod_id_forms_are_valid() -> None:
    assert validate_spouse(make_spouse(dod_id="999 000 0001"), TODAY) == []


# --- date of birth ---


@pytest.mark.parametrize(
    ("born", "message"),
    [
        (TODAY, "Date of birth must be in the past"),
        (date(2010, 1, 1), "Spouse must be at least 16 years old; check the date of birth"),
        (date(1900, 1, 1), "Date of birth is more than 110 years ago; check the year"),
        (None, "Date of birth is required"),
        ("1990-03-07", "Date of birth must be a date"),
    ],
)
def test_date_of_birth_must_be_plausible(born: object, message: str) -> None:
    error = only_error(make_spouse(date_of_birth=born, years_as_military_spouse=0))
    assert error == FieldError("date_of_birth", message)


def test_a_datetime_birth_date_is_read_as_a_date() -> None:
    assert validate_spouse(make_spouse(date_of_birth=datetime(1990, 3, 7, 12)), TODAY) == []


# --- sponsor ---


@pytest.mark.parametrize(
    ("branch", "grade", "message"),
    [
        (Branch.NAVY, "W-1", "Pay grade W-1 is not used in the Navy; choose E-1..E-9, W-2..W-5 "
                             "or O-1..O-10 for the Navy"),
        (Branch.SPACE_FORCE, "W-2", "Pay grade W-2 is not used in the Space Force; choose "
                                    "E-1..E-9 or O-1..O-10 for the Space Force"),
        (Branch.ARMY, "", "Pay grade is required; choose E-1..E-9, W-1..W-5 or O-1..O-10 for "
                          "the Army"),
        (Branch.ARMY, "Sergeant", "Pay grade must look like E-4, W-2 or O-3; choose"),
        (Branch.ARMY, "E-10", "Pay grade E-10 does not exist"),
    ],
)  # fmt: skip
def test_pay_grade_must_exist_in_the_branch(branch: Branch, grade: str, message: str) -> None:
    error = only_error(make_spouse(sponsor=make_sponsor(branch=branch, pay_grade=grade)))
    assert error.field == "sponsor.pay_grade"
    assert error.message.startswith(message)
    if grade == "Sergeant":
        assert "Sergeant" not in error.message


@pytest.mark.parametrize(
    ("branch", "grade"),
    [(Branch.AIR_FORCE, "W-1"), (Branch.MARINE_CORPS, "w5"), (Branch.COAST_GUARD, "W-4"),
     (Branch.NAVY, "o10"), (Branch.ARMY, "E 9")],
)  # fmt: skip
def test_pay_grades_that_exist_are_accepted_as_typed(branch: Branch, grade: str) -> None:
    spouse = make_spouse(sponsor=make_sponsor(branch=branch, pay_grade=grade))
    assert validate_spouse(spouse, TODAY) == []


def test_separation_date_required_when_separated_or_died() -> None:
    separated = make_spouse(sponsor=make_sponsor(status=SponsorStatus.SEPARATED))
    assert only_error(separated) == FieldError(
        "sponsor.separation_date", "Separation date is required when the sponsor has separated"
    )
    died = make_spouse(sponsor=make_sponsor(status=SponsorStatus.DIED_ON_ACTIVE_DUTY))
    assert only_error(died) == FieldError(
        "sponsor.separation_date",
        "Date of death is required when the sponsor died on active duty",
    )


def test_separation_date_not_in_future_and_after_entry() -> None:
    future = make_sponsor(status=SponsorStatus.SEPARATED, separation_date=date(2026, 1, 1))
    assert only_error(make_spouse(sponsor=future)).message == (
        "Separation date cannot be in the future"
    )
    early = make_sponsor(status=SponsorStatus.SEPARATED, separation_date=date(2014, 1, 1))
    assert only_error(make_spouse(sponsor=early)).message == (
        "Separation date must be after the service entry date"
    )
    serving = make_sponsor(separation_date=date(2024, 1, 1))
    assert only_error(make_spouse(sponsor=serving)).message.startswith(
        "Separation date applies only to a sponsor who has separated"
    )


def test_service_entry_and_projected_separation_plausible() -> None:
    future_entry = make_sponsor(service_entry_date=date(2026, 1, 1), projected_separation_date=None)
    assert only_error(make_spouse(sponsor=future_entry)) == FieldError(
        "sponsor.service_entry_date", "Service entry date cannot be in the future"
    )
    ancient = make_sponsor(service_entry_date=date(1960, 1, 1))
    assert only_error(make_spouse(sponsor=ancient)).message == (
        "Service entry date is more than 50 years ago; check the year"
    )
    backwards = make_sponsor(projected_separation_date=date(2014, 1, 1))
    assert only_error(make_spouse(sponsor=backwards)) == FieldError(
        "sponsor.projected_separation_date",
        "Projected separation date must be after the service entry date",
    )
    far = make_sponsor(projected_separation_date=date(2099, 1, 1))
    assert only_error(make_spouse(sponsor=far)).message.startswith(
        "Projected separation date is more than 40 years away"
    )


def test_sponsor_enums_are_checked() -> None:
    errors = messages(
        validate_spouse(make_spouse(sponsor=make_sponsor(branch="cavalry", component=3)), TODAY)
    )
    assert errors["sponsor.branch"] == ["Choose a branch of service from the list"]
    assert errors["sponsor.component"] == ["Choose a component from the list"]


# --- address ---


@pytest.mark.parametrize(
    ("address", "field", "message"),
    [
        (make_address(state="XX"), "address.state", "State must be a two-letter US state or "
                                                    "territory code, such as VA or PR"),
        (make_address(state="AE"), "address.state", "AA, AE and AP are for military addresses"),
        (make_address(city="APO"), "address.city", "APO, FPO and DPO are military post offices"),
        (make_address(postal_code="123456"), "address.postal_code", "ZIP code must be 5 or 9"),
        (make_address(line1=""), "address.line1", "Address line 1 is required"),
        (make_address(country="DE"), "address.country", "Only US and military (APO/FPO/DPO)"),
        (make_address(kind=AddressKind.MILITARY, city="Testville", state="AE",
                      postal_code="09001"), "address.city", "For a military address the city "
                                                            "must be APO, FPO or DPO"),
        (make_address(kind=AddressKind.MILITARY, city="APO", state="VA", postal_code="09001"),
         "address.state", "For a military address the state must be AA"),
        (make_address(kind=AddressKind.MILITARY, city="FPO", state="AP", postal_code="09001"),
         "address.postal_code", "ZIP codes for AP addresses start with 962 to 966"),
        (make_address(kind=AddressKind.MILITARY, city="APO", state="AA", postal_code="96201"),
         "address.postal_code", "ZIP codes for AA addresses start with 340"),
        (make_address(kind=AddressKind.MILITARY, city="DPO", state="AE", postal_code="09901"),
         "address.postal_code", "ZIP codes for AE addresses start with 090 to 098"),
    ],
)  # fmt: skip
def test_address_rules(address: Address, field: str, message: str) -> None:
    error = only_error(make_spouse(address=address))
    assert error.field == field
    assert error.message.startswith(message)


@pytest.mark.parametrize(
    "address",
    [
        make_address(state="pr", postal_code="00901-1234"),
        make_address(state="DC", postal_code="203500001"),
        make_address(kind=AddressKind.MILITARY, city="apo", state="ae", postal_code="09001"),
        make_address(kind=AddressKind.MILITARY, city="FPO", state="AP", postal_code="96601"),
        make_address(kind=AddressKind.MILITARY, city="DPO", state="AA", postal_code="34002"),
        None,
    ],
)
def test_good_addresses_are_accepted(address: Address | None) -> None:
    assert validate_spouse(make_spouse(address=address), TODAY) == []


# --- contact, history, awards ---


def test_email_and_phone_are_checked_only_when_given() -> None:
    assert validate_spouse(make_spouse(email="", phone=""), TODAY) == []
    found = messages(validate_spouse(make_spouse(email="testy.example.com", phone="12"), TODAY))
    assert found["email"] == ["Email address must contain exactly one @, as in name@example.com"]
    assert found["phone"][0].endswith("2 digits were entered")


@pytest.mark.parametrize(
    ("years", "message"),
    [
        (-1, "Years as a military spouse must be between 0 and 80"),
        (81, "Years as a military spouse must be between 0 and 80"),
        (40, "Years as a military spouse cannot be more than the spouse's age"),
        (2.5, "Years as a military spouse must be a whole number"),
        (True, "Years as a military spouse must be a whole number"),
    ],
)
def test_years_as_military_spouse(years: object, message: str) -> None:
    assert only_error(make_spouse(years_as_military_spouse=years)) == FieldError(
        "years_as_military_spouse", message
    )


def test_history_date_order_and_required_fields() -> None:
    spouse = make_spouse(
        work_experience=[
            WorkExperience(employer="", title="Tester"),
            WorkExperience(
                employer="Example Corp",
                title="Tester",
                start_date=date(2020, 1, 1),
                end_date=date(2019, 1, 1),
            ),
        ],
        credentials=[
            Credential(
                kind=CredentialKind.CERTIFICATE,
                name="Test Cert",
                state="ZZ",
                obtained_on=date(2024, 1, 1),
                expires_on=date(2023, 1, 1),
            )
        ],
        skills=[Skill(name="")],
    )
    assert messages(validate_spouse(spouse, TODAY)) == {
        "work_experience[0].employer": ["Employer is required"],
        "work_experience[1].end_date": ["End date must be after the start date"],
        "credentials[0].state": [
            "Issuing state must be a two-letter US state or territory code, such as VA"
        ],
        "credentials[0].expires_on": ["Expiry date must be after the date obtained"],
        "skills[0].name": ["Skill is required"],
    }


@pytest.mark.parametrize(
    ("award", "field", "message"),
    [
        (MyCAAAward(2024, -1, MyCAAProgramType.LICENSE), "amount_cents",
         "Award amount cannot be negative"),
        (MyCAAAward(2024, 10**9, MyCAAProgramType.LICENSE), "amount_cents",
         "Award amount is more than $100,000; check the amount"),
        (MyCAAAward(1999, 100, MyCAAProgramType.LICENSE), "fiscal_year",
         "Fiscal year must be between 2,007 and 2,026"),
    ],
)  # fmt: skip
def test_mycaa_awards(award: MyCAAAward, field: str, message: str) -> None:
    assert only_error(make_spouse(mycaa_awards=[award])) == FieldError(
        f"mycaa_awards[0].{field}", message
    )


def test_free_text_limit_is_stated_and_one_megabyte_is_refused() -> None:
    error = only_error(make_spouse(career_goals=ONE_MEGABYTE))
    assert error == FieldError(
        "career_goals",
        "Career goals is too long: at most 4,000 characters; 1,048,576 were entered",
    )
    assert validate_spouse(make_spouse(career_goals="Line one.\nLine two.\tTabbed."), TODAY) == []


def test_consent_is_checked() -> None:
    consent = Consent("", datetime(2030, 1, 1), read_aloud=True, recorded_by="u1", on_behalf=True)
    assert messages(validate_spouse(make_spouse(consent=consent), TODAY)) == {
        "consent.statement_version": ["Privacy Act statement version is required"],
        "consent.acknowledged_at": ["Consent cannot be acknowledged in the future"],
    }


# --- clean_spouse ---


def test_clean_spouse_normalises_a_copy() -> None:
    spouse = make_spouse(
        name=PersonName(first="  testy ", last="MCDONALD, JR."),
        dod_id="999-000-0001",
        email=" Testy@EXAMPLE.com ",
        phone="202.555.0143 x7",
        sponsor=make_sponsor(dod_id="999 000 0002", pay_grade="e5"),
        address=make_address(
            kind=AddressKind.MILITARY, city="apo", state="ae", postal_code="090011234"
        ),
    )
    cleaned = clean_spouse(spouse, TODAY)
    assert cleaned is not spouse
    assert cleaned.name == PersonName(first="Testy", last="McDonald", suffix="Jr")
    assert cleaned.dod_id == "9990000001"
    assert cleaned.email == "Testy@example.com"
    assert cleaned.phone == "+12025550143;ext=7"
    assert cleaned.sponsor.dod_id == "9990000002"
    assert cleaned.sponsor.pay_grade == "E-5"
    assert cleaned.address == make_address(
        kind=AddressKind.MILITARY, city="APO", state="AE", postal_code="09001-1234"
    )
    assert spouse.dod_id == "999-000-0001"  # the input is untouched
    assert cleaned.id == spouse.id


def test_clean_spouse_raises_validation_error_with_every_problem() -> None:
    spouse = make_spouse(dod_id="", sponsor=make_sponsor(pay_grade="Z-9"))
    with pytest.raises(ValidationError) as caught:
        clean_spouse(spouse, TODAY)
    assert caught.value.fields == ("dod_id", "sponsor.pay_grade")


# --- user fields ---


@pytest.mark.parametrize(
    ("username", "display_name", "expected"),
    [
        ("agent.smith-01", "Agent Test", {}),
        ("ab", "Agent Test", {"username": ["Username must be 3 to 32 characters; 2 were entered"]}),
        ("a" * 33, "Agent Test", {"username": ["Username is too long: at most 32 characters; "
                                               "33 were entered"]}),
        ("Agent", "Agent Test", {"username": ["Username may contain only lowercase letters a-z, "
                                              "digits and . _ -"]}),
        ("agent;drop", "", {"username": ["Username may contain only lowercase letters a-z, "
                                         "digits and . _ -"],
                            "display_name": ["Display name is required"]}),
        ("", "Agent\x00", {"username": ["Username is required"],
                           "display_name": ["Display name may not contain control characters"]}),
    ],
)  # fmt: skip
def test_validate_user_fields(
    username: str, display_name: str, expected: dict[str, list[str]]
) -> None:
    assert messages(validate_user_fields(username, display_name)) == expected


# --- fuzzing: validation never raises, cleaning gives clean records ---

TEXT_FIELDS = ("dod_id", "email", "phone", "career_goals")
NAME_FIELDS = ("first", "last", "middle", "suffix")
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=100) | st.sampled_from(
    NAUGHTY_STRINGS
)


def _clean_or_errors(spouse: Spouse) -> tuple[Spouse | None, tuple[FieldError, ...]]:
    try:
        return clean_spouse(spouse, TODAY), ()
    except ValidationError as exc:
        return None, exc.errors


def _assert_no_values_in(errors: list[FieldError], values: list[str]) -> None:
    """No message repeats a value. Plain ASCII words are skipped: a generated "Sponso" or
    "countr" legitimately occurs inside a message's own wording."""
    for error in errors:
        for value in values:
            if len(value) >= 6 and not value.isascii():
                assert value not in error.message


MARKED_VALUES = [f"Zq9x{s}" for s in NAUGHTY_STRINGS if len(s) < 5000] + [
    "Zq9x" + "9" * 9,
    "Zq9x@example",
]


@pytest.mark.parametrize("value", MARKED_VALUES)
def test_no_message_repeats_the_value_entered(value: str) -> None:
    spouse = make_spouse(
        name=PersonName(first=value, last=value, middle=value, suffix=value),
        dod_id=value,
        email=value,
        phone=value,
        sponsor=make_sponsor(dod_id=value, pay_grade=value),
        address=make_address(line1=value, city=value, state=value, postal_code=value),
        skills=[Skill(name=value)],
        career_goals=value,
    )
    errors = validate_spouse(spouse, TODAY)
    assert errors
    assert not [e for e in errors if "Zq9x" in e.message]
    with pytest.raises(ValidationError) as caught:
        clean_spouse(spouse, TODAY)
    assert "Zq9x" not in str(caught.value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spouse_text=st.fixed_dictionaries({f: ANY_TEXT for f in TEXT_FIELDS}),
    names=st.fixed_dictionaries({f: ANY_TEXT for f in NAME_FIELDS}),
    sponsor_text=st.fixed_dictionaries({"dod_id": ANY_TEXT, "pay_grade": ANY_TEXT}),
    address_text=st.fixed_dictionaries(
        {f: ANY_TEXT for f in ("line1", "line2", "city", "state", "postal_code", "country")}
    ),
    skill=ANY_TEXT,
)
def test_validate_spouse_never_raises_for_arbitrary_text(
    spouse_text: dict[str, str],
    names: dict[str, str],
    sponsor_text: dict[str, str],
    address_text: dict[str, str],
    skill: str,
) -> None:
    spouse = make_spouse(
        name=PersonName(**names),
        sponsor=make_sponsor(**sponsor_text),
        address=make_address(**address_text),
        skills=[Skill(name=skill)],
        **spouse_text,
    )
    errors = validate_spouse(spouse, TODAY)
    assert all(isinstance(e, FieldError) for e in errors)
    values = [*spouse_text.values(), *names.values(), *sponsor_text.values(),
              *address_text.values(), skill]  # fmt: skip
    _assert_no_values_in(errors, values)
    cleaned, problems = _clean_or_errors(spouse)
    if cleaned is not None:
        assert validate_spouse(cleaned, TODAY) == []
        assert clean_spouse(cleaned, TODAY) == cleaned
    else:
        assert problems


NAME_TEXT = st.text(
    alphabet=st.sampled_from("abcdeghijlmnoprstuvyzABCDMOÉéñüß'’- .,"), min_size=1, max_size=30
)


@settings(max_examples=300, deadline=None)
@given(first=NAME_TEXT, last=NAME_TEXT, dod_digits=st.text("0123456789", min_size=10, max_size=10))
def test_clean_spouse_output_validates_clean(first: str, last: str, dod_digits: str) -> None:
    spouse = make_spouse(name=PersonName(first=first, last=last), dod_id=f" {dod_digits[:3]}-"
                         f"{dod_digits[3:]} ")  # fmt: skip
    cleaned, problems = _clean_or_errors(spouse)
    if cleaned is None:
        assert {e.field for e in problems} <= {"name.first", "name.last", "sponsor.dod_id"}
        return
    assert validate_spouse(cleaned, TODAY) == []
    assert cleaned.dod_id == dod_digits
    assert clean_spouse(cleaned, TODAY) == cleaned


@pytest.mark.parametrize(
    "weird",
    [None, 42, 3.5, b"bytes", ["list"], object(), date(2020, 1, 1), datetime(2020, 1, 1)],
)
def test_wrong_types_are_reported_not_raised(weird: object) -> None:
    spouse = make_spouse(
        name=PersonName(first=weird, last=weird, middle=weird, suffix=weird),  # type: ignore[arg-type]
        dod_id=weird,
        date_of_birth=weird,
        sponsor=make_sponsor(pay_grade=weird, branch=weird, service_entry_date=weird),
        address=make_address(state=weird, postal_code=weird, kind=weird),
        email=weird,
        phone=weird,
        years_as_military_spouse=weird,
        education=weird,
        work_experience=[weird],
        career_goals=weird,
        mycaa_awards=[MyCAAAward(weird, weird, weird)],  # type: ignore[arg-type]
        consent=weird,
    )
    errors = validate_spouse(spouse, TODAY)
    assert errors
    with pytest.raises(ValidationError):
        clean_spouse(spouse, TODAY)
    whole = make_spouse(sponsor=weird, address=weird, name=weird)
    fields = {e.field for e in validate_spouse(whole, TODAY)}
    assert {"name", "sponsor"} <= fields
    assert ("address" in fields) is (weird is not None)
