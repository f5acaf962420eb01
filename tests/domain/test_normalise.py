"""Normalisation: what a person types becomes one stored form, or a message they can act on."""

from __future__ import annotations

import contextlib
import random
import re
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seco_desktop.domain.errors import InvalidValue
from seco_desktop.domain.normalise import (
    fold,
    name_key,
    normalise_dod_id,
    normalise_email,
    normalise_phone,
    normalise_zip,
    parse_date,
    phonetic_key,
    split_suffix,
    tidy_name,
)

from .bad_inputs import (
    BAD_DOD_IDS,
    GOOD_DOD_IDS,
    IMPOSSIBLE_DATES,
    NAUGHTY_STRINGS,
)

ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=80)

# --- fold and name_key ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Straße", "strasse"), ("García", "garcia"), ("ÅNGSTRÖM", "angstrom"), ("Łódź", "lodz")],
)
def test_fold_drops_accents_and_case(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Oʼbrien", "obrien"),
        ("D`Angelo", "dangelo"),
        ("Smith-Jones", "smith jones"),
        ("García Márquez", "garcia marquez"),
        ("  Mary   Ann  ", "mary ann"),
        ("St. John", "st john"),
        ("Smith, Jr.", "smith jr"),
        ("ZOË", "zoe"),
        ("", ""),
        ("---", ""),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@given(ANY_TEXT)
def test_name_key_is_idempotent_and_only_lowercase_letters_and_single_spaces(text: str) -> None:
    key = name_key(text)
    assert re.fullmatch(r"([a-z]+( [a-z]+)*)?", key)
    assert name_key(key) == key


# --- phonetic_key ---


@pytest.mark.parametrize(
    "variants",
    [
        ("Catherine", "Katherine", "Kathryn"),
        ("Steven", "Stephen"),
        ("Smith", "Smyth"),
        ("Nguyen", "Nguen"),
        ("Schmidt", "Schmitt"),
        ("McDonald", "MacDonald", "Mcdonald"),
        ("Sean", "Shawn"),
        ("Christine", "Kristin"),
        ("Philip", "Phillip"),
        ("Brian", "Bryan"),
        ("Geoffrey", "Jeffrey"),
        ("Thompson", "Tomson"),
        ("O'Connor", "Oconner"),
    ],
)
def test_phonetic_key_matches_phone_misspellings(variants: tuple[str, ...]) -> None:
    codes = {phonetic_key(v) for v in variants}
    assert len(codes) == 1, codes


@pytest.mark.parametrize(("a", "b"), [("Smith", "Jones"), ("Garcia", "Nguyen"), ("Kim", "Park")])
def test_phonetic_key_tells_different_names_apart(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


def test_phonetic_key_ignores_spaces_and_empty_input() -> None:
    assert phonetic_key("de la Cruz") == phonetic_key("Delacruz")
    assert phonetic_key("") == ""
    assert phonetic_key("  '- ") == ""


@given(ANY_TEXT)
def test_phonetic_key_never_fails(text: str) -> None:
    assert re.fullmatch(r"[A-Z]*", phonetic_key(text))


# --- tidy_name and split_suffix ---


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("o'brien-smith", "O'Brien-Smith"),
        ("MCDONALD", "McDonald"),
        ("macdonald", "MacDonald"),
        ("MACHADO", "Machado"),
        ("de la cruz", "de la Cruz"),
        ("VAN DER BERG", "van der Berg"),
        ("GARCÍA MÁRQUEZ", "García Márquez"),
        ("  mary   ann ", "Mary Ann"),
        ("jean - luc", "Jean-Luc"),
        ("O’NEIL", "O'Neil"),
        ("d’angelo", "D'Angelo"),
        ("smith iii", "Smith III"),
        ("van", "Van"),
        # mixed case is the person's own spelling
        ("DeShawn", "DeShawn"),
        ("McKenzie-deLuca", "McKenzie-deLuca"),
        ("da Silva", "da Silva"),
    ],
)
def test_tidy_name(typed: str, stored: str) -> None:
    assert tidy_name(typed) == stored


