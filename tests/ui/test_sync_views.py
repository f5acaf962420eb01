"""The sync status-bar widget and the conflict review, on a real office synced through an
SQLite central store (the PostgreSQL protocol tests live in tests/sync)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses
from sync.support import Office as SyncOffice
from sync.support import make_office, widened_mycaa

from seco_desktop.domain.models import Spouse
from seco_desktop.services import records, rulesets
from seco_desktop.services.sync_review import open_conflicts, restore
from seco_desktop.store import spouses
from seco_desktop.store.meta import set_meta
from seco_desktop.ui.conflict_review import COLUMNS, ConflictReview
from seco_desktop.ui.sync_status import SyncController, SyncStatusWidget
from seco_desktop.ui.tasks import TaskRunner


@pytest.fixture
def synced(office_template: tuple[Path, str], tmp_path: Path) -> Iterator[SyncOffice]:
    office = make_office(office_template, tmp_path, f"sqlite:///{tmp_path / 'central.db'}", 2)
    try:
        yield office
    finally:
        office.close()


def _status(qtbot: QtBot, session, runner: TaskRunner) -> tuple[SyncController, SyncStatusWidget]:  # type: ignore[no-untyped-def]
    controller = SyncController(session, runner, interval_ms=3_600_000)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    return controller, widget


def test_status_bar_shows_a_background_sync_and_its_result(
    qtbot: QtBot, synced: SyncOffice, runner: TaskRunner
) -> None:
    a, b = synced.workstations
    spouse = records.register(a.s, make_spouses(1, seed=61)[0])
    controller, widget = _status(qtbot, a.s, runner)
    states: list[str] = []
    controller.state_changed.connect(lambda s: states.append(s.kind))

    controller.start()
    qtbot.waitUntil(lambda: controller.state.kind == "online" and runner.busy == 0, timeout=15000)

    assert "syncing" in states
    assert "last sync" in widget.label.text()
    assert not widget.progress.isVisible()
    controller.stop()
    synced.sync(b)
    with b.s.store.read() as conn:
        assert spouses.get_spouse(conn, spouse.id).dod_id == spouse.dod_id


def test_status_bar_says_offline_and_keeps_the_changes(
    qtbot: QtBot, synced: SyncOffice, runner: TaskRunner
) -> None:
    a = synced.workstations[0]
    with a.s.store.write() as conn:
        set_meta(conn, "central.url", "postgresql://postgres@127.0.0.1:1/nowhere")
    records.register(a.s, make_spouses(1, seed=62)[0])
    controller, widget = _status(qtbot, a.s, runner)

    controller.start()
    qtbot.waitUntil(lambda: controller.state.kind == "offline" and runner.busy == 0, timeout=15000)

    assert widget.label.text().startswith("Offline")
    assert widget.sync_button.isEnabled()
    controller.stop()


def test_a_store_without_a_central_store_works_alone(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    controller, widget = _status(qtbot, office.sign_in(), runner)
    controller.start()
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=15000)
    assert controller.state.kind == "standalone"
    assert not widget.sync_button.isVisible()
    assert not controller.timer.isActive()


def _same_field_changed_on_both(synced: SyncOffice, seed: int) -> Spouse:
    """A spouse synced to both desks, then its career goals changed on each (a's first), then
    both synced: one conflict, found by b's sync."""
    a, b = synced.workstations
    spouse = records.register(a.s, make_spouses(1, seed=seed)[0])
    synced.sync_all()
    for ws, goal in ((a, "Dental hygienist"), (b, "Web developer")):
        with ws.s.store.read() as conn:
            current = spouses.get_spouse(conn, spouse.id)
        records.edit(ws.s, dataclasses.replace(current, career_goals=goal))
        synced.clock.advance(minutes=1)
    synced.sync_all()
    return spouse


def test_conflict_review_restores_the_other_value_in_one_step(
    qtbot: QtBot, synced: SyncOffice, runner: TaskRunner
) -> None:
    a, b = synced.workstations
    spouse = _same_field_changed_on_both(synced, seed=63)
    (conflict,) = open_conflicts(b.s)

    review = ConflictReview(b.s, runner)
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: review.table.rowCount() == 1 and runner.busy == 0, timeout=15000)
    assert review.table.item(0, 2).text() == "Web developer"  # in force
    assert review.table.item(0, 3).text() == "Dental hygienist"  # the other, side by side
    review.table.selectRow(0)
    assert review.restore_button.isEnabled()
    with qtbot.waitSignal(review.changed, timeout=15000):
        review.restore_button.click()
    qtbot.waitUntil(lambda: review.table.rowCount() == 0 and runner.busy == 0, timeout=15000)

    synced.sync_all()
    for ws in (a, b):
        with ws.s.store.read() as conn:
            assert spouses.get_spouse(conn, spouse.id).career_goals == "Dental hygienist"
    assert conflict.id not in {c.id for c in open_conflicts(b.s)}


