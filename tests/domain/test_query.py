"""Reading the search box the way an agent types into it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seco_desktop.domain.query import QueryKind, SearchFilters, SearchQuery, parse_query
from seco_desktop.domain.reference import Branch

D = date(1990, 3, 7)


@pytest.mark.parametrize("typed", ["", "   ", "\t", ",", "'", "-"])
def test_nothing_typed(typed: str) -> None:
    assert parse_query(typed).kind in {QueryKind.EMPTY, QueryKind.INCOMPLETE}


@pytest.mark.parametrize(
    "typed", ["1234567890", "12-3456-7890", "123 456 7890", " 1234567890 ", "１２３４５６７８９０"]
)
def test_ten_digits_are_a_dod_id(typed: str) -> None:
    q = parse_query(typed)
    assert q.kind is QueryKind.DOD_ID
    assert q.dod_id == "1234567890"


def test_a_dod_id_that_is_also_a_valid_phone_number_carries_both() -> None:
    q = parse_query("2025550143")
    assert (q.kind, q.dod_id, q.phone) == (QueryKind.DOD_ID, "2025550143", "+12025550143")


@pytest.mark.parametrize("typed", ["1", "1234", "99-0000-03"])
def test_digits_still_being_typed(typed: str) -> None:
    assert parse_query(typed).kind is QueryKind.INCOMPLETE


def test_too_many_digits() -> None:
    q = parse_query("123456789012")
    assert q.kind is QueryKind.INVALID
    assert q.problem
    assert "123456789012" not in q.problem


@pytest.mark.parametrize(
    "typed", ["(202) 555-0143", "202.555.0143", "+1 202 555 0143", "1-202-555-0143"]
)
def test_phone_numbers(typed: str) -> None:
    q = parse_query(typed)
    assert (q.kind, q.phone) == (QueryKind.PHONE, "+12025550143")


@pytest.mark.parametrize(
    "typed",
    ["3/7/1990", "03/07/1990", "03-07-1990", "1990-03-07", "03071990", "March 7, 1990",
     "Mar 7 1990", "7 Mar 1990", "march 7th, 1990"],
)  # fmt: skip
def test_dates_of_birth(typed: str) -> None:
    q = parse_query(typed)
    assert (q.kind, q.date_of_birth) == (QueryKind.DATE_OF_BIRTH, D)


@pytest.mark.parametrize("typed", ["3/7/90", "2/30/1990", "13/01/1990"])
def test_impossible_or_ambiguous_dates_say_why(typed: str) -> None:
    q = parse_query(typed)
    assert q.kind is QueryKind.INVALID
    assert q.problem
    assert typed not in q.problem


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("smith 3/7/1990", ("smith",)),
        ("3/7/1990 smith", ("smith",)),
        ("Katherine Smith 1990-03-07", ("katherine", "smith")),
        ("Núñez March 7, 1990", ("nunez",)),
    ],
)
def test_name_with_date_of_birth(typed: str, words: tuple[str, ...]) -> None:
    q = parse_query(typed)
    assert (q.kind, q.words, q.date_of_birth) == (QueryKind.NAME, words, D)


def test_last_comma_first() -> None:
    q = parse_query("García Márquez, José")
    assert q.kind is QueryKind.NAME
    assert (q.last, q.first) == ("garcia marquez", "jose")
    assert q.words == ("garcia", "marquez", "jose")
    assert q.explicit_order


def test_last_comma_nothing_yet() -> None:
    q = parse_query("Smith,")
    assert (q.last, q.first) == ("smith", "")


def test_first_last_has_no_fixed_order() -> None:
    q = parse_query("Katherine  SMITH")
    assert q.words == ("katherine", "smith")
    assert q.last is None
    assert not q.explicit_order


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("O'Connor", ("oconnor",)),
        ("O’Connor", ("oconnor",)),
        ("Smith-Jones", ("smith", "jones")),
        ("smi", ("smi",)),
        ("José Núñez", ("jose", "nunez")),
        ("Smith Jr.", ("smith",)),
        ("Gideon Pemberton III", ("gideon", "pemberton")),
        ("May Smith", ("may", "smith")),  # a month name is a name without day and year
    ],
)
def test_name_words_are_folded(typed: str, words: tuple[str, ...]) -> None:
    q = parse_query(typed)
    assert (q.kind, q.words) == (QueryKind.NAME, words)


def test_email_complete_and_partial() -> None:
    assert parse_query("Ana.Lee@Example.COM").email == "Ana.Lee@example.com"
    partial = parse_query("ana.lee@")
    assert (partial.kind, partial.email) == (QueryKind.EMAIL, "ana.lee@")


def test_repr_shows_no_personal_data() -> None:
    q = parse_query("Katherine Smith 3/7/1990")
    text = repr(q)
    assert "katherine" not in text.lower()
    assert "1990" not in text
    assert "words" in text


def test_query_and_filters_are_frozen() -> None:
    q = SearchQuery(QueryKind.EMPTY)
    with pytest.raises(AttributeError):
        q.kind = QueryKind.NAME  # type: ignore[misc]
    f = SearchFilters(branch=Branch.NAVY)
    assert (f.branch, f.sponsor_status, f.assigned_coach) == (Branch.NAVY, None, None)


@given(st.text(max_size=60))
def test_any_text_is_read_without_error(text: str) -> None:
    q = parse_query(text)
    assert isinstance(q.kind, QueryKind)
    assert all(w.isascii() and w.isalpha() for w in q.words)
