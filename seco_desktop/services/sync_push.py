"""The push half of a sync: changed records sealed, saved as prepared pushes, sent in batches
and acknowledged (``services.sync`` runs it; the module text there has the protocol).

Prepared pushes are stored in a local transaction before anything is sent, each with an
operation id and the central version it builds on, so a crash leaves either them (resent
unchanged, applied once) or nothing.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy import Connection

from seco_desktop.central.server import CentralRow, CentralStore, Outcome, PushOp, PushResult
from seco_desktop.security.material import KeyMaterial
from seco_desktop.services import sync_conflicts, sync_duplicates, sync_prepare
from seco_desktop.services.clock import Clock
from seco_desktop.services.sync_payload import open_row
from seco_desktop.services.sync_progress import ProgressFn, SyncProgress
from seco_desktop.store import outbox
from seco_desktop.store.store import Store
from seco_desktop.store.sync_tables import SPOUSE

# Records per push (one central transaction, one local commit): each commit rewrites the pages
# of the random-keyed bookkeeping it touched, so 2,000 beat 1,000 in a 100,000-record push
# (3 alternating pairs: 5,746 against 4,746 records/s median).
PUSH_BATCH = 2000


class Pusher:
    """Pushes one store's outbox to the central store; counts what it pushed and the
    duplicates its answers revealed."""

    def __init__(
        self,
        store: Store,
        keys: KeyMaterial,
        central: CentralStore,
        *,
        clock: Clock,
        ws: str,
        maker: sync_conflicts.ConflictMaker,
        progress: ProgressFn,
    ) -> None:
        self.store, self.keys, self.central, self.clock, self.ws = store, keys, central, clock, ws
        self._maker = maker
        self.progress = progress
        self.pushed = self.duplicates = 0
        self._cursor = 0  # outbox seq the current push continues from
        self._dod_ids: dict[str, str] = {}  # spouses sealed and not yet acknowledged → DoD ID

    def pending(self) -> int:
        with self.store.read() as conn:
            return outbox.pending_count(conn)

    def push_all(self, total: int) -> bool:
        """Prepared pushes an interrupted sync left are resent first, unchanged. Then new
        batches, in a pipeline of three threads: while the sender thread has batch k at the
        central store, one local transaction acknowledges batch k-1 and saves batch k+1 as
        prepared pushes, and the sealing thread already reads and seals batch k+2. So k+2 may
        hold a record of k+1 changed again (``sync_prepare.save`` drops that repeat, as k+1 is
        then stored), or a record whose push in k-1 conflicts in that acknowledgement (the
        central store refuses its stale base again; the pull merges it). A batch is sent only
        once it is saved, one batch at a time and in order; its outbox entries go only with its
        acknowledgement, after the central store committed it. If the central store fails, the
        error surfaces here and every batch it did not acknowledge stays prepared (resent,
        applied once)."""
        progress = _Counter(total, self.progress)
        self._dod_ids.clear()
        skip: set[tuple[str, str]] = set()
        conflicted = False
        candidates: sync_duplicates.Candidates
        while left := self._left_over():
            results = self.central.push(_ops(left))
            with self.store.write() as conn:
                found, candidates = self._acknowledge(conn, left, results, skip)
            conflicted |= found
            self._after_ack(candidates, len(left), progress)
        self._cursor = 0
        answered: tuple[list[outbox.PreparedPush], list[PushResult]] | None = None
        sending: tuple[list[outbox.PreparedPush], Future[list[PushResult]]] | None = None
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-seal") as sealer,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-send") as sender,
        ):
            coming = sealer.submit(self._prepare, frozenset(skip))
            while True:
                ready = coming.result()
                if ready.pending:  # sealed while this batch is saved (save skips repeats)
                    coming = sealer.submit(self._prepare, frozenset(skip))
                self._dod_ids.update(ready.dod_ids)
                candidates = sync_duplicates.Candidates()
                with self.store.write() as conn:
                    if answered is not None:
                        found, candidates = self._acknowledge(conn, *answered, skip)
                        conflicted |= found
                    batch = sync_prepare.save(conn, ready)
                if answered is not None:
                    self._after_ack(candidates, len(answered[0]), progress)
                answered = None
                if sending is not None:  # the batch before this one: its answers, or its error
                    answered = (sending[0], sending[1].result())
                    sending = None
                if not ready.pending:
                    break
                sending = (batch, sender.submit(self.central.push, _ops(batch)))
        if answered is not None:
            with self.store.write() as conn:
                found, candidates = self._acknowledge(conn, *answered, skip)
            conflicted |= found
            self._after_ack(candidates, len(answered[0]), progress)
        return conflicted

    def _left_over(self) -> list[outbox.PreparedPush]:
        with self.store.read() as conn:
            return sorted(outbox.prepared(conn, PUSH_BATCH), key=sync_prepare.table_order)

    def _acknowledge(
        self,
        conn: Connection,
        batch: list[outbox.PreparedPush],
        results: list[PushResult],
        skip: set[tuple[str, str]],
    ) -> tuple[bool, sync_duplicates.Candidates]:
        """Apply a batch's answers: (whether some conflicted, duplicate candidates)."""
        conflicted = False
        candidates = sync_duplicates.Candidates()
        acks: list[tuple[outbox.PreparedPush, int, int]] = []
        for push, result in zip(batch, results, strict=True):
            dod_id = self._dod_ids.pop(push.record_id, None) if push.tbl == SPOUSE else None
            if result.outcome is Outcome.CONFLICT:
                outbox.drop_push(conn, push.op_id)
                skip.add((push.tbl, push.record_id))
                conflicted = True
                continue
            acks.append((push, result.row_version, result.usn))
            named = [(d, v) for d, v in _candidates(result) if d != push.record_id]
            if named:
                candidates.central.update(named)
                candidates.pushed[push.record_id] = dod_id
        outbox.ack_many(conn, acks, self.sealed_doc)
        self.pushed += len(acks)
        return conflicted, candidates

    def sealed_doc(self, push: outbox.PreparedPush) -> dict[str, Any]:
        """What ``push`` sealed, read back from its payload (``outbox.SealedDoc``)."""
        row = CentralRow(
            push.tbl, push.record_id, push.base_version + 1, 0, push.key_version, push.payload,
            push.op_id,
        )  # fmt: skip
        return open_row(self.keys, row).doc

    def _after_ack(
        self, candidates: sync_duplicates.Candidates, sent: int, progress: _Counter
    ) -> None:
        if candidates:
            self.duplicates += sync_duplicates.confirm_candidates(
                self.store, self.central, self.keys, candidates, self.clock, maker=self._maker
            )
        progress.add(sent)

    def _prepare(self, skip: frozenset[tuple[str, str]]) -> sync_prepare.Prepared:
        """Read and seal the next changed records (a read transaction: the writer stays free
        for the acknowledgements); ``sync_prepare.save`` stores them before anything is sent."""
        with self.store.read() as conn:
            pending, self._cursor = outbox.next_pending(
                conn, PUSH_BATCH, after_seq=self._cursor, skip=set(skip)
            )
            return sync_prepare.seal_batch(conn, self.keys, self.ws, pending, self.clock())


class _Counter:
    """Push progress across batches (resent and new)."""

    def __init__(self, total: int, report: ProgressFn) -> None:
        self.total, self.done, self.report = total, 0, report

    def add(self, n: int) -> None:
        self.done += n
        self.report(SyncProgress("push", self.done, max(self.total, self.done)))


def _ops(batch: list[outbox.PreparedPush]) -> list[PushOp]:
    return [sync_prepare.push_op(p) for p in batch]


def _candidates(result: PushResult) -> list[tuple[str, int]]:
    """(id, central row version) of a push's duplicate candidates; an answer without versions
    (an older central store) gets version 0, which no workstation holds: fetched."""
    versions = result.duplicate_versions or (0,) * len(result.possible_duplicates)
    return list(zip(result.possible_duplicates, versions, strict=True))
