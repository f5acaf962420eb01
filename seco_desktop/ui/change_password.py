"""Change your own password: shown after sign-in when the password is past its maximum age
(``Session.must_change_password``), and usable from a menu. The rules are the services'
(15+ characters, upper, lower, digit, special, none of the last five); errors show at their
field. The work (Argon2id) runs off the GUI thread."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import ValidationError
from seco_desktop.security.crypto import DEFAULT_ARGON2, Argon2Params
from seco_desktop.security.errors import SecurityError
from seco_desktop.services import accounts
from seco_desktop.services.session import Session
from seco_desktop.ui.tasks import TaskRunner

EXPIRED = "Your password has reached its maximum age. Choose a new one to continue."


class ChangePasswordDialog(QDialog):
    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        *,
        expired: bool = False,
        argon2: Argon2Params = DEFAULT_ARGON2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._argon2 = argon2
        self.setWindowTitle("Change password")
        self.intro = QLabel(EXPIRED if expired else "Choose a new password.")
        self.intro.setWordWrap(True)
        self.rules = QLabel(
            "At least 15 characters, with an upper-case letter, a lower-case letter, a digit "
            "and a special character; not one of your last five passwords."
        )
        self.rules.setWordWrap(True)
        self.old = self._field("Current password")
        self.new = self._field("New password")
        self.confirm = self._field("New password again")
        self.error = QLabel("")
        self.error.setAccessibleName("Password change error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Current password:", self.old)
        form.addRow("&New password:", self.new)
        form.addRow("New password &again:", self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.rules)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @staticmethod
    def _field(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        field.setMaxLength(1024)
        return field

    def submit(self) -> None:
        old, new = self.old.text(), self.new.text()
        if new != self.confirm.text():
            self._fail("The two new passwords differ", self.confirm)
            return
        session, argon2 = self._session, self._argon2
        self.buttons.setEnabled(False)
        self.error.setText("Changing…")
        self._runner.run(
            lambda: accounts.change_password(session, old, new, argon2=argon2),
            on_success=lambda _none: self.accept(),
            on_failure=self._failed,
            writes=True,
        )

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self._fail("\n".join(e.message for e in exc.errors), self.new)
        elif isinstance(exc, SecurityError):
            self._fail("The current password is incorrect" if "incorrect" in str(exc)
                       else str(exc), self.old)  # fmt: skip
        else:
            self._fail("The password could not be changed; try again", self.new)

    def _fail(self, message: str, field: QLineEdit) -> None:
        self.error.setText(message)
        for widget in (self.old, self.new, self.confirm):
            widget.clear()
        field.setFocus()
