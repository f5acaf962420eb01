"""Check the audit chain from the audit view (administrators): the same check as
``seco-admin audit verify``, chain and central anchors, on the TaskRunner."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from seco_desktop.services import audit_check
from seco_desktop.services.audit_check import ChainCheck
from seco_desktop.services.permissions import Permission, PermissionDenied, allowed
from seco_desktop.services.session import Session
from seco_desktop.ui.tasks import TaskRunner

_log = logging.getLogger(__name__)


def can_check(session: Session) -> bool:
    return allowed(session.role, Permission.VERIFY_AUDIT)


class ChainCheckPanel(QWidget):
    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self.check_button = QPushButton("&Check the chain")
        self.check_button.setAccessibleName("Check the audit chain")
        self.check_button.clicked.connect(self.check)
        self.verdict = QLabel("")
        self.verdict.setAccessibleName("Audit chain verdict")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Audit chain check details")
        self.details.setMaximumHeight(120)
        self.details.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.verdict, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.details)

    def check(self) -> None:
        session = self._session
        self.check_button.setEnabled(False)
        self.verdict.setText("Checking every entry and the central anchors…")
        self._runner.run(
            lambda: audit_check.check_chain(session),
            on_success=self._show,
            on_failure=self._failed,
            writes=True,  # the check is itself audited
        )

    def _show(self, result: ChainCheck) -> None:
        self.check_button.setEnabled(True)
        self.verdict.setText(
            "Intact: no entry was changed, removed, added or reordered"
            if result.intact
            else "NOT intact: see the details and tell the security officer"
        )
        self.details.setPlainText("\n".join(result.lines()))
        self.details.setVisible(True)

    def _failed(self, exc: Exception) -> None:
        self.check_button.setEnabled(True)
        if isinstance(exc, PermissionDenied):
            self.verdict.setText(str(exc))
        else:
            _log.warning("The audit chain check failed: %s", type(exc).__name__)
            self.verdict.setText("The check could not run; try again")
