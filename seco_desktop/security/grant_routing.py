"""Which grant sits under which user name, once sync has renamed an account.

Grants are filed by principal (``user:<name>``), in the key file and at the central store. When
two workstations added the same user name, the same principal meets two grants (two people,
two passwords), and sync renames one account (``domain.usernames``). A grant that names its
account (``Grant.user_id``, bound into its AAD) is filed under that account's current name: a
grant whose account was renamed is *moved* (still sealed for the principal it was made for,
plus an HMAC under the master key that allows it where it now sits; ``wrapping.alias_mac``).

For each principal the best grant wins: one naming the account that holds the name here (2),
one naming nobody or a principal nobody holds here (1; grants made before grants named
accounts), never one naming another account, nor a nameless one for a name an account lost to
sync (0: it may open with the renamed person's password). On equal rank this workstation's own
grant stays (a password changed here is kept). A grant is published where the central store
has none, or one this store knows belongs elsewhere (its account is known here under another
name); a grant of an account not known here yet is neither taken nor replaced, so two
workstations never overwrite each other's grants back and forth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from seco_desktop.security import keyfile as kf
from seco_desktop.security.wrapping import alias_mac, principal_for


@dataclass(frozen=True, slots=True)
class Accounts:
    """What the store says about user names: each account's current name, and the names
    accounts lost to sync (``app_user.renamed_from``)."""

    names: Mapping[str, str]  # user id -> user name
    lost: frozenset[str]  # user names some account was renamed from

    def holder(self, principal: str) -> str | None:
        for user_id, name in self.names.items():
            if principal_for(name) == principal:
                return user_id
        return None

    def contested(self, principal: str) -> bool:
        return any(principal_for(name) == principal for name in self.lost)


@dataclass(frozen=True, slots=True)
class Routed:
    grants: dict[str, kf.Grant]  # this workstation's user grants, by principal
    publish: dict[str, kf.Grant]  # to put at the central store, by principal


def route(
    here: Mapping[str, kf.Grant],
    central: Mapping[str, kf.Grant],
    accounts: Accounts,
    *,
    master_key: bytes,
    store_id: str,
) -> Routed:
    """The user grants this workstation keeps, and those the central store should get."""
    best: dict[str, tuple[int, bool, kf.Grant]] = {}
    for is_here, side in ((True, here), (False, central)):
        for principal, grant in side.items():
            if not principal.startswith(kf.USER_PREFIX):
                continue
            target = _target(principal, grant, accounts)
            placed = grant if target == principal else _moved(grant, principal, target,
                                                               master_key, store_id)  # fmt: skip
            candidate = (_rank(target, placed, accounts), is_here, placed)
            if target not in best or candidate[:2] > best[target][:2]:
                best[target] = candidate
    grants = {p: g for p, (rank, is_here, g) in best.items() if rank > 0 or is_here}
    publish = {
        p: g
        for p, (rank, _, g) in best.items()
        if rank > 0 and (p not in central or _misplaced(p, central[p], accounts))
    }
    return Routed(grants, publish)


def _target(principal: str, grant: kf.Grant, accounts: Accounts) -> str:
    """Where a grant belongs: under its account's current name, if this store knows it."""
    name = accounts.names.get(grant.user_id or "")
    return principal if name is None else principal_for(name)


def _misplaced(principal: str, grant: kf.Grant, accounts: Accounts) -> bool:
    """Whether this store knows for sure a grant does not belong under ``principal`` (an
    account it does not know yet proves nothing: the grant may be right elsewhere)."""
    if grant.user_id is None:
        return accounts.contested(principal)
    return grant.user_id in accounts.names and _target(principal, grant, accounts) != principal


def _rank(principal: str, grant: kf.Grant, accounts: Accounts) -> int:
    holder = accounts.holder(principal)
    if grant.user_id is None:
        return 0 if accounts.contested(principal) else 1
    if holder is None:
        return 1
    return 2 if grant.user_id == holder else 0


def _moved(
    grant: kf.Grant, principal: str, target: str, master_key: bytes, store_id: str
) -> kf.Grant:
    """``grant`` (filed under ``principal``) allowed under ``target``."""
    sealed_as = grant.sealed_as or principal
    if sealed_as == target:  # back where it was made
        return replace(grant, sealed_as=None, alias_mac=None)
    moved = replace(grant, sealed_as=sealed_as, alias_mac=None)
    return replace(moved, alias_mac=alias_mac(master_key, store_id, target, moved))
