"""SearchPanel on a real store: typing with a typo finds the spouse, the keyboard opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from services.support import agent_on_populated_copy, make_spouses

from seco_desktop.domain.models import Spouse
from seco_desktop.domain.query import SearchFilters, parse_query
from seco_desktop.domain.reference import Branch
from seco_desktop.services.search import search
from seco_desktop.services.session import Session
from seco_desktop.store.search import SearchPage
from seco_desktop.ui.search_filters import ANY_BRANCH
from seco_desktop.ui.search_model import PAGE_SIZE, RECORD_ID_ROLE, SearchResultsModel
from seco_desktop.ui.search_panel import INCOMPLETE_MESSAGE, SearchPanel
from seco_desktop.ui.tasks import TaskRunner

WAIT_MS = 15_000  # generous: a loaded two-core machine, SQLCipher and Qt in one process


@pytest.fixture(scope="module")
def population() -> list[Spouse]:
    return make_spouses(80, seed=23)


@pytest.fixture(scope="module")
def agent_with_records(
    office_template: tuple[Path, str],
    tmp_path_factory: pytest.TempPathFactory,
    population: list[Spouse],
) -> Iterator[Session]:
    """An agent signed in to a store holding the population (the tests only read it)."""
    with agent_on_populated_copy(
        office_template, tmp_path_factory.mktemp("panel"), population
    ) as agent:
        yield agent


@pytest.fixture
def panel(qtbot: QtBot, agent_with_records: Session, runner: TaskRunner) -> SearchPanel:
    def search_page(text: str, filters: SearchFilters | None, page: int) -> SearchPage:
        return search(agent_with_records, text, filters, page=page, page_size=PAGE_SIZE)

    widget = SearchPanel(SearchResultsModel(search_page, runner))
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=WAIT_MS)
    return widget


def one_letter_changed(surname: str) -> str:
    """A letter in the middle changed (agents get the first letter right)."""
    i = len(surname) // 2
    replacement = "x" if surname[i].lower() != "x" else "z"
    return surname[:i] + replacement + surname[i + 1 :]


def shown_ids(panel: SearchPanel) -> list[str]:
    model = panel.table.model()
    return [model.index(r, 0).data(RECORD_ID_ROLE) for r in range(model.rowCount())]


def find_with_typo(qtbot: QtBot, panel: SearchPanel, population: list[Spouse]) -> Spouse:
    spouse = next(s for s in population if s.name.last.isalpha() and len(s.name.last) >= 5)
    qtbot.keyClicks(panel.field, one_letter_changed(spouse.name.last))
    qtbot.waitUntil(lambda: spouse.id in shown_ids(panel), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.table.model().pending, timeout=WAIT_MS)
    return spouse


def test_a_surname_with_one_letter_changed_shows_the_spouse(
    qtbot: QtBot, panel: SearchPanel, population: list[Spouse]
) -> None:
    find_with_typo(qtbot, panel, population)

    assert panel.status.text().endswith(("record", "records"))
    assert panel.field.accessibleName() == "Search records"
    assert panel.table.accessibleName() == "Search results"


def test_arrows_and_enter_open_the_selected_record(
    qtbot: QtBot, panel: SearchPanel, population: list[Spouse]
) -> None:
    spouse = find_with_typo(qtbot, panel, population)
    target = shown_ids(panel).index(spouse.id)
    panel.field.setFocus()

    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.waitUntil(panel.table.hasFocus, timeout=WAIT_MS)
    for _ in range(target):
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.table.currentIndex().row() == target

    with qtbot.waitSignal(panel.record_activated, timeout=WAIT_MS) as activated:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert activated.args == [spouse.id]


def test_double_click_opens_the_record(
    qtbot: QtBot, panel: SearchPanel, population: list[Spouse]
) -> None:
    spouse = find_with_typo(qtbot, panel, population)
    row = shown_ids(panel).index(spouse.id)
    centre = panel.table.visualRect(panel.table.model().index(row, 0)).center()

    viewport = panel.table.viewport()
    with qtbot.waitSignal(panel.record_activated, timeout=WAIT_MS) as activated:
        # A real double-click starts with a press; the item view checks it was the same row.
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert activated.args == [spouse.id]


def test_ctrl_f_puts_the_cursor_in_the_search_field(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus, timeout=WAIT_MS)

    qtbot.keyClick(panel.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(panel.field.hasFocus, timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12345", INCOMPLETE_MESSAGE),
        ("3/7/90", parse_query("3/7/90").problem),  # a two-digit year: the query's message
        ("zzqqxxvv", "No matching records"),
    ],
)
def test_the_status_says_what_happened(
    qtbot: QtBot, panel: SearchPanel, typed: str, expected: str
) -> None:
    qtbot.keyClicks(panel.field, typed)

    def settled() -> bool:
        text = panel.status.text()
        idle = not panel.table.model().pending
        return idle and text not in ("", "Searching…") and text == expected

    qtbot.waitUntil(settled, timeout=WAIT_MS)
    assert panel.table.model().rowCount() == 0


def test_the_branch_filter_narrows_the_results_and_any_branch_widens_them_again(
    qtbot: QtBot, panel: SearchPanel, population: list[Spouse]
) -> None:
    spouse = population[0]
    same_surname = [s for s in population if s.name.last == spouse.name.last]
    qtbot.keyClicks(panel.field, spouse.name.last)
    qtbot.waitUntil(lambda: spouse.id in shown_ids(panel), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.table.model().pending, timeout=WAIT_MS)
    everyone = set(shown_ids(panel))
    other = next(b for b in Branch if b is not spouse.sponsor.branch)

    branch = panel.filter_bar.branch
    branch.setFocus()
    qtbot.keyClick(branch, Qt.Key.Key_Home)
    while branch.currentData() != other:  # by keyboard, as an agent would choose
        qtbot.keyClick(branch, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not panel.table.model().pending, timeout=WAIT_MS)
    narrowed = shown_ids(panel)
    assert spouse.id not in narrowed
    by_id = {s.id: s for s in population}
    assert all(by_id[i].sponsor.branch is other for i in narrowed if i in by_id)

    qtbot.keyClick(branch, Qt.Key.Key_Home)  # "Any branch"
    assert branch.currentText() == ANY_BRANCH
    qtbot.waitUntil(lambda: spouse.id in shown_ids(panel), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.table.model().pending, timeout=WAIT_MS)
    assert set(shown_ids(panel)) == everyone
    assert {s.id for s in same_surname} <= everyone


def test_mine_only_is_offered_to_coaches_only(qtbot: QtBot, panel: SearchPanel) -> None:
    assert panel.filter_bar.mine.isHidden()  # this panel belongs to an agent
