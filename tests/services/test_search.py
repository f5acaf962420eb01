"""Search as an agent types: misspelt surnames, DoD IDs, and masked result rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from seco_desktop.domain.models import Spouse
from seco_desktop.services.search import search
from seco_desktop.services.session import Session
from seco_desktop.store.search import MatchKind

from .support import agent_on_populated_copy, make_spouses


@pytest.fixture(scope="module")
def population() -> list[Spouse]:
    return make_spouses(150, seed=11)


@pytest.fixture(scope="module")
def agent_with_records(
    office_template: tuple[Path, str],
    tmp_path_factory: pytest.TempPathFactory,
    population: list[Spouse],
) -> Iterator[Session]:
    """One agent session on a store holding the population (read-only tests share it)."""
    with agent_on_populated_copy(
        office_template, tmp_path_factory.mktemp("search"), population
    ) as agent:
        yield agent


def _one_letter_changed(surname: str) -> str:
    """Change a letter in the middle of the name (never the first: agents get that right)."""
    letters = [i for i, ch in enumerate(surname) if ch.isalpha() and i > 0]
    i = letters[len(letters) // 2]
    replacement = "x" if surname[i].lower() != "x" else "z"
    return surname[:i] + replacement + surname[i + 1 :]


def _simple_surname_spouses(population: list[Spouse]) -> list[Spouse]:
    return [s for s in population if s.name.last.isalpha() and len(s.name.last) >= 5][:8]


def test_a_surname_with_one_letter_changed_finds_the_spouse_on_the_first_page(
    agent_with_records: Session, population: list[Spouse]
) -> None:
    chosen = _simple_surname_spouses(population)
    assert len(chosen) >= 5

    for spouse in chosen:
        typo = _one_letter_changed(spouse.name.last)
        page = search(agent_with_records, typo)

        assert spouse.id in {r.id for r in page.rows}, f"{typo!r} did not find {spouse.name}"


def test_surname_and_first_name_typed_together_rank_the_spouse_first(
    agent_with_records: Session, population: list[Spouse]
) -> None:
    spouse = _simple_surname_spouses(population)[0]

    page = search(agent_with_records, f"{spouse.name.last}, {spouse.name.first}")

    assert page.rows[0].id == spouse.id


def test_a_dod_id_finds_exactly_that_record(
    agent_with_records: Session, population: list[Spouse]
) -> None:
    spouse = population[42]

    page = search(agent_with_records, spouse.dod_id)

    assert [r.id for r in page.rows] == [spouse.id]
    assert page.rows[0].match is MatchKind.EXACT_ID
    assert page.rows[0].dod_id_masked == "******" + spouse.dod_id[-4:]


def test_a_dod_id_typed_with_dashes_finds_the_same_record(
    agent_with_records: Session, population: list[Spouse]
) -> None:
    d = population[7].dod_id

    page = search(agent_with_records, f"{d[:3]}-{d[3:6]}-{d[6:]}")

    assert [r.id for r in page.rows] == [population[7].id]


def test_the_sponsors_dod_id_finds_the_spouse(
    agent_with_records: Session, population: list[Spouse]
) -> None:
    spouse = population[3]

    page = search(agent_with_records, spouse.sponsor.dod_id)

    assert [r.id for r in page.rows] == [spouse.id]
    assert page.rows[0].match is MatchKind.SPONSOR_ID


@pytest.mark.parametrize("how", ["surname", "dod_id", "sponsor_dod_id", "first_name"])
def test_result_rows_never_show_more_than_the_last_four_dod_id_digits(
    agent_with_records: Session, population: list[Spouse], how: str
) -> None:
    spouse = population[12]
    text = {
        "surname": spouse.name.last,
        "dod_id": spouse.dod_id,
        "sponsor_dod_id": spouse.sponsor.dod_id,
        "first_name": spouse.name.first,
    }[how]
    every_id = {s.dod_id for s in population} | {s.sponsor.dod_id for s in population}

    page = search(agent_with_records, text, page_size=200)

    assert page.rows
    for row in page.rows:
        shown = repr(row)
        assert not any(dod_id in shown for dod_id in every_id)
        assert re.fullmatch(r"\*{6}\d{4}", row.dod_id_masked)
        assert not re.search(r"\d{5,}", shown.replace(row.id, ""))


def test_pages_do_not_repeat_rows(agent_with_records: Session) -> None:
    first = search(agent_with_records, "a", page=0, page_size=5)
    second = search(agent_with_records, "a", page=1, page_size=5)

    assert first.has_more
    assert len(first.rows) == 5
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}
