"""The registration wizard's "is this person already registered?" check."""

from __future__ import annotations

from datetime import date, timedelta

from seco_desktop.domain.models import PersonName
from seco_desktop.store.duplicates import (
    SAME_DOD_ID,
    SAME_NAME_DOB,
    SIMILAR_NAME_DOB,
    SPONSOR_DOD_ID,
    SWAPPED_NAME_DOB,
    DuplicateCandidate,
    find_duplicates,
)
from seco_desktop.store.search import MatchKind
from seco_desktop.store.spouses import delete_spouse

from .factory import NOW, Seeded


def check(
    seeded: Seeded,
    dod_id: str | None = None,
    name: PersonName | None = None,
    dob: date | None = None,
    exclude_id: str | None = None,
) -> list[DuplicateCandidate]:
    with seeded.store.read() as conn:
        return find_duplicates(conn, dod_id, name, dob, exclude_id=exclude_id)


def test_same_dod_id_typed_with_dashes(seeded: Seeded) -> None:
    target = seeded.targets["jose"]
    found = check(seeded, "99-0000-0301")
    assert [c.spouse.id for c in found] == [target.id]
    assert found[0].reasons == (SAME_DOD_ID,)
    assert found[0].spouse.match is MatchKind.EXACT_ID
    assert found[0].spouse.dod_id_masked == "******0301"


def test_dod_id_of_a_sponsor_is_flagged(seeded: Seeded) -> None:
    target = seeded.targets["jose"]
    found = check(seeded, target.sponsor.dod_id)
    assert [(c.spouse.id, c.reasons) for c in found] == [(target.id, (SPONSOR_DOD_ID,))]


def test_same_name_and_date_of_birth_despite_accents_and_case(seeded: Seeded) -> None:
    target = seeded.targets["jose"]
    found = check(seeded, None, PersonName(first="JOSE", last="nunez"), target.date_of_birth)
    assert [c.spouse.id for c in found] == [target.id]
    assert found[0].reasons == (SAME_NAME_DOB,)


def test_all_reasons_are_listed_strongest_first(seeded: Seeded) -> None:
    target = seeded.targets["katherine"]
    found = check(seeded, target.dod_id, PersonName("Katherine", "Smith"), target.date_of_birth)
    assert found[0].spouse.id == target.id
    assert found[0].reasons == (SAME_DOD_ID, SAME_NAME_DOB)


def test_near_name_with_same_date_of_birth(seeded: Seeded) -> None:
    target = seeded.targets["katherine"]
    found = check(seeded, None, PersonName("Kathryn", "Smyth"), target.date_of_birth)
    assert [c.spouse.id for c in found] == [target.id]
    (reason,) = found[0].reasons
    assert reason.startswith(SIMILAR_NAME_DOB)
    assert "sounds alike" in reason
    assert found[0].spouse.match is MatchKind.FUZZY


def test_one_letter_off_is_near(seeded: Seeded) -> None:
    target = seeded.targets["schmidt"]
    found = check(seeded, None, PersonName("Wolfram", "Schmidtt"), target.date_of_birth)
    assert [c.spouse.id for c in found] == [target.id]


def test_swapped_first_and_last(seeded: Seeded) -> None:
    target = seeded.targets["schmidt"]
    found = check(seeded, None, PersonName("Schmidt", "Wolfram"), target.date_of_birth)
    assert [(c.spouse.id, c.reasons) for c in found] == [(target.id, (SWAPPED_NAME_DOB,))]


def test_near_name_on_another_day_is_not_a_duplicate(seeded: Seeded) -> None:
    target = seeded.targets["katherine"]
    other_day = target.date_of_birth + timedelta(days=1)
    assert check(seeded, None, PersonName("Katherine", "Smith"), other_day) == []


def test_unrelated_name_born_the_same_day_is_not_a_duplicate(seeded: Seeded) -> None:
    target = seeded.targets["katherine"]
    assert check(seeded, None, PersonName("Katherine", "Jackson"), target.date_of_birth) == []
    assert check(seeded, None, PersonName("Bartholomew", "Smith"), target.date_of_birth) == []


def test_nothing_to_compare(seeded: Seeded) -> None:
    assert check(seeded) == []
    assert check(seeded, "not a dod id") == []
    assert check(seeded, None, PersonName("Katherine", "Smith"), None) == []


def test_the_record_being_edited_is_left_out(seeded: Seeded) -> None:
    target = seeded.targets["katherine"]
    assert check(seeded, target.dod_id, exclude_id=target.id) == []


def test_deleted_records_are_not_duplicates(fresh: Seeded) -> None:
    target = fresh.targets["katherine"]
    with fresh.store.write() as conn:
        delete_spouse(conn, target.id, NOW)
    assert check(fresh, target.dod_id, PersonName("Katherine", "Smith"), target.date_of_birth) == []
