"""No personal data in window titles (they reach task switchers, screen sharing and window
managers' logs): the main window with real record views open, the registration wizard at
each step, the lock screen and the audit view."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.services import records
from seco_desktop.ui.idle_lock import IdleLock
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.tasks import TaskRunner


def test_no_window_title_names_a_spouse(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    coach = office.sign_in_as(Role.COACH)
    people = [records.register(coach, s) for s in make_spouses(3, seed=12)]
    window = MainWindow(coach, runner, last_sign_in_text="")
    qtbot.addWidget(window)
    window.show()
    for person in people:
        window.open_record(person.id)
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=15000)
    wizard = window.start_registration()
    qtbot.addWidget(wizard)
    lock = IdleLock(coach, runner, check_interval_ms=60_000)
    lock.lock()

    titles = [w.windowTitle() for w in QApplication.topLevelWidgets()]
    tab_titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    lock.stop()
    runner.wait_idle()

    secrets = set()
    for p in people:
        secrets |= {p.name.first, p.name.last, p.dod_id, p.date_of_birth.isoformat(),
                    p.date_of_birth.strftime("%m/%d/%Y")}  # fmt: skip
    assert any(p.name.last in " ".join(tab_titles) for p in people)  # records really opened
    assert [t for t in titles if any(s in t for s in secrets)] == []
