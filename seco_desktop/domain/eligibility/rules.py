"""Rule sets: the eligibility rules of one program, as versioned data with an effective date.

Rule sets are JSON documents (see ``rulesets/*.json``). ``parse_ruleset`` validates strictly;
``ruleset_to_dict`` gives back the same JSON shape, so a parsed rule set round-trips.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from seco_desktop.domain.eligibility._reader import (
    RuleSetError,
    join,
    read_bool,
    read_date,
    read_enum,
    read_enum_list,
    read_int,
    read_object,
    read_object_list,
    read_pay_grades,
    read_text,
)
from seco_desktop.domain.reference import (
    Branch,
    Component,
    MyCAAProgramType,
    Program,
    ReservePhase,
)

__all__ = [
    "ExcludedBranch",
    "MyCAAParams",
    "RuleSet",
    "RuleSetError",
    "SecoParams",
    "load_ruleset_json",
    "parse_ruleset",
    "ruleset_to_dict",
]


@dataclass(frozen=True, slots=True)
class ExcludedBranch:
    """A branch whose spouses are refused, with the reason a coach reads out."""

    branch: Branch
    reason: str  # e.g. "Coast Guard spouses are not eligible for SECO"


@dataclass(frozen=True, slots=True)
class SecoParams:
    eligible_branches: tuple[Branch, ...]
    eligible_components: tuple[Component, ...]
    separation_window_days: int  # served while fewer days than this have passed since separation
    surviving_spouses_eligible: bool  # of members who died on active duty
    exclude_active_duty_spouses: bool  # the spouse is an active-duty member
    excluded_branches: tuple[ExcludedBranch, ...]


@dataclass(frozen=True, slots=True)
class MyCAAParams:
    pay_grades: tuple[str, ...]  # "E-1", "W-2", "O-3" ...
    title10_components: tuple[Component, ...]  # eligible only while on Title 10 orders
    excluded_reserve_phases: tuple[ReservePhase, ...]
    exclude_service_member_spouses: bool
    exclude_legally_separated: bool
    excluded_branches: tuple[ExcludedBranch, ...]
    lifetime_cap_cents: int
    fiscal_year_cap_cents: int
    fiscal_year_cap_waivable: bool  # for a license/certification costing more up front
    eligible_program_types: tuple[MyCAAProgramType, ...]


@dataclass(frozen=True, slots=True)
class RuleSet:
    program: Program
    version: str  # unique across the rule book, e.g. "mycaa-2023.1"
    effective_from: date
    description: str  # what changed and where the effective date comes from
    params: SecoParams | MyCAAParams


_TOP = {
    "program": "'seco' or 'mycaa'",
    "version": "a version id such as 'mycaa-2023.1'",
    "effective_from": "a date as YYYY-MM-DD",
    "description": "text saying what the rule set is and where its date comes from",
    "params": "an object with the program's rules",
}
_EXCLUDED = {"branch": "a branch", "reason": "the reason a coach reads to the caller"}
_SECO = {
    "eligible_branches": "a list of branches",
    "eligible_components": "a list of components",
    "separation_window_days": "a whole number of days",
    "surviving_spouses_eligible": "true or false",
    "exclude_active_duty_spouses": "true or false",
    "excluded_branches": "a list of {branch, reason} objects",
}
_MYCAA = {
    "pay_grades": "a list of pay grades such as 'E-1'",
    "title10_components": "a list of components that need Title 10 orders",
    "excluded_reserve_phases": "a list of reserve phases",
    "exclude_service_member_spouses": "true or false",
    "exclude_legally_separated": "true or false",
    "excluded_branches": "a list of {branch, reason} objects",
    "lifetime_cap_cents": "a whole number of cents",
    "fiscal_year_cap_cents": "a whole number of cents",
    "fiscal_year_cap_waivable": "true or false",
    "eligible_program_types": "a list of program types",
}
_MAX_VERSION = 40


def _excluded_branches(m: Mapping[str, object], path: str) -> tuple[ExcludedBranch, ...]:
    out: list[ExcludedBranch] = []
    seen: set[Branch] = set()
    for where, item in read_object_list(m, "excluded_branches", path):
        obj = read_object(item, where, _EXCLUDED)
        branch = read_enum(obj["branch"], join(where, "branch"), Branch, "branch")
        if branch in seen:
            raise RuleSetError(join(where, "branch"), f"{branch.value!r} is listed twice")
        seen.add(branch)
        out.append(ExcludedBranch(branch, read_text(obj, "reason", where)))
    return tuple(out)


def _seco_params(value: object, path: str) -> SecoParams:
    m = read_object(value, path, _SECO)
    params = SecoParams(
        eligible_branches=read_enum_list(m, "eligible_branches", path, Branch, "branch"),
        eligible_components=read_enum_list(m, "eligible_components", path, Component, "component"),
        separation_window_days=read_int(m, "separation_window_days", path, minimum=1, unit="days"),
        surviving_spouses_eligible=read_bool(m, "surviving_spouses_eligible", path),
        exclude_active_duty_spouses=read_bool(m, "exclude_active_duty_spouses", path),
        excluded_branches=_excluded_branches(m, path),
    )
    for i, excluded in enumerate(params.excluded_branches):
        if excluded.branch in params.eligible_branches:
            raise RuleSetError(
                f"{join(path, 'excluded_branches')}[{i}].branch",
                f"{excluded.branch.value!r} is also listed in eligible_branches",
            )
    return params


def _mycaa_params(value: object, path: str) -> MyCAAParams:
    m = read_object(value, path, _MYCAA)
    lifetime = read_int(m, "lifetime_cap_cents", path, minimum=1, unit="cents")
    fiscal_year = read_int(m, "fiscal_year_cap_cents", path, minimum=1, unit="cents")
    if fiscal_year > lifetime:
        raise RuleSetError(
            join(path, "fiscal_year_cap_cents"),
            f"{fiscal_year} is more than lifetime_cap_cents ({lifetime})",
        )
    return MyCAAParams(
        pay_grades=read_pay_grades(m, "pay_grades", path),
        title10_components=read_enum_list(
            m, "title10_components", path, Component, "component", allow_empty=True
        ),
        excluded_reserve_phases=read_enum_list(
            m,
            "excluded_reserve_phases",
            path,
            ReservePhase,
            "reserve phase",
            allow_empty=True,
            refuse=frozenset({ReservePhase.NONE.value}),
        ),
        exclude_service_member_spouses=read_bool(m, "exclude_service_member_spouses", path),
        exclude_legally_separated=read_bool(m, "exclude_legally_separated", path),
        excluded_branches=_excluded_branches(m, path),
        lifetime_cap_cents=lifetime,
        fiscal_year_cap_cents=fiscal_year,
        fiscal_year_cap_waivable=read_bool(m, "fiscal_year_cap_waivable", path),
        eligible_program_types=read_enum_list(
            m, "eligible_program_types", path, MyCAAProgramType, "program type"
        ),
    )


def parse_ruleset(data: Mapping[str, object]) -> RuleSet:
    """Validate a rule set document; raise ``RuleSetError`` naming the first bad key."""
    m = read_object(data, "", _TOP)
    program = read_enum(m["program"], "program", Program, "program")
    version = read_text(m, "version", "")
    if len(version) > _MAX_VERSION or any(ch.isspace() for ch in version):
        raise RuleSetError(
            "version", f"{version!r} must be at most {_MAX_VERSION} characters with no spaces"
        )
    effective_from = read_date(m, "effective_from", "")
    description = read_text(m, "description", "")
    params: SecoParams | MyCAAParams
    if program is Program.SECO:
        params = _seco_params(m["params"], "params")
    else:
        params = _mycaa_params(m["params"], "params")
    return RuleSet(program, version, effective_from, description, params)


def load_ruleset_json(text: str) -> RuleSet:
    """Parse an uploaded JSON document; malformed JSON is a ``RuleSetError`` too."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleSetError(
            "", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise RuleSetError("", "expected a JSON object at the top level")
    return parse_ruleset(data)


