"""Nothing typed is thrown away without asking: closing a record tab, quitting, cancelling a
registration. "Keep editing" is the default answer; the question is answered by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.services import records, registration
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.record import RecordView
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.wizard import RegistrationWizard

WAIT_MS = 15_000


def answer_with(key: Qt.Key | str, asked: list[str]) -> None:
    """When the question box appears, note its text and press ``key`` (Esc or a mnemonic)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        asked.append(box.text())
        default = box.defaultButton()
        asked.append(default.text() if default is not None else "")
        modifier = (
            Qt.KeyboardModifier.NoModifier
            if key == Qt.Key.Key_Escape
            else Qt.KeyboardModifier.AltModifier
        )
        QTimer.singleShot(0, lambda: QtBot.keyClick(box, key, modifier))

    QTimer.singleShot(0, press)


def _window(qtbot: QtBot, office: Office, runner: TaskRunner) -> tuple[MainWindow, str]:
    coach = office.sign_in_as(Role.COACH)
    spouse = records.register(coach, make_spouses(1, seed=77)[0])
    window = MainWindow(coach, runner, last_sign_in_text="")
    qtbot.addWidget(window)
    window.show()
    window.open_record(spouse.id)
    view = window.tabs.currentWidget()
    assert isinstance(view, RecordView)
    qtbot.waitUntil(lambda: view.record is not None, timeout=WAIT_MS)
    return window, spouse.id


def _edit_email(qtbot: QtBot, view: RecordView) -> QLineEdit:
    email = view.profile.lines["email"]
    assert isinstance(email, QLineEdit)
    email.setFocus()
    qtbot.keyClick(email, Qt.Key.Key_End)
    qtbot.keyClicks(email, "x")
    assert view.has_unsaved_changes
    return email


def _record_tabs(window: MainWindow) -> list[RecordView]:
    views = (window.tabs.widget(i) for i in range(window.tabs.count()))
    return [v for v in views if isinstance(v, RecordView)]


def test_closing_a_record_with_unsaved_edits_asks_and_keeps_them_by_default(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window, _ = _window(qtbot, office, runner)
    view = _record_tabs(window)[0]
    email = _edit_email(qtbot, view)
    typed = email.text()
    asked: list[str] = []
    answer_with(Qt.Key.Key_Escape, asked)
    close = window.close_record_action
    assert "Ctrl+W" in [k.toString() for k in close.shortcuts()]
    close.trigger()  # QTest key clicks do not reach QAction shortcuts on the offscreen platform
    assert asked
    assert "not saved" in asked[0]
    assert asked[1] == "&Keep editing"  # Enter keeps the edits too
    assert _record_tabs(window) == [view]
    assert email.text() == typed
    answer_with("d", asked)  # Alt+D: Discard
    close.trigger()
    qtbot.waitUntil(lambda: not _record_tabs(window), timeout=WAIT_MS)
    runner.wait_idle(WAIT_MS)


def test_a_record_without_edits_closes_without_a_question(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window, _ = _window(qtbot, office, runner)
    window.close_current_tab()
    assert not _record_tabs(window)
    runner.wait_idle(WAIT_MS)


def test_quitting_with_unsaved_edits_asks_first(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window, _ = _window(qtbot, office, runner)
    _edit_email(qtbot, _record_tabs(window)[0])
    asked: list[str] = []
    answer_with(Qt.Key.Key_Escape, asked)
    window.close()
    assert asked
    assert window.isVisible()
    answer_with("d", asked)
    window.close()
    assert not window.isVisible()
    runner.wait_idle(WAIT_MS)


def _wizard(qtbot: QtBot, office: Office, runner: TaskRunner) -> RegistrationWizard:
    wizard = RegistrationWizard(office.sign_in_as(Role.AGENT), runner)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _tick_consent(qtbot: QtBot, wizard: RegistrationWizard) -> None:
    consent = wizard.page.fields["consent"]
    consent.setFocus()
    qtbot.keyClick(consent, Qt.Key.Key_Space)


def test_cancelling_a_registration_with_answers_asks_and_can_keep_a_draft(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    wizard = _wizard(qtbot, office, runner)
    _tick_consent(qtbot, wizard)
    asked: list[str] = []
    answer_with(Qt.Key.Key_Escape, asked)
    qtbot.keyClick(wizard.page.fields["consent"], Qt.Key.Key_Escape)  # Esc = Cancel
    assert asked
    assert "Discard the registration" in asked[0]
    assert wizard.isVisible()
    answer_with("s", asked)  # Alt+S: Save draft and close
    with qtbot.waitSignal(wizard.draft_saved, timeout=WAIT_MS) as saved:
        wizard.cancel_button.click()
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=WAIT_MS)
    assert wizard.result() == QDialog.DialogCode.Accepted
    resumed = registration.resume_draft(wizard.session, saved.args[0])
    assert resumed.acknowledged_at is not None
    assert resumed == wizard.state


def test_cancelling_an_untouched_registration_just_closes(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    wizard = _wizard(qtbot, office, runner)
    wizard.cancel_button.click()
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert not wizard.isVisible()


def test_discarding_a_registration_stores_nothing(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    wizard = _wizard(qtbot, office, runner)
    _tick_consent(qtbot, wizard)
    asked: list[str] = []
    answer_with("d", asked)
    wizard.cancel_button.click()
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert registration.list_drafts(wizard.session) == []
