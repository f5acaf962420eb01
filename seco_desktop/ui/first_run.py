"""The first run: make a standalone store with its first administrator, or enrol this
workstation from a central database; then show the recovery key once.

Shown by ``seco-desktop`` when no store is given and none was opened before, and with
``seco-desktop --first-run``. The dialog's result is :attr:`FirstRunDialog.store_path`.
The recovery key is never logged, never written to a file and never kept in settings; it is
cleared from the widget when its page is left.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.security.crypto import DEFAULT_ARGON2, Argon2Params
from seco_desktop.security.keyfile import key_file_path
from seco_desktop.services import sync_setup
from seco_desktop.services.session import check_password, create_store
from seco_desktop.services.sync_progress import SyncProgress
from seco_desktop.ui.field_errors import FieldErrors, error_label
from seco_desktop.ui.recovery_key_panel import RecoveryKeyPanel
from seco_desktop.ui.tasks import Progress, ReportProgress, TaskRunner

CHOOSE, STANDALONE, CENTRAL, RECOVERY = range(4)
STANDALONE_TEXT = "Standalone (this workstation only)"
CENTRAL_TEXT = "Connect to a central database"
MISMATCH = "The two passwords differ"
EXISTS = "A store or key file already exists there; choose another location"
NO_LOCATION = "Choose where the store file goes"
CREATING = "Creating the store… (this takes a moment)"
ENROLLING = "Enrolling this workstation… (this takes a while)"

_log = logging.getLogger(__name__)


def default_store_path() -> Path:
    """``<Documents>/SECO/office.seco``."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "SECO" / "office.seco"


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name.replace("&", ""))
    return widget


