"""Eligibility rule sets: the built-in versions and those an administrator adds as JSON."""

from __future__ import annotations

from dataclasses import dataclass

from seco_desktop.domain.eligibility import RuleBook, load_ruleset_json
from seco_desktop.domain.reference import Program
from seco_desktop.services import audit
from seco_desktop.services.audit import Action
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session, rulebook_from
from seco_desktop.store import rulesets as rows


@dataclass(frozen=True, slots=True)
class RuleSetRow:
    program: str
    version: str
    effective_from: str
    source: str  # "built-in", "added", or "set aside" (arrived by sync, not in force)


def add_ruleset(session: Session, body: str) -> None:
    """Add a new rule-set version (JSON); it applies from its date to decisions made in this
    session and in every session signed in afterwards."""
    require(session, Permission.MANAGE_RULESETS)
    ruleset = load_ruleset_json(body)  # RuleSetError names the bad key
    with session.store.write() as conn:
        # Check against what is stored now, not the session's copy: another session may
        # have added a rule set since this one signed in.
        book = rulebook_from(rows.stored_ruleset_bodies(conn)).with_ruleset(ruleset)
        rows.add_ruleset(
            conn,
            version=ruleset.version,
            program=ruleset.program.value,
            effective_from=ruleset.effective_from,
            body=body,
            added_by=session.user.id,
            now=session.clock(),
        )
        audit.record_in(conn, session, Action.RULESET_ADDED, detail={"version": ruleset.version})
    session.rulebook = book


def list_rulesets(session: Session) -> list[RuleSetRow]:
    """Every role may see which rule sets decide cases (no personal data); a live session only.
    Rule sets a sync set aside (``services.ruleset_sync``) come last, marked so."""
    session.ensure_active()
    builtin = {rs.version for p in Program for rs in RuleBook.builtin().versions(p)}
    with session.store.read() as conn:
        aside = [
            RuleSetRow(program, version, on.isoformat(), "set aside")
            for program, version, on in rows.set_aside_rows(conn)
        ]
    return [
        RuleSetRow(
            rs.program.value,
            rs.version,
            rs.effective_from.isoformat(),
            "built-in" if rs.version in builtin else "added",
        )
        for program in Program
        for rs in session.rulebook.versions(program)
    ] + aside
