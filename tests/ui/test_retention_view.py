"""The records-due-for-deletion tab: the list, holds from the keyboard, the purge and its
certificate, and who is offered what."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from services.support import STAFF, Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.services import accounts, records, retention
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.ui import retention_view
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.retention_view import RetentionView
from seco_desktop.ui.tasks import TaskRunner
from ui.menus import offered


def _two_due_in_a_month(office: Office) -> list[str]:
    admin = office.sign_in()
    ids = [records.register(admin, s).id for s in make_spouses(2, seed=77)]
    office.clock.now = retention.years_before(office.clock.now, -3)
    office.clock.advance(days=-30)
    return ids


def _loaded(qtbot: QtBot, view: RetentionView, runner: TaskRunner, rows: int) -> None:
    qtbot.waitUntil(lambda: runner.busy == 0 and view.model.rowCount() == rows, timeout=15000)


def test_a_supervisor_holds_a_record_from_the_keyboard(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    held, _free = _two_due_in_a_month(office)
    # Three years on, the supervisor's account is back from inactivity (re-enabled).
    accounts.set_disabled(office.sign_in(), STAFF[Role.SUPERVISOR][0], False)
    supervisor = office.sign_in_as(Role.SUPERVISOR)
    view = RetentionView(supervisor, runner)
    qtbot.addWidget(view)
    _loaded(qtbot, view, runner, 2)
    assert "2 record(s) due for deletion within 90 days; 0 held" in view.status.text()
    assert not view.purge_button.isVisibleTo(view)  # purging is for administrators

    row = next(i for i, r in enumerate(view.model.rows) if r.spouse_id == held)
    view.table.selectRow(row)
    view.place_hold()  # no reason typed yet
    assert view.status.text().startswith("Hold reason:")
    assert retention.upcoming(supervisor)[0].hold_reason is None

    qtbot.keyClicks(view.reason, "Open Privacy Act request")
    view.hold_button.click()
    qtbot.waitUntil(lambda: runner.busy == 0 and "1 held" in view.status.text(), timeout=15000)
    shown = {r.spouse_id: r.hold_reason for r in view.model.rows}
    assert shown[held] == "Open Privacy Act request"

    office.clock.advance(days=30)
    assert retention.purge(office.sign_in()).purged == [_free]


def test_an_administrator_previews_purges_and_keeps_the_certificate(
    qtbot: QtBot,
    office: Office,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = _two_due_in_a_month(office)
    office.clock.advance(days=30)
    admin = office.sign_in()
    view = RetentionView(admin, runner)
    qtbot.addWidget(view)
    _loaded(qtbot, view, runner, 2)

    due_column = [view.model.index(r, 2).data() for r in range(2)]
    assert all(text.startswith("Now (due since ") for text in due_column)

    view.preview_button.click()
    qtbot.waitUntil(lambda: "would be deleted" in view.status.text(), timeout=15000)
    assert "DRY RUN" in view.certificate.toPlainText()
    assert records.open_record(admin, ids[0]).spouse.id == ids[0]

    asked: list[int] = []
    monkeypatch.setattr(retention_view, "confirm_purge", lambda _p, n: asked.append(n) or False)
    view.purge_button.click()
    assert asked == [2]
    assert runner.busy == 0  # answered Cancel: nothing ran
    assert records.open_record(admin, ids[0]).spouse.id == ids[0]

    monkeypatch.setattr(retention_view, "confirm_purge", lambda _p, n: True)
    view.purge_button.click()
    qtbot.waitUntil(lambda: runner.busy == 0 and view.model.rowCount() == 0, timeout=15000)
    assert "Purge certificate" in view.certificate.toPlainText()
    for record_id in ids:
        assert record_id in view.certificate.toPlainText()
        with pytest.raises(RecordNotFound):
            records.open_record(admin, record_id)
    target = tmp_path / "certificate.txt"
    view.save_certificate(target)
    assert target.read_text().startswith("SECO Desktop retention Purge certificate")
    assert target.stat().st_mode & 0o077 == 0


def test_the_menu_offers_the_view_to_supervisors_and_administrators_only(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    for role, expected in (
        (Role.AGENT, False),
        (Role.COACH, False),
        (Role.SUPERVISOR, True),
        (Role.ADMINISTRATOR, True),
    ):
        window = MainWindow(office.sign_in_as(role), runner)
        qtbot.addWidget(window)
        titles = offered(window)
        assert ("Records due for &deletion" in titles) is expected, role
        if expected:
            window.open_retention_view()
            assert isinstance(window.tabs.currentWidget(), RetentionView)
            qtbot.waitUntil(lambda: runner.busy == 0, timeout=15000)
