"""Checking the audit chain from the audit view: administrators only; an intact chain says so,
an altered entry is named (the same check as ``seco-admin audit verify``)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses
from sqlalchemy import update

from seco_desktop.domain.reference import Role
from seco_desktop.services import records
from seco_desktop.store.schema import audit_entry
from seco_desktop.ui.audit_view import AuditView
from seco_desktop.ui.tasks import TaskRunner


def _checked(qtbot: QtBot, view: AuditView, runner: TaskRunner) -> str:
    assert view.chain_check is not None
    view.chain_check.check_button.click()
    qtbot.waitUntil(lambda: runner.busy == 0 and view.chain_check.details.isVisibleTo(view))  # type: ignore[union-attr]
    return view.chain_check.verdict.text()


def test_an_administrator_checks_the_chain_and_sees_an_altered_entry_named(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    records.register(office.sign_in_as(Role.AGENT), make_spouses(1)[0])
    admin = office.sign_in()
    view = AuditView(admin, runner)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: runner.busy == 0)
    assert _checked(qtbot, view, runner).startswith("Intact")
    details = view.chain_check.details.toPlainText()  # type: ignore[union-attr]
    assert "The audit trail is intact" in details
    assert "no central store is configured" in details

    with admin.store.write() as conn:
        conn.execute(update(audit_entry).where(audit_entry.c.seq == 3).values(action="view"))
    assert _checked(qtbot, view, runner).startswith("NOT intact")
    assert "#3: modified" in view.chain_check.details.toPlainText()  # type: ignore[union-attr]


def test_a_supervisor_has_no_chain_check(qtbot: QtBot, office: Office, runner: TaskRunner) -> None:
    view = AuditView(office.sign_in_as(Role.SUPERVISOR), runner)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: runner.busy == 0)
    assert view.chain_check is None
