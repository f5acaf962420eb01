"""A workstation process SIGKILLed at random points during edits, push and pull, many times:
after restart and a resync nothing is lost or duplicated, every copy is identical, and the
SQLCipher file passes its integrity check."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from seco_desktop.central.schema import record
from seco_desktop.services import records
from seco_desktop.services.sync_review import status
from tests.services.support import make_spouses

from .support import Office, every_document

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

KILLS = 12
ROOT = Path(__file__).resolve().parents[2]


def test_killed_workstation_loses_and_duplicates_nothing(office2: Office) -> None:
    a, b = office2.workstations
    b.close()  # the worker process owns b's store from now on
    rng = random.Random(2026)
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    for kill in range(KILLS):
        # Meanwhile the other workstation keeps working, so b has something to pull.
        for s in make_spouses(15, seed=500 + kill):
            try:
                records.register(a.s, s)
            except Exception:
                continue
        office2.sync(a)
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.kill_worker", str(b.path), office2.url, str(kill)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        # Imports and sign-in take a second on a quiet machine, several on a busy one: the kill
        # is timed from the worker's "ready", so it lands in its work, not in its start-up.
        assert worker.stdout is not None
        started = worker.stdout.readline()
        assert started == b"ready\n", worker.stderr.read().decode() if worker.stderr else ""
        time.sleep(rng.uniform(0.3, 2.0))
        assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        worker.stdout.close()
        if worker.stderr:
            worker.stderr.close()

    b.sign_in()
    assert b.s.store.integrity_check() == []
    office2.sync_all(rounds=3)

    assert status(b.s).pending == 0
    assert status(a.s).pending == 0
    mine, theirs = every_document(b.s), every_document(a.s)
    assert mine == theirs
    with office2.central.engine.connect() as conn:
        central_rows = conn.execute(select(func.count()).select_from(record)).scalar_one()
        distinct = conn.execute(
            select(func.count()).select_from(
                select(record.c.tbl, record.c.id).distinct().subquery()
            )
        ).scalar_one()
    assert central_rows == distinct == len(mine)  # every record once, none missing
    worker_notes = [k for k, doc in mine.items() if k.startswith("note:")]
    assert worker_notes  # the killed workstation's own work arrived too
