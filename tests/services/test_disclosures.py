"""Privacy Act accounting: refused without the recipient, purpose and nature; the per-person
accounting; recipients to notify after a correction; kept after the record is purged."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.reference import Role
from seco_desktop.services import audit_review, disclosures, outputs, records, retention
from seco_desktop.services.disclosures import DisclosureRequest
from seco_desktop.store.errors import RecordNotFound

from .support import Office, make_spouses

REQUEST = DisclosureRequest(
    recipient_name="State Workforce Office",
    recipient_address="100 Main Street, Springfield, IL 62701",
    purpose="Employment assistance referral requested by the spouse",
    nature="Summary of record, printed, sent by mail",
)


def test_a_disclosure_without_recipient_purpose_or_nature_is_refused_naming_each_field(
    office: Office,
) -> None:
    coach = office.sign_in_as(Role.COACH)
    stored = records.register(coach, make_spouses(1)[0])

    with pytest.raises(ValidationError) as caught:
        disclosures.record_disclosure(coach, stored.id, DisclosureRequest(" ", "", "", "\t"))

    assert set(caught.value.fields) == {"recipient_name", "recipient_address", "purpose",
                                        "nature"}  # fmt: skip
    assert "Recipient's address is required" in str(caught.value)
    assert disclosures.accounting(office.sign_in(), stored.id).disclosures == []


def test_a_print_for_an_outside_recipient_is_refused_without_them_and_accounted_with_them(
    office: Office,
) -> None:
    coach = office.sign_in_as(Role.COACH)
    stored = records.register(coach, make_spouses(1)[0])

    with pytest.raises(ValidationError):
        outputs.print_record(coach, stored.id, dataclasses.replace(REQUEST, purpose=""))
    job = outputs.print_record(coach, stored.id, REQUEST)

    assert job.view.spouse.id == stored.id
    assert job.disclosure is not None
    accounting = disclosures.accounting(office.sign_in(), stored.id)
    assert [d.recipient_name for d in accounting.disclosures] == ["State Workforce Office"]
    assert accounting.disclosures[0].disclosed_at == office.clock.now
    actions = [r.action for r in audit_review.entries(office.sign_in(), limit=20)]
    assert "disclosure" in actions
    assert "print" in actions


def test_the_accounting_lists_every_disclosure_of_one_person_only(office: Office) -> None:
    supervisor = office.sign_in_as(Role.SUPERVISOR)
    first, second = (records.register(supervisor, s) for s in make_spouses(2))
    for n in range(3):
        office.clock.advance(days=1)
        disclosures.record_disclosure(
            supervisor, first.id, dataclasses.replace(REQUEST, recipient_name=f"Agency {n}")
        )
    office.clock.advance(days=1)
    outputs.export_records(supervisor, [first.id, second.id], REQUEST)

    accounting = disclosures.accounting(supervisor, first.id)

    assert [d.recipient_name for d in accounting.disclosures] == [
        "Agency 0", "Agency 1", "Agency 2", "State Workforce Office"]  # fmt: skip
    assert {d.spouse_id for d in accounting.disclosures} == {first.id}
    assert accounting.subject_dod_id == first.dod_id


def test_after_a_correction_each_past_recipient_is_listed_once(office: Office) -> None:
    coach = office.sign_in_as(Role.COACH)
    stored = records.register(coach, make_spouses(1)[0])
    for name in ("Agency A", "Agency B", "Agency A"):
        office.clock.advance(days=2)
        disclosures.record_disclosure(
            coach, stored.id, dataclasses.replace(REQUEST, recipient_name=name)
        )
    records.edit(coach, dataclasses.replace(stored, email="corrected@example.org"))

    notify = disclosures.recipients_to_notify(coach, stored.id)

    assert [d.recipient_name for d in notify] == ["Agency B", "Agency A"]


def test_the_accounting_survives_the_purge_and_expires_five_years_after_disclosure(
    office: Office,
) -> None:
    admin = office.sign_in()
    stored = records.register(admin, make_spouses(1)[0])
    disclosures.record_disclosure(admin, stored.id, REQUEST)

    office.clock.now = retention.years_before(office.clock.now, -3)
    admin = office.sign_in()
    assert retention.purge(admin).purged == [stored.id]
    with pytest.raises(RecordNotFound):
        records.open_record(admin, stored.id)
    kept = disclosures.accounting(admin, stored.id)
    assert kept.record_exists is False
    assert kept.subject_dod_id == stored.dod_id
    assert kept.disclosures[0].record_purged_at == office.clock.now

    office.clock.now = retention.years_before(kept.disclosures[0].disclosed_at, -5) - timedelta(
        days=1
    )
    admin = office.sign_in()
    assert retention.purge(admin).disclosures_expired == 0
    office.clock.advance(days=1)
    admin = office.sign_in()
    assert retention.purge(admin).disclosures_expired == 1
    with pytest.raises(RecordNotFound):
        disclosures.accounting(admin, stored.id)
