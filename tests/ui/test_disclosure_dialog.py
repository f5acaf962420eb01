"""The disclosure step: a summary for someone outside the program is released only with the
recipient, address, purpose and nature recorded in the Privacy Act accounting."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from services.support import Office, make_spouses

from seco_desktop.domain.reference import Role
from seco_desktop.services import disclosures, records
from seco_desktop.services.reports.summary import build_summary
from seco_desktop.ui.disclosure_dialog import DisclosureDialog, disclosure_step


def test_every_missing_field_is_named_and_nothing_is_recorded(qtbot: QtBot, office: Office) -> None:
    coach = office.sign_in_as(Role.COACH)
    spouse = records.register(coach, make_spouses(1, seed=5)[0])
    dialog = DisclosureDialog(coach, spouse.id, "Spouse summary (PDF, 2 pages)")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.nature.clear()

    dialog.record_button.click()

    assert dialog.recorded is None
    for path in ("recipient_name", "recipient_address", "purpose", "nature"):
        assert "is required for a disclosure" in dialog._problems.text(path), path
    qtbot.waitUntil(dialog.name.hasFocus)  # the first field in error
    assert disclosures.accounting(office.sign_in_as(Role.SUPERVISOR), spouse.id).disclosures == []


def test_a_recorded_disclosure_is_in_the_spouses_accounting(qtbot: QtBot, office: Office) -> None:
    coach = office.sign_in_as(Role.COACH)
    spouse = records.register(coach, make_spouses(1, seed=6)[0])
    dialog = DisclosureDialog(coach, spouse.id, "Spouse summary (PDF, 2 pages)")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Example County Workforce Office")
    dialog.address.setFocus()
    qtbot.keyClicks(dialog.address, "100 Example Street, Springfield, VA 22150")
    qtbot.keyClicks(dialog.purpose, "Employment referral requested by the spouse")

    dialog.record_button.click()

    assert dialog.recorded is not None
    (made,) = disclosures.accounting(office.sign_in_as(Role.SUPERVISOR), spouse.id).disclosures
    assert made.recipient_name == "Example County Workforce Office"
    assert made.purpose == "Employment referral requested by the spouse"
    assert made.nature == "Spouse summary (PDF, 2 pages)"


def test_program_reports_are_released_without_a_disclosure(qtbot: QtBot, office: Office) -> None:
    coach = office.sign_in_as(Role.COACH)
    spouse = records.register(coach, make_spouses(1, seed=7)[0])
    summary = build_summary(coach, spouse.id)
    parent = QWidget()
    qtbot.addWidget(parent)
    program_like = type(summary)(
        "program-report", "Program report", summary.pdf, summary.pages, summary.generated_at
    )
    assert disclosure_step(coach)(parent, program_like) is True
    assert disclosures.accounting(office.sign_in_as(Role.SUPERVISOR), spouse.id).disclosures == []
