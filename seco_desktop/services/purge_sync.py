"""A retention purge reaching this workstation through the central store, and the rules when a
purge meets activity (docs/architecture.md, "Retention across workstations").

The notice promises deletion after 3 *consecutive* years without activity, so fresh activity
wins over a purge:

- A spouse's tombstone arrives. If this store knows no activity on the record after the purge's
  cutoff (and holds no retention hold), the record and its casework are deleted exactly as a
  local purge deletes them (disclosure accounting kept and marked purged, an audit entry) and the
  casework's tombstones are queued, so the central store ends with no payload of any of them.
  If it does know such activity (an edit, a note, a follow-up, a change not yet synced, a hold),
  the record is kept and sent again, with all its casework, over the tombstones: the purge is
  reverted everywhere, and the audit says so on this workstation.
- A live copy arrives for a record purged here. If this workstation's tombstone has not reached
  the central store yet and the copy shows no activity after the cutoff, the purge stands (the
  tombstone is sent again on top); otherwise another workstation kept the record for its
  activity, and it comes back here.
- Casework arriving for a spouse purged here is set aside (never applied); the workstation that
  wrote it holds the record and reverts the purge, sending the casework again with it.

So no edit is lost silently: it either keeps the record alive everywhere or was made before the
cutoff and is deleted with the record, as the notice says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete

from seco_desktop.central.server import CentralRow
from seco_desktop.services import audit, sync_audit
from seco_desktop.services.clock import Clock
from seco_desktop.services.sync_payload import Envelope
from seco_desktop.store import disclosures as disclosure_rows
from seco_desktop.store import outbox, purge_marks
from seco_desktop.store import retention as retention_rows
from seco_desktop.store.schema import follow_up, note, spouse, sync_conflict
from seco_desktop.store.sync_appended import delete_decision_event, read_decision_event
from seco_desktop.store.sync_tables import (
    CASEWORK,
    CONFLICT,
    DECISION,
    FOLLOW_UP,
    NOTE,
    SPOUSE,
    apply_doc,
    is_purge,
)

#: What a purge removes beside the spouse itself, by synced table (decision events: their own
#: store module).
_TABLES = {NOTE: note, FOLLOW_UP: follow_up, CONFLICT: sync_conflict}


class PurgeContext:
    """What applying a purge needs beyond the store: the audit key and the clock."""

    def __init__(self, index_key: bytes, clock: Clock) -> None:
        self.audit_key = audit.audit_key_for(index_key)
        self.clock = clock
        self.applied = 0  # records deleted or restored here by this sync
        self._marks: bool | None = None  # whether any record is marked purged here

    def marks_exist(self, conn: Connection) -> bool:
        """Cached for the sync (most never meet a purge: casework then skips the look-ups)."""
        if self._marks is None:
            self._marks = purge_marks.any_marks(conn)
        return self._marks

    def marked(self) -> None:
        self._marks = True


@dataclass(frozen=True, slots=True)
class _Purge:
    spouse_id: str
    cutoff: datetime
    at: datetime


def apply_if_purge(conn: Connection, row: CentralRow, env: Envelope, ctx: PurgeContext) -> bool:
    """Apply a pulled row that concerns a purge; False if the ordinary path should apply it."""
    doc = env.doc
    if is_purge(doc):
        ctx.marked()
        purge = _purge_of(doc["body"]["purged"], row.record_id if row.tbl == SPOUSE else None)
        if row.tbl == SPOUSE:
            _spouse_tombstone(conn, row, env, purge, ctx)
        else:
            _casework_tombstone(conn, row, purge)
        return True
    if not ctx.marks_exist(conn):
        return False
    if row.tbl == SPOUSE:
        mark = purge_marks.marker(conn, SPOUSE, row.record_id)
        if mark is None or purge_marks.spouse_here(conn, row.record_id):
            return False
        _live_over_purge(conn, row, env, mark, ctx)
        return True
    if row.tbl == CONFLICT:
        return _conflict_over_purge(conn, row, doc["body"])
    if row.tbl not in CASEWORK:
        return False
    spouse_id = str(doc["body"].get("spouse_id", ""))
    own = purge_marks.marker(conn, row.tbl, row.record_id)
    if purge_marks.spouse_here(conn, spouse_id):
        if own is not None:  # back with its record: our tombstone of it is void
            purge_marks.forget_sync_copies(conn, [(row.tbl, row.record_id)])
            purge_marks.unmark(conn, [(row.tbl, row.record_id)])
            apply_doc(conn, row.tbl, row.record_id, doc)
            outbox.set_synced(conn, row.tbl, row.record_id, row.row_version, row.usn)
            return True
        return False
    if own is None and purge_marks.marker(conn, SPOUSE, spouse_id) is None:
        return False
    # Its record is purged here: set aside (the writer reverts the purge and sends it again).
    _build_on(conn, row)
    return True


def _purge_of(raw: dict[str, Any], spouse_id: str | None) -> _Purge:
    try:
        return _Purge(
            spouse_id or str(raw["spouse_id"]),
            datetime.fromisoformat(str(raw["cutoff"])),
            datetime.fromisoformat(str(raw["at"])),
        )
    except (KeyError, ValueError):
        raise ValueError(
            "A purge from the central store lacks its cutoff, time or record id"
        ) from None


def _build_on(conn: Connection, row: CentralRow) -> None:
    """Take the central version as seen; a local change still queued is sent on top of it."""
    purge_marks.drop_prepared(conn, [(row.tbl, row.record_id)])
    outbox.set_synced(conn, row.tbl, row.record_id, row.row_version, row.usn)
    outbox.renumber_base_versions(conn, row.tbl, row.record_id, row.row_version)


def _spouse_tombstone(
    conn: Connection, row: CentralRow, env: Envelope, purge: _Purge, ctx: PurgeContext
) -> None:
    rid = row.record_id
    now = ctx.clock()
    keys = purge_marks.record_keys(conn, rid)
    if purge_marks.spouse_here(conn, rid) and purge_marks.active_after(conn, rid, purge.cutoff):
        # Activity after the cutoff: not due. Keep it and send it (and its casework) again.
        _build_on(conn, row)
        for tbl, record_id in keys:
            purge_marks.drop_prepared(conn, [(tbl, record_id)])
            outbox.track(conn, tbl, record_id, "update", "", now)
        purge_marks.unmark(conn, keys)
        _audit(conn, ctx, env, rid, audit.Outcome.FAILED, {"source": "sync", "kept": "activity"})
        ctx.applied += 1
        return
    had = _row_exists(conn, rid) or len(keys) > 1
    casework_synced = [k for k in keys[1:] if outbox.synced_version(conn, k[0], k[1]) is not None]
    if had:
        conn.exec_driver_sql("PRAGMA secure_delete = ON")  # freed pages zeroed, as locally
        retention_rows.delete_spouse_data(conn, rid)
        disclosure_rows.mark_purged(conn, rid, purge.at)
    purge_marks.mark(conn, keys, rid, purge.cutoff, purge.at)
    purge_marks.forget_sync_copies(conn, keys)
    outbox.set_synced(conn, SPOUSE, rid, row.row_version, row.usn)
    # Casework the purging workstation may not have had: its payloads leave central too.
    purge_marks.queue_tombstones(conn, casework_synced, env.by, now)
    if had:
        _audit(conn, ctx, env, rid, audit.Outcome.OK, {"source": "sync"})
        ctx.applied += 1


def _casework_tombstone(conn: Connection, row: CentralRow, purge: _Purge) -> None:
    key = (row.tbl, row.record_id)
    if purge_marks.spouse_here(conn, purge.spouse_id):
        # The record lives here (kept for its activity): send this casework again, if we have it.
        _build_on(conn, row)
        purge_marks.unmark(conn, [key])
        if _casework_exists(conn, row.tbl, row.record_id):
            outbox.track(conn, row.tbl, row.record_id, "update", "", purge.at)
        else:
            outbox.clear_pending(conn, row.tbl, row.record_id)
        return
    if row.tbl == DECISION:
        delete_decision_event(conn, row.record_id)
    else:
        table = _TABLES[row.tbl]
        conn.execute(delete(table).where(table.c.id == row.record_id))
    purge_marks.mark(conn, [key], purge.spouse_id, purge.cutoff, purge.at)
    purge_marks.forget_sync_copies(conn, [key])
    outbox.set_synced(conn, row.tbl, row.record_id, row.row_version, row.usn)


def _live_over_purge(
    conn: Connection, row: CentralRow, env: Envelope, mark: dict[str, Any], ctx: PurgeContext
) -> None:
    rid = row.record_id
    cutoff = mark["cutoff"]
    assert isinstance(cutoff, datetime)
    ours_pending = outbox.has_pending(conn, SPOUSE, rid)
    stamp = env.body.get("updated_at") or env.body.get("created_at")
    fresh = isinstance(stamp, str) and datetime.fromisoformat(stamp) > cutoff
    if ours_pending and not fresh:
        _build_on(conn, row)  # the purge stands: our tombstone goes on top of this version
        return
    # Kept elsewhere for its activity (or edited after the cutoff): it comes back here.
    purge_marks.forget_sync_copies(conn, [(SPOUSE, rid)])
    purge_marks.unmark(conn, [(SPOUSE, rid)])
    apply_doc(conn, SPOUSE, rid, env.doc)
    outbox.set_synced(conn, SPOUSE, rid, row.row_version, row.usn)
    _audit(conn, ctx, env, rid, audit.Outcome.FAILED, {"source": "sync", "reverted": True})
    ctx.applied += 1


def _row_exists(conn: Connection, spouse_id: str) -> bool:
    """A tombstoned (merged-away) copy counts: its data goes too."""
    return conn.execute(spouse.select().where(spouse.c.id == spouse_id)).first() is not None


def _conflict_over_purge(conn: Connection, row: CentralRow, body: dict[str, Any]) -> bool:
    """A conflict of a record purged here (found elsewhere before the purge reached there) is
    set aside, never applied, like casework: its record's tombstone takes it off central."""
    concerns = [(str(body.get("tbl", "")), str(body.get("record_id", "")))]
    if body.get("other_id"):
        concerns.append((SPOUSE, str(body["other_id"])))
    for tbl, record_id in concerns:
        mark = purge_marks.marker(conn, tbl, record_id)
        if mark is None:
            continue
        if not purge_marks.spouse_here(conn, str(mark["spouse_id"])):
            _build_on(conn, row)
            return True
    return False


def _casework_exists(conn: Connection, tbl: str, record_id: str) -> bool:
    if tbl == DECISION:
        return read_decision_event(conn, record_id) is not None
    table = _TABLES[tbl]
    return conn.execute(table.select().where(table.c.id == record_id)).first() is not None


def _audit(  # noqa: PLR0917 (one entry's fields)
    conn: Connection,
    ctx: PurgeContext,
    env: Envelope,
    record_id: str,
    outcome: audit.Outcome,
    detail: dict[str, object],
) -> None:
    """An entry in this workstation's chain, in the name of whoever made the change."""
    sync_audit.record_arrival(
        conn, ctx.audit_key, ctx.clock, env.by, audit.Action.PURGE, record_id, outcome, detail
    )
