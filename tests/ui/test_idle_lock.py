"""The idle lock: after the role's idle time every window is hidden and the token dies; the
right password brings the windows back with a new token, a wrong one does not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from services.support import STAFF, Office, make_spouses
from sqlalchemy.exc import OperationalError

from seco_desktop.domain.reference import Role
from seco_desktop.services import records
from seco_desktop.services import search as search_service
from seco_desktop.services.session import SessionEnded
from seco_desktop.ui.idle_lock import IdleLock
from seco_desktop.ui.tasks import TaskRunner

AGENT, AGENT_PASSWORD = STAFF[Role.AGENT]


@pytest.fixture
def record_window(qtbot: QtBot) -> QLabel:
    """A stand-in window showing personal data (a synthetic name)."""
    spouse = make_spouses(1)[0]
    window = QLabel(f"{spouse.name.first} {spouse.name.last} {spouse.dod_id}")
    qtbot.addWidget(window)
    window.show()
    return window


def _press(widget: QLabel) -> None:
    event = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(1, 1), QPointF(1, 1),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_idle_for_15_minutes_hides_every_window_and_ends_the_token(
    qtbot: QtBot, office: Office, runner: TaskRunner, record_window: QLabel
) -> None:
    agent = office.sign_in(AGENT, AGENT_PASSWORD)
    lock = IdleLock(agent, runner, check_interval_ms=60_000)
    try:
        office.clock.advance(minutes=14)
        _press(record_window)  # input resets the wait
        office.clock.advance(minutes=14, seconds=59)
        lock.check()
        assert not lock.is_locked
        assert record_window.isVisible()

        office.clock.advance(seconds=1)
        lock.check()

        assert lock.is_locked
        assert not record_window.isVisible()
        assert lock.screen is not None
        assert lock.screen.isVisible()
        with pytest.raises(SessionEnded):
            search_service.search(agent, "smith")
    finally:
        lock.stop()


def test_the_lock_screen_needs_the_right_password(
    qtbot: QtBot, office: Office, runner: TaskRunner, record_window: QLabel
) -> None:
    agent = office.sign_in(AGENT, AGENT_PASSWORD)
    records.register(agent, make_spouses(1, seed=2)[0])
    lock = IdleLock(agent, runner, check_interval_ms=60_000)
    try:
        lock.lock()
        screen = lock.screen
        assert screen is not None
        old_token = agent.token

        screen.password.setText("Not my password at all 9!")
        screen._submit()
        qtbot.waitUntil(lambda: screen.error.text() == "The password is incorrect", timeout=10000)
        assert lock.is_locked
        assert not record_window.isVisible()

        with qtbot.waitSignal(lock.unlocked, timeout=10000):
            screen.password.setText(AGENT_PASSWORD)
            screen._submit()
        assert record_window.isVisible()
        assert agent.token != old_token
        assert search_service.search(agent, "smith") is not None
        runner.wait_idle()
    finally:
        lock.stop()


def test_administrators_lock_after_10_minutes(
    qtbot: QtBot, office: Office, runner: TaskRunner, record_window: QLabel
) -> None:
    admin = office.sign_in()
    lock = IdleLock(admin, runner, check_interval_ms=60_000)
    try:
        office.clock.advance(minutes=10)
        lock.check()
        assert lock.is_locked
        assert not record_window.isVisible()
    finally:
        lock.stop()


def test_an_unwritable_audit_hides_every_window_until_it_works_again(
    qtbot: QtBot,
    office: Office,
    runner: TaskRunner,
    record_window: QLabel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    agent = office.sign_in(AGENT, AGENT_PASSWORD)
    stored = records.register(agent, make_spouses(1, seed=4)[0])
    lock = IdleLock(agent, runner, check_interval_ms=60_000)
    lock.watch_failures(runner)

    def broken(*_: object) -> None:
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr("seco_desktop.store.audit.append", broken)
    try:
        shown: list[object] = []
        runner.run(lambda: records.open_record(agent, stored.id), on_success=shown.append,
                   on_failure=lambda _exc: None)  # fmt: skip
        qtbot.waitUntil(lambda: lock.is_locked, timeout=10000)
        assert shown == []
        assert not record_window.isVisible()
        assert lock.screen is not None
        assert "audit trail could not be written" in lock.screen.message.text()

        screen = lock.screen
        screen.password.setText(AGENT_PASSWORD)
        screen._submit()  # the unlock's own audit entry fails: still locked, and says why
        qtbot.waitUntil(lambda: "could not be written" in screen.error.text(), timeout=10000)
        assert lock.is_locked

        monkeypatch.undo()
        with qtbot.waitSignal(lock.unlocked, timeout=10000):
            screen.password.setText(AGENT_PASSWORD)
            screen._submit()
        assert record_window.isVisible()
        runner.wait_idle()
    finally:
        lock.stop()
