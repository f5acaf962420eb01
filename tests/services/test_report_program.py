"""The supervisors' program report: the SQL counts, the PDF a supervisor reads, who may run it."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from seco_desktop.domain.eligibility import decide_all
from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.models import Consent, Spouse
from seco_desktop.domain.reference import Branch, ContactType, Program, Role
from seco_desktop.services import records
from seco_desktop.services.permissions import PermissionDenied
from seco_desktop.services.reports.program import (
    ProgramFilter,
    build_program_report,
    coach_id,
    period_for,
)
from seco_desktop.services.session import Session
from seco_desktop.store import report_queries as q

from .pdf_text import assert_marked, font_files
from .support import TODAY, FakeClock, Office

DECEMBER = ProgramFilter(date(2025, 12, 1), date(2025, 12, 31))


@dataclasses.dataclass
class Scenario:
    supervisor: Session
    coach_id: str
    agent_id: str
    spouses: list[Spouse]  # in the order of CREATED below
    in_range: list[Spouse]


#: (registered at, assigned to the coach?, recorded by: "agent" | "coach" | "" (online))
CREATED = (
    (datetime(2025, 12, 2, 12), True, "agent"),
    (datetime(2025, 12, 3, 12), True, "agent"),
    (datetime(2025, 12, 20, 12), False, "coach"),
    (datetime(2025, 12, 21, 12), False, ""),
    (datetime(2025, 11, 15, 12), True, "coach"),  # before the range
    (datetime(2026, 1, 3, 12), True, "agent"),  # after it
)


@pytest.fixture
def scenario(office: Office, spouses: list[Spouse], clock: FakeClock) -> Scenario:
    agent = office.sign_in_as(Role.AGENT)
    coach = office.sign_in_as(Role.COACH)
    stored = []
    for spouse, (created, assigned, recorder) in zip(spouses, CREATED, strict=False):
        by = {"agent": agent.user.id, "coach": coach.user.id, "": ""}[recorder]
        consent = Consent("2024-01", created, bool(by), by, bool(by))
        stored.append(
            records.register(
                agent,
                dataclasses.replace(
                    spouse,
                    created_at=created,
                    consent=consent,
                    assigned_coach=coach.user.id if assigned else None,
                ),
            )
        )
    for when, author, spouse in (
        (datetime(2025, 12, 5, 10), coach, stored[0]),
        (datetime(2025, 12, 6, 10), coach, stored[4]),  # about a spouse registered before
        (datetime(2025, 12, 7, 10), agent, stored[1]),
        (datetime(2025, 11, 30, 10), coach, stored[0]),  # before the range
    ):
        clock.now = when
        records.add_note(author, spouse.id, ContactType.PHONE, "Call", "Discussed next steps.")
    clock.now = datetime(2025, 12, 8, 9)
    item = records.add_follow_up(coach, stored[0].id, date(2025, 12, 9), coach.user.id, "Call")
    clock.now = datetime(2025, 12, 9, 9)
    records.complete_follow_up(coach, item.id)
    clock.now = datetime.combine(TODAY, datetime.min.time())
    return Scenario(
        office.sign_in_as(Role.SUPERVISOR), coach.user.id, agent.user.id, stored, stored[:4]
    )


def _counts(s: Scenario, selection: ProgramFilter = DECEMBER) -> dict[str, object]:
    with s.supervisor.store.read() as conn:
        scope = selection.scope()
        return {
            "registrations": q.registrations_by_period(conn, scope, q.Period.DAY),
            "mix": q.eligibility_mix(conn, scope, ("seco", "mycaa")),
            "caseload": q.caseload(conn, scope),
            "activity": q.coach_activity(conn, scope),
        }


def test_registrations_count_the_days_in_the_range_only(scenario: Scenario) -> None:
    got = _counts(scenario)["registrations"]

    assert got == [
        (date(2025, 12, 2), 1),
        (date(2025, 12, 3), 1),
        (date(2025, 12, 20), 1),
        (date(2025, 12, 21), 1),
    ]


def test_registrations_by_week_and_month(scenario: Scenario) -> None:
    scope = ProgramFilter(date(2025, 11, 1), date(2026, 1, 31)).scope()
    with scenario.supervisor.store.read() as conn:
        weeks = q.registrations_by_period(conn, scope, q.Period.WEEK)
        months = q.registrations_by_period(conn, scope, q.Period.MONTH)

    assert weeks == [
        (date(2025, 11, 10), 1),  # Monday of 2025-11-15
        (date(2025, 12, 1), 2),
        (date(2025, 12, 15), 2),  # the 20th is a Saturday, the 21st a Sunday
        (date(2025, 12, 29), 1),
    ]
    assert months == [(date(2025, 11, 1), 1), (date(2025, 12, 1), 4), (date(2026, 1, 1), 1)]


def test_eligibility_mix_is_the_latest_decision_of_spouses_registered_in_range(
    scenario: Scenario,
) -> None:
    mix = {m.program: m for m in _counts(scenario)["mix"]}  # type: ignore[attr-defined]

    for program in (Program.SECO, Program.MYCAA):
        expected = [
            decide_all(s, TODAY, scenario.supervisor.rulebook)[program].eligible
            for s in scenario.in_range
        ]
        got = mix[program.value]
        assert (got.eligible, got.not_eligible, got.no_decision) == (
            expected.count(True),
            expected.count(False),
            0,
        )


def test_caseload_counts_records_on_file_at_the_end_with_their_age(scenario: Scenario) -> None:
    rows = {r.coach_id: r for r in _counts(scenario)["caseload"]}  # type: ignore[attr-defined]

    coach, unassigned = rows[scenario.coach_id], rows[None]
    assert coach.open_cases == 3  # 2 December registrations and the November one
    # ages at 2026-01-01 00:00: 29.5, 28.5 and 46.5 days
    assert coach.by_age == (2, 1, 0, 0, 0)
    assert coach.mean_age_days == pytest.approx((29.5 + 28.5 + 46.5) / 3)
    assert unassigned.open_cases == 2
    assert unassigned.by_age == (2, 0, 0, 0, 0)


def test_coach_activity_counts_notes_registrations_and_closed_follow_ups(
    scenario: Scenario,
) -> None:
    rows = {a.user_id: a for a in _counts(scenario)["activity"]}  # type: ignore[attr-defined]

    coach, agent = rows[scenario.coach_id], rows[scenario.agent_id]
    assert (coach.notes, coach.registrations, coach.follow_ups_closed) == (2, 1, 1)
    assert (agent.notes, agent.registrations, agent.follow_ups_closed) == (1, 2, 0)
    assert "" not in rows  # online self-registrations are nobody's activity


def test_coach_filter_keeps_that_coachs_records_and_work(scenario: Scenario) -> None:
    got = _counts(scenario, dataclasses.replace(DECEMBER, coach_id=scenario.coach_id))

    assert [n for _, n in got["registrations"]] == [1, 1]  # type: ignore[union-attr]
    assert [a.user_id for a in got["activity"]] == [scenario.coach_id]  # type: ignore[attr-defined]
    assert [r.coach_id for r in got["caseload"]] == [scenario.coach_id]  # type: ignore[attr-defined]


def test_branch_filter_counts_only_that_branch(scenario: Scenario) -> None:
    branch = scenario.in_range[0].sponsor.branch
    expected = sum(1 for s in scenario.in_range if s.sponsor.branch is branch)

    got = _counts(scenario, dataclasses.replace(DECEMBER, branch=branch))

    assert sum(n for _, n in got["registrations"]) == expected  # type: ignore[union-attr]
    other = next(b for b in Branch if all(s.sponsor.branch is not b for s in scenario.spouses))
    assert _counts(scenario, dataclasses.replace(DECEMBER, branch=other))["registrations"] == []


def test_program_report_pdf_shows_the_figures_on_marked_pages(scenario: Scenario) -> None:
    report = build_program_report(scenario.supervisor, DECEMBER)

    pages = assert_marked(report.pdf)
    text = " ".join(" ".join(pages).split())
    assert "Program report" in text
    assert "2025-12-01 to 2025-12-31 · all coaches · all branches · all components" in text
    assert "Registrations in the range 4" in text
    assert "Records on file at the end of the range 5" in text
    assert "Test coach 2 1 1" in text  # notes, registrations, follow-ups closed
    assert "Test agent 1 2 0" in text
    assert "2025-12-20 1" in text
    assert all(font_files(report.pdf).values()), "every font is embedded"
    assert report.suggested_filename.startswith("program-report-")


def test_only_supervisors_and_administrators_may_run_program_reports(
    office: Office, scenario: Scenario
) -> None:
    for role in (Role.AGENT, Role.COACH):
        with pytest.raises(PermissionDenied):
            build_program_report(office.sign_in_as(role), DECEMBER)
    assert build_program_report(office.sign_in_as(Role.ADMINISTRATOR), DECEMBER).pages >= 1


def test_a_range_the_wrong_way_round_or_an_unknown_coach_is_refused(scenario: Scenario) -> None:
    with pytest.raises(ValidationError) as caught:
        build_program_report(scenario.supervisor, ProgramFilter(date(2026, 1, 2), date(2026, 1, 1)))
    assert [e.field for e in caught.value.errors] == ["date_from"]
    with pytest.raises(ValidationError) as caught:
        coach_id(scenario.supervisor, "nobody")
    assert [e.field for e in caught.value.errors] == ["coach"]
    assert coach_id(scenario.supervisor, "coach1") == scenario.coach_id


def test_period_follows_the_length_of_the_range() -> None:
    assert period_for(date(2025, 12, 1), date(2025, 12, 31)) is q.Period.DAY
    assert period_for(date(2025, 10, 1), date(2025, 12, 31)) is q.Period.WEEK
    assert period_for(date(2025, 1, 1), date(2025, 12, 31)) is q.Period.MONTH
