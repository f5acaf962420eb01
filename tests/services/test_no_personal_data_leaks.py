"""No personal data in logs or exception messages: the service flows run with every logger
at DEBUG (SQLAlchemy's and alembic's included), and every log line and every message of an
exception they raise is scanned for the seeded names, DoD IDs and dates of birth."""

from __future__ import annotations

import dataclasses
import logging
import traceback
from collections.abc import Callable
from datetime import date

import pytest

from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import ContactType, Role
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.services import (
    accounts,
    audit_review,
    disclosures,
    outputs,
    records,
    retention,
)
from seco_desktop.services import search as search_service
from seco_desktop.services.disclosures import DisclosureRequest
from seco_desktop.services.session import sign_out

from .support import STAFF, Office, make_spouses


def _date_forms(day: date) -> set[str]:
    return {
        day.isoformat(),
        f"{day.month}/{day.day}/{day.year}",
        f"{day.month:02d}/{day.day:02d}/{day.year}",
        day.strftime("%Y%m%d"),
        day.strftime("%d %b %Y"),
    }


def _secrets(people: list[Spouse]) -> set[str]:
    found: set[str] = set()
    for s in people:
        found |= {s.name.first, s.name.last, s.dod_id, s.sponsor.dod_id, s.sponsor.name.last}
        found |= _date_forms(s.date_of_birth)
        if s.email:
            found.add(s.email)
    return {x for x in found if len(x) >= 4}  # a 3-letter name would match ordinary words


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "alembic"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def test_flows_leave_no_name_dod_id_or_birth_date_in_logs_or_errors(
    office: Office, everything_logged: pytest.LogCaptureFixture
) -> None:
    people = make_spouses(12, seed=31)
    errors: list[BaseException] = []

    def expect_error(action: Callable[[], object]) -> None:
        try:
            action()
        except Exception as exc:  # every error's message is scanned
            errors.append(exc)
        else:
            raise AssertionError("the flow was meant to fail")

    agent = office.sign_in_as(Role.AGENT)
    stored = [records.register(agent, s) for s in people]
    first = stored[0]
    for s in stored[:4]:
        search_service.search(agent, f"{s.name.last}, {s.name.first}")
        search_service.search(agent, s.dod_id)
        search_service.search(agent, f"{s.name.first} {s.name.last} {s.date_of_birth:%m/%d/%Y}")
        search_service.search(agent, s.name.last[:-1] + "x")  # a typo
        records.open_record(agent, s.id)
    records.edit(agent, dataclasses.replace(first, email="moved.to.base@example.org"))
    records.add_note(agent, first.id, ContactType.PHONE, "Call", f"Spoke to {first.name.first}")
    expect_error(lambda: records.register(agent, dataclasses.replace(people[1], id="x" * 36)))
    expect_error(lambda: records.register(agent, dataclasses.replace(people[2], dod_id="12")))
    expect_error(lambda: records.resolve(agent, people[3].dod_id[:-1] + "0"))
    expect_error(lambda: records.edit(agent, first))  # stale: edited above
    expect_error(lambda: outputs.print_record(agent, first.id))  # an agent may not print
    expect_error(lambda: office.sign_in(STAFF[Role.COACH][0], first.name.last + "Password1!"))

    coach = office.sign_in_as(Role.COACH)
    request = DisclosureRequest(first.name.first + " Legal Aid", "1 Main St", "Benefit claim",
                                "Summary, printed")  # fmt: skip
    outputs.print_record(coach, first.id, request)
    no_purpose = dataclasses.replace(request, purpose="")
    expect_error(lambda: disclosures.record_disclosure(coach, first.id, no_purpose))
    admin = office.sign_in()
    disclosures.accounting(admin, first.id)
    outputs.export_records(admin, [s.id for s in stored[:3]])
    audit_review.export_csv(admin)
    audit_review.verify(admin)
    accounts.disable_inactive_accounts(admin)
    office.clock.now = retention.years_before(office.clock.now, -3)
    admin = office.sign_in()
    retention.upcoming(admin)
    retention.purge(admin)
    sign_out(admin)
    with pytest.raises(UnlockFailed):
        office.sign_in(first.dod_id, "Not a password at all 1!")

    lines = [record.getMessage() for record in everything_logged.records]
    messages = [
        text
        for exc in errors
        for text in (str(exc), "".join(traceback.format_exception_only(type(exc), exc)))
    ]
    secrets = _secrets(people)
    assert len(errors) == 7
    assert len(lines) > 50  # the pool, alembic and the services log at DEBUG: there is material
    leaks = sorted({s for s in secrets for text in lines + messages if s in text})
    assert leaks == []