def test_conflict_review_lists_a_conflict_found_elsewhere_and_who_resolved_it(
    qtbot: QtBot, synced: SyncOffice, runner: TaskRunner
) -> None:
    a, b = synced.workstations
    _same_field_changed_on_both(synced, seed=64)  # b's sync merges: found there, and shared

    controller, widget = _status(qtbot, a.s, runner)
    controller.refresh_conflicts()
    qtbot.waitUntil(lambda: controller.state.conflicts == 1 and runner.busy == 0, timeout=15000)
    assert widget.conflicts_button.text() == "1 conflict(s) to review"  # a counts it too
    review = ConflictReview(a.s, runner)  # the desk whose value lost
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: review.table.rowCount() == 1 and runner.busy == 0, timeout=15000)
    assert COLUMNS[5] == "Found on"
    assert review.table.item(0, 5).text() == "another workstation"
    assert review.table.item(0, 3).text() == "Dental hygienist"
    assert review.table.isColumnHidden(6)

    (conflict,) = open_conflicts(b.s)
    restore(b.s, conflict.id)  # on the other desk
    synced.sync_all()
    review.refresh_after_sync()
    qtbot.waitUntil(lambda: review.table.rowCount() == 0 and runner.busy == 0, timeout=15000)
    assert review.status.text() == "No conflicts"

    assert review.show_resolved.accessibleName() == "Show resolved conflicts"
    assert "&" in review.show_resolved.text()  # Alt+S
    review.show_resolved.setFocus()
    qtbot.keyClick(review.show_resolved, Qt.Key.Key_Space)  # keyboard only
    qtbot.waitUntil(lambda: review.table.rowCount() == 1 and runner.busy == 0, timeout=15000)
    assert not review.table.isColumnHidden(6)
    assert review.table.accessibleName() == "Resolved sync conflicts"
    assert review.table.item(0, 6).text().startswith("Restored by ")
    review.table.selectRow(0)
    assert not review.keep_button.isEnabled()  # closed: nothing to do
    assert not review.restore_button.isEnabled()
    controller.refresh_conflicts()
    qtbot.waitUntil(lambda: controller.state.conflicts == 0 and runner.busy == 0, timeout=15000)
    assert not widget.conflicts_button.isVisibleTo(widget)


def test_a_rule_set_conflict_is_shown_and_cannot_be_restored(
    qtbot: QtBot, synced: SyncOffice, runner: TaskRunner
) -> None:
    a, b = synced.workstations
    rulesets.add_ruleset(a.s, widened_mycaa("mycaa-2026.1", "E-7"))
    rulesets.add_ruleset(b.s, widened_mycaa("mycaa-2026.1", "E-8"))
    synced.sync_all()

    review = ConflictReview(b.s, runner)
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: review.table.rowCount() == 1 and runner.busy == 0, timeout=15000)
    assert review.table.item(0, 1).text() == "Rule set added on two workstations (body)"
    assert review.table.item(0, 0).text() == "Rule set mycaa-2026.1"
    assert review.table.item(0, 2).text() == "rule set mycaa-2026.1"
    assert review.table.item(0, 3).text() == "rule set mycaa-2026.1, other content"
    review.table.selectRow(0)
    assert not review.restore_button.isEnabled()
    assert review.keep_button.isEnabled()
