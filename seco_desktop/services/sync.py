"""Sync a workstation's store with the central store: push, pull, merge, conflicts.

One round is push → pull → push. **Push** (``services.sync_push``): changed records (the
outbox) are sealed into prepared pushes in a local transaction *before* anything is sent, each
with an operation id and the central version it builds on; a batch goes to the central store in
one transaction; the answers are applied locally in one transaction. A crash anywhere leaves
either the prepared pushes (resent unchanged, so applied once) or nothing. **Pull**: pages of
central rows in usn order, every payload verified before any of the page is applied, applied
with the new cursor in one local transaction (so an interrupted bootstrap resumes at the last
page). A record with local changes is merged three-way against the central copy the changes
started from; clashes are decided by the later change (ties: the higher workstation id) and
recorded for review."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, islice
from typing import Any

from sqlalchemy import Connection, func, select

from seco_desktop.central.errors import CentralTampered
from seco_desktop.central.server import CentralRow, CentralStore
from seco_desktop.domain.merge import MISSING, merge
from seco_desktop.security.material import KeyMaterial
from seco_desktop.services import (
    collector,
    purge_sync,
    ruleset_sync,
    sync_conflicts,
    sync_duplicates,
    username_clash,
)
from seco_desktop.services.clock import Clock
from seco_desktop.services.sync_payload import (
    Envelope,
    open_row,
)
from seco_desktop.services.sync_progress import ProgressFn, SyncProgress
from seco_desktop.services.sync_push import Pusher
from seco_desktop.store import deferred_indexes, outbox
from seco_desktop.store.conflicts import Conflict
from seco_desktop.store.meta import get_meta, set_meta
from seco_desktop.store.schema import spouse as spouse_table
from seco_desktop.store.spouse_bulk import SpouseValues
from seco_desktop.store.store import Store
from seco_desktop.store.sync_appended import (
    decision_rows,
    existing_events,
    insert_decision_events,
)
from seco_desktop.store.sync_tables import (
    CONFLICT,
    DECISION,
    JOINED,
    RULESET,
    SPOUSE,
    USER,
    apply_doc,
    existing_spouses,
    insert_new_spouses,
    is_purge,
    join_docs,
    new_spouse_values,
    read_doc,
    shared_dod_ids,
    spouses_by_dod_id,
)

BIG_SYNC = 20_000  # records: from here on a sync gets the bulk-load page cache
BIG_SYNC_CACHE_MIB = 256
PULL_PAGE = 2000
BOOTSTRAP_COMMIT = 50_000  # records per local transaction in a bootstrap (see _pull_all)
MAX_ROUNDS = 6
META_LAST_USN = "sync.last_usn"
META_LAST_SUCCESS = "sync.last_success"
META_WORKSTATION = "sync.workstation_id"
#: Stamps merged by taking the newer value, never reported as a clash.
NEWEST_FIELDS = frozenset({"updated_at"})


@dataclass(frozen=True, slots=True)
class SyncReport:
    pushed: int
    pulled: int
    conflicts: int  # recorded during this sync
    duplicates: int
    last_usn: int
    finished_at: datetime


@dataclass(frozen=True, slots=True)
class _Page:
    rows: list[tuple[CentralRow, Envelope]]  # verified
    built: dict[str, SpouseValues]  # spouse rows ready for insert_new_spouses, by id
    events: dict[str, list[dict[str, Any]]]  # decision rows ready for insert_decision_events


def workstation_id(store: Store) -> str:
    """This workstation's id (made at its first sync; it breaks ties between equal stamps)."""
    with store.read() as conn:
        found = get_meta(conn, META_WORKSTATION)
    if found:
        return found
    with store.write() as conn:
        found = get_meta(conn, META_WORKSTATION)
        if not found:
            found = str(uuid.uuid4())
            set_meta(conn, META_WORKSTATION, found)
    return found


