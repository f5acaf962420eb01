"""The registration wizard on real widgets over a real store, driven by the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from enum import Enum
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from services.support import TODAY, Office, make_spouses

from seco_desktop.domain.eligibility import RuleBook, decide_mycaa, decide_seco
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Branch, Program, Role, SponsorStatus
from seco_desktop.domain.registration import Step
from seco_desktop.services import records, registration
from seco_desktop.services.session import Session
from seco_desktop.store import ineligible_calls
from seco_desktop.ui.background_entries import BACKGROUND_PATHS
from seco_desktop.ui.entry_list import EntryListEditor
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.wizard import RegistrationWizard
from seco_desktop.ui.wizard.fields import date_text, label_of

WAIT_MS = 15_000
BOOK = RuleBook.builtin()


@pytest.fixture
def agent(office: Office) -> Session:
    return office.sign_in_as(Role.AGENT)


def eligible(spouses: list[Spouse], *, mycaa: bool | None = None) -> Spouse:
    for s in spouses:
        if decide_seco(s, TODAY, BOOK).eligible and (
            mycaa is None or decide_mycaa(s, TODAY, BOOK).eligible is mycaa
        ):
            return s
    raise AssertionError("no such spouse in the generated set")


def open_wizard(
    qtbot: QtBot, agent: Session, runner: TaskRunner, **kw: object
) -> RegistrationWizard:
    wizard = RegistrationWizard(agent, runner, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitExposed(wizard)
    return wizard


@pytest.fixture
def wizard(qtbot: QtBot, agent: Session, runner: TaskRunner) -> Iterator[RegistrationWizard]:
    widget = open_wizard(qtbot, agent, runner)
    yield widget
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=WAIT_MS)


# --- the keyboard ------------------------------------------------------------------------------


def focus(qtbot: QtBot, wizard: QWidget, target: QWidget) -> None:
    """Press Tab until ``target`` has the focus (the tab order must reach it)."""
    for _ in range(80):
        if target.hasFocus():
            return
        qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def type_text(qtbot: QtBot, target: QWidget, text: str) -> None:
    """Type ``text``; a letter QTest cannot spell (Vietnamese, say) goes as a key event with text,
    as an input method would send it."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(target, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(target, event)


def enter(qtbot: QtBot, wizard: QWidget, target: QWidget, value: object) -> None:
    """Set one field by keyboard: type text, choose a combo item by its first letters, tick."""
    focus(qtbot, wizard, target)
    if isinstance(target, QAbstractButton):
        if target.isChecked() is not bool(value):
            qtbot.keyClick(target, Qt.Key.Key_Space)
        return
    if isinstance(target, QComboBox):
        qtbot.keyClick(target, Qt.Key.Key_Home)  # then Down to the item (Space opens the list)
        for _ in range(target.count()):
            if target.currentText() == str(value):
                break
            qtbot.keyClick(target, Qt.Key.Key_Down)
        assert target.currentText() == str(value)
        return
    if isinstance(target, QLineEdit | QSpinBox | QPlainTextEdit):
        qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(target, Qt.Key.Key_Delete)
        type_text(qtbot, target, str(value))
        return
    raise AssertionError(f"no keyboard entry for {type(target).__name__}")


def fill(qtbot: QtBot, wizard: RegistrationWizard, values: Mapping[str, object]) -> None:
    for path, value in values.items():
        enter(qtbot, wizard, wizard.page.fields[path], value)


def press_next(qtbot: QtBot, wizard: RegistrationWizard) -> None:
    """Enter = Next (from a one-line field: Shift+Tab out of a multi-line one or a button)."""
    for _ in range(5):
        current = QApplication.focusWidget()
        if not isinstance(current, QPlainTextEdit | QPushButton):
            break
        qtbot.keyClick(current, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)


def answers(s: Spouse) -> dict[str, object]:
    sp = s.sponsor
    values: dict[str, object] = {
        "sponsor.branch": sp.branch.label,
        "sponsor.component": sp.component.label,
        "sponsor.status": sp.status.label,
        "is_service_member": "Yes" if s.is_service_member else "No",
    }
    if sp.status is not SponsorStatus.SERVING and sp.separation_date:
        values["sponsor.separation_date"] = date_text(sp.separation_date)
    return values


