"""The tabs that are not records (administration views, caseload, conflict review): every
focusable control has an accessible name, and Tab reaches all of them without being trapped."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.services import records
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.tasks import TaskRunner

SKIPPED = ("QTabBar", "QSplitterHandle", "QHeaderView")


def _focusable(tab: QWidget) -> list[QWidget]:
    return [
        w
        for w in tab.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisible()
        and w.isEnabled()
        and type(w).__name__ not in SKIPPED
        # the line edit inside a date, spin or combo box is named through its box
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
    ]


def _check_tab(qtbot: QtBot, window: MainWindow, runner: TaskRunner) -> None:
    """The current tab's controls are named, and Tab from its first button goes round the whole
    window through every one of them and back (no control out of reach, no table trapping Tab)."""
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=15000)
    tab = window.tabs.currentWidget()
    controls = _focusable(tab)
    assert controls, type(tab).__name__
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName()]
    assert unnamed == [], type(tab).__name__

    start = next(w for w in controls if not isinstance(w, (QAbstractSpinBox, QComboBox)))
    window.activateWindow()  # the offscreen platform drops activation when a tab changes
    qtbot.waitActive(window)
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    reached = set()
    for _ in range(300):
        focus = QApplication.focusWidget()
        assert focus is not None
        reached.update((focus, focus.parent()))  # a date or spin box's inner editor
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is start:
            break
    missing = [w.accessibleName() for w in controls if w not in reached]
    assert missing == [], type(tab).__name__


def _shown(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)


def test_administration_tabs(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    window = MainWindow(office.sign_in_as(Role.ADMINISTRATOR), runner)
    _shown(qtbot, window)
    for open_view in (
        window.open_audit_view,
        window.open_retention_view,
        window.open_staff_view,
        window.open_keys_view,
    ):
        open_view()
        _check_tab(qtbot, window, runner)


def test_caseload_and_conflict_review_tabs(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    coach = office.sign_in_as(Role.COACH)
    for spouse in make_spouses(2, seed=43):  # rows in both caseload tables: a table can trap Tab
        mine = records.register(coach, dataclasses.replace(spouse, assigned_coach=coach.user.id))
        records.add_follow_up(coach, mine.id, coach.clock().date(), coach.user.id, "Call back")
    window = MainWindow(coach, runner)
    _shown(qtbot, window)
    assert window.tabs.currentWidget() is window.caseload
    qtbot.waitUntil(lambda: window.caseload is not None and window.caseload.due.rowCount() == 2)
    _check_tab(qtbot, window, runner)
    window.review_conflicts()
    _check_tab(qtbot, window, runner)
