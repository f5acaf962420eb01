"""Conflicts found while syncing become shared documents: made with deterministic ids and
queued for the central store, so every workstation reviews the same list.

An id is a keyed hash (HMAC-SHA-256 under the office index key, never stored centrally in
the clear) of what identifies the clash: for a field or a delete, the record, the field and
both sides' values, authors and times; for a duplicate, the two record ids. The same clash
found twice, here or on another workstation, is therefore one conflict, and the central store,
which sees the ids, learns nothing from them (a plain hash of two record ids would tell it
which records are the same person).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from datetime import datetime

from sqlalchemy import Connection

from seco_desktop.domain.sync_conflict import final
from seco_desktop.store import conflicts as conflict_rows
from seco_desktop.store import outbox
from seco_desktop.store.conflicts import Conflict
from seco_desktop.store.meta import get_meta, set_meta
from seco_desktop.store.sync_tables import CONFLICT, SPOUSE, apply_doc, is_purge, read_doc


class ConflictMaker:
    """Makes this office's conflict records as found on one workstation."""

    def __init__(self, index_key: bytes, workstation: str) -> None:
        self._key = hmac.new(index_key, b"seco.sync_conflict.id", hashlib.sha256).digest()
        self.workstation = workstation

    def conflict_id(self, *parts: object) -> str:
        text = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=_stamp)
        digest = hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).digest()
        return str(uuid.UUID(bytes=digest[:16], version=4))

    def clash(  # noqa: PLR0917 (one clash's facts)
        self,
        kind: str,
        tbl: str,
        record_id: str,
        field: str,
        kept: tuple[str, str, datetime | None],  # (value JSON, by, at)
        lost: tuple[str, str, datetime | None],
        now: datetime,
    ) -> Conflict:
        """A field changed on two workstations, or an edit that met a delete."""
        cid = self.conflict_id(kind, tbl, record_id, field, kept, lost)
        return Conflict(
            cid, kind, tbl, record_id, field, kept[0], lost[0], kept[1], kept[2], lost[1],
            lost[2], None, now, detected_ws=self.workstation,
        )  # fmt: skip

    def duplicate(self, record_id: str, other_id: str, now: datetime) -> Conflict:
        """Two records of one spouse; the pair in a fixed order, so every desk lists it alike."""
        first, second = sorted((record_id, other_id))
        cid = self.conflict_id("duplicate", SPOUSE, first, second)
        return Conflict(
            cid, "duplicate", SPOUSE, first, "dod_id", "null", "null", "", None, "", None,
            second, now, detected_ws=self.workstation,
        )  # fmt: skip


def record(conn: Connection, found: list[Conflict], now: datetime) -> int:
    """Store conflicts not held yet and queue them for the central store; how many were new."""
    fresh = conflict_rows.add_conflicts(conn, found)
    outbox.track_new(conn, CONFLICT, [c.id for c in fresh], "", now)
    return len(fresh)


def _stamp(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def undo_superseded_merge(conn: Connection, conflict_id: str, workstation: str) -> bool:
    """Two desks merged one duplicate pair offline, each keeping a different record: each
    deleted the record the other kept, so the spouse would vanish. The desk whose merge is
    superseded (``domain.sync_conflict.final``) brings back the record the merge in force kept,
    as a normal queued edit, once; returns whether it did. Only that desk acts, so no two
    workstations race to undelete the same record."""
    found = conflict_rows.find(conn, conflict_id)
    if found is None or found.kind != "duplicate" or found.resolution != "merged":
        return False
    history = found.history()
    chosen = final(history)
    assert chosen is not None
    mine = [
        r for r in history
        if r.resolution == "merged" and r.ws == workstation and r.keep_id != chosen.keep_id
    ]  # fmt: skip
    done_key = f"sync.unmerged:{conflict_id}"
    if not mine or get_meta(conn, done_key):
        return False
    set_meta(conn, done_key, "1")
    doc = read_doc(conn, SPOUSE, chosen.keep_id)
    if doc is None or not doc["deleted"] or is_purge(doc):
        return False
    outbox.track(conn, SPOUSE, chosen.keep_id, "update", mine[0].by, mine[0].at)
    apply_doc(conn, SPOUSE, chosen.keep_id, {"deleted": False, "body": doc["body"]})
    return True
