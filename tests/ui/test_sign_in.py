"""The sign-in window on a real store: the banner first, then credentials, signing in off the
GUI thread; and the entry point around it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from services.support import STAFF, Office

from seco_desktop.domain.reference import Role
from seco_desktop.security.errors import KeyFileMissing, UnlockFailed
from seco_desktop.services.session import AccountDisabled
from seco_desktop.store.errors import StoreMissing
from seco_desktop.store.meta import set_meta
from seco_desktop.ui import app as app_module
from seco_desktop.ui.first_run import FirstRunDialog
from seco_desktop.ui.resources import banner_text
from seco_desktop.ui.settings import Settings
from seco_desktop.ui.sign_in import (
    BANNER_PAGE,
    CREDENTIALS_PAGE,
    GENERIC_FAILURE,
    SignInDialog,
    last_sign_in_text,
    sign_in_error_message,
)
from seco_desktop.ui.tasks import TaskRunner

WAIT_MS = 15_000
AGENT, AGENT_PASSWORD = STAFF[Role.AGENT]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in an INI file under tmp: the real user's settings are never touched."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def make_dialog(
    qtbot: QtBot, office: Office, runner: TaskRunner, settings: Settings
) -> Iterator[SignInDialog]:
    dialog = SignInDialog(office.path, runner, settings, clock=office.clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    try:
        yield dialog
    finally:
        runner.wait_idle(WAIT_MS)
        if dialog.session is not None:
            dialog.session.close()


@pytest.fixture
def dialog(
    qtbot: QtBot, office: Office, runner: TaskRunner, settings: Settings
) -> Iterator[SignInDialog]:
    yield from make_dialog(qtbot, office, runner, settings)


def tab_chain(dialog: SignInDialog, steps: int = 8) -> list[QWidget]:
    """The widgets Tab visits, in order, as a keyboard user would reach them."""
    visited = []
    for _ in range(steps):
        dialog.focusNextChild()
        visited.append(QApplication.focusWidget() or dialog.focusWidget())
    return visited


def sign_in_with(qtbot: QtBot, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.password.setFocus()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_banner_comes_first_and_credentials_cannot_be_reached(dialog: SignInDialog) -> None:
    assert dialog.pages.currentIndex() == BANNER_PAGE
    assert not dialog.password.isVisible()
    assert not dialog.username.isVisible()
    assert not dialog.credentials_page.isEnabled()
    visited = tab_chain(dialog, 10)
    assert dialog.password not in visited
    assert dialog.username not in visited
    assert dialog.sign_in_button not in visited
    assert dialog.banner.isReadOnly()
    version, text = banner_text()
    assert version == "DoD-NCB-2008"
    assert dialog.banner.toPlainText() == text
    assert text.startswith("You are accessing a U.S. Government (USG) Information System (IS)")
    assert text.endswith("See User Agreement for details.")
    assert "I Accept" in dialog.accept_button.text().replace("&", "")


def test_enter_on_the_banner_accepts_it(qtbot: QtBot, dialog: SignInDialog) -> None:
    assert dialog.accept_button.isDefault()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == CREDENTIALS_PAGE
    assert dialog.password.isVisible()
    assert dialog.sign_in_button.isDefault()
    assert dialog.focusWidget() is dialog.username  # no user name remembered yet


def test_exit_on_the_banner_rejects(qtbot: QtBot, dialog: SignInDialog) -> None:
    qtbot.mouseClick(dialog.exit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected.value
    assert dialog.session is None


def test_wrong_password_shows_the_one_message(qtbot: QtBot, dialog: SignInDialog) -> None:
    dialog.accept_button.click()
    sign_in_with(qtbot, dialog, AGENT, "not-the-password-at-all")
    assert dialog.busy  # until the worker answers: controls disabled, "Signing in…"
    assert not dialog.password.isEnabled()
    assert not dialog.sign_in_button.isEnabled()
    assert dialog.sign_in_button.text() == "Signing in…"
    assert dialog.password.text() == ""  # the widget does not keep the password
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.error_label.text() == "User name or password is incorrect"
    assert dialog.error_label.isVisible()
    assert dialog.session is None
    assert dialog.isVisible()
    assert dialog.password.isEnabled()
    assert dialog.focusWidget() is dialog.password


def test_right_password_signs_the_agent_in(
    qtbot: QtBot, dialog: SignInDialog, settings: Settings, office: Office
) -> None:
    dialog.accept_button.click()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        sign_in_with(qtbot, dialog, AGENT, AGENT_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted.value
    session = dialog.session
    assert session is not None
    assert session.user.username == AGENT
    assert session.role is Role.AGENT
    assert dialog.demo is False
    assert "DEMO" not in dialog.windowTitle()
    assert settings.last_username == AGENT
    assert settings.last_store == str(office.path)
    assert last_sign_in_text(session) == "This is your first sign-in"


def test_empty_fields_are_caught_before_any_work(dialog: SignInDialog, runner: TaskRunner) -> None:
    dialog.accept_button.click()
    dialog.sign_in_button.click()
    assert dialog.error_label.text() == "Enter your user name"
    dialog.username.setText(AGENT)
    dialog.sign_in_button.click()
    assert dialog.error_label.text() == "Enter your password"
    assert runner.busy == 0


def test_banner_setting_off_starts_at_credentials_with_the_last_user(
    qtbot: QtBot, office: Office, runner: TaskRunner, settings: Settings
) -> None:
    settings.show_consent_banner = False
    settings.last_username = AGENT
    for dialog in make_dialog(qtbot, office, runner, settings):
        assert dialog.pages.currentIndex() == CREDENTIALS_PAGE
        assert dialog.username.text() == AGENT
        assert dialog.focusWidget() is dialog.password


def test_every_focusable_widget_has_an_accessible_name(dialog: SignInDialog) -> None:
    focusable = [
        w
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.parentWidget() is not None
    ]
    assert dialog.password in focusable
    assert dialog.banner in focusable
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in focusable if not w.accessibleName()]
    assert unnamed == []
    assert dialog.error_label.accessibleName()
    assert dialog.store_label.accessibleName()


def test_tab_order_user_password_sign_in(dialog: SignInDialog) -> None:
    dialog.accept_button.click()
    dialog.username.setFocus()
    visited = tab_chain(dialog, 3)
    assert visited == [dialog.password, dialog.sign_in_button, dialog.cancel_button]


def test_demo_store_says_demo_in_the_title(
    qtbot: QtBot, office: Office, runner: TaskRunner, settings: Settings
) -> None:
    admin = office.sign_in()
    with admin.store.write() as conn:
        set_meta(conn, "demo", "true")
    office.close_all()
    for dialog in make_dialog(qtbot, office, runner, settings):
        dialog.accept_button.click()
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            sign_in_with(qtbot, dialog, AGENT, AGENT_PASSWORD)
        assert dialog.demo is True
        assert dialog.windowTitle() == "SECO Desktop — Sign in — DEMO"


def test_missing_key_file_is_told_plainly(
    qtbot: QtBot, office: Office, runner: TaskRunner, settings: Settings
) -> None:
    office.key_path.unlink()
    for dialog in make_dialog(qtbot, office, runner, settings):
        dialog.accept_button.click()
        sign_in_with(qtbot, dialog, AGENT, AGENT_PASSWORD)
        qtbot.waitUntil(lambda d=dialog: not d.busy, timeout=WAIT_MS)
        assert dialog.error_label.text() == "No key file was found beside the store"
        assert dialog.session is None


def test_last_sign_in_text_after_a_previous_sign_in(office: Office) -> None:
    office.sign_in(AGENT, AGENT_PASSWORD)
    office.clock.advance(hours=2)
    again = office.sign_in(AGENT, AGENT_PASSWORD)
    assert (
        last_sign_in_text(again, tz=UTC)
        == "Last successful sign-in: Monday 05 January 2026, 09:30 UTC"
    )


def test_error_messages_are_the_services_or_generic() -> None:
    assert sign_in_error_message(UnlockFailed()) == "User name or password is incorrect"
    assert (
        sign_in_error_message(AccountDisabled()) == "This account is disabled; ask an administrator"
    )
    assert sign_in_error_message(KeyFileMissing("No key file")) == "No key file"
    assert sign_in_error_message(StoreMissing("No store at x")) == "No store at x"
    leaky = RuntimeError("Traceback ... password=hunter2hunter2hunter2")
    assert sign_in_error_message(leaky) == GENERIC_FAILURE


# --- the entry point ----------------------------------------------------------------------


@pytest.fixture
def launch(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> list[str]:
    """main() with tmp settings, no theme change, and error dialogs recorded, not shown."""
    shown: list[str] = []
    monkeypatch.setattr(app_module, "Settings", lambda: settings)
    monkeypatch.setattr(
        app_module, "apply_theme", lambda app, name, scale: shown.append(f"theme {name}")
    )
    monkeypatch.setattr(app_module, "show_error", shown.append)
    return shown


def test_main_without_a_store_offers_the_first_run_set_up(
    launch: list[str], qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def cancel(dialog: FirstRunDialog) -> int:
        offered.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(FirstRunDialog, "exec", cancel)
    assert app_module.main(["--theme", "high_contrast"]) == app_module.EXIT_OK
    assert launch == ["theme high_contrast"]
    assert len(offered) == 1  # cancelling the set-up closes the app quietly


def test_main_with_a_missing_store_file(
    launch: list[str], tmp_path: Path, qapp: QApplication
) -> None:
    assert app_module.main(["--store", str(tmp_path / "nowhere.seco")]) == app_module.EXIT_USAGE
    assert "There is no store at" in launch[1]


def test_main_exits_cleanly_when_sign_in_is_cancelled(
    launch: list[str], office: Office, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    runners: list[TaskRunner] = []

    class Cancelled:
        session = None

        def __init__(self, path: Path, runner: TaskRunner, settings: Settings) -> None:
            assert path == office.path
            runners.append(runner)

        def exec(self) -> int:
            return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(app_module, "SignInDialog", Cancelled)
    assert app_module.main(["--store", str(office.path)]) == app_module.EXIT_OK
    assert runners[0].closed
    runners[0].deleteLater()
