"""The main window on a real store: title, focus, status bar, caseload, opening records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.domain.registration import Step
from seco_desktop.services import records
from seco_desktop.store.meta import set_meta
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.record import RecordView
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.wizard.registration_wizard import RegistrationWizard


def _window(qtbot: QtBot, office: Office, runner: TaskRunner, role: Role) -> MainWindow:
    window = MainWindow(
        office.sign_in_as(role),
        runner,
        record_view_factory=lambda _s, _r, record_id: QLabel(record_id),
        last_sign_in_text="This is your first sign-in",
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=15000)  # the caseload's first load
    return window


def test_title_names_user_and_role_only(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    window = _window(qtbot, office, runner, Role.AGENT)
    assert window.windowTitle() == "SECO Desktop — agent1 (agent)"
    assert "DEMO" not in window.windowTitle()


def test_demo_store_says_demo(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    admin = office.sign_in()
    with admin.store.write() as conn:
        set_meta(conn, "demo", "true")
    window = _window(qtbot, office, runner, Role.AGENT)
    assert window.windowTitle().endswith("— DEMO")
    assert any("DEMO" in label.text() for label in window.statusBar().findChildren(QLabel))


def test_search_field_has_focus_at_start(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    window = _window(qtbot, office, runner, Role.AGENT)
    qtbot.waitUntil(window.search_panel.field.hasFocus, timeout=5000)


def test_status_bar_tells_store_user_and_last_sign_in(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window = _window(qtbot, office, runner, Role.COACH)
    assert "encrypted" in window.store_label.text()
    assert "(coach)" in window.user_label.text()
    assert window.sign_in_label.text() == "This is your first sign-in"


def test_caseload_for_coaches_not_agents(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    coach = _window(qtbot, office, runner, Role.COACH)
    agent = _window(qtbot, office, runner, Role.AGENT)
    assert coach.caseload is not None
    assert coach.tabs.tabText(0) == "My caseload"
    assert agent.caseload is None
    assert agent.tabs.count() == 0


def test_typed_search_opens_record_tabs_once_each(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    agent = office.sign_in_as(Role.AGENT)
    stored = [records.register(agent, s) for s in make_spouses(3, seed=31)]
    window = _window(qtbot, office, runner, Role.AGENT)
    qtbot.keyClicks(window.search_panel.field, stored[0].dod_id)
    qtbot.waitUntil(lambda: window.search_model.rowCount() == 1, timeout=15000)
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=5000)
    assert window.tabs.currentWidget().property("record_id") == stored[0].id
    window.open_record(stored[1].id)
    window.open_record(stored[0].id)  # already open: switch to it, no second tab
    assert window.tabs.count() == 2
    assert window.tabs.currentWidget().property("record_id") == stored[0].id


def test_every_focusable_control_has_an_accessible_name(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window = _window(qtbot, office, runner, Role.COACH)
    unnamed = [
        type(w).__name__
        for w in window.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisible()
        and not w.accessibleName()
        and type(w).__name__ not in ("QTabBar", "QSplitterHandle", "QHeaderView")
    ]
    assert unnamed == []


def test_register_menu_opens_a_new_wizard_at_the_script(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window = _window(qtbot, office, runner, Role.AGENT)
    register = next(a for a in window.findChildren(QAction) if a.text() == "&Register a caller…")
    register.trigger()
    wizards = window.findChildren(RegistrationWizard)
    assert len(wizards) == 1
    assert wizards[0].isVisible()
    assert wizards[0].flow.step is Step.SCRIPT
    wizards[0].reject()


def test_tab_goes_round_the_whole_window_in_reading_order(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    """From the search box, Tab reaches the filters, the results, the open record's fields and
    its casework, and comes back to the search box: no control is out of reach, none traps."""
    coach = office.sign_in_as(Role.COACH)
    spouse = records.register(coach, make_spouses(1, seed=41)[0])
    window = MainWindow(coach, runner, last_sign_in_text="")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.open_record(spouse.id)
    view = window.tabs.currentWidget()
    assert isinstance(view, RecordView)
    qtbot.waitUntil(lambda: view.record is not None, timeout=15000)
    field = window.search_panel.field
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)

    visited: list[QWidget] = []
    for _ in range(300):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        current = QApplication.focusWidget()
        assert current is not None
        if current is field:
            break
        visited.append(current)
    else:
        raise AssertionError("Tab never came back to the search field")

    names = [w.accessibleName() for w in visited]
    order = [
        "Filter by branch", "Filter by sponsor status", "Only spouses assigned to me",
        "Search results", "First name", "Last name", "DoD ID", "Email",
    ]  # fmt: skip
    positions = [names.index(n) for n in order]
    assert positions == sorted(positions), names
    casework = view.casework.findChildren(QWidget)
    assert any(w in casework for w in visited)  # notes and follow-ups are reachable too
    runner.wait_idle(15000)


def test_the_busy_indicator_clears_when_background_work_ends(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    import gc  # noqa: PLC0415

    window = _window(qtbot, office, runner, Role.AGENT)
    gc.collect()  # nothing the status bar needs may be left to the garbage collector
    runner.run(lambda: None, on_success=lambda _r: None)
    assert window.busy_label.text() == "Working…"
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=5000)
    assert window.busy_label.text() == ""
