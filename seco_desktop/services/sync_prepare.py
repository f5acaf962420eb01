"""A push batch made ready: changed records read, sealed and blind-indexed as prepared pushes.

``SyncEngine`` reads the next changed records (``outbox.next_pending``) and hands them here in
the same read transaction, on its worker thread; :func:`save` stores what was sealed in the
engine's write transaction before anything is sent, so a crash leaves the exact operations to
resend (applied once) or nothing.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from seco_desktop.central.server import PushOp
from seco_desktop.security.material import KeyMaterial
from seco_desktop.services.sync_payload import blind_indexes, seal_doc
from seco_desktop.store import outbox
from seco_desktop.store.sync_appended import read_decision_events
from seco_desktop.store.sync_tables import (
    DECISION,
    SPOUSE,
    TABLES,
    SpouseText,
    read_doc,
    read_spouse_texts,
)


@dataclass(frozen=True, slots=True)
class Prepared:
    made: list[outbox.PreparedPush]  # sealed, not yet saved
    gone: list[outbox.Pending]  # changes a merge rolled back: their outbox entries go
    pending: bool  # whether there were changed records at all (False: the push is done)
    dod_ids: dict[str, str]  # live spouses sealed here → DoD ID, for the duplicate check


def seal_batch(
    conn: Connection, keys: KeyMaterial, ws: str, pending: list[outbox.Pending], now: datetime
) -> Prepared:
    """Seal ``pending`` (in the caller's read transaction) as prepared pushes, each built on
    the central version this workstation last applied."""
    made: list[outbox.PreparedPush] = []
    gone: list[outbox.Pending] = []
    dod_ids: dict[str, str] = {}
    versions = outbox.synced_versions(conn, [(p.tbl, p.record_id) for p in pending])
    texts = read_spouse_texts(conn, [p.record_id for p in pending if p.tbl == SPOUSE])
    events = read_decision_events(conn, [p.record_id for p in pending if p.tbl == DECISION])
    for item in pending:
        found = _body(conn, item, texts, events)
        if found is None:  # the change was rolled back by a merge: nothing to send
            gone.append(item)
            continue
        body_json, deleted, dod_id, last_key = found
        synced = versions.get((item.tbl, item.record_id))
        base = synced[0] if synced else 0
        key_version, payload = seal_doc(
            keys, tbl=item.tbl, record_id=item.record_id, version=base + 1, body_json=body_json,
            deleted=deleted, by=item.user_id, at=item.changed_at or now, ws=ws,
        )  # fmt: skip
        bi_dod, bi_last = blind_indexes(keys, item.tbl, dod_id, last_key, deleted)
        if item.tbl == SPOUSE and not deleted:
            dod_ids[item.record_id] = dod_id
        made.append(
            outbox.PreparedPush(
                str(uuid.uuid4()), item.tbl, item.record_id, base, item.max_seq, key_version,
                payload, bi_dod, bi_last,
            )
        )  # fmt: skip
    return Prepared(made, gone, bool(pending), dod_ids)


def save(conn: Connection, ready: Prepared) -> list[outbox.PreparedPush]:
    """Store prepared pushes (in the caller's write transaction), in the order they go."""
    for item in ready.gone:
        outbox.clear_pending(conn, item.tbl, item.record_id, up_to=item.max_seq)
    taken = outbox.prepared_keys(conn, [(p.tbl, p.record_id) for p in ready.made])
    made = [p for p in ready.made if (p.tbl, p.record_id) not in taken]  # another sync's
    outbox.save_pushes(conn, made)
    return sorted(made, key=table_order)


def push_op(p: outbox.PreparedPush) -> PushOp:
    return PushOp(
        p.op_id, p.tbl, p.record_id, p.base_version, p.key_version, p.payload, p.bi_dod,
        p.bi_last,
    )  # fmt: skip


def table_order(push: outbox.PreparedPush) -> tuple[int, int]:
    """Users, then spouses, then their casework: a parent reaches central before its children."""
    rank = TABLES.index(push.tbl) if push.tbl in TABLES else len(TABLES)
    return rank, push.max_seq


def _body(
    conn: Connection,
    item: outbox.Pending,
    texts: dict[str, SpouseText],
    events: dict[str, dict[str, Any]],
) -> tuple[str, bool, str, str] | None:
    """(body JSON, deleted, DoD ID, surname key) of a changed record, or None if gone."""
    t = texts.get(item.record_id) if item.tbl == SPOUSE else None
    if t is not None:
        return t.profile, t.deleted, t.dod_id, t.last_key
    event = events.get(item.record_id) if item.tbl == DECISION else None
    if event is not None:  # a batch's decision events are read in one query
        return _dumps(event), False, "", ""
    doc = read_doc(conn, item.tbl, item.record_id)  # a purged record: its tombstone
    if doc is None:
        return None
    return _dumps(doc["body"]), bool(doc["deleted"]), "", ""


def _dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
