"""Eligibility rules, rule sets and the MyCAA account: case tables with the words a coach reads."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from datetime import date, timedelta
from importlib.resources import files
from typing import Any

import pytest

from seco_desktop.domain.eligibility import (
    Decision,
    MyCAABalance,
    NoRuleSetError,
    RuleBook,
    RuleBookError,
    RuleSet,
    RuleSetError,
    balance,
    check_award,
    decide_all,
    decide_mycaa,
    decide_seco,
    evaluate,
    fiscal_year_of,
    format_usd,
    load_ruleset_json,
    parse_ruleset,
    ruleset_to_dict,
)
from seco_desktop.domain.models import MyCAAAward, PersonName, Sponsor, Spouse
from seco_desktop.domain.reference import (
    Branch,
    Component,
    MyCAAProgramType,
    Program,
    ReservePhase,
    SponsorStatus,
)

ON = date(2026, 3, 2)  # fiscal year 2026, under seco-2019.1 and mycaa-2023.1
BEFORE_2023 = date(2023, 9, 30)  # last day of mycaa-2010.1
FROM_2023 = date(2023, 10, 1)  # first day of mycaa-2023.1
BOOK = RuleBook.builtin()
LIMITS_2014 = "E-1–E-5, W-1–W-2, O-1–O-2 under rule set mycaa-2010.1"
LIMITS_2023 = "E-1–E-6, W-1–W-2, O-1–O-3 under rule set mycaa-2023.1"
LICENSE = MyCAAProgramType.LICENSE
CERTIFICATION = MyCAAProgramType.CERTIFICATION
DEGREE = MyCAAProgramType.ASSOCIATE_DEGREE
GENERAL = MyCAAProgramType.GENERAL_STUDIES


def make_spouse(
    *,
    branch: Branch = Branch.ARMY,
    component: Component = Component.ACTIVE_DUTY,
    grade: str = "E-4",
    status: SponsorStatus = SponsorStatus.SERVING,
    separated_days_before: int | None = None,
    on: date = ON,
    title10: bool = False,
    phase: ReservePhase = ReservePhase.NONE,
    service_member: bool = False,
    legally_separated: bool = False,
    awards: tuple[MyCAAAward, ...] = (),
) -> Spouse:
    """A synthetic spouse; only the fields the rules read vary."""
    separation = None if separated_days_before is None else on - timedelta(separated_days_before)
    sponsor = Sponsor(
        name=PersonName("Sponsor", "Testperson"),
        dod_id="9900000002",
        branch=branch,
        component=component,
        pay_grade=grade,
        status=status,
        separation_date=separation,
        on_title10_orders=title10,
        reserve_phase=phase,
    )
    return Spouse(
        name=PersonName("Spouse", "Testperson"),
        dod_id="9900000001",
        date_of_birth=date(1995, 5, 5),
        sponsor=sponsor,
        is_service_member=service_member,
        legally_separated=legally_separated,
        mycaa_awards=list(awards),
    )


def builtin_document(version: str) -> dict[str, Any]:
    text = files("seco_desktop.domain.eligibility").joinpath(f"rulesets/{version}.json")
    data: dict[str, Any] = json.loads(text.read_text("utf-8"))
    return data


# --- SECO -----------------------------------------------------------------------------------

SECO_CASES = [
    pytest.param(
        {"branch": Branch.ARMY}, True, ["Spouse of an active-duty Army member"], id="army"
    ),
    pytest.param(
        {"branch": Branch.NAVY}, True, ["Spouse of an active-duty Navy member"], id="navy"
    ),
    pytest.param(
        {"branch": Branch.MARINE_CORPS},
        True,
        ["Spouse of an active-duty Marine Corps member"],
        id="marine-corps",
    ),
    pytest.param(
        {"branch": Branch.AIR_FORCE}, True, ["Spouse of an active-duty Air Force member"], id="af"
    ),
    pytest.param(
        {"branch": Branch.SPACE_FORCE},
        True,
        ["Spouse of an active-duty Space Force member"],
        id="space-force",
    ),
    pytest.param(
        {"branch": Branch.COAST_GUARD},
        False,
        ["Sponsor serves in the Coast Guard; Coast Guard spouses are not eligible for SECO"],
        id="coast-guard-refused",
    ),
    pytest.param(
        {"component": Component.NATIONAL_GUARD},
        True,
        ["Spouse of an Army member in the National Guard"],
        id="national-guard",
    ),
    pytest.param(
        {"branch": Branch.NAVY, "component": Component.RESERVE},
        True,
        ["Spouse of a Navy member in the Reserve"],
        id="reserve",
    ),
    pytest.param(
        {"status": SponsorStatus.SEPARATED, "separated_days_before": 364},
        True,
        [
            "Spouse of an active-duty Army member who separated 364 days ago; "
            "SECO serves spouses for 365 days after separation"
        ],
        id="separated-364-days",
    ),
    pytest.param(
        {"status": SponsorStatus.SEPARATED, "separated_days_before": 365},
        False,
        ["Sponsor separated 365 days ago; SECO serves spouses for 365 days after separation"],
        id="separated-365-days",
    ),
    pytest.param(
        {"status": SponsorStatus.SEPARATED, "separated_days_before": 366},
        False,
        ["Sponsor separated 366 days ago; SECO serves spouses for 365 days after separation"],
        id="separated-366-days",
    ),
    pytest.param(
        {"status": SponsorStatus.SEPARATED, "separated_days_before": 400},
        False,
        ["Sponsor separated 400 days ago; SECO serves spouses for 365 days after separation"],
        id="separated-400-days",
    ),
    pytest.param(
        {"status": SponsorStatus.SEPARATED},
        False,
        [
            "Sponsor is recorded as separated without a separation date; SECO serves spouses "
            "for 365 days after separation, so the date is needed"
        ],
        id="separated-no-date",
    ),
    pytest.param(
        {"status": SponsorStatus.DIED_ON_ACTIVE_DUTY, "separated_days_before": 3000},
        True,
        ["Surviving spouse of an Army member who died on active duty"],
        id="surviving-spouse",
    ),
    pytest.param(
        {"service_member": True},
        False,
        [
            "Spouse is an active-duty service member; SECO serves spouses who are not "
            "themselves on active duty"
        ],
        id="spouse-is-active-duty",
    ),
    pytest.param(
        {
            "branch": Branch.COAST_GUARD,
            "service_member": True,
            "status": SponsorStatus.SEPARATED,
            "separated_days_before": 400,
        },
        False,
        [
            "Spouse is an active-duty service member; SECO serves spouses who are not "
            "themselves on active duty",
            "Sponsor served in the Coast Guard; Coast Guard spouses are not eligible for SECO",
            "Sponsor separated 400 days ago; SECO serves spouses for 365 days after separation",
        ],
        id="every-failing-reason-listed",
    ),
]


@pytest.mark.parametrize(("spouse_fields", "eligible", "reasons"), SECO_CASES)
def test_seco(spouse_fields: dict[str, Any], eligible: bool, reasons: list[str]) -> None:
    decision = decide_seco(make_spouse(**spouse_fields), ON, BOOK)
    assert decision == Decision(Program.SECO, eligible, tuple(reasons), "seco-2019.1", ON)


def _seco_rules(**changes: Any) -> RuleSet:
    document = builtin_document("seco-2019.1")
    document["params"].update(changes)
    return parse_ruleset(document)


@pytest.mark.parametrize(
    ("changes", "spouse_fields", "reasons"),
    [
        pytest.param(
            {"eligible_branches": ["army"]},
            {"branch": Branch.SPACE_FORCE},
            ["Sponsor serves in the Space Force, which is not a branch SECO serves"],
            id="branch-not-listed",
        ),
        pytest.param(
            {"eligible_components": ["active_duty"]},
            {"component": Component.RESERVE},
            ["Sponsor is in the Reserve, which is not a component SECO serves"],
            id="component-not-listed",
        ),
        pytest.param(
            {"surviving_spouses_eligible": False},
            {"status": SponsorStatus.DIED_ON_ACTIVE_DUTY},
            ["Sponsor died on active duty; rule set seco-2019.1 does not cover surviving spouses"],
            id="surviving-spouses-not-covered",
        ),
    ],
)
def test_seco_rules_follow_the_data(
    changes: dict[str, Any], spouse_fields: dict[str, Any], reasons: list[str]
) -> None:
    decision = evaluate(make_spouse(**spouse_fields), ON, _seco_rules(**changes))
    assert (decision.eligible, list(decision.reasons)) == (False, reasons)


# --- MyCAA ----------------------------------------------------------------------------------


def _grade_case(grade: str, on: date, eligible: bool, limits: str) -> Any:
    word = "within MyCAA's grades" if eligible else "above MyCAA's limit"
    reasons = [f"Sponsor's pay grade {grade} is {word} ({limits})"]
    if eligible:
        reasons.insert(0, "Spouse of an active-duty Army member")
    return pytest.param(grade, on, eligible, reasons, id=f"{grade}-on-{on.isoformat()}")


GRADE_CASES = [
    *(_grade_case(g, BEFORE_2023, True, LIMITS_2014) for g in ("E-1", "E-5", "W-1", "W-2")),
    *(_grade_case(g, BEFORE_2023, True, LIMITS_2014) for g in ("O-1", "O-2")),
    *(_grade_case(g, BEFORE_2023, False, LIMITS_2014) for g in ("E-6", "W-3", "O-3")),
    *(_grade_case(g, FROM_2023, True, LIMITS_2023) for g in ("E-1", "E-5", "E-6", "W-2")),
    *(_grade_case(g, FROM_2023, True, LIMITS_2023) for g in ("O-2", "O-3")),
    *(_grade_case(g, FROM_2023, False, LIMITS_2023) for g in ("E-7", "W-3", "O-4")),
    _grade_case("E-9", ON, False, LIMITS_2023),
]


@pytest.mark.parametrize(("grade", "on", "eligible", "reasons"), GRADE_CASES)
def test_mycaa_pay_grades(grade: str, on: date, eligible: bool, reasons: list[str]) -> None:
    decision = decide_mycaa(make_spouse(grade=grade, on=on), on, BOOK)
    assert (decision.eligible, list(decision.reasons)) == (eligible, reasons)
    assert decision.ruleset_version == ("mycaa-2010.1" if on < FROM_2023 else "mycaa-2023.1")


GRADE_OK = f"Sponsor's pay grade E-4 is within MyCAA's grades ({LIMITS_2023})"
PHASE_TAIL = "; MyCAA does not serve spouses while the sponsor is in that status"
T10 = {"title10": True}

MYCAA_CASES = [
    pytest.param({}, True, ["Spouse of an active-duty Army member", GRADE_OK], id="active-duty"),
    pytest.param(
        {"component": Component.NATIONAL_GUARD, **T10},
        True,
        ["Spouse of an Army member in the National Guard on Title 10 orders", GRADE_OK],
        id="guard-on-title-10",
    ),
    pytest.param(
        {"component": Component.RESERVE, "branch": Branch.NAVY, **T10},
        True,
        ["Spouse of a Navy member in the Reserve on Title 10 orders", GRADE_OK],
        id="reserve-on-title-10",
    ),
    pytest.param(
        {"component": Component.NATIONAL_GUARD},
        False,
        ["Sponsor is in the National Guard and not on Title 10 orders"],
        id="guard-without-title-10",
    ),
    pytest.param(
        {"component": Component.RESERVE},
        False,
        ["Sponsor is in the Reserve and not on Title 10 orders"],
        id="reserve-without-title-10",
    ),
    pytest.param(
        {"component": Component.RESERVE, "phase": ReservePhase.ALERT_OR_WARNING_ORDER, **T10},
        False,
        [f"Sponsor is under an alert or warning order{PHASE_TAIL}"],
        id="alert-or-warning-order",
    ),
    pytest.param(
        {
            "component": Component.NATIONAL_GUARD,
            "phase": ReservePhase.POST_DEPLOYMENT_DEMOBILIZATION,
            **T10,
        },
        False,
        [f"Sponsor is in post-deployment or demobilization status{PHASE_TAIL}"],
        id="post-deployment-demobilization",
    ),
    pytest.param(
        {"component": Component.RESERVE, "phase": ReservePhase.TRANSITION, **T10},
        False,
        [f"Sponsor is in transition status{PHASE_TAIL}"],
        id="transition",
    ),
    pytest.param(
        {"service_member": True},
        False,
        ["Spouse is a service member; MyCAA serves spouses who are not themselves service members"],
        id="spouse-is-service-member",
    ),
    pytest.param(
        {"legally_separated": True},
        False,
        [
            "Spouse is legally separated from the sponsor; legally separated spouses are not "
            "eligible for MyCAA"
        ],
        id="legally-separated",
    ),
    pytest.param(
        {"branch": Branch.COAST_GUARD},
        False,
        [
            "Sponsor serves in the Coast Guard; the Coast Guard is not part of the Department "
            "of Defense, so Coast Guard spouses are not eligible for MyCAA"
        ],
        id="coast-guard",
    ),
    pytest.param(
        {"status": SponsorStatus.SEPARATED, "separated_days_before": 10},
        False,
        [
            "Sponsor separated from service on 2026-02-20; MyCAA serves spouses of members "
            "who are still serving"
        ],
        id="sponsor-separated",
    ),
    pytest.param(
        {"status": SponsorStatus.DIED_ON_ACTIVE_DUTY},
        False,
        ["Sponsor died on active duty; MyCAA serves spouses of members who are still serving"],
        id="sponsor-died",
    ),
    pytest.param(
        {
            "branch": Branch.COAST_GUARD,
            "component": Component.RESERVE,
            "grade": "O-4",
            "legally_separated": True,
            "phase": ReservePhase.TRANSITION,
        },
        False,
        [
            "Spouse is legally separated from the sponsor; legally separated spouses are not "
            "eligible for MyCAA",
            "Sponsor serves in the Coast Guard; the Coast Guard is not part of the Department "
            "of Defense, so Coast Guard spouses are not eligible for MyCAA",
            f"Sponsor's pay grade O-4 is above MyCAA's limit ({LIMITS_2023})",
            "Sponsor is in the Reserve and not on Title 10 orders",
            f"Sponsor is in transition status{PHASE_TAIL}",
        ],
        id="every-failing-reason-listed",
    ),
]


@pytest.mark.parametrize(("spouse_fields", "eligible", "reasons"), MYCAA_CASES)
def test_mycaa(spouse_fields: dict[str, Any], eligible: bool, reasons: list[str]) -> None:
    decision = decide_mycaa(make_spouse(**spouse_fields), ON, BOOK)
    assert decision == Decision(Program.MYCAA, eligible, tuple(reasons), "mycaa-2023.1", ON)


def test_decide_all_gives_one_decision_per_program() -> None:
    decisions = decide_all(make_spouse(grade="O-4"), ON, BOOK)
    assert list(decisions) == [Program.SECO, Program.MYCAA]
    assert decisions[Program.SECO].eligible
    assert not decisions[Program.MYCAA].eligible


# --- the rule book --------------------------------------------------------------------------

LOOKUPS = [
    pytest.param(Program.SECO, date(2019, 12, 20), "seco-2019.1", id="seco-first-day"),
    pytest.param(Program.SECO, date(2031, 1, 1), "seco-2019.1", id="seco-later"),
    pytest.param(Program.MYCAA, date(2010, 10, 25), "mycaa-2010.1", id="mycaa-2010-restructure"),
    pytest.param(Program.MYCAA, BEFORE_2023, "mycaa-2010.1", id="mycaa-day-before-2023"),
    pytest.param(Program.MYCAA, FROM_2023, "mycaa-2023.1", id="mycaa-2023-first-day"),
    pytest.param(Program.MYCAA, ON, "mycaa-2023.1", id="mycaa-today"),
]


@pytest.mark.parametrize(("program", "on", "version"), LOOKUPS)
def test_rule_set_in_effect_on_a_date(program: Program, on: date, version: str) -> None:
    assert BOOK.effective(program, on).version == version


@pytest.mark.parametrize(
    ("program", "on", "message"),
    [
        pytest.param(
            Program.SECO,
            date(2019, 12, 19),
            "No SECO rule set is in effect on 2019-12-19; the earliest, 'seco-2019.1', "
            "takes effect on 2019-12-20",
            id="seco-before-first",
        ),
        pytest.param(
            Program.MYCAA,
            date(2010, 10, 24),
            "No MyCAA rule set is in effect on 2010-10-24; the earliest, 'mycaa-2010.1', "
            "takes effect on 2010-10-25",
            id="mycaa-before-first",
        ),
    ],
)
def test_no_rule_set_in_effect(program: Program, on: date, message: str) -> None:
    with pytest.raises(NoRuleSetError) as caught:
        BOOK.effective(program, on)
    assert str(caught.value) == message


def test_empty_rule_book_says_so() -> None:
    with pytest.raises(NoRuleSetError, match="The rule book has no SECO rule set"):
        RuleBook().effective(Program.SECO, ON)


def test_versions_are_oldest_first_and_found_by_id() -> None:
    assert [rs.version for rs in BOOK.versions(Program.MYCAA)] == ["mycaa-2010.1", "mycaa-2023.1"]
    assert BOOK.get("seco-2019.1").program is Program.SECO
    with pytest.raises(NoRuleSetError, match=re.escape("'mycaa-1999.1'")):
        BOOK.get("mycaa-1999.1")


@pytest.mark.parametrize("version", ["seco-2019.1", "mycaa-2010.1", "mycaa-2023.1"])
def test_builtin_rule_sets_round_trip(version: str) -> None:
    document = builtin_document(version)
    rs = parse_ruleset(document)
    assert ruleset_to_dict(rs) == document
    assert parse_ruleset(json.loads(json.dumps(ruleset_to_dict(rs)))) == rs
    assert "dated" in rs.description  # each says where its effective date comes from


def _admin_ruleset(**changes: Any) -> RuleSet:
    document = builtin_document("mycaa-2023.1")
    document["version"] = "mycaa-2027.1"
    document["effective_from"] = "2027-01-01"
    document["description"] = "Synthetic administrator rule set adding E-7 (test only)."
    document["params"]["pay_grades"].append("E-7")
    document["params"].update(changes)
    return load_ruleset_json(json.dumps(document))


@pytest.mark.parametrize(
    ("on", "eligible", "version"),
    [
        pytest.param(date(2026, 12, 31), False, "mycaa-2023.1", id="day-before-admin-rules"),
        pytest.param(date(2027, 1, 1), True, "mycaa-2027.1", id="first-day-of-admin-rules"),
        pytest.param(date(2028, 6, 1), True, "mycaa-2027.1", id="after-admin-rules"),
    ],
)
def test_admin_rule_set_changes_decisions_only_from_its_date(
    on: date, eligible: bool, version: str
) -> None:
    book = BOOK.with_ruleset(_admin_ruleset())
    decision = decide_mycaa(make_spouse(grade="E-7", on=on), on, book)
    assert (decision.eligible, decision.ruleset_version) == (eligible, version)
    assert decide_mycaa(make_spouse(grade="E-7", on=on), on, BOOK).eligible is False  # unchanged


def test_rule_book_refuses_duplicate_version() -> None:
    duplicate = replace(BOOK.get("mycaa-2023.1"), effective_from=date(2030, 1, 1))
    with pytest.raises(RuleBookError) as caught:
        BOOK.with_ruleset(duplicate)
    assert str(caught.value) == (
        "Rule set version 'mycaa-2023.1' is already in the rule book; "
        "give the new rule set a new version id"
    )


def test_rule_book_refuses_two_rule_sets_on_the_same_day() -> None:
    same_day = replace(BOOK.get("mycaa-2023.1"), version="mycaa-2023.2")
    with pytest.raises(RuleBookError) as caught:
        BOOK.with_ruleset(same_day)
    assert str(caught.value) == (
        "MyCAA rule set 'mycaa-2023.2' takes effect on 2023-10-01, the same day as "
        "'mycaa-2023.1'; give it a different effective date"
    )


# --- malformed rule-set JSON ----------------------------------------------------------------

_DELETE = object()


def _broken(version: str, path: str, value: object) -> str:
    """The built-in document with one key set (or deleted), as JSON text."""
    document = copy.deepcopy(builtin_document(version))
    *parents, last = path.split(".")
    target: Any = document
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is _DELETE:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return json.dumps(document)


GRADES_WITH_E10 = ["E-1", "E-2", "E-3", "E-10"]
M = "mycaa-2023.1"
S = "seco-2019.1"
MALFORMED = [
    pytest.param(
        _broken(M, "params.pay_grades", GRADES_WITH_E10),
        "params.pay_grades[3]: 'E-10' is not a pay grade (expected E-1 to E-9, W-1 to W-5 or "
        "O-1 to O-10)",
        id="pay-grade-E-10",
    ),
    pytest.param(
        _broken(M, "params.pay_grades", ["E-1", "E-1"]),
        "params.pay_grades[1]: 'E-1' is listed twice",
        id="pay-grade-twice",
    ),
    pytest.param(
        _broken(M, "params.pay_grades", "E-1"),
        "params.pay_grades: expected a list, got 'E-1' (text)",
        id="pay-grades-not-a-list",
    ),
    pytest.param(
        _broken(M, "version", _DELETE),
        "version: missing (expected a version id such as 'mycaa-2023.1')",
        id="missing-version",
    ),
    pytest.param(
        _broken(M, "version", "mycaa 2023"),
        "version: 'mycaa 2023' must be at most 40 characters with no spaces",
        id="version-with-space",
    ),
    pytest.param(
        _broken(M, "effective", "2023-10-01"),
        "unknown key 'effective' (expected only: program, version, effective_from, "
        "description, params)",
        id="unknown-top-level-key",
    ),
    pytest.param(
        _broken(M, "program", "gi_bill"),
        "program: 'gi_bill' is not a program (expected one of: seco, mycaa)",
        id="unknown-program",
    ),
    pytest.param(
        _broken(M, "effective_from", "10/01/2023"),
        "effective_from: expected a date as YYYY-MM-DD, got '10/01/2023' (text)",
        id="date-not-iso",
    ),
    pytest.param(
        _broken(M, "effective_from", "2023-02-30"),
        "effective_from: '2023-02-30' is not a real calendar date",
        id="date-not-on-calendar",
    ),
    pytest.param(
        _broken(M, "description", " "), "description: must not be empty", id="empty-description"
    ),
    pytest.param(
        _broken(M, "params.lifetime_cap_cents", "4000"),
        "params.lifetime_cap_cents: expected a whole number of cents, got '4000' (text)",
        id="cap-as-text",
    ),
    pytest.param(
        _broken(M, "params.lifetime_cap_cents", 4000.5),
        "params.lifetime_cap_cents: expected a whole number of cents, got 4000.5 (a number)",
        id="cap-with-fraction",
    ),
    pytest.param(
        _broken(M, "params.fiscal_year_cap_cents", 500000),
        "params.fiscal_year_cap_cents: 500000 is more than lifetime_cap_cents (400000)",
        id="fy-cap-over-lifetime",
    ),
    pytest.param(
        _broken(M, "params.fiscal_year_cap_waivable", "yes"),
        "params.fiscal_year_cap_waivable: expected true or false, got 'yes' (text)",
        id="bool-as-text",
    ),
    pytest.param(
        _broken(M, "params.excluded_reserve_phases", ["none"]),
        "params.excluded_reserve_phases[0]: 'none' cannot be listed here",
        id="phase-none",
    ),
    pytest.param(
        _broken(M, "params.excluded_reserve_phases", ["deployed"]),
        "params.excluded_reserve_phases[0]: 'deployed' is not a reserve phase (expected one "
        "of: none, alert_or_warning_order, post_deployment_demobilization, transition)",
        id="unknown-phase",
    ),
    pytest.param(
        _broken(M, "params.excluded_branches.0.branch", "coastguard"),
        "params.excluded_branches[0].branch: 'coastguard' is not a branch (expected one of: "
        "army, navy, marine_corps, air_force, space_force, coast_guard)",
        id="unknown-branch",
    ),
    pytest.param(
        _broken(M, "params.excluded_branches.0.reason", _DELETE),
        "params.excluded_branches[0].reason: missing (expected the reason a coach reads to the "
        "caller)",
        id="excluded-branch-without-reason",
    ),
    pytest.param(
        _broken(M, "params.eligible_program_types", []),
        "params.eligible_program_types: must list at least one program type",
        id="no-program-types",
    ),
    pytest.param(
        _broken(S, "params.eligible_branches", ["army", "coast_guard"]),
        "params.excluded_branches[0].branch: 'coast_guard' is also listed in eligible_branches",
        id="seco-branch-both-eligible-and-excluded",
    ),
    pytest.param(
        _broken(S, "params.separation_window_days", 0),
        "params.separation_window_days: must be at least 1, got 0",
        id="seco-zero-day-window",
    ),
    pytest.param(
        _broken(S, "params.separation_window_days", True),
        "params.separation_window_days: expected a whole number of days, got true",
        id="seco-window-as-bool",
    ),
    pytest.param(
        _broken(S, "params.pay_grades", ["E-1"]),
        "params: unknown key 'pay_grades' (expected only: eligible_branches, "
        "eligible_components, separation_window_days, surviving_spouses_eligible, "
        "exclude_active_duty_spouses, excluded_branches)",
        id="mycaa-key-in-seco-rule-set",
    ),
    pytest.param("[1, 2]", "expected a JSON object at the top level", id="json-list"),
    pytest.param(
        '{"program": "seco",',
        "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 20",
        id="json-syntax-error",
    ),
]


@pytest.mark.parametrize(("text", "message"), MALFORMED)
def test_malformed_rule_set_is_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(RuleSetError) as caught:
        load_ruleset_json(text)
    assert str(caught.value) == message


# --- the MyCAA account ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        pytest.param(date(2026, 1, 1), 2026, id="january"),
        pytest.param(date(2026, 9, 30), 2026, id="last-day-of-fy"),
        pytest.param(date(2026, 10, 1), 2027, id="first-day-of-fy"),
        pytest.param(date(2026, 12, 31), 2027, id="december"),
    ],
)
def test_fiscal_year_of(day: date, fiscal_year: int) -> None:
    assert fiscal_year_of(day) == fiscal_year


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "$0.00"),
        (5, "$0.05"),
        (400000, "$4,000.00"),
        (123456789, "$1,234,567.89"),
        (-1250, "-$12.50"),
    ],
)
def test_format_usd(cents: int, text: str) -> None:
    assert format_usd(cents) == text


def award(fy: int, cents: int, kind: MyCAAProgramType = DEGREE, waiver: bool = False) -> MyCAAAward:
    return MyCAAAward(fiscal_year=fy, amount_cents=cents, program_type=kind, waiver=waiver)


MYCAA_2023 = BOOK.get("mycaa-2023.1")


@pytest.mark.parametrize(
    ("awards", "on", "expected"),
    [
        pytest.param((), ON, MyCAABalance(400000, 0, 400000, 2026, 0, 200000), id="new-account"),
        pytest.param(
            (award(2026, 150000), award(2027, 100000)),
            date(2026, 9, 30),
            MyCAABalance(400000, 250000, 150000, 2026, 150000, 50000),
            id="fy2026-last-day",
        ),
        pytest.param(
            (award(2026, 150000), award(2027, 100000)),
            date(2026, 10, 1),
            MyCAABalance(400000, 250000, 150000, 2027, 100000, 100000),
            id="fy2027-first-day",
        ),
        pytest.param(
            (award(2024, 200000), award(2025, 150000)),
            ON,
            MyCAABalance(400000, 350000, 50000, 2026, 0, 50000),
            id="fy-room-limited-by-lifetime",
        ),
        pytest.param(
            (award(2025, 400000, LICENSE, waiver=True),),
            ON,
            MyCAABalance(400000, 400000, 0, 2026, 0, 0),
            id="all-used-through-waiver",
        ),
    ],
)
def test_balance(awards: tuple[MyCAAAward, ...], on: date, expected: MyCAABalance) -> None:
    assert balance(make_spouse(awards=awards), on, MYCAA_2023) == expected


FY_OVER = "An award of $2,500.00 is more than the $2,000.00 left of the $2,000.00 limit for "
HINT = "; a waiver can be requested for a license or certification with a larger up-front fee"
NO_WAIVER_RULES = _admin_ruleset(fiscal_year_cap_waivable=False)

AWARD_CASES = [
    pytest.param((), award(2026, 100000), MYCAA_2023, [], id="within-caps"),
    pytest.param((), award(2026, 200000), MYCAA_2023, [], id="exactly-fy-cap"),
    pytest.param(
        (),
        award(2026, 100000, GENERAL),
        MYCAA_2023,
        [
            "MyCAA does not pay for general studies; it pays for licenses, certifications and "
            "associate degrees (rule set mycaa-2023.1)"
        ],
        id="general-studies",
    ),
    pytest.param(
        (),
        award(2026, 250000),
        MYCAA_2023,
        [f"{FY_OVER}fiscal year 2026 ($0.00 already used)"],
        id="degree-over-fy-cap",
    ),
    pytest.param(
        (),
        award(2026, 250000, LICENSE),
        MYCAA_2023,
        [f"{FY_OVER}fiscal year 2026 ($0.00 already used){HINT}"],
        id="license-over-fy-cap-without-waiver",
    ),
    pytest.param((), award(2026, 250000, LICENSE, True), MYCAA_2023, [], id="license-waiver"),
    pytest.param(
        (), award(2026, 250000, CERTIFICATION, True), MYCAA_2023, [], id="certification-waiver"
    ),
    pytest.param(
        (),
        award(2026, 250000, DEGREE, True),
        MYCAA_2023,
        [
            f"{FY_OVER}fiscal year 2026 ($0.00 already used)",
            "A fiscal-year cap waiver is only for a license or certification, not for "
            "associate degrees",
        ],
        id="degree-waiver-refused",
    ),
    pytest.param(
        (),
        award(2027, 250000, LICENSE, True),
        NO_WAIVER_RULES,
        [
            f"{FY_OVER}fiscal year 2027 ($0.00 already used)",
            "Rule set mycaa-2027.1 does not allow fiscal-year cap waivers",
        ],
        id="waiver-not-allowed-by-rule-set",
    ),
    pytest.param(
        (award(2025, 200000), award(2026, 50000)),
        award(2026, 200000, LICENSE, True),
        MYCAA_2023,
        [
            "An award of $2,000.00 is more than the $1,500.00 left of the $4,000.00 lifetime "
            "limit ($2,500.00 already used)"
        ],
        id="waiver-does-not-lift-lifetime-cap",
    ),
    pytest.param(
        (award(2026, 150000),),
        award(2026, 100000),
        MYCAA_2023,
        [
            "An award of $1,000.00 is more than the $500.00 left of the $2,000.00 limit for "
            "fiscal year 2026 ($1,500.00 already used)"
        ],
        id="second-award-same-fy",
    ),
    pytest.param(
        (award(2026, 150000),), award(2027, 100000), MYCAA_2023, [], id="next-fy-has-fresh-cap"
    ),
    pytest.param(
        (),
        award(2025, 100000),
        MYCAA_2023,
        ["The award is for fiscal year 2025, which has ended (today is in fiscal year 2026)"],
        id="past-fiscal-year",
    ),
    pytest.param(
        (),
        award(2026, 0),
        MYCAA_2023,
        ["The award amount must be more than $0.00, not $0.00"],
        id="zero-amount",
    ),
    pytest.param(
        (award(2024, 200000), award(2025, 200000)),
        award(2026, 50000, GENERAL),
        MYCAA_2023,
        [
            "MyCAA does not pay for general studies; it pays for licenses, certifications and "
            "associate degrees (rule set mycaa-2023.1)",
            "An award of $500.00 is more than the $0.00 left of the $4,000.00 lifetime limit "
            "($4,000.00 already used)",
        ],
        id="every-refusal-listed",
    ),
]


@pytest.mark.parametrize(("awards", "new_award", "ruleset", "reasons"), AWARD_CASES)
def test_check_award(
    awards: tuple[MyCAAAward, ...], new_award: MyCAAAward, ruleset: RuleSet, reasons: list[str]
) -> None:
    assert check_award(make_spouse(awards=awards), new_award, ON, ruleset) == reasons


def test_account_needs_a_mycaa_rule_set() -> None:
    with pytest.raises(TypeError, match=re.escape("'seco-2019.1' is not a MyCAA rule set")):
        balance(make_spouse(), ON, BOOK.get("seco-2019.1"))
