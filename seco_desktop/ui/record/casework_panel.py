"""Notes (an append-only timeline, newest first) and follow-ups, with forms to add to both.

The panel never talks to the services: it emits what the coach asked for and the record view
runs it in the background, then calls :meth:`CaseworkPanel.load` with what the store holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.models import FollowUp, Note
from seco_desktop.domain.reference import ContactType
from seco_desktop.ui.field_errors import error_label
from seco_desktop.ui.record.profile_form import DATE_DISPLAY
from seco_desktop.ui.record.sponsor_panel import format_date

CONTACT_LABELS = {
    ContactType.PHONE: "Phone",
    ContactType.EMAIL: "Email",
    ContactType.IN_PERSON: "In person",
    ContactType.CHAT: "Chat",
}
ID_ROLE = Qt.ItemDataRole.UserRole
FOLLOW_UP_COLUMNS = ("Due", "Description", "Assignee", "Status")


def note_text(note: Note) -> str:
    """ "01/05/2026 09:30 · Phone · Topic" then the body (times in local time)."""
    local = note.created_at.replace(tzinfo=UTC).astimezone()
    when = f"{format_date(local.date())} {local:%H:%M}"
    return f"{when} · {CONTACT_LABELS[note.contact_type]} · {note.topic}\n{note.body}"


def follow_up_status(item: FollowUp, today: date) -> str:
    """Done / Overdue by N days / Due today / Open: in words, not colour."""
    if item.done:
        return "Done"
    late = (today - item.due_date).days
    if late > 0:
        return f"Overdue by {late} day{'s' if late != 1 else ''}"
    return "Due today" if late == 0 else "Open"


def _button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(text.replace("&", ""))
    return button


class CaseworkPanel(QWidget):
    """The notes timeline and the follow-ups table, each with its "add" form."""

    add_note_requested = Signal(object, str, str)  # ContactType, topic, body
    add_follow_up_requested = Signal(object, str)  # due date, description
    complete_requested = Signal(str)  # follow-up id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Casework")
        self._today = date.today()
        layout = QHBoxLayout(self)
        layout.addWidget(self._notes_box(), 1)
        layout.addWidget(self._follow_ups_box(), 1)

    def _notes_box(self) -> QGroupBox:
        box = QGroupBox("Notes", self)
        column = QVBoxLayout(box)
        self.timeline = QListWidget(box)
        self.timeline.setAccessibleName("Notes timeline, newest first")
        self.timeline.setWordWrap(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        column.addWidget(self.timeline, 1)
        form = QFormLayout()
        self.contact_type = QComboBox(box)
        self.contact_type.setAccessibleName("Contact type")
        for contact_type, label in CONTACT_LABELS.items():
            self.contact_type.addItem(label, contact_type)
        self.topic = QLineEdit(box)
        self.topic.setAccessibleName("Note topic")
        self.body = QPlainTextEdit(box)
        self.body.setAccessibleName("Note text")
        self.body.setTabChangesFocus(True)
        self.body.setFixedHeight(70)
        form.addRow("Contact type", self.contact_type)
        form.addRow("Topic", self.topic)
        form.addRow("Note", self.body)
        column.addLayout(form)
        self.add_note_button = _button("Add note", box)
        self.add_note_button.clicked.connect(self._request_note)
        self.note_message = error_label(box)
        self.note_message.setAccessibleName("Note problems")
        column.addWidget(self.note_message)
        column.addWidget(self.add_note_button, 0, Qt.AlignmentFlag.AlignRight)
        return box

    def _follow_ups_box(self) -> QGroupBox:
        box = QGroupBox("Follow-ups", self)
        column = QVBoxLayout(box)
        table = QTableWidget(0, len(FOLLOW_UP_COLUMNS), box)
        table.setAccessibleName("Follow-ups")
        table.setHorizontalHeaderLabels(FOLLOW_UP_COLUMNS)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._selection_changed)
        self.follow_ups = table
        column.addWidget(table, 1)
        self.mark_done_button = _button("Mark done", box)
        self.mark_done_button.setEnabled(False)
        self.mark_done_button.clicked.connect(self._request_complete)
        column.addWidget(self.mark_done_button, 0, Qt.AlignmentFlag.AlignRight)
        form = QFormLayout()
        self.due = QDateEdit(box)
        self.due.setAccessibleName("Follow-up due date")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(DATE_DISPLAY)
        self.description = QLineEdit(box)
        self.description.setAccessibleName("Follow-up description")
        self.description.returnPressed.connect(self._request_follow_up)
        form.addRow("Due", self.due)
        form.addRow("Description", self.description)
        column.addLayout(form)
        self.follow_up_message = error_label(box)
        self.follow_up_message.setAccessibleName("Follow-up problems")
        column.addWidget(self.follow_up_message)
        self.add_follow_up_button = _button("Add follow-up", box)
        self.add_follow_up_button.clicked.connect(self._request_follow_up)
        column.addWidget(self.add_follow_up_button, 0, Qt.AlignmentFlag.AlignRight)
        return box

    # --- public ------------------------------------------------------------------------------

    def load(
        self,
        notes: Sequence[Note],
        follow_ups: Sequence[FollowUp],
        today: date,
        user_names: Mapping[str, str] | None = None,
    ) -> None:
        """Show the store's notes (newest first) and follow-ups as of ``today``."""
        names = user_names or {}
        if self._today != today or not self.description.text():
            self.due.setDate(QDate(today))
        self._today = today
        self.timeline.clear()
        newest_first = sorted(notes, key=lambda n: n.created_at, reverse=True)
        for note in newest_first:
            item = QListWidgetItem(note_text(note))
            item.setData(ID_ROLE, note.id)
            self.timeline.addItem(item)
        table = self.follow_ups
        table.setRowCount(len(follow_ups))
        for row, follow_up in enumerate(follow_ups):
            cells = (
                format_date(follow_up.due_date),
                follow_up.description,
                names.get(follow_up.assignee, "Another user"),
                follow_up_status(follow_up, today),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(ID_ROLE, follow_up.id)
                cell.setData(ID_ROLE + 1, follow_up.done)
                table.setItem(row, column, cell)
        table.resizeColumnToContents(0)
        self._selection_changed()

    def note_added(self) -> None:
        """The note was stored: clear the form for the next one."""
        self.topic.clear()
        self.body.clear()
        self.show_note_problem("")

    def follow_up_added(self) -> None:
        self.description.clear()
        self.due.setDate(QDate(self._today))
        self.show_follow_up_problem("")

    def show_note_problem(self, text: str) -> None:
        self.note_message.setText(text)
        self.note_message.setVisible(bool(text))

    def show_follow_up_problem(self, text: str) -> None:
        self.follow_up_message.setText(text)
        self.follow_up_message.setVisible(bool(text))

    def selected_follow_up(self) -> tuple[str, bool] | None:
        """(id, done) of the selected follow-up."""
        items = self.follow_ups.selectedItems()
        if not items:
            return None
        return str(items[0].data(ID_ROLE)), bool(items[0].data(ID_ROLE + 1))

    # --- internals ---------------------------------------------------------------------------

    def _request_note(self) -> None:
        self.add_note_requested.emit(
            ContactType(self.contact_type.currentData()),  # Qt hands the enum back as str
            self.topic.text(),
            self.body.toPlainText(),
        )

    def _request_follow_up(self) -> None:
        due = self.due.date().toPython()
        self.add_follow_up_requested.emit(due, self.description.text())

    def _request_complete(self) -> None:
        selected = self.selected_follow_up()
        if selected is not None and not selected[1]:
            self.complete_requested.emit(selected[0])

    def _selection_changed(self) -> None:
        selected = self.selected_follow_up()
        self.mark_done_button.setEnabled(selected is not None and not selected[1])
