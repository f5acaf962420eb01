"""Two accounts with one user name (added offline on two workstations): who keeps the name.

The rule is the same on every workstation whatever the order of the syncs: the account created
first keeps the name (equal creation times: the lower user id); the other is renamed to a
*derived name*, ``<name>--<hex>``: the name (shortened if need be) plus two hyphens and the
first hex digits of its user id, e.g. ``jsmith--3f9a1c``. Names given by hand may not contain
two hyphens in a row (``validation.validate_user_fields``), so a derived name never meets one of
them; two derived names meet only when two ids share their first six hex digits, and then the
later account takes more of its id's digits (8, 10, ... up to 16).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_LENGTH = 32
MARK = "--"
SUFFIX_LENGTHS = (6, 8, 10, 12, 14, 16)


@dataclass(frozen=True, slots=True)
class Claim:
    """One account's claim on a user name: what the rule compares."""

    user_id: str
    created_at: datetime

    def order(self) -> tuple[datetime, str]:
        return (self.created_at, self.user_id)


def keeps_name(a: Claim, b: Claim) -> bool:
    """Whether ``a`` keeps the user name it shares with ``b`` (created first; tie: lower id)."""
    return a.order() < b.order()


def derived_username(username: str, user_id: str, digits: int = SUFFIX_LENGTHS[0]) -> str:
    """The name an account gets when another keeps ``username``; valid and at most 32 long."""
    base = username.split(MARK, 1)[0] or username
    suffix = user_id.replace("-", "").lower()[:digits]
    return base[: MAX_LENGTH - len(MARK) - len(suffix)] + MARK + suffix


def derived_candidates(username: str, user_id: str) -> list[str]:
    """The derived names to try in order (the first one not taken by another account)."""
    return [derived_username(username, user_id, n) for n in SUFFIX_LENGTHS]


def is_derived(username: str) -> bool:
    """Whether a name has the shape only sync gives (two hyphens in a row)."""
    return MARK in username
