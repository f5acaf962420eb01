"""The result list of the search box as a Qt table model (after anki's browser table and vorta's
archive table model): ``COL_*`` constants, a record-id role, and rows loaded a page at a time.

The model never runs a query itself: every page comes from ``search_page`` through the
:class:`TaskRunner` under the key ``"search"``, so a newer query (or :meth:`clear`) makes any
page still on its way for an older one disappear instead of reaching the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from seco_desktop.domain.query import SearchFilters
from seco_desktop.store.search import MatchKind, SearchPage, SpouseRow
from seco_desktop.ui.tasks import TaskRunner

SearchPageFn = Callable[[str, SearchFilters | None, int], SearchPage]

PAGE_SIZE = 50
TASK_KEY = "search"

COL_NAME, COL_DOD_ID, COL_DOB, COL_BRANCH, COL_STATUS, COL_MATCH = range(6)
HEADERS = ("Name", "DoD ID", "Date of birth", "Branch", "Sponsor status", "Match")
#: Fixed widths for views of this model: sizing to contents would measure every loaded row.
COLUMN_WIDTHS = {COL_NAME: 240, COL_DOD_ID: 110, COL_DOB: 110, COL_BRANCH: 110, COL_STATUS: 140}
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1

MATCH_LABELS = {
    MatchKind.EXACT_ID: "DoD ID",
    MatchKind.SPONSOR_ID: "Sponsor's DoD ID",
    MatchKind.EXACT_NAME: "Name",
    MatchKind.PREFIX: "Start of name",
    MatchKind.SUBSTRING: "Part of name",
    MatchKind.FUZZY: "Similar spelling",
    MatchKind.OTHER: "Birth date, email or phone",
}

FAILURE_MESSAGE = "Search is not available right now. Try again; if it keeps failing, tell IT."

_Index = QModelIndex | QPersistentModelIndex


def display_text(row: SpouseRow, column: int) -> str:
    """What a cell shows; only the masked DoD ID ever reaches the model."""
    if column == COL_NAME:
        return row.name
    if column == COL_DOD_ID:
        return row.dod_id_masked
    if column == COL_DOB:
        return row.date_of_birth.strftime("%m/%d/%Y")
    if column == COL_BRANCH:
        return row.branch.label
    if column == COL_STATUS:
        return row.sponsor_status.label
    return MATCH_LABELS[row.match]


def accessible_text(row: SpouseRow, column: int) -> str:
    """What a screen reader says: "ending 1234" rather than six asterisks, a spoken date."""
    if column == COL_DOD_ID:
        return f"DoD ID ending {row.dod_id_masked[-4:]}"
    if column == COL_DOB:
        dob = row.date_of_birth
        return f"Born {dob.strftime('%B')} {dob.day}, {dob.year}"
    return f"{HEADERS[column]}: {display_text(row, column)}"


class SearchResultsModel(QAbstractTableModel):
    """Rows of the current query, best first; more pages load as the view scrolls."""

    search_started = Signal()
    search_finished = Signal(int, bool)  # rows shown, whether more can be fetched
    search_failed = Signal(str)  # a message fit for the agent

    def __init__(
        self,
        search_page: SearchPageFn,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        task_key: str = TASK_KEY,
    ) -> None:
        """``task_key`` names this list's "latest wins" slot: give each list its own."""
        super().__init__(parent)
        self._task_key = task_key
        self._search_page = search_page
        self._runner = runner
        self._rows: list[SpouseRow] = []
        self._ids: set[str] = set()
        self._query: tuple[str, SearchFilters | None] | None = None
        self._next_page = 0
        self._has_more = False
        self._pending = False  # a page of the current query is on its way
        self._generation = 0  # bumped by every new query, so late callbacks can tell

    # --- the query ---------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        return self._pending

    @property
    def has_more(self) -> bool:
        return self._has_more

    def set_query(self, text: str, filters: SearchFilters | None = None) -> None:
        """Start a search; the rows shown now stay until its first page arrives."""
        self._generation += 1
        self._query = (text, filters)
        self._has_more = False
        self.search_started.emit()
        self._request(0)

    def clear(self) -> None:
        """No query: empty the list and drop any page still on its way."""
        self._generation += 1
        self._runner.discard(self._task_key)
        self._query = None
        self._pending = False
        self._has_more = False
        self._next_page = 0
        self.beginResetModel()
        self._rows, self._ids = [], set()
        self.endResetModel()

    def _request(self, page: int) -> None:
        assert self._query is not None
        if self._runner.closed:  # the app is closing: the view may still ask for rows
            return
        text, filters = self._query
        generation = self._generation
        search_page = self._search_page
        self._pending = True
        self._runner.run(
            lambda: search_page(text, filters, page),
            on_success=lambda result: self._arrived(generation, page, result),
            on_failure=lambda exc: self._failed(generation, exc),
            key=self._task_key,
        )

    def _arrived(self, generation: int, page: int, result: SearchPage) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self._next_page = page + 1
        self._has_more = result.has_more
        if page == 0:
            self.beginResetModel()
            self._rows = list(result.rows)
            self._ids = {r.id for r in self._rows}
            self.endResetModel()
        else:
            fresh = [r for r in result.rows if r.id not in self._ids]  # data moved under us
            if fresh:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
                self._rows.extend(fresh)
                self._ids.update(r.id for r in fresh)
                self.endInsertRows()
        self.search_finished.emit(len(self._rows), self._has_more)

    def _failed(self, generation: int, exc: Exception) -> None:
        del exc  # never shown: it may name a file or hold personal data
        if generation != self._generation:
            return
        self._pending = False
        self._has_more = False
        self.search_failed.emit(FAILURE_MESSAGE)

    # --- lazy loading ------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._has_more and not self._pending

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._request(self._next_page)

    # --- the table ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def row_at(self, row: int) -> SpouseRow:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display_text(row, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return accessible_text(row, index.column())
        if role == RECORD_ID_ROLE:
            return row.id
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
