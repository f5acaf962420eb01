"""The change-password dialog: the services' rules at the right field, and a real change."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from services.support import STAFF, Office

from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.ui.change_password import EXPIRED, ChangePasswordDialog
from seco_desktop.ui.tasks import TaskRunner

AGENT, AGENT_PASSWORD = STAFF[Role.AGENT]


def _dialog(qtbot: QtBot, office: Office, runner: TaskRunner) -> ChangePasswordDialog:
    session = office.sign_in(AGENT, AGENT_PASSWORD)
    dialog = ChangePasswordDialog(session, runner, expired=True, argon2=FAST_ARGON2_FOR_TESTS)
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog: ChangePasswordDialog, old: str, new: str, confirm: str | None = None) -> None:
    dialog.old.setText(old)
    dialog.new.setText(new)
    dialog.confirm.setText(new if confirm is None else confirm)
    dialog.submit()


def test_a_weak_or_reused_password_is_refused_with_the_rule(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    dialog = _dialog(qtbot, office, runner)
    assert dialog.intro.text() == EXPIRED
    _fill(dialog, AGENT_PASSWORD, "short")
    qtbot.waitUntil(lambda: "at least 15 characters" in dialog.error.text(), timeout=10000)
    _fill(dialog, AGENT_PASSWORD, AGENT_PASSWORD)
    qtbot.waitUntil(lambda: "last 5 passwords" in dialog.error.text(), timeout=10000)
    _fill(dialog, AGENT_PASSWORD, "Brand new password 7!", "Brand new password 8!")
    assert dialog.error.text() == "The two new passwords differ"
    runner.wait_idle()


def test_the_right_current_password_changes_it(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    dialog = _dialog(qtbot, office, runner)
    _fill(dialog, "Not the current one 1!", "Brand new password 7!")
    qtbot.waitUntil(lambda: "incorrect" in dialog.error.text(), timeout=10000)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        _fill(dialog, AGENT_PASSWORD, "Brand new password 7!")
    runner.wait_idle()
    assert office.sign_in(AGENT, "Brand new password 7!").role is Role.AGENT
