"""The first run's "connect to a central database" path against a real PostgreSQL database:
a first workstation sets up the central store and syncs; a new workstation enrols through the
dialog with that administrator's password and ends with the records."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.security.keyfile import key_file_path
from seco_desktop.services import records
from seco_desktop.services.session import create_store, sign_in
from seco_desktop.services.sync_setup import configured_url, init_central, sync_now
from seco_desktop.ui.first_run import CENTRAL, FirstRunDialog
from seco_desktop.ui.tasks import TaskRunner
from tests.services.support import make_spouses
from tests.sync.support import pg_database

ADMIN, PASSWORD = "office.admin", "Central office password 1!"
ENROL_TIMEOUT_MS = 120_000


@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg_database() as url:
        yield url


@pytest.fixture
def first_workstation(tmp_path: Path, pg_url: str) -> list[str]:
    """A standalone store with 25 records, connected to the central database and synced."""
    path = tmp_path / "ws1" / "office.seco"
    create_store(path, admin_username=ADMIN, admin_display_name="Office Admin",
                 admin_password=PASSWORD, argon2=FAST_ARGON2_FOR_TESTS)  # fmt: skip
    session = sign_in(path, ADMIN, PASSWORD)
    try:
        ids = [records.register(session, s).id for s in make_spouses(25, seed=31)]
        init_central(session, pg_url)
        report = sync_now(session)
        assert report.pushed >= 25
    finally:
        session.close()
    return ids


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def _to_central_page(qtbot: QtBot, runner: TaskRunner, target: Path) -> FirstRunDialog:
    dialog = FirstRunDialog(runner, default_path=target, argon2=FAST_ARGON2_FOR_TESTS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.central_choice.setFocus()
    qtbot.keyClick(dialog.central_choice, Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.page == CENTRAL
    assert dialog.central_path.text() == str(target)
    return dialog


def test_a_new_workstation_enrols_through_the_dialog_and_has_the_records(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, pg_url: str, first_workstation: list[str]
) -> None:
    target = tmp_path / "ws2" / "SECO" / "office.seco"
    dialog = _to_central_page(qtbot, runner, target)
    typed_url = pg_url.replace("postgresql+psycopg://", "postgresql://")  # as a person types it
    _type(qtbot, dialog.url, typed_url)
    _type(qtbot, dialog.central_username, ADMIN)
    _type(qtbot, dialog.central_password, PASSWORD)
    shown: list[str] = []
    show = dialog.busy_label.setText
    dialog.busy_label.setText = lambda text: (shown.append(text), show(text))  # type: ignore[method-assign]
    qtbot.keyClick(dialog.central_password, Qt.Key.Key_Return)  # the default button: Enrol

    qtbot.waitUntil(
        lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=ENROL_TIMEOUT_MS
    )
    runner.wait_idle()
    assert dialog.store_path == target
    assert dialog.central_password.text() == ""
    assert shown[0] == "Enrolling this workstation… (this takes a while)"
    counts = [
        re.fullmatch(r"Enrolling this workstation: (\d+) of (\d+) received…", t) for t in shown
    ]
    last = [m for m in counts if m][-1]
    assert last.group(1) == last.group(2)
    assert int(last.group(1)) > 25  # the records, and the accounts with them
    assert key_file_path(target).is_file()

    session = sign_in(target, ADMIN, PASSWORD)
    try:
        assert configured_url(session.store) is not None
        opened = {records.open_record(session, i).spouse.id for i in first_workstation}
        assert opened == set(first_workstation)
        assert sync_now(session).pulled == 0  # nothing left to fetch: it came whole
    finally:
        session.close()


def test_a_wrong_password_at_enrolment_is_one_line_and_leaves_no_store(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, pg_url: str, first_workstation: list[str]
) -> None:
    target = tmp_path / "ws3" / "office.seco"
    dialog = _to_central_page(qtbot, runner, target)
    _type(qtbot, dialog.url, pg_url)
    _type(qtbot, dialog.central_username, ADMIN)
    _type(qtbot, dialog.central_password, "Not the office password 2!")
    qtbot.keyClick(dialog.central_password, Qt.Key.Key_Return)

    qtbot.waitUntil(dialog.central_message.isVisible, timeout=ENROL_TIMEOUT_MS)
    runner.wait_idle()
    message = dialog.central_message.text()
    assert message.startswith("Enrolling failed: ")
    assert "\n" not in message
    assert dialog.page == CENTRAL
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not target.exists()
    assert not key_file_path(target).exists()
