"""The report menu entries a main window gets from ``add_report_actions``."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.services import records
from seco_desktop.ui.report_actions import ReportActions, add_report_actions
from seco_desktop.ui.report_dialog import ReportDialog
from seco_desktop.ui.tasks import TaskRunner

WAIT_MS = 20_000


def _window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def _dialogs(window: QMainWindow) -> list[ReportDialog]:
    return window.findChildren(ReportDialog)


@pytest.mark.parametrize(("role", "has_reports"), [(Role.COACH, False), (Role.SUPERVISOR, True)])
def test_reports_menu_only_for_roles_that_may_view_reports(
    qtbot: QtBot, office: Office, runner: TaskRunner, role: Role, has_reports: bool
) -> None:
    session = office.sign_in_as(role)
    window = _window(qtbot)
    menu = window.menuBar().addMenu("&Records")

    actions = add_report_actions(window, session, runner, menu, lambda: None)

    assert actions.print_summary in menu.actions()
    assert (actions.program_report is not None) is has_reports
    assert (actions.accounting is not None) is has_reports  # supervisors view disclosures
    assert (actions.audit_report is not None) is has_reports
    titles = [a.text() for a in window.menuBar().actions()]
    assert ("Re&ports" in titles) is has_reports
    if actions.program_report is not None:
        actions.program_report.trigger()
        assert [d.windowTitle() for d in _dialogs(window)] == ["Program report"]
        assert runner.wait_idle(WAIT_MS)  # the coach list loaded
        for dialog in _dialogs(window):
            dialog.close()


def test_print_summary_opens_for_the_current_record_only(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    coach = office.sign_in_as(Role.COACH)
    spouse = records.register(coach, make_spouses(1, seed=51)[0])
    current: list[str | None] = [None]
    window = _window(qtbot)
    actions = add_report_actions(
        window, coach, runner, window.menuBar().addMenu("&Records"), lambda: current[0]
    )

    assert actions.print_summary is not None
    actions.print_summary.trigger()
    assert _dialogs(window) == []

    current[0] = spouse.id
    actions.print_summary.trigger()
    (dialog,) = _dialogs(window)
    dialog.build()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert dialog.report is not None
    assert dialog.report.subject_id == spouse.id
    assert runner.wait_idle(WAIT_MS)
    dialog.close()


def test_an_agent_gets_no_print_or_report_entries(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window = _window(qtbot)
    menu = window.menuBar().addMenu("&Records")
    actions = add_report_actions(window, office.sign_in_as(Role.AGENT), runner, menu, lambda: None)
    assert actions == ReportActions(None, None, None, None)
    assert menu.actions() == []


def test_the_audit_trail_report_builds_for_a_supervisor(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window = _window(qtbot)
    actions = add_report_actions(
        window, office.sign_in_as(Role.SUPERVISOR), runner,
        window.menuBar().addMenu("&Records"), lambda: None,
    )  # fmt: skip
    assert actions.audit_report is not None
    actions.audit_report.trigger()
    (dialog,) = _dialogs(window)
    dialog.build()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert dialog.report is not None
    assert dialog.report.kind == "audit-report"
    assert runner.wait_idle(WAIT_MS)
    dialog.close()
