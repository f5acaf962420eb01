"""Semantic duplicates met while syncing: two live spouse records with one DoD ID (typically
two workstations registering the same caller offline). Neither is changed; a "duplicate"
conflict is recorded once per pair and offered for merging in the conflict review.

Every workstation that meets the pair detects it on its own; the conflict's id is the pair's
(``services.sync_conflicts``), so all of them record the same synced conflict, listed once,
and a merge or dismissal on one desk closes it on every desk."""

from __future__ import annotations

from dataclasses import dataclass, field
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
from seco_desktop.store.sync_tables import (
    SPOUSE,
    live_dod_ids,
    shared_dod_ids,
    spouses_by_dod_id,
)


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


@dataclass(slots=True)
class Candidates:
    """What a push's answers named as possible duplicates: the central spouses (id → central
    row version) and the pushed spouses they were named for (id → DoD ID, None when this sync
    did not seal it: a push resent after a restart)."""

    central: dict[str, int] = field(default_factory=dict)
    pushed: dict[str, str | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.central)


def confirm_candidates(
    store: Store,
    central: CentralStore,
    keys: KeyMaterial,
    candidates: Candidates,
    clock: Clock,
    *,
    maker: ConflictMaker,
) -> int:
    """Compare the real DoD IDs behind a push's blind-index candidates; returns how many new
    pairs were recorded.

    A pushed spouse is checked against every live spouse here through the DoD-ID index (a
    candidate held here shares its DoD ID only if that index has the DoD ID twice; only then
    are rows read). A candidate not held here at that central version, or with a local change,
    is fetched from the central store and verified, and its DoD ID looked up here."""
    keys_of = [(SPOUSE, rid) for rid in candidates.central]
    with store.read() as conn:
        known = outbox.synced_versions(conn, keys_of)
        busy = outbox.pending_keys(conn, keys_of)
        resent = [rid for rid, dod_id in candidates.pushed.items() if dod_id is None]
        pushed = {r: d for r, d in candidates.pushed.items() if d} | live_dod_ids(conn, resent)
        shared = shared_dod_ids(conn, sorted(set(pushed.values())))
    held = {
        rid
        for rid, version in candidates.central.items()
        if known.get((SPOUSE, rid), (None, 0))[0] == version and (SPOUSE, rid) not in busy
    }
    rows = central.fetch((SPOUSE, rid) for rid in sorted(candidates.central) if rid not in held)
    envelopes = [(row, open_row(keys, row)) for row in rows]
    live = {r.record_id: env.body.get("dod_id") for r, env in envelopes if not env.deleted}
    twice = {rid: dod_id for rid, dod_id in pushed.items() if dod_id in shared}
    wanted = [d for d in live.values() if isinstance(d, str)] + list(twice.values())
    with store.read() as conn:
        holders = spouses_by_dod_id(conn, sorted(set(wanted)))
    found: list[tuple[str, str]] = []
    for rid, dod_id in sorted(twice.items()):  # a pushed spouse and another held here
        others = [i for i in holders.get(dod_id, []) if i != rid]
        if others and rid in holders.get(dod_id, []):
            found.append((others[0], rid))
    for rid, fetched_dod in sorted(live.items()):  # a fetched candidate and one held here
        others = [i for i in holders.get(fetched_dod, []) if i != rid] if fetched_dod else []
        if others:
            found.append((others[0], rid))
    if not found:
        return 0
    with store.write() as conn:
        now = clock()
        return sum(offer(conn, maker, other, rid, now) for other, rid in found)