def test_tidy_name_keeps_diacritics_composed() -> None:
    assert tidy_name("Jose\u0301") == "José"  # NFC: one code point
    assert len(tidy_name("Jose\u0301")) == 4


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Smith Jr", ("Smith", "Jr")),
        ("Smith, Jr.", ("Smith", "Jr")),
        ("Smith,Sr", ("Smith", "Sr")),
        ("smith jr.", ("smith", "Jr")),
        ("Smith II", ("Smith", "II")),
        ("Smith III", ("Smith", "III")),
        ("Smith iv", ("Smith", "IV")),
        ("Smith V.", ("Smith", "V")),
        ("Smith 3rd", ("Smith", "III")),
        ("de la Cruz Jr", ("de la Cruz", "Jr")),
        ("Smith", ("Smith", "")),
        ("Jr", ("Jr", "")),
        ("Ivy", ("Ivy", "")),
        ("Smithjr", ("Smithjr", "")),
    ],
)
def test_split_suffix(typed: str, expected: tuple[str, str]) -> None:
    assert split_suffix(typed) == expected


# --- phone ---


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("(202) 555-0143", "+12025550143"),
        ("202.555.0143", "+12025550143"),
        ("1-202-555-0143", "+12025550143"),
        ("+1 202 555 0143", "+12025550143"),
        ("202-555-0143 x123", "+12025550143;ext=123"),
        ("202-555-0143 ext 123", "+12025550143;ext=123"),
        ("202-555-0143, ext. 9", "+12025550143;ext=9"),
        ("+12025550143;ext=123", "+12025550143;ext=123"),
        ("２０２－５５５－０１４３", "+12025550143"),
        ("+44 20 7946 0958", "+442079460958"),
        ("011 49 30 901820", "+4930901820"),
    ],
)
def test_normalise_phone(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored
    assert normalise_phone(stored) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "555-0143",
            "Phone must be a 10-digit US number or an international number starting with +; "
            "7 digits were entered",
        ),
        ("", "no digits were entered"),
        ("202-555-01434", "11 digits were entered"),
        ("+1 202 555 014", "US numbers after +1 must have 10 digits; 9 digits were entered"),
        ("+44 123", "International phone numbers have 8 to 15 digits after the +; 5 digits"),
        ("1-800-FLOWERS", "Phone may contain only digits"),
        ("'; DROP TABLE spouse; --", "Phone may contain only digits"),
        ("(102) 555-0143", "area code cannot start with 0 or 1"),
        ("(202) 055-0143", "exchange (the 3 digits after the area code) cannot start"),
    ],
)
def test_normalise_phone_refuses_with_a_message(typed: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=re.escape(message)) as caught:
        normalise_phone(typed)
    digits = re.sub(r"\D", "", typed)
    if len(digits) > 3:
        assert digits not in str(caught.value)


# --- email ---


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Ana.Doe@Example.COM ", "Ana.Doe@example.com"),
        ("test+seco@mail.mil", "test+seco@mail.mil"),
        ("jose@bücher.de", "jose@xn--bcher-kva.de"),
        ("o'brien@example.org", "o'brien@example.org"),
    ],
)
def test_normalise_email(typed: str, stored: str) -> None:
    assert normalise_email(typed) == stored
    assert normalise_email(stored) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ana.example.com", "exactly one @"),
        ("ana@@example.com", "exactly one @"),
        ("@example.com", "needs a name before the @"),
        ("ana@localhost", "must contain a dot"),
        ("ana doe@example.com", "may not contain spaces"),
        ("ana@exa mple.com", "may not contain spaces"),
        ("ana@example..com", "not valid"),
        ("ana@-example.com", "only letters, digits, hyphens and dots"),
        ("ana@example.c0m", "must end in a name such as .com"),
        (".ana@example.com", "cannot start or end with a dot"),
        ("a" * 65 + "@example.com", "at most 64 characters"),
        ("a@" + "b" * 250 + ".com", "at most 254 characters"),
        ("ana\x00@example.com", "invisible characters"),
        ("'; DROP TABLE spouse; --@example.com", "may not contain spaces"),
    ],
)
def test_normalise_email_refuses_with_a_message(typed: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=re.escape(message)) as caught:
        normalise_email(typed)
    assert "@" not in str(caught.value).replace("one @", "").replace("the @", "").replace(
        "name@example.com", ""
    )


