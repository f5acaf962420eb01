"""The audit view: administrators see everyone, supervisors their team, agents are refused;
filters narrow the rows; export writes CSV."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from services.support import STAFF, Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.services import accounts, records
from seco_desktop.ui.audit_view import COL_ACTION, COL_ROLE, AuditView, can_open
from seco_desktop.ui.tasks import TaskRunner


def _view(qtbot: QtBot, session: object, runner: TaskRunner) -> AuditView:
    view = AuditView(session, runner)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: runner.busy == 0 and "Loading" not in view.status.text(), timeout=10000)
    return view


def _column(view: AuditView, column: int) -> set[str]:
    model = view.model
    return {model.data(model.index(r, column)) for r in range(model.rowCount())}  # type: ignore[misc]


def test_an_administrator_sees_everyone_and_filters_by_action(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    agent = office.sign_in_as(Role.AGENT)
    records.register(agent, make_spouses(1)[0])
    admin = office.sign_in()
    view = _view(qtbot, admin, runner)
    assert {"agent", "administrator"} <= _column(view, COL_ROLE)

    view.action.setCurrentText("create")
    view.reload()
    qtbot.waitUntil(lambda: runner.busy == 0 and _column(view, COL_ACTION) == {"create"},
                    timeout=10000)  # fmt: skip


def test_a_supervisor_sees_the_team_only(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    accounts.assign_team(office.sign_in(), STAFF[Role.AGENT][0], STAFF[Role.SUPERVISOR][0])
    records.register(office.sign_in_as(Role.AGENT), make_spouses(1)[0])
    view = _view(qtbot, office.sign_in_as(Role.SUPERVISOR), runner)
    assert "your team" in view.scope_label.text()
    roles = _column(view, COL_ROLE)
    assert "agent" in roles
    assert "administrator" not in roles


def test_an_agent_is_not_offered_the_view_and_is_refused_by_the_service(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    agent = office.sign_in_as(Role.AGENT)
    assert not can_open(agent)
    view = _view(qtbot, agent, runner)
    assert "may not view team audit" in view.status.text()
    assert view.model.rowCount() == 0


def test_export_writes_the_filtered_rows_as_csv(
    qtbot: QtBot, office: Office, runner: TaskRunner, tmp_path: Path
) -> None:
    view = _view(qtbot, office.sign_in(), runner)
    target = tmp_path / "audit.csv"
    view.export_to(target)
    qtbot.waitUntil(lambda: runner.busy == 0 and "Exported" in view.status.text(), timeout=10000)
    assert target.read_text().startswith("seq,at_utc,user,role,action")
