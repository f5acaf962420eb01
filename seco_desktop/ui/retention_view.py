"""Records due for deletion under the notice's 3-year rule, as a tab.

Supervisors see what will be deleted within a chosen horizon and place or release holds;
administrators also preview the purge (a dry run) and run it, and keep its certificate. Every
call goes through ``services.retention`` on the TaskRunner; the service checks the role again
and audits the looking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import ValidationError
from seco_desktop.services import retention
from seco_desktop.services.permissions import Permission, PermissionDenied, allowed
from seco_desktop.services.retention import PurgeCertificate, UpcomingDeletion
from seco_desktop.services.session import Session
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.ui.rows_model import RowsModel
from seco_desktop.ui.tasks import TaskRunner

_log = logging.getLogger(__name__)
HEADERS = ("Name", "Last activity", "Deletion due", "Hold")
DEFAULT_HORIZON_DAYS = 90


def can_open(session: Session) -> bool:
    """Whether the menu should offer the view at all (the service checks again)."""
    return allowed(session.role, Permission.VIEW_RETENTION)


def confirm_purge(parent: QWidget, count: int) -> bool:
    """Ask before deleting; Cancel is the default and the Esc answer."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Purge records",
        f"Delete {count} spouse record(s) with no activity for 3 years, with their notes and "
        "follow-ups? This cannot be undone. The audit trail and the accounting of disclosures "
        "are kept.",
        parent=parent,
    )
    box.setAccessibleName("Purge records")
    cancel = box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
    box.addButton("&Delete the records", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is not cancel


class UpcomingModel(RowsModel):
    """Soonest first; a record past its date says so."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(HEADERS, self._cells, parent)
        self.today = date.min

    def set_rows(self, rows: Sequence[UpcomingDeletion], today: date | None = None) -> None:
        self.today = today or self.today
        super().set_rows(sorted(rows, key=lambda r: (r.due_on, r.name)))

    def _cells(self, r: UpcomingDeletion) -> tuple[str, ...]:
        due = r.due_on.strftime("%m/%d/%Y")
        return (
            r.name,
            r.last_activity_at.strftime("%m/%d/%Y"),
            f"Now (due since {due})" if r.due_on <= self.today else due,
            f"Held: {r.hold_reason}" if r.hold_reason else "",
        )


class RetentionView(QWidget):
    """The list, the hold controls and (administrators) the purge with its certificate."""

    record_activated = Signal(str)

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self.setAccessibleName("Records due for deletion")
        self.can_purge = allowed(session.role, Permission.PURGE)

        rule = QLabel(
            "Spouse records with no activity for 3 consecutive years are deleted (system of "
            "records notice). A hold pauses a record's deletion until it is released."
        )
        rule.setWordWrap(True)
        self.horizon = QSpinBox()
        self.horizon.setRange(0, 3 * 365)
        self.horizon.setValue(DEFAULT_HORIZON_DAYS)
        self.horizon.setSuffix(" days")
        self.horizon.setAccessibleName("Due within days")
        horizon_label = QLabel("Due &within:")
        horizon_label.setBuddy(self.horizon)
        self.refresh_button = _button("&Refresh", self.refresh)

        self.model = UpcomingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Records due for deletion")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 210), (3, 260)):  # fixed: thousands of rows
            header.resizeSection(column, width)
        self.table.activated.connect(lambda _index: self.open_selected())

        self.reason = QLineEdit()
        self.reason.setAccessibleName("Hold reason")
        self.reason.setPlaceholderText("For example: open Privacy Act request")
        reason_label = QLabel("Hold &reason:")
        reason_label.setBuddy(self.reason)
        self.hold_button = _button("Place &hold", self.place_hold)
        self.release_button = _button("Re&lease hold", self.release_hold)
        self.open_button = _button("&Open record", self.open_selected)
        self.preview_button = _button("Pre&view purge", lambda: self.purge(dry_run=True))
        self.purge_button = _button("&Purge now…", lambda: self.purge(dry_run=False))
        self.save_button = _button("&Save certificate…", self.choose_certificate_file)
        self.save_button.setEnabled(False)
        self.status = QLabel("")
        self.status.setAccessibleName("Retention status")
        self.status.setWordWrap(True)
        self.certificate = QPlainTextEdit()
        self.certificate.setReadOnly(True)
        self.certificate.setAccessibleName("Purge certificate")
        self.certificate.setVisible(False)

        self._lay_out(rule, horizon_label, reason_label)
        self._last: PurgeCertificate | None = None
        self.refresh()

    def _lay_out(self, rule: QLabel, horizon_label: QLabel, reason_label: QLabel) -> None:
        top = _row(horizon_label, self.horizon, self.refresh_button)
        top.addStretch(1)
        holds = _row(
            reason_label, self.reason, self.hold_button, self.release_button, self.open_button
        )
        purge_row = QHBoxLayout()
        for widget in (self.preview_button, self.purge_button, self.save_button):
            purge_row.addWidget(widget)
            widget.setVisible(self.can_purge)
        purge_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(rule)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(holds)
        layout.addWidget(self.status)
        layout.addLayout(purge_row)
        layout.addWidget(self.certificate, 1)

    # --- the list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        session, days = self._session, self.horizon.value()
        self.status.setText("Loading…")
        self._runner.run(
            lambda: retention.upcoming(session, within_days=days),
            on_success=lambda rows: self._show(rows, days),
            on_failure=self._failed,
            key="retention-upcoming",
            writes=True,  # looking is audited
        )

    def _show(self, rows: list[UpcomingDeletion], days: int) -> None:
        self.model.set_rows(rows, _today(self._session))
        held = sum(1 for r in rows if r.hold_reason)
        self.status.setText(
            f"{len(rows)} record(s) due for deletion within {days} days; {held} held"
            if rows
            else f"No records are due for deletion within {days} days"
        )

    def selected(self) -> UpcomingDeletion | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.status.setText("Choose a record in the list first")
            return
        self.record_activated.emit(chosen.spouse_id)

    # --- holds ------------------------------------------------------------------------------

    def place_hold(self) -> None:
        chosen, reason, session = self.selected(), self.reason.text(), self._session
        if chosen is None:
            self.status.setText("Choose a record in the list first")
            return
        if not reason.strip():
            self.status.setText("Hold reason: say why the deletion is paused (1-500 characters)")
            self.reason.setFocus()
            return
        self._change(lambda: retention.place_hold(session, chosen.spouse_id, reason), "Hold placed")
        self.reason.clear()

    def release_hold(self) -> None:
        chosen, session = self.selected(), self._session
        if chosen is None:
            self.status.setText("Choose a record in the list first")
            return
        self._change(lambda: retention.release_hold(session, chosen.spouse_id), "Hold released")

    def _change(self, work: Callable[[], None], done: str) -> None:
        def finished(_result: object) -> None:
            self.refresh()
            self.status.setText(done)

        self._runner.run(work, on_success=finished, on_failure=self._failed, writes=True)

    # --- purge ------------------------------------------------------------------------------

    def purge(self, *, dry_run: bool) -> None:
        session = self._session
        if not dry_run:
            due_now = [
                r for r in self.model.rows if not r.hold_reason and r.due_on <= _today(session)
            ]
            if not confirm_purge(self, len(due_now)):
                return
        self.status.setText("Previewing the purge…" if dry_run else "Purging…")
        self._runner.run(
            lambda: retention.purge(session, dry_run=dry_run),
            on_success=self._show_certificate,
            on_failure=self._failed,
            writes=True,
        )

    def _show_certificate(self, certificate: PurgeCertificate) -> None:
        self._last = certificate
        self.certificate.setPlainText(certificate.text())
        self.certificate.setVisible(True)
        self.save_button.setEnabled(True)
        what = "would be deleted" if certificate.dry_run else "deleted"
        self.status.setText(f"{len(certificate.purged)} record(s) {what}")
        if not certificate.dry_run:
            self.refresh()

    def choose_certificate_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save purge certificate", "purge-certificate.txt", "Text (*.txt)"
        )
        if name:
            self.save_certificate(Path(name))

    def save_certificate(self, path: Path) -> None:
        if self._last is None:
            return
        path.write_text(self._last.text(), encoding="utf-8")
        path.chmod(0o600)
        self.status.setText(f"Certificate saved to {path.name}")

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.status.setText("Hold reason: " + exc.errors[0].message)
        elif isinstance(exc, (PermissionDenied, RecordNotFound)):
            self.status.setText(str(exc))
        else:
            _log.warning("A retention action failed: %s", type(exc).__name__)
            self.status.setText("That did not work; nothing was changed. Try again.")


def _today(session: Session) -> date:
    return session.clock().date()


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row


def _button(text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.clicked.connect(slot)
    return button
