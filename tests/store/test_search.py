"""Search as an agent uses it, on a real SQLCipher store of a few hundred fake spouses."""

from __future__ import annotations

import re

import pytest

from seco_desktop.domain.query import SearchFilters, parse_query
from seco_desktop.domain.reference import Branch, SponsorStatus
from seco_desktop.store.search import MatchKind, SearchPage, search
from seco_desktop.store.spouses import delete_spouse, insert_spouse

from .factory import NOW, Seeded, make_spouse


def find(seeded: Seeded, text: str, filters: SearchFilters | None = None, **kw: int) -> SearchPage:
    with seeded.store.read() as conn:
        return search(conn, parse_query(text), filters or SearchFilters(), **kw)


def ids(page: SearchPage) -> list[str]:
    return [row.id for row in page.rows]


def position(page: SearchPage, spouse_id: str) -> int | None:
    return ids(page).index(spouse_id) if spouse_id in ids(page) else None


# --- DoD ID ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["9900000301", "99-0000-0301", " 990 000 0301 "])
def test_dod_id_typed_any_way_finds_exactly_one(seeded: Seeded, typed: str) -> None:
    page = find(seeded, typed)
    exact = [r for r in page.rows if r.match is MatchKind.EXACT_ID]
    assert [r.id for r in exact] == [seeded.targets["jose"].id]
    assert page.rows[0].match is MatchKind.EXACT_ID
    assert page.rows[0].name == "Núñez, José"


def test_sponsor_dod_id_finds_the_spouse_below_exact_matches(seeded: Seeded) -> None:
    page = find(seeded, "9800000301")
    assert ids(page) == [seeded.targets["jose"].id]
    assert page.rows[0].match is MatchKind.SPONSOR_ID
    assert page.rows[0].score < 1.0


def test_unknown_dod_id_finds_nothing(seeded: Seeded) -> None:
    page = find(seeded, "9912345678")
    assert page.rows == ()
    assert page.total_estimate == 0
    assert not page.has_more


def test_masked_dod_id_never_shows_more_than_last_four(seeded: Seeded) -> None:
    for text in ("smith", "99-0000-0301", "o", "onzal"):
        for row in find(seeded, text).rows:
            assert re.fullmatch(r"\*{6}\d{4}", row.dod_id_masked)
            assert row.dod_id_masked[-4:] in {s.dod_id[-4:] for s in seeded.spouses}


# --- Names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["Smith, Katherine", "smith,katherine", "Katherine Smith", "SMITH KATHERINE"]
)
def test_last_first_and_first_last_both_work(seeded: Seeded, typed: str) -> None:
    page = find(seeded, typed)
    assert page.rows[0].id == seeded.targets["katherine"].id
    assert page.rows[0].match is MatchKind.EXACT_NAME


def test_display_name_is_last_first_middle_initial_suffix(seeded: Seeded) -> None:
    page = find(seeded, "pemberton, bartholomew")
    row = next(r for r in page.rows if r.id == seeded.targets["suffix"].id)
    assert row.name == "Pemberton, Bartholomew A Jr"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Jose Nunez", "jose"),
        ("núñez, josé", "jose"),
        ("OConnor Siobhan", "oconnor"),
        ("o'connor, siobhan", "oconnor"),
        ("Smith-Jones, Ermengarde", "hyphen"),
        ("smith jones ermengarde", "hyphen"),
        ("Garcia Marquez, Araminta", "double"),
        ("araminta garcia marquez", "double"),
        ("Siobhan O Connor", "oconnor"),
    ],
)
def test_diacritics_apostrophes_hyphens_double_surnames_suffixes(
    seeded: Seeded, typed: str, key: str
) -> None:
    page = find(seeded, typed)
    assert position(page, seeded.targets[key].id) == 0


def test_single_word_exact_last_name_ranks_before_prefix(seeded: Seeded) -> None:
    page = find(seeded, "smith", limit=200)
    kinds = [r.match for r in page.rows]
    assert kinds[0] is MatchKind.EXACT_NAME
    assert page.rows[0].id == seeded.targets["katherine"].id
    # Smith-Jones starts with "smith": prefix, after the exact Smith.
    assert MatchKind.PREFIX in kinds
    assert kinds.index(MatchKind.PREFIX) > kinds.index(MatchKind.EXACT_NAME)


