"""Staff accounts tab (administrators): a locked account is shown and unlocked, an account is
disabled and enabled, a role changed, and an account added, with field-named problems."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from services.support import STAFF, Office
from sqlalchemy import update

from seco_desktop.domain.reference import Role
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.services.session import AccountDisabled, AccountLocked, sign_in
from seco_desktop.store.schema import app_user
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.staff_view import StaffView, staff_cells
from seco_desktop.ui.tasks import TaskRunner
from ui.menus import offered

WRONG = "Not the password at all 9!"


def _view(qtbot: QtBot, office: Office, runner: TaskRunner) -> StaffView:
    view = StaffView(office.sign_in(), runner)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: runner.busy == 0 and view.model.rowCount() > 0, timeout=15000)
    return view


def _row(view: StaffView, username: str) -> int:
    return next(i for i, a in enumerate(view.model.rows) if a.username == username)


def _done(qtbot: QtBot, view: StaffView, runner: TaskRunner, text: str) -> None:
    qtbot.waitUntil(lambda: runner.busy == 0 and text in view.status.text(), timeout=30000)


def test_a_locked_account_is_shown_and_unlocked(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    coach, password = STAFF[Role.COACH]
    for _ in range(3):
        with pytest.raises(UnlockFailed):  # the wrong password; the third locks the account
            sign_in(office.path, coach, WRONG, clock=office.clock)
    with pytest.raises(AccountLocked):
        sign_in(office.path, coach, password, clock=office.clock)

    view = _view(qtbot, office, runner)
    row = _row(view, coach)
    assert view.model.rows[row].status.startswith("Locked after failed sign-ins")
    assert "1 cannot sign in" in view.status.text()
    view.table.selectRow(row)
    view.unlock_button.click()
    _done(qtbot, view, runner, f"{coach}: unlocked")
    assert view.model.rows[_row(view, coach)].status == "Active"
    office.sign_in(coach, password)


def test_disable_enable_and_change_role(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    agent, password = STAFF[Role.AGENT]
    view = _view(qtbot, office, runner)
    view.table.selectRow(_row(view, agent))
    view.disable_button.click()
    _done(qtbot, view, runner, f"{agent}: disabled")
    assert view.model.rows[_row(view, agent)].status == "Disabled (by an administrator)"
    with pytest.raises(AccountDisabled):
        sign_in(office.path, agent, password, clock=office.clock)

    view.enable_button.click()
    _done(qtbot, view, runner, f"{agent}: enabled")
    view.role.setCurrentIndex(view.role.findData(Role.COACH))
    view.role_button.click()
    _done(qtbot, view, runner, f"{agent}: now Career coach")
    assert office.sign_in(agent, password).role is Role.COACH


def test_adding_an_account_names_the_field_in_trouble_and_keeps_the_typing(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    view = _view(qtbot, office, runner)
    qtbot.keyClicks(view.new_username, "dana.reyes")
    qtbot.keyClicks(view.new_name, "Dana Reyes")
    view.new_role.setCurrentIndex(view.new_role.findData(Role.SUPERVISOR))
    qtbot.keyClicks(view.new_password, "short")
    qtbot.keyClicks(view.new_password_again, "short")
    view.add_button.click()
    _done(qtbot, view, runner, "Password needs")
    assert view.new_username.text() == "dana.reyes"  # nothing typed is lost

    good = "Seventeen chars Ok 4!"
    for field in (view.new_password, view.new_password_again):
        field.clear()
    qtbot.keyClicks(view.new_password, good)
    qtbot.keyClicks(view.new_password_again, good + "x")
    view.add_button.click()
    assert view.status.text().startswith("Password again:")

    view.new_password_again.clear()
    qtbot.keyClicks(view.new_password_again, good)
    view.add_button.click()
    _done(qtbot, view, runner, "dana.reyes: added as Supervisor")
    assert view.new_username.text() == ""
    assert view.model.rows[_row(view, "dana.reyes")].role is Role.SUPERVISOR
    assert office.sign_in("dana.reyes", good).role is Role.SUPERVISOR


def test_only_administrators_are_offered_staff_accounts(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    for role in Role:
        window = MainWindow(office.sign_in_as(role), runner)
        qtbot.addWidget(window)
        titles = offered(window)
        assert ("&Staff accounts" in titles) is (role is Role.ADMINISTRATOR)
        qtbot.waitUntil(lambda: runner.busy == 0, timeout=15000)


def test_team_assignment_from_the_list(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    agent, lead = STAFF[Role.AGENT][0], STAFF[Role.SUPERVISOR][0]
    view = _view(qtbot, office, runner)
    assert view.model.rows[_row(view, agent)].team_of == ""
    view.table.selectRow(_row(view, agent))
    view.team.setCurrentIndex(view.team.findData(lead))
    view.team_button.click()
    _done(qtbot, view, runner, f"{agent}: in {lead}'s team")
    assert view.model.rows[_row(view, agent)].team_of == lead
    assert "super1" in view.team.currentText()

    view.team.setCurrentIndex(view.team.findData(""))
    view.team_button.click()
    _done(qtbot, view, runner, f"{agent}: in no team")
    assert view.model.rows[_row(view, agent)].team_of == ""

    view.table.selectRow(_row(view, lead))  # a supervisor is in nobody's team
    view.team.setCurrentIndex(view.team.findData(lead))
    view.team_button.click()
    _done(qtbot, view, runner, "Only agents and coaches")


def test_an_account_renamed_by_sync_says_so(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    """What a sync that met the same user name twice leaves (services.username_clash)."""
    coach, _ = STAFF[Role.COACH]
    renamed = f"{coach}--0a1b2c"
    admin = office.sign_in()
    with admin.store.write() as conn:
        conn.execute(
            update(app_user)
            .where(app_user.c.username == coach)
            .values(username=renamed, renamed_from=coach)
        )
    view = _view(qtbot, office, runner)
    cells = staff_cells(view.model.rows[_row(view, renamed)])
    assert cells[4] == f"Active; renamed by sync from {coach}"
    assert "1 renamed by sync (tell each person their new user name)" in view.status.text()
