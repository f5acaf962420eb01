"""Administrator-added rule sets arriving by sync: every workstation ends deciding with the same.

A rule set, once added, is immutable: a version id names one content for good. The central
store is the office's referee, since it orders everything the same way for every workstation:

- **Same version, different content** (added on two workstations while one was offline): both
  meet on one central record (its id is derived from the version id), so the second push finds
  the first already there. The copy the central store took first (row version 1) is the
  office's: the workstation whose copy lost takes the office's in its place, never sends its own,
  and records the lost content as a ``ruleset`` conflict for review (an administrator adds it
  again under a new version id; it cannot be "restored"). Any later row version of a rule set
  (rule sets are never updated) and a deleted one are refused on every workstation and recorded.
- **Different versions taking effect the same day for one program** (which the rule book cannot
  hold): the one that reached the central store first (lower usn; one not yet sent counts as
  last) stays in force; the other is kept but *set aside* (``ruleset.set_aside = "date"``) and
  recorded as a conflict. A rule set clashing with a built-in one is set aside too ("book").
- Otherwise the rule set is stored and in force at once.

Each outcome is audited in the name of the administrator who added it, with
``{"source": "sync"}`` and no rule-set content. The sync engine applies (no user: permissions
are for the local add, ``services.rulesets.add_ruleset``); ``sync_now`` then renews the
session's rule book, as a local add does.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from seco_desktop.central.server import CentralRow
from seco_desktop.domain.eligibility import RuleBookError, RuleSetError, load_ruleset_json
from seco_desktop.services import audit, sync_audit, sync_conflicts
from seco_desktop.services.clock import Clock
from seco_desktop.services.session import rulebook_from
from seco_desktop.services.sync_conflicts import ConflictMaker
from seco_desktop.services.sync_payload import Envelope
from seco_desktop.store import outbox
from seco_desktop.store import rulesets as rows
from seco_desktop.store.conflicts import Conflict
from seco_desktop.store.sync_appended import RULESET, insert_ruleset, ruleset_row

KIND = "ruleset"  # the conflict kind


class RuleSetContext:
    """What applying rule sets needs beyond the store, and what it did during one sync."""

    def __init__(self, audit_key: bytes, clock: Clock, maker: ConflictMaker) -> None:
        self.audit_key = audit_key
        self.clock = clock
        self.maker = maker  # conflict ids: the same clash found on two desks is one conflict
        self.applied = 0  # rule sets stored or taken here (the session's rule book is renewed)
        self.conflicts = 0


def apply(conn: Connection, row: CentralRow, env: Envelope, ctx: RuleSetContext) -> None:
    """Apply a verified rule-set row from the central store (the caller skips versions held)."""
    rid = row.record_id
    theirs = _checked(env.body, rid)
    if theirs is None or env.deleted or row.row_version != 1:
        why = "shape" if theirs is None else "deleted" if env.deleted else "version"
        _refuse(conn, row, env, ctx, why)
        return
    ours = rows.by_version(conn, str(theirs["version"]))
    if ours is None:
        reason = _clash(conn, ctx, env, theirs, row.usn)
        insert_ruleset(conn, env.body, reason)
        detail: dict[str, object] = {"source": "sync"}
        if reason is not None:
            detail["set_aside"] = reason
            field = "effective_from" if reason == "date" else "version"  # "book": a built-in's
            _conflict(conn, ctx, env, rid, field, kept=None, lost=theirs)
        _audit(conn, ctx, env, rid, detail)
    elif not _same(ours.body, str(theirs["body"])):
        # Ours lost the race to the central store: the office's copy replaces it here.
        lost = {"version": ours.version, "body": ours.body}
        rows.replace_body(conn, ours.version, {**theirs, "set_aside": None})
        reason = _clash(conn, ctx, env, theirs, row.usn, ignore=ours.version)
        if reason is not None:
            rows.set_aside(conn, ours.version, reason)
        _conflict(conn, ctx, env, rid, "body", kept=theirs, lost=lost, lost_by=ours.added_by)
        _audit(conn, ctx, env, rid, {"source": "sync", "replaced": "body"})
    _taken(conn, row)


def _checked(body: dict[str, Any], record_id: str) -> dict[str, Any] | None:
    """The row of a well-formed rule-set document (its JSON parses, agrees with its labels and
    its id is its version's), or None."""
    try:
        row = ruleset_row(body)
        parsed = load_ruleset_json(row["body"])
    except (ValueError, RuleSetError):
        return None
    agrees = (
        parsed.version == row["version"]
        and parsed.program.value == row["program"]
        and parsed.effective_from == row["effective_from"]
        and rows.record_id_of(parsed.version) == record_id
    )
    return row if agrees else None


def _same(ours: str, theirs: str) -> bool:
    """The same rule set (the JSON compared as data, not as text)."""
    try:
        return bool(json.loads(ours) == json.loads(theirs))
    except ValueError:
        return ours == theirs


def _clash(  # noqa: PLR0917
    conn: Connection,
    ctx: RuleSetContext,
    env: Envelope,
    theirs: dict[str, Any],
    usn: int,
    ignore: str = "",
) -> str | None:
    """Why an arriving rule set must be set aside, or None. An in-force one of the same
    program and day that it beats (it reached the central store first) is set aside here."""
    held = rows.in_force_on(
        conn, str(theirs["program"]), theirs["effective_from"], other_than=ignore
    )
    if held is not None:
        synced = outbox.synced_version(conn, RULESET, held.record_id)
        if synced is not None and synced[1] < usn:
            return "date"
        rows.set_aside(conn, held.version, "date")
        lost = {"version": held.version, "body": held.body}
        _conflict(conn, ctx, env, held.record_id, "effective_from", kept=theirs, lost=lost,
                  lost_by=held.added_by)  # fmt: skip
        ctx.applied += 1
    try:
        stored = [b for b in rows.stored_ruleset_bodies(conn) if _version(b) != ignore]
        rulebook_from(stored).with_ruleset(load_ruleset_json(str(theirs["body"])))
    except (RuleBookError, RuleSetError):
        return "book"
    return None


def _version(body: str) -> str:
    try:
        return load_ruleset_json(body).version
    except RuleSetError:
        return ""


def _taken(conn: Connection, row: CentralRow) -> None:
    """The central version is this workstation's now; nothing of ours is left to send."""
    outbox.set_synced(conn, RULESET, row.record_id, row.row_version, row.usn)
    outbox.clear_pending(conn, RULESET, row.record_id)
    outbox.drop_base(conn, RULESET, row.record_id)
    found = outbox.prepared_for(conn, RULESET, row.record_id)
    if found is not None:
        outbox.drop_push(conn, found.op_id)


def _audit(
    conn: Connection, ctx: RuleSetContext, env: Envelope, rid: str, detail: dict[str, object]
) -> None:
    """The rule set is here now (in force, or set aside: ``detail`` says which)."""
    ctx.applied += 1
    outcome = audit.Outcome.FAILED if len(detail) > 1 else audit.Outcome.OK
    sync_audit.record_arrival(
        conn, ctx.audit_key, ctx.clock, env.by, audit.Action.RULESET_ADDED, rid, outcome, detail
    )


def _refuse(
    conn: Connection, row: CentralRow, env: Envelope, ctx: RuleSetContext, why: str
) -> None:
    """A changed, deleted or malformed rule set: never applied, recorded, the cursor moves on."""
    outbox.set_synced(conn, RULESET, row.record_id, row.row_version, row.usn)
    _conflict(conn, ctx, env, row.record_id, why, kept=None, lost=None)
    sync_audit.record_arrival(
        conn, ctx.audit_key, ctx.clock, env.by, audit.Action.RULESET_ADDED, row.record_id,
        audit.Outcome.FAILED, {"source": "sync", "refused": why},
    )  # fmt: skip


def _conflict(
    conn: Connection,
    ctx: RuleSetContext,
    env: Envelope,
    record_id: str,
    field: str,
    *,
    kept: dict[str, Any] | None,
    lost: dict[str, Any] | None,
    lost_by: str = "",
) -> None:
    now = ctx.clock()
    kept_text = json.dumps(_shown(kept), sort_keys=True, default=str)
    lost_text = json.dumps(_shown(lost if lost is not None else env.body), sort_keys=True,
                           default=str)  # fmt: skip
    kept_by, kept_at = (env.by, env.at) if kept is not None else ("", None)
    lost_by, lost_at = (lost_by, None) if kept is not None else (env.by, env.at)
    # Recorded and queued like a merge's conflicts (services.sync_conflicts): every workstation
    # lists it, and a desk that finds the same clash itself holds the same id.
    # The id names the rule set that lost and its content only: a desk that finds the clash
    # from the other side (which rule set it already held differs) makes the same id.
    found = Conflict(
        ctx.maker.conflict_id(KIND, RULESET, record_id, field, lost_text), KIND, RULESET,
        record_id, field, kept_text, lost_text, kept_by, kept_at, lost_by, lost_at, None, now,
        detected_ws=ctx.maker.workstation,
    )  # fmt: skip
    ctx.conflicts += sync_conflicts.record(conn, [found], now)


def _shown(value: dict[str, Any] | None) -> object:
    if value is None:
        return None
    return {"version": value.get("version"), "body": value.get("body")}
