"""The idle lock: after 15 minutes without input (10 for administrators) every window of the
application is hidden, the session's token dies, and a lock screen asks for the password.

``IdleLock`` is installed once on the application (an event filter that sees every key press,
click, wheel and mouse move in every window) and consults the Qt-free
:class:`seco_desktop.services.idle.IdlePolicy` on a timer. Unlocking runs Argon2id off the GUI
thread; a wrong password counts toward the account lock exactly as at sign-in, and a locked
or disabled account ends the application (``session_ended``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from seco_desktop.security.errors import UnlockFailed
from seco_desktop.services.audit import AuditUnavailable
from seco_desktop.services.idle import IdlePolicy
from seco_desktop.services.session import (
    AccountDisabled,
    AccountLocked,
    Session,
    lock_session,
    unlock_session,
)
from seco_desktop.ui.tasks import TaskRunner

_log = logging.getLogger(__name__)
CHECK_INTERVAL_MS = 5_000
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


IDLE_REASON = "was locked after a period without activity"
AUDIT_REASON = (
    "was locked because the audit trail could not be written: no personal data is shown "
    "while actions cannot be recorded. Check the disk and the store file"
)


class LockScreen(QDialog):
    """Says the session is locked and asks for the password; shows nothing about anyone but the
    signed-in user's own user name."""

    unlock_requested = Signal(str)

    def __init__(self, username: str, reason: str = IDLE_REASON) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("SECO Desktop — locked")
        self.setAccessibleName("Session locked")
        self.setModal(True)
        self.message = QLabel(
            f"The session of {username} {reason}.\nEnter your password to continue."
        )
        self.message.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.password.setMaxLength(1024)
        self.error = QLabel("")
        self.error.setAccessibleName("Unlock error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Unlock")
        buttons.accepted.connect(self._submit)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.password, self.error, buttons):
            layout.addWidget(widget)

    def _submit(self) -> None:
        password = self.password.text()
        self.password.clear()
        if not password:
            self.error.setText("Enter your password")
            return
        self.password.setEnabled(False)
        self.error.setText("Checking…")
        self.unlock_requested.emit(password)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.password.setEnabled(True)
        self.password.setFocus()

    def reject(self) -> None:  # Escape must not get past the lock
        return


class IdleLock(QObject):
    """Watches input application-wide and locks the session when the policy says so."""

    locked = Signal()
    unlocked = Signal()
    session_ended = Signal(str)  # the account was locked or disabled: sign in again

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        *,
        check_interval_ms: int = CHECK_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self.policy = IdlePolicy(session.role, session.clock)
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self.timer = QTimer(self)
        self.timer.setInterval(check_interval_ms)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.is_locked and event.type() in _INPUT_EVENTS:
            self.policy.touch()
        return False

    def check(self) -> None:
        if not self.is_locked and self.policy.due():
            self.lock()

    def watch_failures(self, runner: TaskRunner) -> None:
        """Lock as soon as any background task finds the audit trail unwritable."""
        runner.task_failed.connect(self._on_failure)

    def _on_failure(self, exc: object) -> None:
        if isinstance(exc, AuditUnavailable):
            self.lock(AUDIT_REASON)

    def lock(self, reason: str = IDLE_REASON) -> None:
        """Hide every window, end the token, show the lock screen."""
        if self.is_locked:
            return
        self.screen = LockScreen(self._session.user.username, reason)
        self.screen.unlock_requested.connect(self._try_unlock)
        self._hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, LockScreen)
        ]
        for widget in self._hidden:
            widget.hide()
        try:
            lock_session(self._session)
        except Exception as exc:  # the store refused: end the session here at least
            self._session.ended = True
            _log.warning("Ending the session token at the idle lock failed: %s", type(exc).__name__)
        self.screen.show()
        self.screen.password.setFocus()
        self.locked.emit()

    def _try_unlock(self, password: str) -> None:
        session = self._session
        self._runner.run(
            lambda: unlock_session(session, password),
            on_success=lambda _none: self._restore(),
            on_failure=self._unlock_failed,
            writes=True,
        )

    def _unlock_failed(self, exc: Exception) -> None:
        if self.screen is None:
            return
        if isinstance(exc, AuditUnavailable):
            self.screen.show_error(str(exc))
        elif isinstance(exc, AccountLocked | AccountDisabled):
            self.screen.show_error(str(exc))
            self.session_ended.emit(str(exc))
        elif isinstance(exc, UnlockFailed):
            self.screen.show_error("The password is incorrect")
        else:
            _log.warning("Unlocking failed: %s", type(exc).__name__)
            self.screen.show_error("Unlocking failed; try again or restart the application")

    def _restore(self) -> None:
        if self.screen is not None:
            self.screen.hide()
            self.screen.deleteLater()
            self.screen = None
        for widget in self._hidden:
            if isValid(widget):  # a window may have been deleted while locked
                widget.show()
        self._hidden = []
        self.policy.touch()
        self.unlocked.emit()

    def stop(self) -> None:
        """Stop watching (sign-out, exit); a showing lock screen goes too."""
        self.timer.stop()
        if self.screen is not None:
            self.screen.hide()
            self.screen.deleteLater()
            self.screen = None
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
