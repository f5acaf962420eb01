"""A coach's caseload: follow-ups due today or overdue, and the spouses assigned to them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.services import caseload
from seco_desktop.services.caseload import DueFollowUp
from seco_desktop.services.session import Session
from seco_desktop.ui.search_model import HEADERS, RECORD_ID_ROLE, SearchResultsModel
from seco_desktop.ui.tasks import TaskRunner

FAILED = "The caseload could not be loaded; try Refresh"


class CaseloadView(QWidget):
    """Two lists; Enter or a double-click on either opens the spouse's record."""

    record_activated = Signal(str)

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self.setAccessibleName("My caseload")

        self.due_label = QLabel("Follow-ups due today or overdue")
        self.due = QTableWidget(0, 3)
        self.due.setHorizontalHeaderLabels(["Due", "Spouse", "Follow-up"])
        self.due.setAccessibleName("Follow-ups due today or overdue")
        self.due.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.due.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.due.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.due.verticalHeader().hide()
        self.due.itemActivated.connect(self._due_activated)
        self.due_label.setBuddy(self.due)

        self.mine_label = QLabel("Spouses assigned to me")
        self.model = SearchResultsModel(
            lambda text, filters, page: caseload.my_spouses(session, text, page),
            runner,
            self,
            task_key="caseload",
        )
        self.mine = QTableView()
        self.mine.setModel(self.model)
        self.mine.setAccessibleName("Spouses assigned to me")
        self.mine.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # A caseload is not a search: no "Match" column; the names get the room instead.
        self.mine.setColumnHidden(HEADERS.index("Match"), True)
        header = self.mine.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.mine.verticalHeader().hide()
        self.mine.activated.connect(self._mine_activated)
        self.mine_label.setBuddy(self.mine)

        self.status = QLabel("")
        self.status.setAccessibleName("Caseload status")
        self.refresh_button = QPushButton("&Refresh caseload")
        self.refresh_button.setAccessibleName("Refresh caseload")
        self.refresh_button.clicked.connect(self.refresh)

        layout = QVBoxLayout(self)
        for widget in (
            self.due_label, self.due, self.mine_label, self.mine, self.status, self.refresh_button
        ):  # fmt: skip
            layout.addWidget(widget)
        self.refresh()

    def refresh(self) -> None:
        session = self._session
        self.status.setText("Loading caseload…")
        self._runner.run(
            lambda: caseload.due_follow_ups(session),
            on_success=self._show_due,
            on_failure=lambda _exc: self.status.setText(FAILED),
            key="caseload-due",
        )
        self.model.set_query("")

    def _show_due(self, items: list[DueFollowUp]) -> None:
        self.due.setRowCount(len(items))
        for row, item in enumerate(items):
            due = item.follow_up.due_date.strftime("%m/%d/%Y")
            late = f" ({item.overdue_days} days overdue)" if item.overdue_days else " (today)"
            cells = (due + late, item.spouse_name, item.follow_up.description)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(RECORD_ID_ROLE, item.follow_up.spouse_id)
                self.due.setItem(row, column, cell)
        self.due.resizeColumnsToContents()
        self.status.setText(f"{len(items)} follow-ups due" if items else "No follow-ups due")

    def _due_activated(self, item: QTableWidgetItem) -> None:
        self.record_activated.emit(str(item.data(RECORD_ID_ROLE)))

    def _mine_activated(self, index: QModelIndex) -> None:
        record_id = index.data(RECORD_ID_ROLE)
        if record_id:
            self.record_activated.emit(str(record_id))
