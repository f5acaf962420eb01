"""Semantic duplicates met while syncing: two live spouse records with one DoD ID (typically
two workstations registering the same caller offline). Neither is changed; a "duplicate"
conflict is recorded once per pair and offered for merging in the conflict review.

Every workstation that meets the pair detects it on its own; the conflict's id is the pair's
(``services.sync_conflicts``), so all of them record the same synced conflict, listed once,
and a merge or dismissal on one desk closes it on every desk."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, select

from seco_desktop.central.server import CentralStore
from seco_desktop.security.material import KeyMaterial
from seco_desktop.services import sync_conflicts
from seco_desktop.services.clock import Clock
from seco_desktop.services.sync_conflicts import ConflictMaker
from seco_desktop.services.sync_payload import open_row
from seco_desktop.store import conflicts as conflict_rows
from seco_desktop.store import outbox
from seco_desktop.store.schema import spouse as spouse_table
from seco_desktop.store.store import Store
from seco_desktop.store.sync_tables import SPOUSE, same_dod_id_pairs, spouses_by_dod_id


def offer(
    conn: Connection, maker: ConflictMaker, record_id: str, other_id: str, now: datetime
) -> bool:
    """Record the pair for review unless it already is (found here before, or by another
    workstation: the id is the pair's own); returns whether it was new."""
    if conflict_rows.has_duplicate(conn, record_id, other_id):
        return False
    return sync_conflicts.record(conn, [maker.duplicate(record_id, other_id, now)], now) > 0


def check_arrival(
    conn: Connection, maker: ConflictMaker, record_id: str, dod_id: object, now: datetime
) -> bool:
    """A spouse arriving from central with the DoD ID of another live local record."""
    other = conn.execute(
        select(spouse_table.c.id).where(
            spouse_table.c.dod_id == dod_id,
            spouse_table.c.id != record_id,
            spouse_table.c.deleted.is_(False),
        )
    ).scalar()
    return other is not None and offer(conn, maker, record_id, other, now)


def confirm_candidates(
    store: Store,
    central: CentralStore,
    keys: KeyMaterial,
    candidates: Mapping[str, int],
    clock: Clock,
    *,
    maker: ConflictMaker,
) -> int:
    """Blind-index candidates from a push (id → central row version): compare the real DoD
    IDs; returns how many new pairs were recorded. A candidate held here at that version with
    no local change is compared as held (in one query); only the others are fetched from the
    central store and verified."""
    keys_of = [(SPOUSE, rid) for rid in candidates]
    with store.read() as conn:
        known = outbox.synced_versions(conn, keys_of)
        busy = outbox.pending_keys(conn, keys_of)
    local = [
        rid
        for rid, version in candidates.items()
        if known.get((SPOUSE, rid), (None, 0))[0] == version and (SPOUSE, rid) not in busy
    ]
    held = set(local)
    rows = central.fetch((SPOUSE, rid) for rid in sorted(candidates) if rid not in held)
    envelopes = [(row, open_row(keys, row)) for row in rows]
    with store.read() as conn:
        found = same_dod_id_pairs(conn, local)
        live = {r.record_id: env.body.get("dod_id") for r, env in envelopes if not env.deleted}
        holders = spouses_by_dod_id(conn, [d for d in live.values() if isinstance(d, str)])
    for rid, dod_id in sorted(live.items()):
        others = [i for i in holders.get(dod_id, []) if i != rid] if dod_id else []
        if others:
            found.append((others[0], rid))
    if not found:
        return 0
    with store.write() as conn:
        now = clock()
        return sum(offer(conn, maker, other, rid, now) for other, rid in found)
