"""The push pipeline (``sync_push.Pusher.push_all``): batches sealed ahead, sent by a sender
thread one at a time while the previous batch is acknowledged. Every record reaches the central
store once, each batch only after it was saved locally, and a central failure mid-pipeline
surfaces as its own error with every batch the central store did not commit still queued."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence

import pytest
from sqlalchemy import func, select

from seco_desktop.central.errors import CentralUnreachable
from seco_desktop.central.schema import applied_op, record
from seco_desktop.central.server import CentralStore, PushOp, PushResult
from seco_desktop.services import sync_prepare, sync_push
from seco_desktop.services.sync import SyncEngine
from seco_desktop.services.sync_review import open_conflicts
from seco_desktop.store import outbox, spouses
from tests.services.support import make_spouses

from .support import Office, Workstation

pytestmark = pytest.mark.postgres

BATCH = 7
SPOUSES = 45  # seven batches and a bit


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_push, "PUSH_BATCH", BATCH)


def _add_spouses(ws: Workstation, n: int, seed: int = 11) -> list[str]:
    made = make_spouses(n, seed=seed)
    with ws.s.store.write() as conn:
        spouses.insert_many(conn, made, ws.clock(), by=ws.s.user.id)
    return [s.id for s in made]


def _central_spouses(central: CentralStore) -> dict[str, int]:
    with central.engine.connect() as conn:
        rows = conn.execute(
            select(record.c.id, record.c.row_version).where(record.c.tbl == "spouse")
        )
        return {r.id: int(r.row_version) for r in rows}


def _pending_spouses(ws: Workstation) -> set[str]:
    with ws.s.store.read() as conn:
        rows = conn.exec_driver_sql("SELECT DISTINCT record_id FROM outbox WHERE tbl = 'spouse'")
        return {rid for (rid,) in rows}


def _wrap_push(
    central: CentralStore, before: Callable[[int, Sequence[PushOp]], None] | None = None
) -> tuple[list[list[PushOp]], Callable[[], None]]:
    """Record every push (and call ``before`` with its number first); returns the record and a
    function that restores the real push."""
    real = central.push
    sent: list[list[PushOp]] = []
    busy = threading.Lock()

    def push(ops: Sequence[PushOp]) -> list[PushResult]:
        assert busy.acquire(blocking=False), "two batches at the central store at once"
        try:
            sent.append(list(ops))
            if before is not None:
                before(len(sent), ops)
            return real(ops)
        finally:
            busy.release()

    central.push = push  # type: ignore[method-assign]

    def restore() -> None:
        central.push = real  # type: ignore[method-assign]

    return sent, restore


def _engine(office: Office, ws: Workstation) -> SyncEngine:
    return SyncEngine(ws.s.store, ws.s.keys.material, office.central, ws.s.clock)


def test_every_record_is_sent_once_in_order_each_batch_after_it_was_saved(
    office2: Office,
) -> None:
    a = office2.workstations[0]
    ids = _add_spouses(a, SPOUSES)
    on_thread: list[str] = []

    def saved_first(_n: int, ops: Sequence[PushOp]) -> None:
        on_thread.append(threading.current_thread().name)
        with a.s.store.read() as conn:  # a batch goes only once it is stored as prepared
            stored = {p.op_id for p in outbox.prepared(conn, 10_000)}
        assert {op.op_id for op in ops} <= stored

    sent, restore = _wrap_push(office2.central, saved_first)
    try:
        _engine(office2, a).push()
    finally:
        restore()

    pushed = [op.record_id for ops in sent for op in ops if op.tbl == "spouse"]
    assert sorted(pushed) == sorted(ids)  # each once
    assert pushed == ids  # in the order they were changed
    assert all(len(ops) <= BATCH for ops in sent)
    assert len(sent) >= SPOUSES // BATCH
    assert any(name.startswith("sync-send") for name in on_thread)
    assert _central_spouses(office2.central) == dict.fromkeys(ids, 1)
    with a.s.store.read() as conn:
        assert outbox.pending_count(conn) == 0
        assert outbox.prepared_count(conn) == 0
        versions = outbox.synced_versions(conn, [("spouse", i) for i in ids])
    assert {k[1]: v[0] for k, v in versions.items()} == dict.fromkeys(ids, 1)
    usns = [versions[("spouse", i)][1] for i in ids]
    assert usns == sorted(usns)  # the central store applied the batches in order


@pytest.mark.parametrize("committed", [False, True], ids=["refused", "answer-lost"])
def test_a_central_failure_mid_pipeline_keeps_whatever_central_did_not_acknowledge(
    office2: Office, committed: bool
) -> None:
    a, b = office2.workstations
    ids = _add_spouses(a, SPOUSES)
    real = office2.central.push

    def fail_third(n: int, ops: Sequence[PushOp]) -> None:
        if n == 3:
            if committed:  # the central store committed, the answer never came back
                real(ops)
            raise CentralUnreachable("The central database did not answer (test)")

    sent, restore = _wrap_push(office2.central, fail_third)
    try:
        with pytest.raises(CentralUnreachable, match="did not answer"):
            _engine(office2, a).push()
    finally:
        restore()

    assert len(sent) == 3  # nothing is sent after the failure
    at_central = _central_spouses(office2.central)
    pending = _pending_spouses(a)
    first_two = {op.record_id for ops in sent[:2] for op in ops}
    third = {op.record_id for op in sent[2]}
    assert set(at_central) == first_two | (third if committed else set())
    # An outbox entry goes only once the central store holds the record, and every record
    # it does not hold is still queued.
    assert set(ids) - pending <= set(at_central)
    assert set(ids) - set(at_central) <= pending
    assert third <= pending  # its answer never arrived: still prepared, resent as it is
    with a.s.store.read() as conn:
        prepared = {p.record_id for p in outbox.prepared(conn, 10_000)}
    assert third <= prepared

    office2.sync(a)
    office2.sync(b)

    assert _central_spouses(office2.central) == dict.fromkeys(ids, 1)  # each once, version 1
    with office2.central.engine.connect() as conn:
        ops = conn.execute(
            select(func.count()).select_from(applied_op).where(applied_op.c.tbl == "spouse")
        ).scalar_one()
    assert ops == len(ids)  # no record applied twice
    with a.s.store.read() as conn:
        assert outbox.pending_count(conn) == 0
        assert outbox.prepared_count(conn) == 0
    with b.s.store.read() as conn:
        got = outbox.synced_versions(conn, [("spouse", i) for i in ids])
    assert len(got) == len(ids)


def test_a_local_failure_while_a_batch_is_at_central_loses_nothing(office2: Office) -> None:
    """The acknowledgement of a batch fails (here: the local transaction raises) while the next
    batch is at the central store: that batch still lands, and the next sync acknowledges both
    without applying either twice."""
    a = office2.workstations[0]
    ids = _add_spouses(a, SPOUSES)
    engine = _engine(office2, a)
    real_ack = engine.pusher._acknowledge
    calls = 0

    class Broken(Exception):
        pass

    def ack(*args):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise Broken
        return real_ack(*args)

    engine.pusher._acknowledge = ack  # type: ignore[method-assign]
    with pytest.raises(Broken):
        engine.push()

    office2.sync(a)

    assert _central_spouses(office2.central) == dict.fromkeys(ids, 1)
    with office2.central.engine.connect() as conn:
        ops = conn.execute(
            select(func.count()).select_from(applied_op).where(applied_op.c.tbl == "spouse")
        ).scalar_one()
    assert ops == len(ids)
    with a.s.store.read() as conn:
        assert outbox.pending_count(conn) == 0
        assert outbox.prepared_count(conn) == 0


def test_a_duplicate_met_in_a_later_batch_of_one_push_is_offered_once(office2: Office) -> None:
    """The second registration of one person is three batches after the first: the central
    store names the first as a candidate, and the acknowledgement compares it as held here."""
    a, b = office2.workstations
    made = make_spouses(3 * BATCH, seed=13)
    twin = dataclasses.replace(made[0], id="d" + made[0].id[1:])
    with a.s.store.write() as conn:
        spouses.insert_many(conn, [*made, twin], a.clock(), by=a.s.user.id)

    report = office2.sync(a)
    office2.sync(b)

    assert report.duplicates == 1
    for ws in (a, b):
        offered = [c for c in open_conflicts(ws.s) if c.kind == "duplicate"]
        assert [{c.record_id, c.other_id} for c in offered] == [{made[0].id, twin.id}]


def test_a_record_changed_again_is_sealed_once_while_its_batch_is_being_saved(
    office2: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next batch is sealed while the one before is saved. A record of that batch changed
    again has an outbox entry in the next batch's range, not yet covered by a stored prepared
    push: it must not be sealed a second time (held here until the earlier batch is saved)."""
    a = office2.workstations[0]
    first = _add_spouses(a, BATCH, seed=21)
    again = first[2]
    with a.s.store.write() as conn:
        current = spouses.get_spouse(conn, again)
        spouses.update_spouse(
            conn, dataclasses.replace(current, email="changed.again@example.org"), a.clock(),
            by=a.s.user.id,
        )  # fmt: skip
    later = _add_spouses(a, BATCH - 1, seed=22)
    engine = _engine(office2, a)
    second_sealed = threading.Event()
    real_prepare, real_save = engine.pusher._prepare, sync_prepare.save
    calls = 0

    def prepare(skip: frozenset[tuple[str, str]]) -> sync_prepare.Prepared:
        nonlocal calls
        calls += 1
        made = real_prepare(skip)
        if calls == 2:
            second_sealed.set()
        return made

    def save(conn, ready):  # type: ignore[no-untyped-def]
        second_sealed.wait(timeout=10)  # the race forced: batch 2 sealed before 1 is saved
        return real_save(conn, ready)

    engine.pusher._prepare = prepare  # type: ignore[method-assign]
    monkeypatch.setattr(sync_prepare, "save", save)
    sent, restore = _wrap_push(office2.central, None)
    try:
        conflicted = engine.push()
    finally:
        restore()

    pushed = [op.record_id for ops in sent for op in ops if op.tbl == "spouse"]
    assert sorted(pushed) == sorted(first + later)  # each once: no second, stale copy
    assert not conflicted
    assert _central_spouses(office2.central) == dict.fromkeys(first + later, 1)
    with a.s.store.read() as conn:
        assert outbox.pending_count(conn) == 0
    office2.sync(a)
    assert [c for c in open_conflicts(a.s)] == []
