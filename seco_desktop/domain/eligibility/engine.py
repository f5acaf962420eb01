"""Eligibility decisions for SECO and MyCAA, with every reason in plain words.

A refused decision lists every rule that fails, so the coach can tell the caller everything at once;
an eligible decision says why the spouse qualifies. Each decision names the rule-set version used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from seco_desktop.domain.eligibility._words import (
    PHASE_STATE,
    a,
    component_place,
    days,
    grade_is_above,
    grade_ranges,
    member,
)
from seco_desktop.domain.eligibility.rulebook import RuleBook
from seco_desktop.domain.eligibility.rules import (
    ExcludedBranch,
    MyCAAParams,
    RuleSet,
    SecoParams,
)
from seco_desktop.domain.models import Sponsor, Spouse
from seco_desktop.domain.reference import Branch, Program, SponsorStatus

__all__ = ["Decision", "decide_all", "decide_mycaa", "decide_seco", "evaluate"]


@dataclass(frozen=True, slots=True)
class Decision:
    program: Program
    eligible: bool
    reasons: tuple[str, ...]  # why eligible, or every reason not
    ruleset_version: str
    decided_on: date


def _branch_refusal(
    sponsor: Sponsor,
    excluded: tuple[ExcludedBranch, ...],
    eligible: tuple[Branch, ...] | None,
    program_name: str,
) -> str | None:
    verb = "serves" if sponsor.status is SponsorStatus.SERVING else "served"
    said = f"Sponsor {verb} in the {sponsor.branch.label}"
    for entry in excluded:
        if entry.branch is sponsor.branch:
            return f"{said}; {entry.reason}"
    if eligible is not None and sponsor.branch not in eligible:
        return f"{said}, which is not a branch {program_name} serves"
    return None


def _seco(spouse: Spouse, on: date, rs: RuleSet, p: SecoParams) -> Decision:
    sponsor = spouse.sponsor
    fails: list[str] = []
    qualifies = ""
    if p.exclude_active_duty_spouses and spouse.is_service_member:
        fails.append(
            "Spouse is an active-duty service member; SECO serves spouses who are not "
            "themselves on active duty"
        )
    branch = _branch_refusal(sponsor, p.excluded_branches, p.eligible_branches, "SECO")
    if branch is not None:
        fails.append(branch)
    if sponsor.component not in p.eligible_components:
        fails.append(
            f"Sponsor is {component_place(sponsor.component)}, which is not a component SECO serves"
        )
    window = p.separation_window_days
    if sponsor.status is SponsorStatus.SERVING:
        qualifies = f"Spouse of {member(sponsor)}"
    elif sponsor.status is SponsorStatus.SEPARATED:
        if sponsor.separation_date is None:
            fails.append(
                "Sponsor is recorded as separated without a separation date; SECO serves "
                f"spouses for {days(window)} after separation, so the date is needed"
            )
        else:
            since = (on - sponsor.separation_date).days
            if since >= window:
                fails.append(
                    f"Sponsor separated {days(since)} ago; SECO serves spouses for "
                    f"{days(window)} after separation"
                )
            elif since < 0:
                qualifies = (
                    f"Spouse of {member(sponsor)} who separates on "
                    f"{sponsor.separation_date.isoformat()}"
                )
            else:
                qualifies = (
                    f"Spouse of {member(sponsor)} who separated {days(since)} ago; SECO serves "
                    f"spouses for {days(window)} after separation"
                )
    elif p.surviving_spouses_eligible:
        qualifies = f"Surviving spouse of {a(sponsor.branch.label)} member who died on active duty"
    else:
        fails.append(
            f"Sponsor died on active duty; rule set {rs.version} does not cover surviving spouses"
        )
    reasons = tuple(fails) if fails else (qualifies,)
    return Decision(Program.SECO, not fails, reasons, rs.version, on)


def _mycaa_grade(sponsor: Sponsor, rs: RuleSet, p: MyCAAParams) -> tuple[bool, str]:
    grade = sponsor.pay_grade
    limits = f"{grade_ranges(p.pay_grades)} under rule set {rs.version}"
    if grade in p.pay_grades:
        return True, f"Sponsor's pay grade {grade} is within MyCAA's grades ({limits})"
    if grade_is_above(grade, p.pay_grades):
        return False, f"Sponsor's pay grade {grade} is above MyCAA's limit ({limits})"
    return False, f"Sponsor's pay grade {grade or '(none)'} is not one MyCAA covers ({limits})"


def _mycaa(spouse: Spouse, on: date, rs: RuleSet, p: MyCAAParams) -> Decision:
    sponsor = spouse.sponsor
    fails: list[str] = []
    if p.exclude_service_member_spouses and spouse.is_service_member:
        fails.append(
            "Spouse is a service member; MyCAA serves spouses who are not themselves "
            "service members"
        )
    if p.exclude_legally_separated and spouse.legally_separated:
        fails.append(
            "Spouse is legally separated from the sponsor; legally separated spouses are "
            "not eligible for MyCAA"
        )
    branch = _branch_refusal(sponsor, p.excluded_branches, None, "MyCAA")
    if branch is not None:
        fails.append(branch)
    if sponsor.status is SponsorStatus.SEPARATED:
        when = f" on {sponsor.separation_date.isoformat()}" if sponsor.separation_date else ""
        fails.append(
            f"Sponsor separated from service{when}; MyCAA serves spouses of members who are "
            "still serving"
        )
    elif sponsor.status is SponsorStatus.DIED_ON_ACTIVE_DUTY:
        fails.append(
            "Sponsor died on active duty; MyCAA serves spouses of members who are still serving"
        )
    grade_ok, grade_reason = _mycaa_grade(sponsor, rs, p)
    if not grade_ok:
        fails.append(grade_reason)
    needs_orders = sponsor.component in p.title10_components
    if needs_orders and not sponsor.on_title10_orders:
        fails.append(f"Sponsor is {component_place(sponsor.component)} and not on Title 10 orders")
    if sponsor.reserve_phase in p.excluded_reserve_phases:
        fails.append(
            f"Sponsor is {PHASE_STATE[sponsor.reserve_phase]}; MyCAA does not serve spouses "
            "while the sponsor is in that status"
        )
    if fails:
        return Decision(Program.MYCAA, False, tuple(fails), rs.version, on)
    orders = " on Title 10 orders" if needs_orders else ""
    reasons = (f"Spouse of {member(sponsor)}{orders}", grade_reason)
    return Decision(Program.MYCAA, True, reasons, rs.version, on)


def evaluate(spouse: Spouse, on: date, ruleset: RuleSet) -> Decision:
    """Decide under one given rule set (e.g. to re-check a decision recorded under it)."""
    if ruleset.program is Program.SECO and isinstance(ruleset.params, SecoParams):
        return _seco(spouse, on, ruleset, ruleset.params)
    if ruleset.program is Program.MYCAA and isinstance(ruleset.params, MyCAAParams):
        return _mycaa(spouse, on, ruleset, ruleset.params)
    raise TypeError(f"rule set {ruleset.version!r} has params that do not match its program")


def decide_seco(spouse: Spouse, on: date, rulebook: RuleBook) -> Decision:
    """SECO eligibility on ``on`` under the rule set then in effect."""
    return evaluate(spouse, on, rulebook.effective(Program.SECO, on))


def decide_mycaa(spouse: Spouse, on: date, rulebook: RuleBook) -> Decision:
    """MyCAA eligibility on ``on`` under the rule set then in effect."""
    return evaluate(spouse, on, rulebook.effective(Program.MYCAA, on))


def decide_all(spouse: Spouse, on: date, rulebook: RuleBook) -> dict[Program, Decision]:
    """Every program's decision, keyed by program (SECO first)."""
    return {program: evaluate(spouse, on, rulebook.effective(program, on)) for program in Program}