def profile(s: Spouse) -> dict[str, object]:
    values: dict[str, object] = {
        "name.first": s.name.first, "name.last": s.name.last, "dod_id": s.dod_id,
        "date_of_birth": date_text(s.date_of_birth), "gender": s.gender.label,
        "email": s.email, "phone": s.phone, "years_as_military_spouse": s.years_as_military_spouse,
    }  # fmt: skip
    if s.name.middle:
        values["name.middle"] = s.name.middle
    if s.address is not None:
        a = s.address
        values["address.kind"] = (
            "Military (APO/FPO/DPO)" if a.kind == "military" else "Domestic (US)"
        )
        values |= {"address.line1": a.line1, "address.city": a.city, "address.state": a.state}
        values |= {"address.postal_code": a.postal_code, "address.line2": a.line2}
    return {k: v for k, v in values.items() if v != ""}


def details(s: Spouse) -> dict[str, object]:
    sp = s.sponsor
    values: dict[str, object] = {
        "sponsor.name.first": sp.name.first, "sponsor.name.last": sp.name.last,
        "sponsor.dod_id": sp.dod_id, "sponsor.pay_grade": sp.pay_grade,
        "sponsor.service_entry_date": date_text(sp.service_entry_date),
        "sponsor.projected_separation_date": date_text(sp.projected_separation_date),
        "sponsor.on_title10_orders": sp.on_title10_orders,
        "sponsor.reserve_phase": sp.reserve_phase.label,
        "legally_separated": s.legally_separated, "career_goals": s.career_goals,
    }  # fmt: skip
    return {k: v for k, v in values.items() if v != ""}


def entry_values(entry: object, editor: EntryListEditor[Any]) -> dict[str, object]:
    """What a person types into an entry's form: dates as MM/DD/YYYY, codes as their words."""
    values: dict[str, object] = {}
    for name, widget in editor.editors.items():
        value = getattr(entry, name)
        if isinstance(value, date):
            value = date_text(value)
        elif isinstance(value, Enum):
            value = label_of(value)
        elif value is None:
            value = ""
        if value != "" or isinstance(widget, QAbstractButton):
            values[name] = value
    return values


def add_background(qtbot: QtBot, wizard: RegistrationWizard, s: Spouse) -> None:
    """Every education, job, certificate or license, and skill, added by keyboard."""
    tabs = wizard.page.background  # type: ignore[attr-defined]
    for path, editor in tabs.editors.items():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # leave the last entry
        shortcut = tabs.tabBar().tabText(tabs.indexOf(editor)).partition("&")[2][0]
        qtbot.keyClick(QApplication.focusWidget(), shortcut, Qt.KeyboardModifier.AltModifier)
        assert tabs.currentWidget() is editor
        for entry in getattr(s, path):
            enter(qtbot, wizard, editor.add_button, False)
            qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
            for name, value in entry_values(entry, editor).items():
                enter(qtbot, wizard, editor.editors[name], value)


def walk_to_profile(qtbot: QtBot, wizard: RegistrationWizard, s: Spouse) -> None:
    assert wizard.header.text().startswith("Before you start")
    enter(qtbot, wizard, wizard.page.fields["consent"], True)
    press_next(qtbot, wizard)
    assert wizard.state.step is Step.ELIGIBILITY
    fill(qtbot, wizard, answers(s))
    press_next(qtbot, wizard)
    assert wizard.state.step is Step.PROFILE, wizard.page.form_message.text()
    assert wizard.header.text() == "Step 1 of 3: Profile"


def checked(qtbot: QtBot, wizard: RegistrationWizard, runner: TaskRunner) -> None:
    qtbot.waitUntil(
        lambda: runner.busy == 0 and not wizard.flow.needs_duplicate_check(), timeout=WAIT_MS
    )


# --- the tests ---------------------------------------------------------------------------------


