"""The MyCAA account: what a spouse has used and has left, and whether a new award fits the caps.

Money is integer cents throughout. Fiscal years are US federal ones (FY2027 starts 2026-10-01).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from seco_desktop.domain.eligibility._words import PROGRAM_TYPE_PLURAL, and_list
from seco_desktop.domain.eligibility.rules import MyCAAParams, RuleSet
from seco_desktop.domain.models import MyCAAAward, Spouse
from seco_desktop.domain.reference import MyCAAProgramType

__all__ = ["MyCAABalance", "balance", "check_award", "fiscal_year_of", "format_usd"]

#: Program types whose fiscal-year cap may be waived (an up-front fee larger than the cap).
WAIVABLE_PROGRAM_TYPES = frozenset({MyCAAProgramType.LICENSE, MyCAAProgramType.CERTIFICATION})
_FIRST_MONTH_OF_FY = 10


def fiscal_year_of(d: date) -> int:
    """The US federal fiscal year of ``d``: it starts on 1 October of the year before."""
    return d.year + 1 if d.month >= _FIRST_MONTH_OF_FY else d.year


def format_usd(cents: int) -> str:
    """ "$4,000.00"; "-$12.50" for a negative amount."""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}${dollars:,}.{rest:02d}"


@dataclass(frozen=True, slots=True)
class MyCAABalance:
    lifetime_cap_cents: int
    used_cents: int
    remaining_cents: int
    fiscal_year: int
    used_this_fy_cents: int
    remaining_this_fy_cents: int  # also limited by what is left of the lifetime cap


def _params(ruleset: RuleSet) -> MyCAAParams:
    if not isinstance(ruleset.params, MyCAAParams):
        raise TypeError(f"rule set {ruleset.version!r} is not a MyCAA rule set")
    return ruleset.params


def _used(awards: list[MyCAAAward], fiscal_year: int | None = None) -> int:
    return sum(
        award.amount_cents
        for award in awards
        if fiscal_year is None or award.fiscal_year == fiscal_year
    )


def _account(spouse: Spouse, fiscal_year: int, p: MyCAAParams) -> MyCAABalance:
    used = _used(spouse.mycaa_awards)
    remaining = max(0, p.lifetime_cap_cents - used)
    used_fy = _used(spouse.mycaa_awards, fiscal_year)
    remaining_fy = min(max(0, p.fiscal_year_cap_cents - used_fy), remaining)
    return MyCAABalance(p.lifetime_cap_cents, used, remaining, fiscal_year, used_fy, remaining_fy)


def balance(spouse: Spouse, on: date, ruleset: RuleSet) -> MyCAABalance:
    """The spouse's account on ``on``, from the awards recorded on the spouse."""
    return _account(spouse, fiscal_year_of(on), _params(ruleset))


def check_award(spouse: Spouse, award: MyCAAAward, on: date, ruleset: RuleSet) -> list[str]:
    """Every reason ``award`` (not yet among ``spouse.mycaa_awards``) must be refused; [] if none.

    This checks the money and what it pays for, not the spouse's eligibility: use
    ``decide_mycaa`` for that.
    """
    p = _params(ruleset)
    reasons: list[str] = []
    if award.program_type not in p.eligible_program_types:
        covered = and_list([PROGRAM_TYPE_PLURAL[t] for t in p.eligible_program_types])
        what = PROGRAM_TYPE_PLURAL[award.program_type]
        reasons.append(
            f"MyCAA does not pay for {what}; it pays for {covered} (rule set {ruleset.version})"
        )
    if award.amount_cents <= 0:
        reasons.append(
            f"The award amount must be more than $0.00, not {format_usd(award.amount_cents)}"
        )
        return reasons
    current_fy = fiscal_year_of(on)
    if award.fiscal_year < current_fy:
        reasons.append(
            f"The award is for fiscal year {award.fiscal_year}, which has ended "
            f"(today is in fiscal year {current_fy})"
        )
    account = _account(spouse, award.fiscal_year, p)
    amount = format_usd(award.amount_cents)
    if award.amount_cents > account.remaining_cents:
        reasons.append(
            f"An award of {amount} is more than the {format_usd(account.remaining_cents)} left "
            f"of the {format_usd(p.lifetime_cap_cents)} lifetime limit "
            f"({format_usd(account.used_cents)} already used)"
        )
    fy_left = max(0, p.fiscal_year_cap_cents - account.used_this_fy_cents)
    if award.amount_cents > fy_left:
        reasons.extend(_fiscal_year_refusal(award, fy_left, account, ruleset, p))
    return reasons


def _fiscal_year_refusal(
    award: MyCAAAward, fy_left: int, account: MyCAABalance, ruleset: RuleSet, p: MyCAAParams
) -> list[str]:
    """Reasons the fiscal-year cap refuses the award; none when a valid waiver lifts it."""
    waivable_type = award.program_type in WAIVABLE_PROGRAM_TYPES
    if award.waiver and p.fiscal_year_cap_waivable and waivable_type:
        return []  # the lifetime cap still applies, checked by the caller
    over = (
        f"An award of {format_usd(award.amount_cents)} is more than the {format_usd(fy_left)} "
        f"left of the {format_usd(p.fiscal_year_cap_cents)} limit for fiscal year "
        f"{award.fiscal_year} ({format_usd(account.used_this_fy_cents)} already used)"
    )
    if not award.waiver:
        if p.fiscal_year_cap_waivable and waivable_type:
            over += (
                "; a waiver can be requested for a license or certification with a larger "
                "up-front fee"
            )
        return [over]
    if not p.fiscal_year_cap_waivable:
        why = f"rule set {ruleset.version} does not allow fiscal-year cap waivers"
    else:
        why = (
            "a fiscal-year cap waiver is only for a license or certification, not for "
            f"{PROGRAM_TYPE_PLURAL[award.program_type]}"
        )
    return [over, why[0].upper() + why[1:]]
