"""Two accounts with one user name meet during a sync: the rule of ``domain.usernames``.

Two administrators can add the same user name offline on two workstations (two people, two
ids). The store keeps user names unique, so before an arriving account document is applied,
:func:`settle` looks for another account holding its name here. The one created first keeps
the name (tie: the lower id); the other gets its derived name (``jsmith--3f9a1c``) and
remembers the old one (``renamed_from``). A local account renamed in place is queued through
the outbox; an arriving account renamed is applied renamed and queued by the caller on top of
the central copy. Every workstation that sees both applies the same rule, so their edits are
identical and the three-way merge settles them without a clash (no ping-pong). Each rename is
audited here with ``{"source": "sync"}``, field names and counts only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from seco_desktop.domain import codec
from seco_desktop.domain.models import User
from seco_desktop.domain.usernames import Claim, derived_candidates, keeps_name
from seco_desktop.security.audit_chain import AuditDraft
from seco_desktop.services import audit
from seco_desktop.services.clock import Clock
from seco_desktop.store import users as user_rows

Doc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Renamed:
    """One account renamed by this sync (names stay on this workstation: never logged)."""

    user_id: str
    old: str
    new: str
    in_place: bool  # an account held here already (its sign-in file entries move with it)


@dataclass
class ClashContext:
    """What settling needs beyond the store: the audit key and the clock; what it did."""

    audit_key: bytes
    clock: Clock
    renamed: list[Renamed] = field(default_factory=list)

    @classmethod
    def for_keys(cls, index_key: bytes, clock: Clock) -> ClashContext:
        return cls(audit.audit_key_for(index_key), clock)


def settle(conn: Connection, ctx: ClashContext, doc: Doc) -> Doc:
    """The account document to apply: ``doc`` itself, or ``doc`` under its derived name when
    an account here keeps the name; an account here that loses the name is renamed first."""
    if doc.get("deleted"):
        return doc
    arriving = codec.from_dict(User, doc["body"])
    name = arriving.username
    while (holder := user_rows.name_holder(conn, name, other_than=arriving.id)) is not None:
        if keeps_name(_claim(arriving), _claim(holder)):
            new = _free_name(conn, name, holder.id)
            user_rows.rename_synced(conn, holder.id, new, name, ctx.clock())
            _note(conn, ctx, Renamed(holder.id, name, new, in_place=True))
        else:
            new = _free_name(conn, name, arriving.id)
            doc = {**doc, "body": doc["body"] | {"username": new, "renamed_from": name}}
            _note(conn, ctx, Renamed(arriving.id, name, new, in_place=False))
            name = new
    return doc


def _claim(user: User) -> Claim:
    return Claim(user.id, user.created_at)


def _free_name(conn: Connection, username: str, user_id: str) -> str:
    candidates = derived_candidates(username, user_id)
    for candidate in candidates:
        if not user_rows.name_taken(conn, candidate, other_than=user_id):
            return candidate
    return candidates[-1]  # 16 hex digits of two ids alike: the store refuses it, loudly


def _note(conn: Connection, ctx: ClashContext, renamed: Renamed) -> None:
    """Remember the rename for the caller and write its audit entry (no names in it)."""
    ctx.renamed.append(renamed)
    detail = {"source": "sync", "fields": ["username"], "accounts": 2}
    draft = AuditDraft(
        ctx.clock(), "", "", "", audit.Action.USER_RENAMED.value, renamed.user_id,
        audit.Outcome.OK.value, json.dumps(detail, sort_keys=True, separators=(",", ":")),
    )  # fmt: skip
    audit.append_draft(conn, ctx.audit_key, draft)
