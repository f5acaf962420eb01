"""SearchResultsModel without widgets: columns, roles, lazy pages, resets, stale results."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from services.support import TODAY

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.query import SearchFilters
from seco_desktop.store.search import MatchKind, SearchPage, SpouseRow, display_name, mask_dod_id
from seco_desktop.ui.search_model import (
    COL_BRANCH,
    COL_DOB,
    COL_DOD_ID,
    COL_MATCH,
    COL_NAME,
    COL_STATUS,
    FAILURE_MESSAGE,
    PAGE_SIZE,
    RECORD_ID_ROLE,
    SearchResultsModel,
)
from seco_desktop.ui.tasks import TaskRunner

WAIT_MS = 10_000
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole,
    RECORD_ID_ROLE,
)


def light_row(spouse: Spouse) -> SpouseRow:
    """The row the store would return for ``spouse`` (only the masked DoD ID)."""
    n = spouse.name
    return SpouseRow(
        id=spouse.id,
        name=display_name(n.first, n.middle, n.last, n.suffix),
        dod_id_masked=mask_dod_id(spouse.dod_id),
        date_of_birth=spouse.date_of_birth,
        branch=spouse.sponsor.branch,
        sponsor_status=spouse.sponsor.status,
        assigned_coach=spouse.assigned_coach,
        match=MatchKind.SUBSTRING,
        score=0.7,
    )


class FakeSearch:
    """``search_page`` over generated rows: every row whose name contains the text."""

    def __init__(self, spouses: list[Spouse]) -> None:
        self.rows = [light_row(s) for s in spouses]
        self.calls: list[tuple[str, int]] = []
        self.gates: dict[str, threading.Event] = {}
        self.fail = False

    def __call__(self, text: str, filters: SearchFilters | None, page: int) -> SearchPage:
        self.calls.append((text, page))
        gate = self.gates.get(text)
        if gate is not None:
            gate.wait(10)
        if self.fail:
            raise OSError("disk I/O error in /home/agent/office.seco")
        found = [r for r in self.rows if text.lower() in r.name.lower()]
        start = page * PAGE_SIZE
        return SearchPage(
            tuple(found[start : start + PAGE_SIZE]), None, len(found) > start + PAGE_SIZE
        )


@pytest.fixture(scope="module")
def spouses() -> list[Spouse]:
    return list(generate_spouses(120, seed=5, today=TODAY))


@pytest.fixture
def fake(spouses: list[Spouse]) -> FakeSearch:
    return FakeSearch(spouses)


@pytest.fixture
def model(fake: FakeSearch, runner: TaskRunner) -> SearchResultsModel:
    return SearchResultsModel(fake, runner)


def settle(qtbot: QtBot, model: SearchResultsModel, action: Callable[[], None]) -> None:
    with qtbot.waitSignal(model.search_finished, timeout=WAIT_MS):
        action()


def all_cells(model: SearchResultsModel) -> list[object]:
    return [
        model.index(r, c).data(role)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in ROLES
    ]


def test_columns_headers_and_roles(qtbot: QtBot, model: SearchResultsModel) -> None:
    settle(qtbot, model, lambda: model.set_query(""))
    first = model.row_at(0)

    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Name", "DoD ID", "Date of birth", "Branch", "Sponsor status", "Match"]
    assert model.index(0, COL_NAME).data() == first.name
    assert model.index(0, COL_DOD_ID).data() == first.dod_id_masked
    assert model.index(0, COL_DOB).data() == first.date_of_birth.strftime("%m/%d/%Y")
    assert model.index(0, COL_BRANCH).data() == first.branch.label
    assert model.index(0, COL_STATUS).data() == first.sponsor_status.label
    assert model.index(0, COL_MATCH).data() == "Part of name"
    for column in range(model.columnCount()):
        assert model.index(0, column).data(RECORD_ID_ROLE) == first.id
        assert model.index(0, column).data(Qt.ItemDataRole.AccessibleTextRole)
    spoken_id = model.index(0, COL_DOD_ID).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken_id == f"DoD ID ending {first.dod_id_masked[-4:]}"
    assert "*" not in spoken_id


def test_only_masked_dod_ids_reach_the_model(
    qtbot: QtBot, model: SearchResultsModel, spouses: list[Spouse]
) -> None:
    settle(qtbot, model, lambda: model.set_query(""))
    settle(qtbot, model, model.fetchMore)

    cells = " ".join(str(v) for v in all_cells(model))
    for spouse in spouses:
        assert spouse.dod_id not in cells
        assert spouse.sponsor.dod_id not in cells
    for r in range(model.rowCount()):
        assert re.fullmatch(r"\*{6}\d{4}", model.index(r, COL_DOD_ID).data())


def test_pages_load_lazily_when_the_view_asks_for_more(
    qtbot: QtBot, model: SearchResultsModel, fake: FakeSearch
) -> None:
    settle(qtbot, model, lambda: model.set_query(""))
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())

    with qtbot.waitSignal(model.rowsInserted, timeout=WAIT_MS) as inserted:
        model.fetchMore(QModelIndex())
        model.fetchMore(QModelIndex())  # a second ask while page 2 is on its way is ignored
    assert inserted.args[1:] == [PAGE_SIZE, 2 * PAGE_SIZE - 1]
    assert model.rowCount() == 2 * PAGE_SIZE
    assert fake.calls == [("", 0), ("", 1)]

    settle(qtbot, model, model.fetchMore)
    assert model.rowCount() == len(fake.rows) == 120
    assert not model.canFetchMore(QModelIndex())
    assert len({model.index(r, 0).data(RECORD_ID_ROLE) for r in range(120)}) == 120


def test_a_new_query_resets_the_model(qtbot: QtBot, model: SearchResultsModel) -> None:
    settle(qtbot, model, lambda: model.set_query(""))
    surname = model.row_at(7).name.split(",")[0]

    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        settle(qtbot, model, lambda: model.set_query(surname))

    assert 0 < model.rowCount() < PAGE_SIZE
    assert all(surname in model.row_at(r).name for r in range(model.rowCount()))


def test_results_of_an_older_query_never_reach_the_model(
    qtbot: QtBot, model: SearchResultsModel, fake: FakeSearch, runner: TaskRunner
) -> None:
    fake.gates["a"] = threading.Event()
    finished: list[tuple[int, bool]] = []
    model.search_finished.connect(lambda n, more: finished.append((n, more)))

    model.set_query("a")  # held back until after the newer query is shown
    qtbot.waitUntil(lambda: ("a", 0) in fake.calls, timeout=WAIT_MS)
    settle(qtbot, model, lambda: model.set_query("zz-no-such-name"))
    fake.gates["a"].set()
    assert runner.wait_idle(WAIT_MS)

    assert finished == [(0, False)]
    assert model.rowCount() == 0


def test_clear_empties_the_list_and_drops_pages_on_their_way(
    qtbot: QtBot, model: SearchResultsModel, fake: FakeSearch, runner: TaskRunner
) -> None:
    settle(qtbot, model, lambda: model.set_query(""))
    fake.gates[""] = threading.Event()
    model.fetchMore(QModelIndex())

    model.clear()
    fake.gates[""].set()
    assert runner.wait_idle(WAIT_MS)

    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())


def test_a_failure_gives_a_plain_message_without_details(
    qtbot: QtBot, model: SearchResultsModel, fake: FakeSearch
) -> None:
    fake.fail = True

    with qtbot.waitSignal(model.search_failed, timeout=WAIT_MS) as failed:
        model.set_query("smith")

    assert failed.args == [FAILURE_MESSAGE]
    assert "office.seco" not in FAILURE_MESSAGE
    assert not model.pending


def test_the_model_passes_qt_model_checks(
    qtbot: QtBot, model: SearchResultsModel, qtmodeltester: ModelTester
) -> None:
    settle(qtbot, model, lambda: model.set_query(""))
    qtmodeltester.check(model, force_py=True)  # keeps watching the changes that follow
    settle(qtbot, model, lambda: model.set_query("an"))
    if model.canFetchMore(QModelIndex()):
        settle(qtbot, model, model.fetchMore)
