"""Administration → Keys: rotation from the desktop, a new recovery key shown once and
forgotten when kept, refusals shown, and nothing done when the question is cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from services.support import ADMIN, Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.security.errors import RecoveryKeyInvalid
from seco_desktop.services import keys, records
from seco_desktop.ui import keys_view
from seco_desktop.ui.keys_view import KeysView
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.tasks import TaskRunner
from ui.menus import offered

NEW_PASSWORD = "Admin recovered password 1!"


def _view(qtbot: QtBot, office: Office, runner: TaskRunner) -> KeysView:
    view = KeysView(office.sign_in(), runner)
    qtbot.addWidget(view)
    return view


def test_rotation_from_the_desktop_keeps_the_data(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    view = _view(qtbot, office, runner)
    spouse = records.register(view._session, make_spouses(1)[0])
    assert view.version.text() == "Data key in use: version 1"
    view.rotate(confirmed=True)
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=30000)
    assert view.status.text().startswith("Keys rotated: data key version 2")
    assert view.version.text() == "Data key in use: version 2"
    assert records.open_record(view._session, spouse.id).spouse == spouse
    office.close_all()
    assert records.open_record(office.sign_in(), spouse.id).spouse == spouse


def test_rotation_while_the_store_is_open_elsewhere_is_refused_and_said(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    view = _view(qtbot, office, runner)
    office.sign_in_as(Role.AGENT)  # another window on this store
    before = office.key_path.read_bytes()
    view.rotate(confirmed=True)
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=30000)
    assert "open" in view.status.text()
    assert view.rotate_button.isEnabled()
    assert office.key_path.read_bytes() == before


def test_a_new_recovery_key_is_shown_once_and_replaces_the_old(
    qtbot: QtBot, office: Office, runner: TaskRunner, tmp_path: Path
) -> None:
    view = _view(qtbot, office, runner)
    view.show()
    view.make_recovery_key(confirmed=True)
    qtbot.waitUntil(lambda: runner.busy == 0 and view.showing_key, timeout=30000)
    new_key = view.recovery.key_label.text()
    assert new_key != office.recovery_key
    assert view.recovery.isVisible()
    assert not view.done_button.isEnabled()  # not until the key is said to be kept

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "key.pdf"))  # the test's stand-in printer
    view.recovery.render_key(printer)
    assert (tmp_path / "key.pdf").stat().st_size > 0

    view.recovery.kept.setChecked(True)
    assert view.done_button.isEnabled()
    view.done_button.click()
    assert view.recovery.key_label.text() == ""
    assert not view.recovery.isVisible()

    with pytest.raises(RecoveryKeyInvalid):
        keys.reset_password_with_recovery(
            office.path, office.recovery_key, ADMIN, NEW_PASSWORD, argon2=FAST_ARGON2_FOR_TESTS
        )
    keys.reset_password_with_recovery(
        office.path, new_key, ADMIN, NEW_PASSWORD, argon2=FAST_ARGON2_FOR_TESTS
    )


def test_cancelling_the_question_changes_nothing(
    qtbot: QtBot, office: Office, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, office, runner)
    before = office.key_path.read_bytes()
    monkeypatch.setattr(keys_view, "ask", lambda *_args: False)
    view.rotate()
    view.make_recovery_key()
    assert runner.busy == 0
    assert office.key_path.read_bytes() == before
    assert not view.showing_key


def test_only_administrators_are_offered_keys(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    for role in Role:
        window = MainWindow(office.sign_in_as(role), runner)
        qtbot.addWidget(window)
        titles = offered(window)
        assert ("&Keys" in titles) is (role is Role.ADMINISTRATOR)
        qtbot.waitUntil(lambda: runner.busy == 0, timeout=15000)
