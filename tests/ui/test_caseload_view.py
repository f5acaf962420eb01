"""A coach's caseload view: follow-ups due now and assigned spouses, opening records."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.services import records
from seco_desktop.ui.caseload_view import CaseloadView
from seco_desktop.ui.tasks import TaskRunner


def test_caseload_lists_due_follow_ups_and_my_spouses(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    coach = office.sign_in_as(Role.COACH)
    today = coach.clock().date()
    mine, other = make_spouses(2, seed=41)
    mine = records.register(coach, dataclasses.replace(mine, assigned_coach=coach.user.id))
    records.register(coach, dataclasses.replace(other, assigned_coach=None))
    records.add_follow_up(coach, mine.id, today - timedelta(days=2), coach.user.id, "Call back")
    records.add_follow_up(coach, mine.id, today + timedelta(days=5), coach.user.id, "Later")

    view = CaseloadView(coach, runner)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: runner.busy == 0 and view.due.rowCount() == 1, timeout=15000)
    assert "2 days overdue" in view.due.item(0, 0).text()
    assert view.due.item(0, 2).text() == "Call back"
    assert view.model.rowCount() == 1
    assert view.model.row_at(0).id == mine.id
    shown = [
        view.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.model.columnCount())
        if not view.mine.isColumnHidden(c)
    ]
    assert shown == ["Name", "DoD ID", "Date of birth", "Branch", "Sponsor status"]  # no "Match"

    with qtbot.waitSignal(view.record_activated, timeout=5000) as opened:
        view.due.itemActivated.emit(view.due.item(0, 1))
    assert opened.args == [mine.id]
