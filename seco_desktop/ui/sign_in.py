"""The sign-in window: the DoD notice and consent banner, then user name and password.

The credentials page sits in a QStackedWidget behind the banner and stays disabled until
"I Accept": nothing can be typed before (the ``show_consent_banner`` setting turns the banner
off where the operating system shows it). ``sign_in`` runs on the TaskRunner (Argon2id takes a
moment) with the controls disabled. A failure is one announced line at the error label: the
service's own message for sign-in, key-file and store errors (written to be shown), a generic
one otherwise. Nothing about the user, and never the password, is logged.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.security.errors import SecurityError
from seco_desktop.services.clock import Clock, system_clock
from seco_desktop.services.session import Session, is_demo_store, sign_in
from seco_desktop.store.errors import StoreError
from seco_desktop.ui.resources import banner_text
from seco_desktop.ui.settings import Settings
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.theme import set_tone

APP_TITLE = "SECO Desktop"
BANNER_TITLE = "DoD Notice and Consent"
GENERIC_FAILURE = "Sign-in did not complete because of an unexpected problem; please try again"
BANNER_PAGE, CREDENTIALS_PAGE = 0, 1

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SignedIn:
    session: Session
    demo: bool


def window_title(demo: bool) -> str:
    return f"{APP_TITLE} — Sign in" + (" — DEMO" if demo else "")


def last_sign_in_text(session: Session, tz: tzinfo | None = None) -> str:
    """ "Last successful sign-in: …" in local time (``tz`` for tests), or the first sign-in."""
    previous = session.previous_sign_in
    if previous is None:
        return "This is your first sign-in"
    if previous.tzinfo is None:  # the store keeps naive UTC
        previous = previous.replace(tzinfo=UTC)
    local = previous.astimezone(tz)
    return f"Last successful sign-in: {local:%A %d %B %Y, %H:%M} {local.tzname() or ''}".rstrip()


def sign_in_error_message(exc: BaseException) -> str:
    """What the person is told: the safe, one-line messages of our errors, else a generic one."""
    if isinstance(exc, SecurityError | StoreError) and str(exc):
        return str(exc)
    return GENERIC_FAILURE


class SignInDialog(QDialog):
    """Banner, then credentials; on success ``exec()`` returns Accepted and ``session`` is set."""

    def __init__(
        self,
        store_path: Path,
        runner: TaskRunner,
        settings: Settings,
        *,
        demo: bool = False,
        clock: Clock = system_clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store_path = store_path
        self._runner, self._settings, self._clock = runner, settings, clock
        self.busy = False  # signing in: controls disabled
        self._closed = False
        self.session: Session | None = None
        self.demo = demo
        self.setObjectName("SignInDialog")
        self.setWindowTitle(window_title(demo))
        self.setAccessibleName("Sign in to SECO Desktop")
        self.setMinimumWidth(560)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_banner_page())
        self.pages.addWidget(self._build_credentials_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self._show_page(BANNER_PAGE if settings.show_consent_banner else CREDENTIALS_PAGE)

    # --- pages ---------------------------------------------------------------------------

    def _build_banner_page(self) -> QWidget:
        page = QWidget(self)
        page.setAccessibleName(BANNER_TITLE)
        version, text = banner_text()
        heading = QLabel(BANNER_TITLE, page)
        heading.setAccessibleName(BANNER_TITLE)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.banner = QPlainTextEdit(text, page)
        self.banner.setObjectName("bannerText")
        self.banner.setReadOnly(True)  # then keyboard selection, so arrows and PgDn scroll it
        self.banner.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.banner.setTabChangesFocus(True)
        self.banner.setAccessibleName("DoD Notice and Consent Banner text")
        self.banner.setAccessibleDescription(f"Read before signing in. Version {version}")
        self.banner.setMinimumHeight(260)
        self.accept_button = _button("I &Accept", "I Accept", page, self.show_credentials)
        self.exit_button = _button("E&xit", "Exit", page, self.reject)
        column = QVBoxLayout(page)
        column.addWidget(heading)
        column.addWidget(self.banner, 1)
        column.addLayout(_button_row(self.accept_button, self.exit_button))
        _chain(self.banner, self.accept_button, self.exit_button)
        return page

    def _build_credentials_page(self) -> QWidget:
        page = self.credentials_page = QWidget(self)
        page.setAccessibleName("Sign in")
        self.store_label = QLabel(str(self._store_path), page)
        self.store_label.setAccessibleName("Store file")
        self.store_label.setWordWrap(True)
        self.store_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.username = QLineEdit(self._settings.last_username, page)
        self.username.setAccessibleName("User name")
        self.username.setMaxLength(64)
        self.password = QLineEdit(page)
        self.password.setAccessibleName("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(1024)
        self.error_label = QLabel(page)
        self.error_label.setObjectName("signInError")
        set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Sign-in message")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_in_button = _button("&Sign In", "Sign In", page, self._submit)
        self.cancel_button = _button("E&xit", "Exit", page, self.reject)

        form = QFormLayout()
        form.addRow(QLabel("Store:", page), self.store_label)
        for caption, field in (("&User name:", self.username), ("&Password:", self.password)):
            label = QLabel(caption, page)
            label.setBuddy(field)  # Alt+U, Alt+P
            form.addRow(label, field)
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addWidget(self.error_label)
        column.addStretch(1)
        column.addLayout(_button_row(self.sign_in_button, self.cancel_button))
        _chain(self.username, self.password, self.sign_in_button, self.cancel_button)
        page.setEnabled(False)  # not reachable until the banner is accepted
        return page

    def _show_page(self, index: int) -> None:
        on_banner = index == BANNER_PAGE
        self.credentials_page.setEnabled(not on_banner)  # unreachable behind the banner
        self.pages.setCurrentIndex(index)
        self.accept_button.setDefault(on_banner)
        self.sign_in_button.setDefault(not on_banner)
        self._focus_first_field()

    def _focus_first_field(self) -> None:
        if self.pages.currentIndex() == BANNER_PAGE:
            field: QWidget = self.banner
        else:
            field = self.password if self.username.text() else self.username
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not event.spontaneous():  # first shown: focus what a person types into first
            self._focus_first_field()

    def show_credentials(self) -> None:  # "I Accept"
        self._show_page(CREDENTIALS_PAGE)

    # --- signing in ----------------------------------------------------------------------

    def _submit(self) -> None:
        if self.busy or self.pages.currentIndex() != CREDENTIALS_PAGE:
            return
        username = self.username.text().strip()
        password = self.password.text()
        if not username:
            self._fail("Enter your user name", self.username)
            return
        if not password:
            self._fail("Enter your password", self.password)
            return
        self.password.clear()  # the widget does not keep the password while we work
        self._set_busy(True)
        path, clock = self._store_path, self._clock

        def work() -> SignedIn:
            session = sign_in(path, username, password, clock=clock)
            try:
                return SignedIn(session, is_demo_store(session))
            except BaseException:
                session.close()
                raise

        self._runner.run(work, on_success=self._signed_in, on_failure=self._failed, writes=True)

    def _signed_in(self, result: SignedIn) -> None:
        self._set_busy(False)
        if self._closed:  # the window went away while signing in: do not leave the store open
            result.session.close()
            return
        self.session = result.session
        self.demo = result.demo
        self.setWindowTitle(window_title(result.demo))
        self._settings.last_username = result.session.user.username
        self._settings.last_store = str(self._store_path)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        # The type only: no user name, password or path reaches the log.
        _log.info("Sign-in failed: %s", type(exc).__name__)
        if self._closed:
            return
        self._fail(sign_in_error_message(exc), self.password)

    def _fail(self, message: str, focus: QLineEdit) -> None:
        self.error_label.setText(message)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
        if QAccessible.isActive():
            event = QAccessibleAnnouncementEvent(self.error_label, message)
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
            QAccessible.updateAccessibility(event)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.username, self.password, self.sign_in_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.sign_in_button.setText("Signing in…" if busy else "&Sign In")
        self.error_label.setText("Signing in…" if busy else "")
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def done(self, result: int) -> None:
        if self.busy and result != QDialog.DialogCode.Accepted.value:
            self._closed = True  # Esc while signing in: close, and drop the session on arrival
        super().done(result)


def _button(text: str, name: str, parent: QWidget, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button


def _button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def _chain(*widgets: QWidget) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