# --- DoD ID ---


@pytest.mark.parametrize("typed", GOOD_DOD_IDS)
def test_normalise_dod_id_accepts_typed_forms(typed: str) -> None:
    assert normalise_dod_id(typed) == "9990000001"


@pytest.mark.parametrize(("typed", "message"), BAD_DOD_IDS)
def test_normalise_dod_id_refuses_with_an_actionable_message(typed: str, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        normalise_dod_id(typed)
    assert str(caught.value) == message
    assert "999" not in str(caught.value)


def test_normalise_dod_id_names_the_field_it_is_given() -> None:
    with pytest.raises(InvalidValue, match=r"^Sponsor's DoD ID must be 10 digits; 3 were entered$"):
        normalise_dod_id("123", label="Sponsor's DoD ID")


@given(
    st.text(alphabet="0123456789", min_size=10, max_size=10),
    st.lists(st.sampled_from([" ", "-", "\u00a0", "\u2013", "\u2011"]), max_size=10),
    st.randoms(use_true_random=False),
)
def test_normalise_dod_id_round_trips_with_spaces_and_dashes(
    digits: str, separators: list[str], rnd: object
) -> None:
    assert isinstance(rnd, random.Random)
    chars = list(digits)
    for sep in separators:
        chars.insert(rnd.randint(0, len(chars)), sep)
    assert normalise_dod_id("".join(chars)) == digits


@given(ANY_TEXT)
def test_normalise_functions_raise_only_invalid_value(text: str) -> None:
    for normalise in (normalise_dod_id, normalise_phone, normalise_email, normalise_zip):
        with contextlib.suppress(InvalidValue):
            normalise(text)
    with contextlib.suppress(InvalidValue):
        parse_date(text)


def _message_or_none(normalise: Callable[[str], str], text: str) -> str | None:
    try:
        normalise(text)
    except InvalidValue as exc:
        return exc.message
    return None


@pytest.mark.parametrize("text", NAUGHTY_STRINGS)
def test_naughty_strings_never_crash_or_echo(text: str) -> None:
    for normalise in (normalise_dod_id, normalise_phone, normalise_email, normalise_zip):
        message = _message_or_none(normalise, text)
        if message is not None and len(text) > 3:
            assert text not in message
    for func in (tidy_name, name_key, phonetic_key, fold):
        assert isinstance(func(text), str)
    assert isinstance(split_suffix(text), tuple)


# --- ZIP ---


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("22350", "22350"), ("22350-2300", "22350-2300"), ("223502300", "22350-2300")],
)
def test_normalise_zip(typed: str, stored: str) -> None:
    assert normalise_zip(typed) == stored


@pytest.mark.parametrize("typed", ["2235", "223500", "ABCDE", "22350-23"])
def test_normalise_zip_refuses(typed: str) -> None:
    with pytest.raises(InvalidValue, match="ZIP code must be 5 or 9 digits"):
        normalise_zip(typed)


# --- dates ---


@pytest.mark.parametrize(
    "typed",
    [
        "1990-03-07",
        "03/07/1990",
        "3/7/1990",
        "03-07-1990",
        "03.07.1990",
        "03071990",
        "19900307",
        "Mar 7 1990",
        "7 Mar 1990",
        "March 7, 1990",
        "march 7th, 1990",
        "7-MAR-1990",
        " 03 / 07 / 1990 ",
        "０３/０７/１９９０",
    ],
)
def test_parse_date_reads_what_people_type(typed: str) -> None:
    assert parse_date(typed) == date(1990, 3, 7)


def test_parse_date_reads_slashes_month_first() -> None:
    assert parse_date("12/01/1990") == date(1990, 12, 1)
    assert parse_date("Sept 30 2024") == date(2024, 9, 30)
    assert parse_date("02/29/2024") == date(2024, 2, 29)


@pytest.mark.parametrize(("typed", "message"), IMPOSSIBLE_DATES)
def test_parse_date_says_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=re.escape(message)) as caught:
        parse_date(typed, label="Date of birth")
    assert str(caught.value).startswith("Date of birth ")
    if typed:
        assert typed not in str(caught.value)
