"""Reviewing sync conflicts: both values side by side, keep the one in force or restore the
other in one step; a spouse registered twice is merged into one record or dismissed.

Every workstation lists the same conflicts (they sync); a column says whether this desk's sync
found it or another's, and "Show resolved" lists closed ones with who resolved them (and any
resolution given meanwhile on another desk, marked superseded)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.services import sync_review
from seco_desktop.services.session import Session
from seco_desktop.services.sync_review import ConflictItem
from seco_desktop.ui.tasks import TaskRunner

COLUMNS = ("Record", "What", "Value in force", "Other value", "Other value entered", "Found on",
           "Resolution")  # fmt: skip
FAILED = "The conflicts could not be loaded; try again"
_WHAT = {"field": "Changed on two workstations", "delete": "Deleted while edited elsewhere",
         "duplicate": "Registered twice",
         "ruleset": "Rule set added on two workstations"}  # fmt: skip
_DONE = {"kept": "Kept", "restored": "Restored", "merged": "Merged", "dismissed": "Dismissed"}


def _resolution(item: ConflictItem) -> str:
    """'Restored by N 11/23/2026 14:05 UTC; also kept by M … (superseded)', or ''."""
    parts = []
    for resolution, by, at, in_force in item.resolutions:
        who = f" by {by}" if by else ""
        text = f"{_DONE.get(resolution, resolution)}{who} {at:%m/%d/%Y %H:%M} UTC"
        parts.append(text if in_force else f"also {text[0].lower()}{text[1:]} (superseded)")
    return "; ".join(parts)


def _show(value_json: str) -> str:
    value = json.loads(value_json)
    if value is None:
        return "(empty)"
    if isinstance(value, dict) and "version" in value and "body" in value:
        return f"rule set {value['version']}"  # a rule-set conflict (services.ruleset_sync)
    if isinstance(value, dict):
        return "the whole record as edited"
    if isinstance(value, list):
        return f"{len(value)} item(s)"
    return str(value)


def _in_force(kind: str, kept_json: str) -> str:
    if kind == "ruleset":  # nothing kept: the rule set arrived and was set aside
        return _show(kept_json) if json.loads(kept_json) is not None else "set aside"
    return _show(kept_json) if kind == "field" else "deleted"


def _other(kind: str, kept_json: str, lost_json: str) -> str:
    """The other value; for a rule set, how it differs from the one in force (one version
    with two contents, or a second rule set taking effect the same day)."""
    shown = _show(lost_json)
    if kind != "ruleset":
        return shown
    kept, lost = json.loads(kept_json), json.loads(lost_json)
    if isinstance(kept, dict) and isinstance(lost, dict):
        same = kept.get("version") == lost.get("version")
        return f"{shown}, {'other content' if same else 'set aside'}"
    return shown


class ConflictReview(QWidget):
    """The list of open conflicts; buttons act on the selected row."""

    changed = Signal()  # a conflict was resolved (the status bar recounts)

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self.items: list[ConflictItem] = []
        self.setAccessibleName("Sync conflicts to review")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Sync conflicts")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(len(COLUMNS) - 1, True)  # shown with the resolved ones
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.status = QLabel("")
        self.status.setAccessibleName("Conflict review status")
        self.keep_button = QPushButton("&Keep value in force")
        self.restore_button = QPushButton("&Restore other value")
        self.merge_button = QPushButton("&Merge into the first record")
        self.dismiss_button = QPushButton("&Not a duplicate")
        self.keep_button.clicked.connect(lambda: self._act("keep"))
        self.restore_button.clicked.connect(lambda: self._act("restore"))
        self.merge_button.clicked.connect(lambda: self._act("merge"))
        self.dismiss_button.clicked.connect(lambda: self._act("dismiss"))
        self.show_resolved = QCheckBox("Show re&solved")
        self.show_resolved.setAccessibleName("Show resolved conflicts")
        self.show_resolved.setToolTip("List closed conflicts and who resolved them, on any desk")
        self.show_resolved.toggled.connect(self._mode_changed)
        buttons = QHBoxLayout()
        for b in (self.keep_button, self.restore_button, self.merge_button, self.dismiss_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.show_resolved)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        session, resolved = self._session, self.show_resolved.isChecked()
        self.status.setText("Loading conflicts…")
        self._runner.run(
            lambda: sync_review.review_items(session, resolved=resolved),
            on_success=self._show_items,
            on_failure=lambda _exc: self.status.setText(FAILED),
            key="conflict-review",
        )

    def refresh_after_sync(self, _report: object = None) -> None:
        """A sync may have brought conflicts found, or resolved, on other workstations."""
        self.refresh()

    def _show_items(self, items: list[ConflictItem]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            c = item.conflict
            when = f"{c.lost_at:%m/%d/%Y %H:%M} UTC" if c.lost_at else ""
            other = " ".join(p for p in (item.lost_by, when) if p)
            where = "this workstation" if item.found_here else "another workstation"
            if c.kind == "duplicate":
                cells = (item.record_label, _WHAT[c.kind], "this record", "another record", "",
                         where, _resolution(item))  # fmt: skip
            else:
                field = f" ({c.field})" if c.field else ""
                cells = (
                    item.record_label,
                    _WHAT.get(c.kind, c.kind) + field,
                    _in_force(c.kind, c.kept_value),
                    _other(c.kind, c.kept_value, c.lost_value),
                    other,
                    where,
                    _resolution(item),
                )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        if self.show_resolved.isChecked():
            self.status.setText(f"{len(items)} resolved conflict(s)" if items else "None resolved")
        else:
            self.status.setText(f"{len(items)} conflict(s) to review" if items else "No conflicts")
        self._selection_changed()

    def _mode_changed(self, resolved: bool) -> None:
        self.table.setColumnHidden(len(COLUMNS) - 1, not resolved)
        self.table.setAccessibleName("Resolved sync conflicts" if resolved else "Sync conflicts")
        self.refresh()

    def selected(self) -> ConflictItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        item = self.selected()
        if item is not None and item.conflict.resolved_at is not None:
            item = None  # a closed conflict: nothing to do
        duplicate = item is not None and item.conflict.kind == "duplicate"
        self.keep_button.setEnabled(item is not None and not duplicate)
        fixed = duplicate or (item is not None and item.conflict.kind == "ruleset")
        self.restore_button.setEnabled(item is not None and not fixed)  # a rule set is immutable
        self.merge_button.setEnabled(duplicate)
        self.dismiss_button.setEnabled(duplicate)

    def _act(self, action: str) -> None:
        item = self.selected()
        if item is None:
            return
        session, c = self._session, item.conflict
        jobs = {
            "keep": lambda: sync_review.keep(session, c.id),
            "restore": lambda: sync_review.restore(session, c.id),
            "merge": lambda: sync_review.merge_duplicate(session, c.id, keep_id=c.record_id),
            "dismiss": lambda: sync_review.dismiss(session, c.id),
        }
        self.status.setText("Saving…")
        self._runner.run(
            jobs[action],
            on_success=lambda _r: self._resolved(),
            on_failure=lambda exc: self.status.setText(f"Not saved: {exc}"),
            writes=True,
        )

    def _resolved(self) -> None:
        self.changed.emit()
        self.refresh()
