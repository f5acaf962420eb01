"""Eligibility for SECO and MyCAA: versioned rule sets (data with effective dates) and an engine.

Typical use::

    book = RuleBook.builtin()
    decision = decide_mycaa(spouse, date.today(), book)
    decision.eligible, decision.reasons, decision.ruleset_version

An administrator's rule set (JSON) is added with ``book.with_ruleset(load_ruleset_json(text))``.
"""

from seco_desktop.domain.eligibility.benefit import (
    WAIVABLE_PROGRAM_TYPES,
    MyCAABalance,
    balance,
    check_award,
    fiscal_year_of,
    format_usd,
)
from seco_desktop.domain.eligibility.engine import (
    Decision,
    decide_all,
    decide_mycaa,
    decide_seco,
    evaluate,
)
from seco_desktop.domain.eligibility.rulebook import NoRuleSetError, RuleBook, RuleBookError
from seco_desktop.domain.eligibility.rules import (
    ExcludedBranch,
    MyCAAParams,
    RuleSet,
    RuleSetError,
    SecoParams,
    load_ruleset_json,
    parse_ruleset,
    ruleset_to_dict,
)

__all__ = [
    "WAIVABLE_PROGRAM_TYPES",
    "Decision",
    "ExcludedBranch",
    "MyCAABalance",
    "MyCAAParams",
    "NoRuleSetError",
    "RuleBook",
    "RuleBookError",
    "RuleSet",
    "RuleSetError",
    "SecoParams",
    "balance",
    "check_award",
    "decide_all",
    "decide_mycaa",
    "decide_seco",
    "evaluate",
    "fiscal_year_of",
    "format_usd",
    "load_ruleset_json",
    "parse_ruleset",
    "ruleset_to_dict",
]
