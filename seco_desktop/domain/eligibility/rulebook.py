"""The rule book: every version of every program's rule set, looked up by the date of a decision."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from importlib.resources import files

from seco_desktop.domain.eligibility.rules import RuleSet, parse_ruleset
from seco_desktop.domain.reference import Program

__all__ = ["NoRuleSetError", "RuleBook", "RuleBookError"]

_PROGRAM_NAMES = {Program.SECO: "SECO", Program.MYCAA: "MyCAA"}


class RuleBookError(ValueError):
    """A rule set that cannot be added to the rule book (duplicate version or date)."""


class NoRuleSetError(LookupError):
    """No rule set of the program is in effect on the date asked about."""


class RuleBook:
    """An immutable collection of rule sets; ``with_ruleset`` returns a new rule book."""

    __slots__ = ("_by_program",)

    def __init__(self, rulesets: Iterable[RuleSet] = ()) -> None:
        self._by_program: dict[Program, tuple[RuleSet, ...]] = {p: () for p in Program}
        for rs in rulesets:
            self._check_new(rs)
            ordered = sorted((*self._by_program[rs.program], rs), key=lambda r: r.effective_from)
            self._by_program[rs.program] = tuple(ordered)

    @classmethod
    def builtin(cls) -> RuleBook:
        """The rule sets shipped with the application (package data ``rulesets/*.json``)."""
        folder = files("seco_desktop.domain.eligibility").joinpath("rulesets")
        documents = sorted(
            (entry for entry in folder.iterdir() if entry.name.endswith(".json")),
            key=lambda entry: entry.name,
        )
        return cls(parse_ruleset(json.loads(entry.read_text("utf-8"))) for entry in documents)

    def _check_new(self, rs: RuleSet) -> None:
        for existing in self.all():
            if existing.version == rs.version:
                raise RuleBookError(
                    f"Rule set version {rs.version!r} is already in the rule book; "
                    "give the new rule set a new version id"
                )
        for existing in self._by_program[rs.program]:
            if existing.effective_from == rs.effective_from:
                raise RuleBookError(
                    f"{_PROGRAM_NAMES[rs.program]} rule set {rs.version!r} takes effect on "
                    f"{rs.effective_from.isoformat()}, the same day as {existing.version!r}; "
                    "give it a different effective date"
                )

    def with_ruleset(self, rs: RuleSet) -> RuleBook:
        """A new rule book with ``rs`` added; this one is left as it was."""
        return RuleBook((*self.all(), rs))

    def versions(self, program: Program) -> tuple[RuleSet, ...]:
        """The program's rule sets, oldest effective date first."""
        return self._by_program[program]

    def all(self) -> tuple[RuleSet, ...]:
        return tuple(rs for program in Program for rs in self._by_program[program])

    def get(self, version: str) -> RuleSet:
        """The rule set with this version id (to re-read a recorded decision)."""
        for rs in self.all():
            if rs.version == version:
                return rs
        raise NoRuleSetError(f"No rule set has the version id {version!r}")

    def effective(self, program: Program, on: date) -> RuleSet:
        """The rule set in effect on ``on``: the latest one whose effective date is not after it."""
        found: RuleSet | None = None
        for rs in self._by_program[program]:
            if rs.effective_from <= on:
                found = rs
        if found is not None:
            return found
        name = _PROGRAM_NAMES[program]
        known = self._by_program[program]
        if not known:
            raise NoRuleSetError(f"The rule book has no {name} rule set")
        first = known[0]
        raise NoRuleSetError(
            f"No {name} rule set is in effect on {on.isoformat()}; the earliest, "
            f"{first.version!r}, takes effect on {first.effective_from.isoformat()}"
        )

    def __repr__(self) -> str:
        return f"RuleBook({[rs.version for rs in self.all()]!r})"