def test_a_whole_registration_by_keyboard_stores_the_record(
    qtbot: QtBot, wizard: RegistrationWizard, agent: Session, runner: TaskRunner
) -> None:
    full = [x for x in make_spouses(80) if all(getattr(x, p) for p in BACKGROUND_PATHS)]
    s = eligible(full, mycaa=True)  # with every kind of background entry to type in
    walk_to_profile(qtbot, wizard, s)
    fill(qtbot, wizard, profile(s))
    checked(qtbot, wizard, runner)
    assert wizard.profile.duplicates.count() == 0
    press_next(qtbot, wizard)
    assert wizard.state.step is Step.DETAILS, wizard.state.profile
    assert wizard.header.text() == "Step 2 of 3: Details"
    fill(qtbot, wizard, details(s))
    add_background(qtbot, wizard, s)
    press_next(qtbot, wizard)
    assert wizard.state.step is Step.CONGRATULATIONS, wizard.page.error_text("background")
    assert wizard.state.mycaa is not None
    page = wizard.page
    assert "MyCAA: eligible" in page.mycaa.text()  # type: ignore[attr-defined]
    for reason in wizard.state.mycaa.reasons:
        assert reason in page.mycaa.text()  # type: ignore[attr-defined]
    enter(qtbot, wizard, page.fields["msep_opt_in"], True)
    with qtbot.waitSignal(wizard.registered, timeout=WAIT_MS) as done:
        press_next(qtbot, wizard)  # "Finish"
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=WAIT_MS)
    assert wizard.result() == QDialog.DialogCode.Accepted
    view = records.open_record(agent, done.args[0])
    assert view.spouse.dod_id == s.dod_id
    assert view.spouse.name.last == s.name.last
    assert view.spouse.msep_opt_in
    assert view.decisions[Program.SECO].eligible
    assert view.decisions[Program.MYCAA].eligible
    assert list(view.decisions[Program.MYCAA].reasons) == wizard.state.mycaa.reasons
    stored, sponsor = view.spouse, view.spouse.sponsor
    assert (stored.email, stored.address, stored.date_of_birth) == (
        s.email, s.address, s.date_of_birth,
    )  # fmt: skip
    assert (sponsor.dod_id, sponsor.pay_grade, sponsor.branch) == (
        s.sponsor.dod_id, s.sponsor.pay_grade, s.sponsor.branch,
    )  # fmt: skip
    for path in BACKGROUND_PATHS:
        assert getattr(stored, path) == getattr(s, path), path
    consent = view.spouse.consent
    assert consent is not None
    assert consent.on_behalf
    assert consent.read_aloud
    assert consent.recorded_by == agent.user.id


def test_the_buttons_have_their_keys(wizard: RegistrationWizard) -> None:
    assert wizard.next_button.isDefault()  # Enter = Next
    assert wizard.next_button.shortcut().toString() == "Alt+N"
    assert wizard.back_button.shortcut().toString() == "Alt+B"
    for page in wizard.pages.values():
        for path, field in page.fields.items():
            assert field.accessibleName(), path


def test_a_coast_guard_sponsor_ends_on_the_ineligible_page_and_the_note_is_kept(
    qtbot: QtBot, wizard: RegistrationWizard, agent: Session, runner: TaskRunner
) -> None:
    enter(qtbot, wizard, wizard.page.fields["consent"], True)
    press_next(qtbot, wizard)
    fill(qtbot, wizard, {
        "sponsor.branch": Branch.COAST_GUARD.label, "sponsor.component": "Active duty",
        "sponsor.status": "Serving", "is_service_member": "No",
    })  # fmt: skip
    press_next(qtbot, wizard)
    assert wizard.state.step is Step.INELIGIBLE
    assert wizard.state.seco is not None
    assert not wizard.state.seco.eligible
    reasons = wizard.page.reasons.text()  # type: ignore[attr-defined]
    assert "Coast Guard" in reasons
    assert all(r in reasons for r in wizard.state.seco.reasons)
    enter(qtbot, wizard, wizard.page.fields["ineligible_note"], "Referred to Coast Guard")
    assert wizard.next_button.text() == "&Close"
    wizard.next_button.setFocus()
    with qtbot.waitSignal(wizard.ineligible_recorded, timeout=WAIT_MS) as recorded:
        qtbot.keyClick(wizard.next_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=WAIT_MS)
    assert wizard.flow.step is Step.END_INELIGIBLE
    assert wizard.result() == QDialog.DialogCode.Accepted
    with agent.store.read() as conn:
        (call,) = ineligible_calls.list_calls(conn)
    assert call.id == recorded.args[0]
    assert call.note == "Referred to Coast Guard"
    assert list(call.reasons) == wizard.state.seco.reasons
    assert call.agent_id == agent.user.id
    assert registration.list_drafts(agent) == []