def _password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FirstRunDialog(QDialog):
    """Standalone or central, then (standalone) the recovery key once."""

    def __init__(
        self,
        runner: TaskRunner,
        *,
        default_path: Path | None = None,
        argon2: Argon2Params = DEFAULT_ARGON2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up SECO Desktop")
        self.setAccessibleName("Set up SECO Desktop")
        self.runner = runner
        self.store_path: Path | None = None
        self._argon2 = argon2
        self._busy = False
        location = str(default_path or default_store_path())

        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName("First run steps")
        self.stack.addWidget(self._choose_page())
        self.stack.addWidget(self._standalone_page(location))
        self.stack.addWidget(self._central_page(location))
        self.stack.addWidget(self._recovery_page())

        self.busy_label = QLabel(self)
        self.busy_label.setAccessibleName("Progress")
        self.busy_label.hide()
        self.back_button = QPushButton("&Back", self)
        self.next_button = QPushButton("&Next", self)
        self.cancel_button = QPushButton("Cancel", self)
        for button in (self.back_button, self.next_button, self.cancel_button):
            _named(button, button.text())
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        layout.addWidget(self.busy_label)
        layout.addLayout(buttons)
        self._show_page(CHOOSE)

    # --- pages -----------------------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        page = QWidget(self)
        page.setAccessibleName("Choose how to start")
        intro = QLabel("How will this workstation keep its records?", page)
        self.standalone_choice = QRadioButton(f"&{STANDALONE_TEXT}", page)
        self.central_choice = QRadioButton("C&onnect to a central database", page)
        self.choice_group = QButtonGroup(page)
        for choice, name in (
            (self.standalone_choice, STANDALONE_TEXT),
            (self.central_choice, CENTRAL_TEXT),
        ):
            _named(choice, name)
            self.choice_group.addButton(choice)
        self.standalone_choice.setChecked(True)
        column = QVBoxLayout(page)
        column.addWidget(intro)
        column.addWidget(self.standalone_choice)
        column.addWidget(self.central_choice)
        column.addStretch(1)
        return page

    def _location_row(
        self, page: QWidget, form: QFormLayout, errors: FieldErrors, location: str
    ) -> QLineEdit:
        edit = errors.add_row(page, form, "path", "Store &file", QLineEdit(location, page))
        browse = QPushButton("Bro&wse…", page)
        _named(browse, "Browse for the store file")
        browse.clicked.connect(lambda: self._browse(edit))
        row = QHBoxLayout()  # a button as wide as its words, not as the field
        row.addWidget(browse)
        row.addStretch(1)
        form.addRow("", row)
        return edit

    def _standalone_page(self, location: str) -> QWidget:
        page = QWidget(self)
        page.setAccessibleName(STANDALONE_TEXT)
        form = QFormLayout(page)
        self.standalone_message = error_label(page)
        self.standalone_message.setAccessibleName("Standalone setup message")
        self.standalone_errors = errors = FieldErrors(self.standalone_message)
        form.addRow(QLabel("The store and the first administrator", page))
        self.path = self._location_row(page, form, errors, location)
        self.username = errors.add_row(page, form, "username", "&User name", QLineEdit(page))
        self.display_name = errors.add_row(
            page, form, "display_name", "&Display name", QLineEdit(page)
        )
        self.password = errors.add_row(page, form, "password", "&Password", _password_edit(page))
        self.confirm = errors.add_row(
            page, form, "confirm", "C&onfirm password", _password_edit(page)
        )
        form.addRow(self.standalone_message)
        return page

    def _central_page(self, location: str) -> QWidget:
        page = QWidget(self)
        page.setAccessibleName(CENTRAL_TEXT)
        form = QFormLayout(page)
        self.central_message = error_label(page)
        self.central_message.setAccessibleName("Enrolment message")
        self.central_errors = errors = FieldErrors(self.central_message)
        self.central_path = self._location_row(page, form, errors, location)
        self.url = errors.add_row(page, form, "url", "Central database UR&L", QLineEdit(page))
        self.url.setPlaceholderText("postgresql://host/seco")
        self.central_username = errors.add_row(
            page, form, "username", "&User name", QLineEdit(page)
        )
        self.central_password = errors.add_row(
            page, form, "password", "&Password", _password_edit(page)
        )
        self.database_password = errors.add_row(
            page, form, "database_password", "Central &database password", _password_edit(page)
        )
        # Said under the field, not in its caption: a long caption squeezed every field here.
        keyring_hint = "Leave empty to use the one kept in the system keyring (or none needed)."
        self.database_password.setPlaceholderText("Empty: the one in the keyring")
        self.database_password.setAccessibleDescription(keyring_hint)
        form.addRow(self.central_message)
        return page

    def _recovery_page(self) -> QWidget:
        self.recovery = RecoveryKeyPanel(self)
        self.key_label = self.recovery.key_label
        self.kept = self.recovery.kept
        self.print_button = self.recovery.print_button
        self.recovery.kept_changed.connect(self._update_buttons)
        return self.recovery

    # --- navigation ------------------------------------------------------------------------

    @property
    def page(self) -> int:
        return self.stack.currentIndex()

    def _show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        labels = {CHOOSE: "&Next", STANDALONE: "C&reate", CENTRAL: "&Enrol", RECOVERY: "&Continue"}
        self.next_button.setText(labels[index])
        _named(self.next_button, labels[index])
        self._update_buttons()
        first = {
            CHOOSE: self.choice_group.checkedButton(),
            STANDALONE: self.path,
            CENTRAL: self.central_path,
            RECOVERY: self.key_label,
        }[index]
        if first is not None:
            first.setFocus()

    def _update_buttons(self) -> None:
        page = self.page
        self.back_button.setEnabled(not self._busy and page in (STANDALONE, CENTRAL))
        self.back_button.setVisible(page != RECOVERY)
        self.cancel_button.setEnabled(not self._busy)
        self.cancel_button.setVisible(page != RECOVERY)
        ready = not self._busy and (page != RECOVERY or self.kept.isChecked())
        self.next_button.setEnabled(ready)
        self.stack.setEnabled(not self._busy)

    def go_back(self) -> None:
        if self.page in (STANDALONE, CENTRAL) and not self._busy:
            self._show_page(CHOOSE)

    def go_next(self) -> None:
        if self._busy:
            return
        if self.page == CHOOSE:
            self._show_page(STANDALONE if self.standalone_choice.isChecked() else CENTRAL)
        elif self.page == STANDALONE:
            self.create_standalone()
        elif self.page == CENTRAL:
            self.enrol()
        elif self.kept.isChecked():
            self._leave_recovery()
            self.accept()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self._update_buttons()

    def _browse(self, edit: QLineEdit) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Store file", edit.text(), "SECO stores (*.seco)"
        )
        if chosen:
            edit.setText(chosen)

    # --- standalone ------------------------------------------------------------------------

    def _standalone_problems(self) -> list[FieldError]:
        problems: list[FieldError] = []
        text = self.path.text().strip()
        if not text:
            problems.append(FieldError("path", NO_LOCATION))
        else:
            path = Path(text).expanduser()
            if path.exists() or key_file_path(path).exists():
                problems.append(FieldError("path", EXISTS))
        try:
            check_password(self.password.text())
        except ValidationError as exc:
            problems.extend(exc.errors)
        if self.password.text() != self.confirm.text():
            problems.append(FieldError("confirm", MISMATCH))
        return problems

    def create_standalone(self) -> None:
        """Check what can be checked here, then create the store on the writer thread."""
        problems = self._standalone_problems()
        if problems:
            self._show_errors(self.standalone_errors, problems)
            return
        self.standalone_errors.clear()
        path = Path(self.path.text().strip()).expanduser()
        username, display_name = self.username.text().strip(), self.display_name.text().strip()
        password, argon2 = self.password.text(), self._argon2
        self._set_busy(True, CREATING)
        self.runner.run(
            lambda: create_store(
                path,
                admin_username=username,
                admin_display_name=display_name,
                admin_password=password,
                argon2=argon2,
            ),
            on_success=lambda key: self._created(path, key),
            on_failure=self._create_failed,
            writes=True,
        )

    def _created(self, path: Path, recovery_key: str) -> None:
        self._set_busy(False)
        self.store_path = path
        _log.info("A standalone store was created")
        for edit in (self.password, self.confirm):
            edit.clear()
        self.recovery.show_key(recovery_key, path)
        self._show_page(RECOVERY)

    def _create_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            problems = list(exc.errors)
        elif isinstance(exc, FileExistsError):
            problems = [FieldError("path", EXISTS)]
        elif isinstance(exc, OSError):
            problems = [
                FieldError("path", f"The store could not be written there ({exc.strerror})")
            ]
        else:
            _log.error("Creating a store failed: %s", type(exc).__name__)
            problems = [FieldError("", "The store could not be created; nothing was kept")]
        self._show_errors(self.standalone_errors, problems)

    def _show_errors(self, errors: FieldErrors, problems: list[FieldError]) -> None:
        first = errors.show(problems)
        if first is not None:
            first.setFocus()

    # --- recovery key ----------------------------------------------------------------------

    def render_key(self, printer: QPrinter) -> None:
        self.recovery.render_key(printer)

    def _leave_recovery(self) -> None:
        self.recovery.forget()

    def reject(self) -> None:
        if self.page == RECOVERY or self._busy:
            return  # the key must be acknowledged; a running task must finish
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.page == RECOVERY or self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    # --- central ---------------------------------------------------------------------------

    def enrol(self) -> None:
        problems: list[FieldError] = []
        text = self.central_path.text().strip()
        if not text:
            problems.append(FieldError("path", NO_LOCATION))
        for path_name, edit, name in (
            ("url", self.url, "the central database URL"),
            ("username", self.central_username, "your user name"),
            ("password", self.central_password, "your password"),
        ):
            if not edit.text().strip():
                problems.append(FieldError(path_name, f"Enter {name}"))
        if problems:
            self._show_errors(self.central_errors, problems)
            return
        self.central_errors.clear()
        path = Path(text).expanduser()
        url, username = self.url.text().strip(), self.central_username.text().strip()
        password, database_password = self.central_password.text(), self.database_password.text()

        def work(report: ReportProgress) -> Path:
            def forward(p: SyncProgress) -> None:
                report(Progress(p.done, p.total, p.phase))

            if database_password:
                sync_setup.remember_password(url, database_password)
            sync_setup.enroll(path, url, username, password, progress=forward)
            return path

        self._set_busy(True, ENROLLING)
        self.runner.run(
            work,
            on_success=self._enrolled,
            on_failure=self._enrol_failed,
            on_progress=self._enrol_progress,
            writes=True,
        )

    def _enrol_progress(self, p: Progress) -> None:
        """A first sync of a whole office takes minutes: say how far it has got."""
        if self._busy and p.label == "pull":
            of = f" of {p.total:,}" if p.total else ""
            self.busy_label.setText(f"Enrolling this workstation: {p.done:,}{of} received…")

    def _enrolled(self, path: Path) -> None:
        self._set_busy(False)
        self.store_path = path
        for edit in (self.central_password, self.database_password):
            edit.clear()
        _log.info("This workstation was enrolled")
        self.accept()

    def _enrol_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        _log.warning("Enrolling failed: %s", type(exc).__name__)
        message = " ".join(str(exc).split()) or type(exc).__name__
        self.central_message.setText(f"Enrolling failed: {message}")
        self.central_message.show()
