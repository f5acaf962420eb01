"""The search box and its result list: what an agent types into while a caller talks.

Thin on purpose: the query is read by ``domain.query.parse_query`` (to skip pointless searches
and explain invalid input) and the rows come from :class:`SearchResultsModel`; this widget only
debounces typing, moves the keyboard between the box and the list, and says what happened.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.query import QueryKind, SearchFilters, parse_query
from seco_desktop.ui.search_filters import SearchFilterBar
from seco_desktop.ui.search_model import COLUMN_WIDTHS, RECORD_ID_ROLE, SearchResultsModel

DEBOUNCE_MS = 150
INCOMPLETE_MESSAGE = "Keep typing: a DoD ID has 10 digits"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def count_text(shown: int, has_more: bool) -> str:
    if shown == 0:
        return "No matching records"
    if has_more:
        return f"{shown}+ records"
    return "1 record" if shown == 1 else f"{shown} records"


class SearchPanel(QWidget):
    """A search field over a table of results; emits ``record_activated(record_id)``."""

    record_activated = Signal(str)

    def __init__(
        self,
        model: SearchResultsModel,
        parent: QWidget | None = None,
        *,
        my_user_id: str | None = None,
    ) -> None:
        """``my_user_id``: offer "Mine only" (the spouses assigned to this coach)."""
        super().__init__(parent)
        self.setAccessibleName("Record search")
        self._model = model
        self._filters: SearchFilters | None = None
        self._submitted: tuple[str, SearchFilters | None] | None = None

        self.field = QLineEdit(self)
        self.field.setAccessibleName("Search records")
        self.field.setPlaceholderText("DoD ID, name, date of birth, email or phone")
        self.field.setClearButtonEnabled(True)

        self.filter_bar = SearchFilterBar(my_user_id, self)
        self.filter_bar.changed.connect(self.set_filters)

        self.table = QTableView(self)
        self.table.setAccessibleName("Search results")
        self.table.setModel(model)
        self._configure_table()

        self.status = QLabel(self)
        self.status.setAccessibleName("Search status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a problem message is never markup

        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.field.textChanged.connect(self._debounce.start)
        self.field.returnPressed.connect(self.search_now)
        self.field.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._activate)

        model.search_started.connect(lambda: self.status.setText("Searching…"))
        model.search_finished.connect(lambda n, more: self.status.setText(count_text(n, more)))
        model.search_failed.connect(self._on_failed)

        # Window-wide, so Ctrl+F works from anywhere in the main window; menus and toolbars
        # call focus_search() rather than binding the same keys again (that would be ambiguous).
        self._shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self._shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self._shortcut.activated.connect(self.focus_search)

    def _configure_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(False)  # ranking is the store's, best match first
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)

    # --- public ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected, ready to type over."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_filters(self, filters: SearchFilters | None) -> None:
        self._filters = filters
        self.search_now()

    def search_now(self) -> None:
        """Search for the field's text at once (the debounce timer calls this)."""
        self._debounce.stop()
        text = self.field.text()
        query = parse_query(text)
        if query.kind in (QueryKind.EMPTY, QueryKind.INCOMPLETE, QueryKind.INVALID):
            self._submitted = None
            self._model.clear()
            message = {QueryKind.EMPTY: "", QueryKind.INCOMPLETE: INCOMPLETE_MESSAGE}
            self.status.setText(message.get(query.kind, query.problem or ""))
            return
        if self._submitted == (text, self._filters):
            return  # Enter after the debounce already ran: nothing new to ask
        self._submitted = (text, self._filters)
        self._model.set_query(text, self._filters)

    # --- keyboard ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.field and event.key() == Qt.Key.Key_Down:
                return self._enter_table()
            if watched is self.table:
                return self._table_key(event)
        return super().eventFilter(watched, event)

    def _enter_table(self) -> bool:
        if self._model.rowCount() == 0:
            return False
        current = self.table.currentIndex()
        if not current.isValid():
            self._select(self._model.index(0, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _table_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _ENTER_KEYS:
            self._activate(self.table.currentIndex())
            return True
        at_top = self.table.currentIndex().row() <= 0
        if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and at_top):
            self.focus_search()
            return True
        return False

    def _select(self, index: QModelIndex) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.record_activated.emit(str(index.data(RECORD_ID_ROLE)))

    def _on_failed(self, message: str) -> None:
        self._submitted = None  # Enter tries again
        self.status.setText(message)