def test_a_nine_digit_dod_id_is_refused_at_its_field(
    qtbot: QtBot, wizard: RegistrationWizard
) -> None:
    s = eligible(make_spouses(20))
    walk_to_profile(qtbot, wizard, s)
    fill(qtbot, wizard, {"name.first": "Dana", "name.last": "Whitfield", "dod_id": "123456789"})
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter = Next
    assert wizard.state.step is Step.PROFILE
    page = wizard.page
    message = page.error_text("dod_id")
    assert message
    dod_id = page.fields["dod_id"]
    assert dod_id.accessibleDescription() == message
    assert dod_id.hasFocus()
    assert page.line("name.first") == "Dana"
    assert page.line("name.last") == "Whitfield"
    assert page.line("dod_id") == "123456789"


def test_a_registered_dod_id_offers_the_existing_record(
    qtbot: QtBot, wizard: RegistrationWizard, agent: Session, runner: TaskRunner
) -> None:
    existing = records.register(agent, make_spouses(20)[0])
    walk_to_profile(qtbot, wizard, eligible(make_spouses(20, seed=3)))
    fill(qtbot, wizard, {"dod_id": existing.dod_id})
    checked(qtbot, wizard, runner)
    page = wizard.profile
    assert page.duplicates.count() == 1
    assert page.open_button.isVisible()
    assert existing.name.last in page.duplicates.item(0).text()
    focus(qtbot, wizard, page.open_button)
    with qtbot.waitSignal(wizard.open_record_requested, timeout=WAIT_MS) as chosen:
        qtbot.keyClick(page.open_button, Qt.Key.Key_Space)
    assert chosen.args == [existing.id]
    assert wizard.state.step is Step.END_OPEN_EXISTING
    assert wizard.result() == QDialog.DialogCode.Accepted


def test_a_saved_draft_resumes_at_the_same_step_with_the_same_values(
    qtbot: QtBot, wizard: RegistrationWizard, agent: Session, runner: TaskRunner
) -> None:
    s = eligible(make_spouses(20))
    walk_to_profile(qtbot, wizard, s)
    typed = {"name.first": s.name.first, "name.last": s.name.last, "email": s.email}
    fill(qtbot, wizard, typed)
    with qtbot.waitSignal(wizard.draft_saved, timeout=WAIT_MS) as saved:
        focus(qtbot, wizard, wizard.save_button)
        qtbot.keyClick(wizard.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=WAIT_MS)
    assert wizard.result() == QDialog.DialogCode.Accepted
    state = registration.resume_draft(agent, saved.args[0])
    again = open_wizard(qtbot, agent, runner, state=state)
    assert again.state.step is Step.PROFILE
    assert again.header.text() == "Step 1 of 3: Profile"
    for path, value in typed.items():
        assert again.page.line(path) == value
    assert again.state == wizard.state


def test_an_unreadable_date_in_a_background_entry_is_shown_with_its_entry(
    qtbot: QtBot, wizard: RegistrationWizard, runner: TaskRunner
) -> None:
    s = eligible(make_spouses(20))
    walk_to_profile(qtbot, wizard, s)
    fill(qtbot, wizard, profile(s))
    checked(qtbot, wizard, runner)
    press_next(qtbot, wizard)
    assert wizard.state.step is Step.DETAILS
    fill(qtbot, wizard, details(s))
    jobs = wizard.page.background.work  # type: ignore[attr-defined]
    wizard.page.background.setCurrentWidget(jobs)  # type: ignore[attr-defined]
    for employer, started in (
        ("Fort Example Library", "03/01/2020"),
        ("Harbor Clinic", "13/45/2020"),
    ):
        enter(qtbot, wizard, jobs.add_button, False)
        qtbot.keyClick(jobs.add_button, Qt.Key.Key_Space)
        typed = {"employer": employer, "title": "Clerk", "start_date": started}
        for name, value in typed.items():
            enter(qtbot, wizard, jobs.editors[name], value)
    jobs.select(0)
    press_next(qtbot, wizard)
    assert wizard.state.step is Step.DETAILS
    message = wizard.page.error_text("background")
    assert message == "Work experience entry 2: Enter the date as MM/DD/YYYY"
    assert jobs.list.currentRow() == 1  # the entry with the problem is the one shown
    assert jobs.editors["start_date"].text() == "13/45/2020"  # nothing typed is lost
    assert [e.employer for e in jobs.entries()[0]] == ["Fort Example Library", "Harbor Clinic"]
