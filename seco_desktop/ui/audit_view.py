"""The audit view: supervisors see their team's entries, administrators everyone's; filters
by action, outcome, record id and dates; export to CSV. Loading and exporting run on the
TaskRunner; the service decides what the role may see (and audits the looking)."""

from __future__ import annotations

import logging
from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.services import audit_review
from seco_desktop.services.audit import Action, AuditRow, Outcome
from seco_desktop.services.permissions import Permission, PermissionDenied, allowed
from seco_desktop.services.session import Session
from seco_desktop.store.audit import AuditFilter
from seco_desktop.ui.chain_check_panel import ChainCheckPanel, can_check
from seco_desktop.ui.icons import IconName, set_icon
from seco_desktop.ui.rows_model import RowsModel
from seco_desktop.ui.tasks import TaskRunner

_log = logging.getLogger(__name__)
COL_WHEN, COL_USER, COL_ROLE, COL_ACTION, COL_RECORD, COL_OUTCOME, COL_DETAIL = range(7)
HEADERS = ("When (UTC)", "User", "Role", "Action", "Record", "Outcome", "Detail")
ANY = "(any)"
LIMIT = 2_000


def can_open(session: Session) -> bool:
    """Whether the menu should offer the audit view at all (the service checks again)."""
    return allowed(session.role, Permission.VIEW_TEAM_AUDIT) or allowed(
        session.role, Permission.VIEW_ALL_AUDIT
    )


def audit_cells(r: AuditRow) -> tuple[str, ...]:
    return (
        r.at.strftime("%Y-%m-%d %H:%M:%S"),
        r.actor,
        r.role,
        r.action.replace("_", " "),
        r.record_id,
        r.outcome,
        r.detail if r.detail != "{}" else "",
    )


class AuditTableModel(RowsModel):
    """Audit rows, newest first; ``COL_*`` columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(HEADERS, audit_cells, parent)


class AuditView(QWidget):
    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self.setAccessibleName("Audit trail")
        scope = "everyone" if allowed(session.role, Permission.VIEW_ALL_AUDIT) else "your team"
        self.scope_label = QLabel(f"Audit entries of {scope}, newest first")

        self.action = QComboBox()
        self.action.setAccessibleName("Action")
        self.action.addItems([ANY, *(a.value for a in Action)])
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Outcome")
        self.outcome.addItems([ANY, *(o.value for o in Outcome)])
        self.record = QLineEdit()
        self.record.setAccessibleName("Record id")
        self.record.setPlaceholderText("Record id")
        now = session.clock()  # the session's UTC clock, as the entries are stamped
        today = QDate(now.year, now.month, now.day)
        self.since = QDateEdit(today.addDays(-30))
        self.since.setAccessibleName("From date")
        self.since.setCalendarPopup(True)
        self.until = QDateEdit(today)
        self.until.setAccessibleName("To date")
        self.until.setCalendarPopup(True)
        self.apply = QPushButton("&Show")
        self.apply.setAccessibleName("Show the entries")
        self.apply.clicked.connect(self.reload)
        self.export = QPushButton("&Export CSV…")
        self.export.setAccessibleName("Export the entries as CSV")
        set_icon(self.export, IconName.SAVE)
        self.export.clicked.connect(self.choose_export_file)

        filters = QHBoxLayout()
        for caption, widget in (("Action", self.action), ("Outcome", self.outcome),
                                ("Record", self.record), ("From", self.since),
                                ("To", self.until)):  # fmt: skip
            filters.addWidget(QLabel(caption))
            filters.addWidget(widget)
        filters.addWidget(self.apply)
        filters.addWidget(self.export)

        self.model = AuditTableModel(self)
        self.table = _entries_table(self.model)
        self.status = QLabel("")
        self.status.setAccessibleName("Audit view status")

        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)  # the list takes the room, not the check below
        layout.addWidget(self.status)
        self.chain_check = _chain_check(session, runner, layout)
        self.reload()

    def current_filter(self) -> AuditFilter:
        since = datetime.combine(self.since.date().toPython(), time.min)  # type: ignore[arg-type]
        until = datetime.combine(self.until.date().toPython(), time.max)  # type: ignore[arg-type]
        action, outcome = self.action.currentText(), self.outcome.currentText()
        return AuditFilter(
            action=None if action == ANY else action,
            outcome=None if outcome == ANY else outcome,
            record_id=self.record.text().strip() or None,
            since=since,
            until=until,
        )

    def reload(self) -> None:
        session, f = self._session, self.current_filter()
        self.status.setText("Loading…")
        self._runner.run(
            lambda: audit_review.entries(session, f, limit=LIMIT),
            on_success=self._show,
            on_failure=self._failed,
            key="audit-view",
            writes=True,  # reading the audit is itself audited
        )

    def _show(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        more = (
            " (the newest shown; narrow the filters for older ones)" if len(rows) >= LIMIT else ""
        )
        self.status.setText(f"{len(rows)} entries{more}")

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, PermissionDenied):
            self.status.setText(str(exc))
        else:
            _log.warning("Loading the audit failed: %s", type(exc).__name__)
            self.status.setText("The audit could not be loaded; try again")

    def choose_export_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export audit entries", "audit.csv", "CSV (*.csv)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        session, f = self._session, self.current_filter()

        def work() -> int:
            text = audit_review.export_csv(session, f)
            path.write_text(text, encoding="utf-8")
            return text.count("\n") - 1

        self.status.setText("Exporting…")
        self._runner.run(
            work,
            on_success=lambda n: self.status.setText(f"Exported {n} entries to {path.name}"),
            on_failure=self._failed,
            writes=True,
        )


def _entries_table(model: AuditTableModel) -> QTableView:
    table = QTableView()
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
    table.setModel(model)
    table.setAccessibleName("Audit entries")
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _chain_check(
    session: Session, runner: TaskRunner, layout: QVBoxLayout
) -> ChainCheckPanel | None:
    """Administrators also get the chain check under the list."""
    if not can_check(session):
        return None
    panel = ChainCheckPanel(session, runner)
    layout.addWidget(panel)
    return panel
