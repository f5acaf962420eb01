"""The Privacy Act accounting and the audit trail as marked PDFs, parsed back."""

from __future__ import annotations

import dataclasses

import pytest

from seco_desktop.domain.models import PersonName
from seco_desktop.domain.reference import Role
from seco_desktop.services import disclosures, records
from seco_desktop.services.disclosures import DisclosureRequest
from seco_desktop.services.permissions import PermissionDenied
from seco_desktop.services.reports.accounting import build_accounting_report
from seco_desktop.services.reports.audit_report import build_audit_report

from .pdf_text import assert_marked
from .support import Office, make_spouses

REQUEST = DisclosureRequest(
    recipient_name="Côte-Saint-Luc Workforce Office",
    recipient_address="12 O'Connell Street, Springfield, VA 22150",
    purpose="Employment referral requested by the spouse",
    nature="Spouse summary (PDF, 2 pages), handed over in person",
)


def test_the_accounting_lists_every_disclosure_with_its_recipient(office: Office) -> None:
    coach = office.sign_in_as(Role.COACH)
    person = dataclasses.replace(
        make_spouses(1, seed=61)[0], name=PersonName("Zoë", "O'Brien-Núñez")
    )
    spouse = records.register(coach, person)
    disclosures.record_disclosure(coach, spouse.id, REQUEST)
    disclosures.record_disclosure(
        coach, spouse.id, dataclasses.replace(REQUEST, purpose="Second referral")
    )
    supervisor = office.sign_in_as(Role.SUPERVISOR)

    report = build_accounting_report(supervisor, spouse.id)

    text = " ".join(assert_marked(report.pdf))  # the CUI marking on every page
    assert "Accounting of disclosures" in text
    assert "2 disclosures recorded" in text
    assert "O'Brien-Núñez" in text
    assert "Côte-Saint-Luc Workforce Office" in text
    assert "12 O'Connell Street" in text
    assert text.index("Employment referral") < text.index("Second referral")  # oldest first
    assert spouse.dod_id in text


def test_a_coach_may_not_make_the_accounting(office: Office) -> None:
    coach = office.sign_in_as(Role.COACH)
    spouse = records.register(coach, make_spouses(1, seed=62)[0])
    with pytest.raises(PermissionDenied):
        build_accounting_report(coach, spouse.id)


def test_the_audit_report_shows_actions_not_values(office: Office) -> None:
    coach = office.sign_in_as(Role.COACH)
    spouse = records.register(coach, make_spouses(1, seed=63)[0])
    records.open_record(coach, spouse.id)
    admin = office.sign_in()

    report = build_audit_report(admin)

    text = " ".join(assert_marked(report.pdf))
    assert "Audit trail" in text
    for action in ("sign_in", "create", "view"):
        assert action in text
    assert spouse.id[:8] in text
    assert spouse.name.last not in text  # field names and counts only, never values
    assert spouse.dod_id not in text


def test_an_agent_may_not_make_the_audit_report(office: Office) -> None:
    with pytest.raises(PermissionDenied):
        build_audit_report(office.sign_in_as(Role.AGENT))