def _excluded_to_list(items: tuple[ExcludedBranch, ...]) -> list[dict[str, object]]:
    return [{"branch": e.branch.value, "reason": e.reason} for e in items]


def _params_to_dict(params: SecoParams | MyCAAParams) -> dict[str, object]:
    if isinstance(params, SecoParams):
        return {
            "eligible_branches": [b.value for b in params.eligible_branches],
            "eligible_components": [c.value for c in params.eligible_components],
            "separation_window_days": params.separation_window_days,
            "surviving_spouses_eligible": params.surviving_spouses_eligible,
            "exclude_active_duty_spouses": params.exclude_active_duty_spouses,
            "excluded_branches": _excluded_to_list(params.excluded_branches),
        }
    return {
        "pay_grades": list(params.pay_grades),
        "title10_components": [c.value for c in params.title10_components],
        "excluded_reserve_phases": [p.value for p in params.excluded_reserve_phases],
        "exclude_service_member_spouses": params.exclude_service_member_spouses,
        "exclude_legally_separated": params.exclude_legally_separated,
        "excluded_branches": _excluded_to_list(params.excluded_branches),
        "lifetime_cap_cents": params.lifetime_cap_cents,
        "fiscal_year_cap_cents": params.fiscal_year_cap_cents,
        "fiscal_year_cap_waivable": params.fiscal_year_cap_waivable,
        "eligible_program_types": [t.value for t in params.eligible_program_types],
    }


def ruleset_to_dict(rs: RuleSet) -> dict[str, object]:
    """The JSON-ready document ``parse_ruleset`` reads back to an equal rule set."""
    return {
        "program": rs.program.value,
        "version": rs.version,
        "effective_from": rs.effective_from.isoformat(),
        "description": rs.description,
        "params": _params_to_dict(rs.params),
    }
