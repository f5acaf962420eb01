"""The first-run dialog: a standalone store made by keyboard, the password rules at the fields,
and the recovery key shown once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.security.keyfile import key_file_path
from seco_desktop.security.keys import unlock_with_recovery
from seco_desktop.services.session import sign_in
from seco_desktop.ui.first_run import (
    CENTRAL,
    MISMATCH,
    RECOVERY,
    STANDALONE,
    FirstRunDialog,
)
from seco_desktop.ui.recovery_key_panel import CONFIRM_TEXT
from seco_desktop.ui.tasks import TaskRunner

ADMIN, DISPLAY, PASSWORD = "first.admin", "First Administrator", "Correct horse battery 9!"
#: ``format_recovery_key``: 13 groups of 4 from a 32-character alphabet, dash-separated.
RECOVERY_FORMAT = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$")


def _dialog(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> FirstRunDialog:
    dialog = FirstRunDialog(
        runner, default_path=tmp_path / "SECO" / "office.seco", argon2=FAST_ARGON2_FOR_TESTS
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def _fill_standalone(
    qtbot: QtBot, dialog: FirstRunDialog, password: str, confirm: str | None = None
) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # "Standalone" is chosen by default
    assert dialog.page == STANDALONE
    _type(qtbot, dialog.username, ADMIN)
    _type(qtbot, dialog.display_name, DISPLAY)
    _type(qtbot, dialog.password, password)
    _type(qtbot, dialog.confirm, password if confirm is None else confirm)


def test_a_standalone_store_is_created_by_keyboard_and_opens_with_the_password(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    _fill_standalone(qtbot, dialog, PASSWORD)
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # the default button: Create
    qtbot.waitUntil(lambda: dialog.page == RECOVERY, timeout=20000)
    runner.wait_idle()

    store = tmp_path / "SECO" / "office.seco"
    assert dialog.store_path == store
    assert store.is_file()
    assert key_file_path(store).is_file()
    key = dialog.key_label.text()
    assert RECOVERY_FORMAT.match(key), "the recovery key is shown in its printed format"
    assert unlock_with_recovery(key_file_path(store), key).store_id, "it is the store's own key"
    assert dialog.key_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.password.text() == ""
    assert dialog.confirm.text() == ""

    assert not dialog.next_button.isEnabled(), "Continue waits for the checkbox"
    dialog.kept.setFocus()
    qtbot.keyClick(dialog.kept, Qt.Key.Key_Space)
    assert dialog.kept.isChecked()
    assert dialog.next_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.key_label.text() == ""
    assert all(key not in label.text() for label in dialog.findChildren(type(dialog.key_label)))

    session = sign_in(store, ADMIN, PASSWORD)
    try:
        assert session.user.username == ADMIN
    finally:
        session.close()


def test_continue_stays_disabled_until_the_key_is_acknowledged(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    _fill_standalone(qtbot, dialog, PASSWORD)
    dialog.next_button.click()
    assert not dialog.next_button.isEnabled()
    assert dialog.busy_label.isVisible()
    qtbot.waitUntil(lambda: dialog.page == RECOVERY, timeout=20000)
    runner.wait_idle()
    assert not dialog.next_button.isEnabled()
    dialog.go_next()
    dialog.reject()
    assert dialog.isVisible(), "the key page cannot be skipped"
    assert dialog.page == RECOVERY
    dialog.kept.setChecked(True)
    assert dialog.next_button.isEnabled()
    dialog.kept.setChecked(False)
    assert not dialog.next_button.isEnabled()


def test_a_weak_password_shows_the_rule_at_the_password_and_creates_nothing(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    _fill_standalone(qtbot, dialog, "short")
    dialog.next_button.click()
    runner.wait_idle()
    assert "at least 15 characters" in dialog.standalone_errors.text("password")
    assert dialog.standalone_errors.text("confirm") == ""
    assert dialog.page == STANDALONE
    assert not any(tmp_path.rglob("*")), "nothing was created"
    assert dialog.username.text() == ADMIN
    assert dialog.password.text() == "short"


def test_a_mismatched_confirmation_shows_at_the_confirmation(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    _fill_standalone(qtbot, dialog, PASSWORD, PASSWORD + "x")
    dialog.next_button.click()
    runner.wait_idle()
    assert dialog.standalone_errors.text("confirm") == MISMATCH
    assert dialog.standalone_errors.text("password") == ""
    assert dialog.confirm.accessibleDescription() == MISMATCH
    assert not any(tmp_path.rglob("*"))
    assert dialog.display_name.text() == DISPLAY


def test_an_existing_store_is_not_overwritten(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    existing = tmp_path / "SECO" / "office.seco"
    existing.parent.mkdir()
    existing.write_bytes(b"already here")
    dialog = _dialog(qtbot, runner, tmp_path)
    _fill_standalone(qtbot, dialog, PASSWORD)
    dialog.next_button.click()
    runner.wait_idle()
    assert "already exists" in dialog.standalone_errors.text("path")
    assert existing.read_bytes() == b"already here"


def test_central_shows_its_fields_and_one_line_errors(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    dialog.central_choice.setFocus()
    qtbot.keyClick(dialog.central_choice, Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.page == CENTRAL
    dialog.enrol()
    assert dialog.central_errors.text("url") != ""
    assert dialog.central_errors.text("username") != ""


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLineEdit  # noqa: PLC0415

    dialog = _dialog(qtbot, runner, tmp_path)
    controls = dialog.findChildren(QAbstractButton) + dialog.findChildren(QLineEdit)
    assert controls
    unnamed = [
        c.objectName() or c.metaObject().className() for c in controls if not c.accessibleName()
    ]
    assert unnamed == []
    assert dialog.findChild(QCheckBox).accessibleName() == CONFIRM_TEXT


def test_the_app_remembers_the_new_store_and_signs_in_to_it(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings  # noqa: PLC0415
    from PySide6.QtWidgets import QDialog  # noqa: PLC0415

    from seco_desktop.ui import app  # noqa: PLC0415
    from seco_desktop.ui.settings import Settings  # noqa: PLC0415

    made = tmp_path / "made.seco"
    made.write_bytes(b"a store")
    offered: list[FirstRunDialog] = []

    def accept(dialog: FirstRunDialog) -> int:
        qtbot.addWidget(dialog)
        offered.append(dialog)
        dialog.store_path = made
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(FirstRunDialog, "exec", accept)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert app._store_to_open(None, runner, settings, first_run=False) == made
    assert settings.last_store == str(made)
    assert len(offered) == 1
    assert app._store_to_open(made, runner, settings, first_run=False) == made
    assert len(offered) == 1, "a known store goes straight to sign-in"
    assert app._store_to_open(made, runner, settings, first_run=True) == made
    assert len(offered) == 2, "--first-run always offers it"
    assert app.parse_args(["--first-run"])[0].first_run

    monkeypatch.setattr(FirstRunDialog, "exec", lambda _d: QDialog.DialogCode.Rejected.value)
    assert app._store_to_open(None, runner, settings, first_run=False) == app.EXIT_OK


def test_the_key_prints_through_a_printer(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415

    dialog = _dialog(qtbot, runner, tmp_path)
    dialog.key_label.setText("ABCD-EFGH")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))  # the test's stand-in printer
    dialog.render_key(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 0
    assert dialog.key_label.text() == "ABCD-EFGH"
