"""RecordView on real widgets over a real store: what a coach sees, saving, and notes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QWidget
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses

from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import ContactType, Program, Role
from seco_desktop.services import records
from seco_desktop.services.session import Session
from seco_desktop.ui.record import RecordView
from seco_desktop.ui.record.record_view import OPENING
from seco_desktop.ui.tasks import TaskRunner

WAIT_MS = 15_000  # generous: a loaded two-core machine, SQLCipher and Qt in one process


@pytest.fixture
def coach(office: Office) -> Session:
    return office.sign_in_as(Role.COACH)


@pytest.fixture
def spouse(coach: Session) -> Spouse:
    return records.register(coach, make_spouses(1, seed=31)[0])


@pytest.fixture
def view(qtbot: QtBot, coach: Session, runner: TaskRunner, spouse: Spouse) -> Iterator[RecordView]:
    widget = RecordView(coach, runner, spouse.id)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    qtbot.waitUntil(lambda: widget.record is not None, timeout=WAIT_MS)
    yield widget
    assert runner.wait_idle(WAIT_MS)


def idle(qtbot: QtBot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=WAIT_MS)


def test_opening_shows_the_record_and_both_decisions(
    qtbot: QtBot, coach: Session, runner: TaskRunner, spouse: Spouse
) -> None:
    widget = RecordView(coach, runner, spouse.id)
    qtbot.addWidget(widget)
    assert widget.status.text() == OPENING  # busy at once; the store is read in the background
    with qtbot.waitSignal(widget.title_changed, timeout=WAIT_MS) as signal:
        widget.show()
    assert signal.args == [f"{spouse.name.last}, {spouse.name.first}"]
    idle(qtbot, runner)
    assert widget.profile.last.text() == spouse.name.last
    assert widget.profile.lines["dod_id"].text() == spouse.dod_id
    assert widget.sponsor.value("dod_id") == spouse.sponsor.dod_id
    assert widget.sponsor.value("branch") == spouse.sponsor.branch.label
    for program, version_prefix in ((Program.SECO, "seco-"), (Program.MYCAA, "mycaa-")):
        text = widget.eligibility.summary(program)
        assert "Eligible" in text or "Not eligible" in text
        assert "• " in text  # at least one reason, as a list item
        assert f"Rule set {version_prefix}" in text
    assert widget.eligibility.used.text().startswith("$")
    history = widget.history.entries.text()  # the decisions recorded at registration
    assert history.count(" UTC — ") == 2
    assert "SECO: " in history
    assert "MyCAA: " in history
    assert "(rule set mycaa-" in history
    assert not widget.save_button.isEnabled()


def test_validation_errors_show_at_the_fields_and_nothing_is_lost(
    qtbot: QtBot, view: RecordView, coach: Session, runner: TaskRunner, spouse: Spouse
) -> None:
    form = view.profile
    form.last.clear()
    form.lines["email"].setText("not-an-email")
    assert view.save_button.isEnabled()
    form.lines["email"].setFocus()
    qtbot.keyClick(form.lines["email"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(form.error_text("name.last")), timeout=WAIT_MS)
    idle(qtbot, runner)
    assert form.error_text("email")
    assert form.last.accessibleDescription() == form.error_text("name.last")
    assert not form.error_text("phone")
    assert form.last.text() == ""
    assert form.lines["email"].text() == "not-an-email"
    assert form.dirty
    assert view.status.text().startswith("Not saved: 2 problems")
    stored = records.open_record(coach, spouse.id).spouse
    assert stored.name.last == spouse.name.last
    assert stored.row_version == spouse.row_version


def test_cancel_puts_the_saved_record_back(view: RecordView, qtbot: QtBot) -> None:
    form = view.profile
    original = form.lines["phone"].text()
    form.lines["phone"].setText("555")
    form.lines["phone"].setFocus()
    qtbot.keyClick(form.lines["phone"], Qt.Key.Key_Escape)
    assert form.lines["phone"].text() == original
    assert not form.dirty


def test_a_good_edit_is_saved(
    qtbot: QtBot, view: RecordView, coach: Session, runner: TaskRunner, spouse: Spouse
) -> None:
    view.profile.lines["address.line2"].setText("Apt 4B")
    view.profile.career_goals.setPlainText("Become a registered nurse")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.status.text() == "Saved", timeout=WAIT_MS)
    idle(qtbot, runner)
    stored = records.open_record(coach, spouse.id).spouse
    assert stored.row_version == spouse.row_version + 1
    assert stored.career_goals == "Become a registered nurse"
    assert not view.profile.dirty
    assert view.record is not None
    assert view.record.spouse.row_version == stored.row_version


def test_a_stale_save_offers_reload(
    qtbot: QtBot, view: RecordView, coach: Session, runner: TaskRunner, spouse: Spouse
) -> None:
    records.edit(coach, records.open_record(coach, spouse.id).spouse)  # someone else saves
    view.profile.lines["phone"].setText("(703) 555-0100")
    view.save()
    qtbot.waitUntil(view.banner.isVisible, timeout=WAIT_MS)
    assert view.banner_text.text().startswith("Someone else saved this record")
    assert view.profile.lines["phone"].text() == "(703) 555-0100"
    qtbot.mouseClick(view.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.profile.dirty, timeout=WAIT_MS)
    idle(qtbot, runner)
    assert view.record is not None
    assert view.record.spouse.row_version == spouse.row_version + 1


def test_a_new_note_goes_to_the_top_of_the_timeline_and_the_store(
    qtbot: QtBot,
    view: RecordView,
    coach: Session,
    office: Office,
    runner: TaskRunner,
    spouse: Spouse,
) -> None:
    casework = view.casework
    records.add_note(coach, spouse.id, ContactType.EMAIL, "Earlier", "Sent the resume guide")
    office.clock.advance(minutes=5)
    casework.contact_type.setCurrentIndex(casework.contact_type.findData(ContactType.CHAT))
    casework.topic.setText("Resume review")
    casework.body.setPlainText("Went through the resume together")
    qtbot.mouseClick(casework.add_note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: casework.timeline.count() == 2, timeout=WAIT_MS)
    idle(qtbot, runner)
    top = casework.timeline.item(0).text()
    assert "Chat · Resume review" in top
    assert "Went through the resume" in top
    assert casework.topic.text() == ""
    stored = records.open_record(coach, spouse.id).notes
    assert [n.topic for n in stored] == ["Earlier", "Resume review"]


def test_a_follow_up_is_added_and_marked_done(
    qtbot: QtBot, view: RecordView, coach: Session, runner: TaskRunner, spouse: Spouse
) -> None:
    casework = view.casework
    casework.description.setText("Call back about the MyCAA plan")
    qtbot.mouseClick(casework.add_follow_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: casework.follow_ups.rowCount() == 1, timeout=WAIT_MS)
    idle(qtbot, runner)
    assert casework.follow_ups.item(0, 3).text() == "Due today"
    assert "(you)" in casework.follow_ups.item(0, 2).text()
    casework.follow_ups.selectRow(0)
    qtbot.mouseClick(casework.mark_done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: casework.follow_ups.item(0, 3).text() == "Done", timeout=WAIT_MS)
    idle(qtbot, runner)
    assert records.open_record(coach, spouse.id).follow_ups[0].done


def test_every_focusable_control_has_an_accessible_name(view: RecordView) -> None:
    unnamed = [
        f"{type(w).__name__} {w.objectName()}"
        for w in view.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisibleTo(view)  # not the closed popups of combo boxes
        and w.focusProxy() is None
        and not isinstance(w.parentWidget(), QAbstractSpinBox)  # the spin box's own editor
        and not w.accessibleName()
    ]
    assert unnamed == []


def test_tab_order_starts_in_the_profile_and_reaches_save(view: RecordView) -> None:
    chain: list[QWidget] = []
    widget: QWidget = view.profile.first
    while not chain or widget is not view.profile.first:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    order = [w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(view)]
    assert order[0] is view.profile.first
    assert order.index(view.profile.last) < order.index(view.save_button)
    assert order.index(view.save_button) < order.index(view.casework.contact_type)


def test_a_skill_added_to_the_record_is_saved_and_a_bad_date_is_caught_first(
    qtbot: QtBot, view: RecordView, coach: Session, runner: TaskRunner, spouse: Spouse
) -> None:
    tabs = view.profile.background
    skills = tabs.skills
    tabs.setCurrentWidget(skills)
    skills.add_button.click()
    qtbot.keyClicks(skills.editors["name"], "Grant writing")
    jobs = tabs.work
    tabs.setCurrentWidget(jobs)
    jobs.add_button.click()
    qtbot.keyClicks(jobs.editors["employer"], "Harbor Clinic")
    qtbot.keyClicks(jobs.editors["title"], "Receptionist")
    qtbot.keyClicks(jobs.editors["start_date"], "02/30/2021")
    assert view.profile.dirty

    view.save()  # refused before it reaches the store: the date cannot be read
    last = len(spouse.work_experience) + 1
    message = view.profile.error_text("background")
    assert message == f"Work experience entry {last}: Enter the date as MM/DD/YYYY"
    assert view.status.text() == "Not saved: 1 problem to fix"
    assert records.open_record(coach, spouse.id).spouse.row_version == spouse.row_version

    jobs.editors["start_date"].clear()
    qtbot.keyClicks(jobs.editors["start_date"], "02/03/2021")
    view.save()
    qtbot.waitUntil(lambda: view.status.text() == "Saved", timeout=WAIT_MS)
    idle(qtbot, runner)
    stored = records.open_record(coach, spouse.id).spouse
    assert [s.name for s in stored.skills][-1] == "Grant writing"
    assert (stored.work_experience[-1].employer, stored.work_experience[-1].start_date) == (
        "Harbor Clinic", date(2021, 2, 3),
    )  # fmt: skip