def test_prefix_of_last_name(seeded: Seeded) -> None:
    page = find(seeded, "Pembe", limit=200)
    assert page.rows
    assert all(r.name.startswith("Pemberton") for r in page.rows)
    assert all(r.match is MatchKind.PREFIX for r in page.rows)
    assert seeded.targets["suffix"].id in ids(page)


def test_partial_first_after_last(seeded: Seeded) -> None:
    page = find(seeded, "pemberton, barth")
    assert seeded.targets["suffix"].id in ids(page)
    assert all(r.name.startswith("Pemberton, Barth") for r in page.rows)


def test_substring_inside_a_name(seeded: Seeded) -> None:
    page = find(seeded, "onzal", limit=200)
    assert seeded.targets["gonzalez"].id in ids(page)
    assert all(r.match is MatchKind.SUBSTRING for r in page.rows)
    assert all("Gonzalez" in r.name for r in page.rows)


def test_second_word_of_a_double_surname(seeded: Seeded) -> None:
    page = find(seeded, "marquez, araminta")
    assert seeded.targets["double"].id in ids(page)


# --- Misspellings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Kathrin Smyth", "katherine"),  # both names misspelled
        ("smyth, kathryn", "katherine"),
        ("Catherine Smith", "katherine"),  # sounds alike
        ("Jose Nunes", "jose"),
        ("Siobhan OConner", "oconnor"),
        ("Clementine Gonzales", "gonzalez"),
        ("Araminta Garsia Marquez", "double"),
        ("Wolfram Schmitt", "schmidt"),
        ("Kathrine Brightwel", "catherine"),
    ],
)
def test_misspelled_name_over_the_phone_is_on_the_first_page(
    seeded: Seeded, typed: str, key: str
) -> None:
    page = find(seeded, typed)
    assert seeded.targets[key].id in ids(page)


def test_misspelled_single_surname_finds_fuzzy_matches(seeded: Seeded) -> None:
    page = find(seeded, "Schmit")
    assert page.rows[0].id == seeded.targets["schmidt"].id  # one letter missing
    assert {r.match for r in page.rows} == {MatchKind.FUZZY}
    scores = [r.score for r in page.rows]
    assert scores == sorted(scores, reverse=True)  # sound-alikes further away come later


def test_fuzzy_ranks_after_exact(seeded: Seeded) -> None:
    page = find(seeded, "Katherine Smith", limit=200)
    assert page.rows[0].match is MatchKind.EXACT_NAME
    ranks = [list(MatchKind).index(r.match) for r in page.rows]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(("typed", "unwanted"), [("Johnson", "Jackson"), ("Jackson", "Johnson")])
def test_unrelated_names_are_not_found(seeded: Seeded, typed: str, unwanted: str) -> None:
    page = find(seeded, typed, limit=500)
    assert page.rows
    assert not [r for r in page.rows if r.name.startswith(unwanted)]


def test_gibberish_finds_nothing(seeded: Seeded) -> None:
    assert find(seeded, "Zyxwvut Qqqq").rows == ()


def test_ordering_is_deterministic(seeded: Seeded) -> None:
    first = find(seeded, "smyth", limit=500)
    again = find(seeded, "smyth", limit=500)
    assert ids(first) == ids(again)


# --- Dates of birth, email, phone -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["{m}/{d}/{y}", "{y}-{m:02d}-{d:02d}", "{mon} {d}, {y}"])
def test_date_of_birth_formats(seeded: Seeded, fmt: str) -> None:
    target = seeded.targets["katherine"]
    dob = target.date_of_birth
    text = fmt.format(m=dob.month, d=dob.day, y=dob.year, mon=dob.strftime("%b"))
    page = find(seeded, text)
    assert target.id in ids(page)
    assert all(r.date_of_birth == dob for r in page.rows)