class SyncEngine:
    """The protocol for one store, its keys and one central store (no permission checks here:
    ``services.sync_service`` checks them; enrolment uses the engine before anyone signs in)."""

    def __init__(
        self,
        store: Store,
        keys: KeyMaterial,
        central: CentralStore,
        clock: Clock,
        progress: ProgressFn | None = None,
    ) -> None:
        self.store = store
        self.keys = keys
        self.central = central
        self.clock = clock
        self.progress = progress or (lambda _p: None)
        self.ws = workstation_id(store)
        self._maker = sync_conflicts.ConflictMaker(keys.index_key, self.ws)
        self._purge_context = purge_sync.PurgeContext(keys.index_key, clock)
        self._clash_context = username_clash.ClashContext.for_keys(keys.index_key, clock)
        self._rulesets = ruleset_sync.RuleSetContext(
            self._purge_context.audit_key, clock, self._maker
        )
        self.pusher = Pusher(
            store, keys, central, clock=clock, ws=self.ws, maker=self._maker, progress=self.progress
        )
        self._pulled = self._conflicts = self._duplicates = 0
        self._bootstrap = False  # the current pull fills a (nearly) empty store

    # --- the whole sync ---------------------------------------------------------------------

    def run(self) -> SyncReport:
        for _ in range(MAX_ROUNDS):
            conflicted = self.push()
            self.pull()
            if not conflicted and not self._has_pending():
                break
            if not conflicted:
                continue
        with self.store.write() as conn:
            set_meta(conn, META_LAST_SUCCESS, self.clock().isoformat())
            last = int(get_meta(conn, META_LAST_USN) or 0)
        conflicts = self._conflicts + self._rulesets.conflicts
        return SyncReport(
            self.pusher.pushed,
            self._pulled,
            conflicts,
            self._duplicates + self.pusher.duplicates,
            last,
            self.clock(),
        )

    @property
    def purges_applied(self) -> int:
        """Records deleted or restored by purges from other workstations (services.purge_sync)."""
        return self._purge_context.applied

    @property
    def renamed(self) -> list[username_clash.Renamed]:
        """Accounts renamed by this sync because another kept their user name."""
        return list(self._clash_context.renamed)

    @property
    def rulesets_applied(self) -> int:
        """Rule sets stored or replaced here by this sync (services.ruleset_sync)."""
        return self._rulesets.applied

    def _has_pending(self) -> bool:
        with self.store.read() as conn:
            return outbox.pending_count(conn) > 0

    # --- push -------------------------------------------------------------------------------

    def push(self) -> bool:
        """Push until nothing is left; returns whether some record needs a pull first."""
        total = self.pusher.pending()
        with self._cache_for(total), self._checkpoints_for(total):
            return self.pusher.push_all(total)

    # --- pull -------------------------------------------------------------------------------

    def pull(self) -> int:
        """Apply every central change after this workstation's cursor; returns how many."""
        with self.store.read() as conn:
            last = int(get_meta(conn, META_LAST_USN) or 0)
        total = self.central.count_after(last)
        with self._cache_for(total), self._collections_for(total):
            self._bootstrap = total >= BIG_SYNC and self._local_spouses() * 2 < total
            if self._bootstrap:
                with self.store.write() as conn:  # build the search indexes once, after
                    deferred_indexes.defer(conn)
            try:
                return self._pull_all(last, total)
            finally:
                with self.store.write() as conn:
                    deferred_indexes.restore(conn)

    def _local_spouses(self) -> int:
        with self.store.read() as conn:
            return int(conn.execute(select(func.count()).select_from(spouse_table)).scalar_one())

    def _cache_for(self, records: int) -> AbstractContextManager[None]:
        """A large writer page cache while a bootstrap-sized sync runs (index pages of a big
        store stop being re-read and re-decrypted); the everyday cache otherwise."""
        return self.store.bulk_load(BIG_SYNC_CACHE_MIB) if records >= BIG_SYNC else nullcontext()

    @staticmethod
    def _collections_for(records: int) -> AbstractContextManager[None]:
        """Fewer garbage collections while a bootstrap-sized pull runs (``collector``)."""
        return collector.fewer_collections() if records >= BIG_SYNC else nullcontext()

    def _checkpoints_for(self, records: int) -> AbstractContextManager[None]:
        """WAL checkpoints deferred while a bootstrap-sized push runs (it commits a transaction
        per batch); everyday checkpoints otherwise."""
        return self.store.checkpoints_deferred() if records >= BIG_SYNC else nullcontext()

    def _pull_all(self, last: int, total: int) -> int:
        """Pages are fetched and verified one ahead, on a worker thread, while the current page
        is applied. Everyday, each page is one transaction; a bootstrap commits every
        ``BOOTSTRAP_COMMIT`` records (each commit rewrites every random-keyed index leaf its
        rows touched, and in a big store that is most of them). The cursor moves in the same
        transaction as the pages, so an interruption resumes after the last commit."""
        done = 0
        per_commit = max(1, BOOTSTRAP_COMMIT // PULL_PAGE) if self._bootstrap else 1
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as ahead:
            pages = self._verified_pages(ahead, last)
            for first in pages:  # a transaction per group of pages, taken as they come
                applied = 0
                with self.store.write() as conn:
                    # A note may arrive in the same page before its spouse (pushed in one
                    # batch); the foreign keys are checked at commit, when both are there.
                    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                    for verified in chain((first,), islice(pages, per_commit - 1)):
                        self._apply_page(conn, verified.rows, verified.built, verified.events)
                        set_meta(conn, META_LAST_USN, str(verified.rows[-1][0].usn))
                        applied += len(verified.rows)
                        at = done + applied
                        self.progress(SyncProgress("pull", at, max(total, at)))
                done += applied  # counted once committed
                self._pulled += applied
        return done

    def _verified_pages(self, ahead: ThreadPoolExecutor, last: int) -> Iterator[_Page]:
        """The pull's pages in usn order, each fetched and verified while the one before is
        applied."""
        coming = ahead.submit(self._fetch_verified, last)
        while (verified := coming.result()).rows:
            coming = ahead.submit(self._fetch_verified, verified.rows[-1][0].usn)
            yield verified

    def _fetch_verified(self, after_usn: int) -> _Page:
        """The next page, every payload verified (before any of the page is applied), and, in
        a bootstrap, the rows of its spouses as they are inserted (made here, off the writer
        thread; elsewhere most pulled records are held here already and the rows are not
        needed)."""
        rows = [(row, open_row(self.keys, row)) for row in self.central.pull(after_usn, PULL_PAGE)]
        built: dict[str, SpouseValues] = {}
        for row, env in rows if self._bootstrap else ():  # else mostly records held here
            if row.tbl == SPOUSE:
                try:
                    built[row.record_id] = new_spouse_values(row.record_id, env.doc)
                except ValueError:  # not a spouse's shape: the apply reports it, if it applies it
                    continue
        events: dict[str, list[dict[str, Any]]] = {}
        for row, env in rows:  # decision events arrive new (append-only): always made here
            if row.tbl == DECISION and not env.deleted:
                try:
                    events[row.record_id] = decision_rows(row.record_id, env.body)
                except ValueError:
                    continue
        return _Page(rows, built, events)

    def _apply_page(
        self,
        conn: Connection,
        page: list[tuple[CentralRow, Envelope]],
        built: dict[str, SpouseValues],
        events_built: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        """Apply a verified page: new spouses nobody here touched, and their new decision
        events, go in one executemany each (a bootstrap is mostly that); everything else record
        by record."""
        keys = [(row.tbl, row.record_id) for row, _ in page]
        known = outbox.synced_versions(conn, keys)
        busy = outbox.pending_keys(conn, keys) | outbox.prepared_keys(conn, keys)
        here = existing_spouses(conn, [rid for tbl, rid in keys if tbl == SPOUSE])
        events = [rid for tbl, rid in keys if tbl == DECISION]
        # Decisions of a spouse purged here take the purge rules' path, record by record.
        held = (
            existing_events(conn, events) if events and not self._purge_context.marks_exist(conn)
            else None
        )  # fmt: skip
        fresh: list[tuple[str, dict[str, Any]]] = []
        fresh_events: list[tuple[str, dict[str, Any]]] = []
        synced: list[dict[str, Any]] = []
        seen: set[outbox.Key] = set()
        for row, env in page:
            key = (row.tbl, row.record_id)
            have = known.get(key)
            if have is not None and have[0] == row.row_version and key not in seen:
                # This version is here already (our own push coming back): only the usn moves.
                synced.append(
                    {"tbl": row.tbl, "record_id": row.record_id, "version": row.row_version,
                     "usn": row.usn}
                )  # fmt: skip
                seen.add(key)
                continue
            quick = (
                row.tbl == SPOUSE
                and not is_purge(env.doc)
                and key not in known
                and key not in busy
                and key not in seen
                and row.record_id not in here
            )
            appended = (
                row.tbl == DECISION
                and held is not None
                and not is_purge(env.doc)
                and key not in known
                and key not in busy
                and key not in seen
                and row.record_id not in held
            )
            if quick or appended:
                (fresh if quick else fresh_events).append((row.record_id, env.doc))
                synced.append(
                    {"tbl": row.tbl, "record_id": row.record_id, "version": row.row_version,
                     "usn": row.usn}
                )  # fmt: skip
                seen.add(key)
                continue
            if synced:  # keep page order: earlier rows first
                self._insert_fresh(conn, fresh, synced, built)
                insert_decision_events(conn, fresh_events, events_built)
                fresh, fresh_events, synced = [], [], []
            self._apply(conn, row, env)
        self._insert_fresh(conn, fresh, synced, built)
        insert_decision_events(conn, fresh_events, events_built)

    def _insert_fresh(
        self,
        conn: Connection,
        fresh: list[tuple[str, dict[str, Any]]],
        synced: list[dict[str, Any]],
        built: dict[str, SpouseValues],
    ) -> None:
        insert_new_spouses(conn, fresh, built)
        outbox.set_synced_many(conn, synced)
        live = {rid: doc["body"].get("dod_id") for rid, doc in fresh if not doc["deleted"]}
        # Rows are read only for DoD IDs the index holds twice (almost none): reading every
        # page's holders gave the lock up once per row while the verifier ran (json_rows).
        shared = shared_dod_ids(conn, sorted({d for d in live.values() if d}))
        holders = spouses_by_dod_id(conn, sorted(shared)) if shared else {}
        for record_id, dod_id in live.items():
            others = [i for i in holders.get(dod_id, ()) if i != record_id]
            if others:
                self._check_duplicate(conn, record_id, {"dod_id": dod_id})

    def _apply(self, conn: Connection, row: CentralRow, env: Envelope) -> None:
        tbl, rid = row.tbl, row.record_id
        known = outbox.synced_version(conn, tbl, rid)
        if known is not None and row.row_version < known[0]:
            raise CentralTampered(
                "The central store served an older version of a record than this workstation "
                "already has; refused"
            )
        if known is not None and row.row_version == known[0]:
            outbox.set_synced(conn, tbl, rid, row.row_version, row.usn)
            return
        prepared = outbox.prepared_for(conn, tbl, rid)
        if prepared is not None and prepared.op_id == row.last_op:
            outbox.ack_many(
                conn, [(prepared, row.row_version, row.usn)], self.pusher.sealed_doc
            )  # our push; answer lost
            return
        if tbl == RULESET:  # immutable once added: a clash is decided, never merged
            ruleset_sync.apply(conn, row, env, self._rulesets)
            return
        if purge_sync.apply_if_purge(conn, row, env, self._purge_context):
            return
        if not outbox.has_pending(conn, tbl, rid):
            applied = self._settled(conn, tbl, env.doc)
            apply_doc(conn, tbl, rid, applied)
            outbox.set_synced(conn, tbl, rid, row.row_version, row.usn)
            outbox.drop_base(conn, tbl, rid)
            if applied != env.doc:  # renamed here: the derived name goes back to central
                outbox.track(conn, tbl, rid, "update", "", self.clock())
                outbox.set_base(conn, tbl, rid, env.doc)
            if known is None and tbl == SPOUSE and not env.deleted:
                self._check_duplicate(conn, rid, env.body)
            if tbl == CONFLICT:
                sync_conflicts.undo_superseded_merge(conn, rid, self.ws)
            return
        if prepared is not None:
            outbox.drop_push(conn, prepared.op_id)  # built on an old base: rebuilt after merge
        self._merge(conn, row, env)

    def _merge(self, conn: Connection, row: CentralRow, env: Envelope) -> None:
        tbl, rid = row.tbl, row.record_id
        ours = read_doc(conn, tbl, rid)
        theirs = env.doc
        base = outbox.base_doc(conn, tbl, rid)
        change = outbox.last_change(conn, tbl, rid)
        our_by, our_at = change if change else ("", self.clock())
        ours_wins = (our_at, self.ws) > (env.at or datetime.min, env.ws)
        now = self.clock()
        found: list[Conflict] = []

        def conflict(kind: str, path: str, kept: Any, lost: Any, ours_kept: bool) -> Conflict:
            kept_by, kept_at = (our_by, our_at) if ours_kept else (env.by, env.at)
            lost_by, lost_at = (env.by, env.at) if ours_kept else (our_by, our_at)
            return self._maker.clash(
                kind, tbl, rid, path, (_dumps_value(kept), kept_by, kept_at),
                (_dumps_value(lost), lost_by, lost_at), now,
            )  # fmt: skip

        if tbl in JOINED:  # an account's decisions: both sides' together (sync_tables)
            result = join_docs(tbl, ours, theirs)
        elif tbl == DECISION or ours is None or (ours["deleted"] and theirs["deleted"]):
            result = theirs
        elif ours["deleted"] or theirs["deleted"]:
            # A delete meets an edit: the delete wins; the edit is kept for review (restorable).
            edited, by_us = (theirs, False) if ours["deleted"] else (ours, True)
            untouched = base is not None and edited["body"] == base["body"]
            result = {"deleted": True, "body": edited["body"]}
            if not untouched:
                found.append(conflict("delete", "", "deleted", edited["body"], not by_us))
        else:
            merged = merge(
                base["body"] if base else None, ours["body"], theirs["body"],
                ours_wins=ours_wins, newest=NEWEST_FIELDS,
            )  # fmt: skip
            result = {"deleted": False, "body": merged.merged}
            found += [conflict("field", c.path, c.kept, c.lost, ours_wins) for c in merged.clashes]
        result = self._settled(conn, tbl, result)
        apply_doc(conn, tbl, rid, result)
        outbox.set_synced(conn, tbl, rid, row.row_version, row.usn)
        if result == theirs:
            outbox.clear_pending(conn, tbl, rid)
            outbox.drop_base(conn, tbl, rid)
        else:
            outbox.set_base(conn, tbl, rid, theirs)
            outbox.renumber_base_versions(conn, tbl, rid, row.row_version)
        self._conflicts += sync_conflicts.record(conn, found, now)
        if tbl == CONFLICT:
            sync_conflicts.undo_superseded_merge(conn, rid, self.ws)

    def _settled(self, conn: Connection, tbl: str, doc: dict[str, Any]) -> dict[str, Any]:
        """An account document whose user name another account holds here, settled by the
        rule of ``services.username_clash`` (other documents unchanged)."""
        if tbl != USER:
            return doc
        return username_clash.settle(conn, self._clash_context, doc)

    # --- duplicates (services.sync_duplicates) ---------------------------------------------

    def _check_duplicate(self, conn: Connection, record_id: str, body: dict[str, Any]) -> None:
        self._duplicates += sync_duplicates.check_arrival(
            conn, self._maker, record_id, body.get("dod_id"), self.clock()
        )


def _dumps_value(value: Any) -> str:
    if value is MISSING:
        return "null"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
