"""The push/pull protocol itself: retries apply once, pullers never skip a row."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from sqlalchemy import func, select

from seco_desktop.central.connect import central_engine
from seco_desktop.central.migrate import migrate
from seco_desktop.central.schema import applied_op, record
from seco_desktop.central.server import CentralRow, CentralStore, Outcome, PushOp
from seco_desktop.services import records
from seco_desktop.services.sync import SyncEngine
from seco_desktop.store import outbox
from tests.services.support import make_spouses

from .support import Office

pytestmark = pytest.mark.postgres


def _op(record_id: str, base: int = 0, op_id: str | None = None) -> PushOp:
    return PushOp(op_id or str(uuid.uuid4()), "spouse", record_id, base, 1, os.urandom(64))


@pytest.fixture
def central(pg_url: str):  # type: ignore[no-untyped-def]
    store = CentralStore(central_engine(pg_url))
    migrate(store.engine)
    yield store
    store.dispose()


def test_a_retried_push_applies_once(central: CentralStore) -> None:
    ops = [_op(str(uuid.uuid4())) for _ in range(3)]
    first = central.push(ops)
    again = central.push(ops)  # the answer was lost; the client sends the same operations

    assert [r.outcome for r in first] == [Outcome.APPLIED] * 3
    assert [r.outcome for r in again] == [Outcome.ALREADY] * 3
    assert [(r.row_version, r.usn) for r in again] == [(r.row_version, r.usn) for r in first]
    assert central.last_usn() == 3
    with central.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(record)).scalar_one() == 3
        assert conn.execute(select(func.count()).select_from(applied_op)).scalar_one() == 3


def test_an_operation_sent_twice_in_one_batch_applies_once(central: CentralStore) -> None:
    op = _op(str(uuid.uuid4()))
    results = central.push([op, op])
    assert [r.usn for r in results] == [1, 1]
    assert central.last_usn() == 1


def test_a_pull_returns_central_rows_as_pushed(central: CentralStore) -> None:
    ops = [_op(str(uuid.uuid4())) for _ in range(3)]
    results = central.push(ops)

    rows = central.pull(0, 10)

    assert all(type(row) is CentralRow and type(row.payload) is bytes for row in rows)
    assert [(r.tbl, r.record_id, r.row_version, r.usn, r.key_version, r.payload, r.last_op)
            for r in rows] == [
        (op.tbl, op.record_id, 1, res.usn, op.key_version, op.payload, op.op_id)
        for op, res in zip(ops, results, strict=True)
    ]  # fmt: skip
    assert central.pull(rows[-1].usn, 10) == []
    assert central.fetch([(ops[0].tbl, ops[0].record_id)]) == rows[:1]


def test_a_push_on_an_old_base_is_a_conflict_that_changes_nothing(central: CentralStore) -> None:
    rid = str(uuid.uuid4())
    central.push([_op(rid)])
    central.push([_op(rid, base=1)])
    before = central.pull(0, 10)

    (stale,) = central.push([_op(rid, base=1)])

    assert stale.outcome is Outcome.CONFLICT
    assert central.pull(0, 10) == before
    assert central.push([_op(rid)])[0].outcome is Outcome.CONFLICT  # "new" but it exists


def test_concurrent_pushers_never_make_a_puller_skip_a_row(central: CentralStore) -> None:
    pushers, batches, per_batch = 4, 15, 20
    pushed: set[str] = set()
    pulled: list[str] = []
    lock = threading.Lock()
    done = threading.Event()

    def push_all() -> None:
        for _ in range(batches):
            ops = [_op(str(uuid.uuid4())) for _ in range(per_batch)]
            central.push(ops)
            with lock:
                pushed.update(o.record_id for o in ops)

    def pull_all() -> None:
        last = 0
        while True:
            finished = done.is_set()
            rows = central.pull(last, 7)  # small pages: many reads interleave with commits
            pulled.extend(r.record_id for r in rows)
            if rows:
                last = rows[-1].usn
            elif finished:
                return

    engines = [CentralStore(central_engine(str(central.engine.url))) for _ in range(pushers)]
    threads = [threading.Thread(target=push_all) for _ in engines]
    puller = threading.Thread(target=pull_all)
    puller.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    puller.join(timeout=60)

    assert len(pushed) == pushers * batches * per_batch
    assert len(pulled) == len(set(pulled))  # nothing twice
    assert set(pulled) == pushed  # nothing skipped, though the puller never went back
    for e in engines:
        e.dispose()


def test_a_lost_answer_is_resent_with_the_same_operation_and_applies_once(office2: Office) -> None:
    a, b = office2.workstations
    spouse = make_spouses(1, seed=3)[0]
    records.register(a.s, spouse)
    engine = SyncEngine(a.s.store, a.s.keys.material, office2.central, a.s.clock)

    class LostAnswer(Exception):
        pass

    real_push = office2.central.push

    def push_then_lose(ops):  # type: ignore[no-untyped-def]
        real_push(ops)
        raise LostAnswer

    office2.central.push = push_then_lose  # type: ignore[method-assign]
    with pytest.raises(LostAnswer):
        engine.push()
    office2.central.push = real_push  # type: ignore[method-assign]
    with a.s.store.read() as conn:
        assert outbox.prepared_count(conn) == 2  # the prepared pushes (spouse, decisions) survived

    office2.sync(a)
    office2.sync_all()

    with office2.central.engine.connect() as conn:
        row = conn.execute(
            select(record.c.row_version).where(record.c.id == spouse.id)
        ).scalar_one()
    assert row == 1  # applied once, not re-applied as version 2
    with a.s.store.read() as conn:
        assert outbox.pending_count(conn) == 0
        assert outbox.prepared_count(conn) == 0
    with b.s.store.read() as conn:
        known = outbox.synced_version(conn, "spouse", spouse.id)
    assert known is not None
    assert known[0] == 1
