"""Keys, for administrators, as a tab: the data key in use, key rotation, and a new recovery key
shown once (printable) until the administrator says it is kept.

A password forgotten by everyone is reset with the recovery key before sign-in, from a
terminal (``seco-admin keys reset-password``): nobody can open this tab then.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from seco_desktop.services import keys
from seco_desktop.services.keys import RotationResult
from seco_desktop.services.permissions import Permission, PermissionDenied, allowed
from seco_desktop.services.session import Session
from seco_desktop.store.errors import StoreLocked
from seco_desktop.ui.recovery_key_panel import RecoveryKeyPanel
from seco_desktop.ui.tasks import TaskRunner

_log = logging.getLogger(__name__)
ROTATE_TEXT = (
    "Rotation makes a new data key for everything written from now on and re-encrypts this "
    "workstation's store file with a new key. Older payloads stay readable. Close SECO Desktop "
    "everywhere else on this computer first: the file must not be open twice."
)
RECOVERY_TEXT = (
    "A new recovery key replaces the old one at once: the old key stops working. Keep the new "
    "one in the safe in its place."
)


def can_open(session: Session) -> bool:
    return allowed(session.role, Permission.MANAGE_KEYS)


def ask(parent: QWidget, title: str, text: str, go: str) -> bool:
    """A yes/no question whose default and Esc answer is Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setAccessibleName(title)
    cancel = box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
    box.addButton(go, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is not cancel


class KeysView(QWidget):
    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self.setAccessibleName("Keys")

        self.version = QLabel(self._version_text())
        self.version.setAccessibleName("Data key in use")
        rotate_help = QLabel(ROTATE_TEXT)
        rotate_help.setWordWrap(True)
        self.rotate_button = QPushButton("&Rotate keys…")
        self.rotate_button.setAccessibleName("Rotate keys")
        self.rotate_button.clicked.connect(self.rotate)
        recovery_help = QLabel(RECOVERY_TEXT)
        recovery_help.setWordWrap(True)
        self.recovery_button = QPushButton("New &recovery key…")
        self.recovery_button.setAccessibleName("New recovery key")
        self.recovery_button.clicked.connect(self.make_recovery_key)
        self.status = QLabel("")
        self.status.setAccessibleName("Keys status")
        self.status.setWordWrap(True)

        self.recovery = RecoveryKeyPanel(self)
        self.recovery.setVisible(False)
        self.done_button = QPushButton("&Done: the key is kept")
        self.done_button.setAccessibleName("Done: the key is kept")
        self.done_button.setEnabled(False)
        self.done_button.setVisible(False)
        self.done_button.clicked.connect(self.finish_recovery)
        self.recovery.kept_changed.connect(self.done_button.setEnabled)

        layout = QVBoxLayout(self)
        parts: tuple[QWidget, ...] = (
            self.version, rotate_help, self.rotate_button, recovery_help, self.recovery_button,
            self.status, self.recovery, self.done_button,
        )  # fmt: skip
        for part in parts:
            left = isinstance(part, QPushButton)  # buttons at their own width, not the tab's
            layout.addWidget(part, 0, Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag(0))
        layout.addStretch(1)

    def _version_text(self) -> str:
        return f"Data key in use: version {self._session.keys.material.current_data_version}"

    @property
    def showing_key(self) -> bool:
        return bool(self.recovery.key_label.text())

    # --- rotation ---------------------------------------------------------------------------

    def rotate(self, *, confirmed: bool = False) -> None:
        if not (confirmed or ask(self, "Rotate keys", ROTATE_TEXT, "&Rotate")):
            return
        session = self._session
        self.status.setText("Rotating the keys and re-encrypting the store… (this takes a while)")
        self._busy(True)
        self._runner.run(
            lambda: keys.rotate_keys(session),
            on_success=self._rotated,
            on_failure=self._failed,
            writes=True,
        )

    def _rotated(self, result: RotationResult) -> None:
        self._busy(False)
        self.version.setText(self._version_text())
        self.status.setText(
            f"Keys rotated: data key version {result.data_key_version}; the store file is "
            "re-encrypted with its new key"
        )

    # --- recovery key -----------------------------------------------------------------------

    def make_recovery_key(self, *, confirmed: bool = False) -> None:
        if not (confirmed or ask(self, "New recovery key", RECOVERY_TEXT, "&Make a new key")):
            return
        session = self._session
        self._busy(True)
        self._runner.run(
            lambda: keys.new_recovery_key(session),
            on_success=self._show_key,
            on_failure=self._failed,
            writes=True,
        )

    def _show_key(self, key: str) -> None:
        self._busy(False)
        self.recovery.show_key(key, self._session.store.path)
        self.recovery.setVisible(True)
        self.done_button.setVisible(True)
        self.status.setText("The old recovery key no longer works")
        self.recovery.key_label.setFocus()

    def finish_recovery(self) -> None:
        self.recovery.forget()
        self.recovery.setVisible(False)
        self.done_button.setVisible(False)
        self.status.setText("The new recovery key is kept; it is no longer shown")

    # --- both -------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.rotate_button.setEnabled(not busy)
        self.recovery_button.setEnabled(not busy)

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        if isinstance(exc, (PermissionDenied, StoreLocked)):
            self.status.setText(str(exc))
        else:
            _log.warning("A key operation failed: %s", type(exc).__name__)
            self.status.setText(
                "The key operation did not finish. Nothing is lost: a rotation cut short is "
                "completed at the next sign-in."
            )