def test_name_with_date_of_birth_narrows(seeded: Seeded) -> None:
    target = seeded.targets["katherine"]
    dob = target.date_of_birth
    page = find(seeded, f"smith {dob.month}/{dob.day}/{dob.year}")
    assert ids(page) == [target.id]
    wrong_day = find(seeded, f"smith {dob.month}/{dob.day}/{dob.year - 1}")
    assert target.id not in ids(wrong_day)


def test_email_and_phone(seeded: Seeded) -> None:
    target = seeded.targets["katherine"]
    assert ids(find(seeded, target.email)) == [target.id]
    phone = target.phone  # "+1202555NNNN"
    typed = f"({phone[2:5]}) {phone[5:8]}-{phone[8:]}"
    assert ids(find(seeded, typed)) == [target.id]


# --- Filters, tombstones, paging ------------------------------------------------------------------


def test_filters_apply_to_every_path(seeded: Seeded) -> None:
    target = seeded.targets["katherine"]
    other = next(b for b in Branch if b is not target.sponsor.branch)
    for text in ("Katherine Smith", "Kathrin Smyth", "mith", target.dod_id):
        assert target.id in ids(find(seeded, text, SearchFilters(branch=target.sponsor.branch)))
        assert target.id not in ids(find(seeded, text, SearchFilters(branch=other)))
    for text in ("johnson", "jonson", "ohnso"):
        page = find(seeded, text, SearchFilters(sponsor_status=SponsorStatus.SEPARATED))
        assert page.rows
        assert {r.sponsor_status for r in page.rows} == {SponsorStatus.SEPARATED}
        coached = find(seeded, text, SearchFilters(assigned_coach="coach-0001"))
        assert {r.assigned_coach for r in coached.rows} == {"coach-0001"}


def test_paging_covers_every_row_once(seeded: Seeded) -> None:
    everything = find(seeded, "j", limit=1000)
    assert everything.total_estimate == len(everything.rows)
    collected: list[str] = []
    offset = 0
    while True:
        page = find(seeded, "j", limit=7, offset=offset)
        collected += ids(page)
        offset += 7
        if not page.has_more:
            break
    assert collected == ids(everything)


def test_tombstoned_rows_never_appear(fresh: Seeded) -> None:
    target = fresh.targets["katherine"]
    with fresh.store.write() as conn:
        delete_spouse(conn, target.id, NOW)
    for text in ("Katherine Smith", "Kathrin Smyth", "therine", target.dod_id, target.email):
        assert target.id not in ids(find(fresh, text, limit=500))


def test_new_names_are_found_by_typo_search_after_insert(fresh: Seeded) -> None:
    assert find(fresh, "Brunhildx").rows == ()  # loads the term cache
    newcomer = make_spouse(900, "Ottilie", "Brunhilde")
    with fresh.store.write() as conn:
        insert_spouse(conn, newcomer, NOW)
    assert ids(find(fresh, "Brunhildx")) == [newcomer.id]


def test_bad_paging_arguments(seeded: Seeded) -> None:
    with pytest.raises(ValueError, match="limit"):
        find(seeded, "smith", limit=0)


def test_term_cache_survives_a_rolled_back_insert(fresh: Seeded) -> None:
    """A term seen inside a transaction that rolled back must not hide the next new term."""

    class Abort(Exception):
        pass

    def insert_search_and_roll_back() -> None:
        with fresh.store.write() as conn:
            insert_spouse(conn, make_spouse(901, "Ottilie", "Quarrendon"), NOW)
            assert search(conn, parse_query("Quarendon")).rows  # caches the uncommitted term
            raise Abort

    with pytest.raises(Abort):
        insert_search_and_roll_back()
    replacement = make_spouse(902, "Ottilie", "Vellacourt")
    with fresh.store.write() as conn:
        insert_spouse(conn, replacement, NOW)  # reuses the rolled-back rowid in name_term
        assert search(conn, parse_query("Quarendon")).rows == ()
        assert ids(search(conn, parse_query("Velacourt"))) == [replacement.id]
