"""CPU per record on the pull's verifying thread, stage by stage, with no database server.

Run: .venv/bin/python bench/bench_pull_cpu.py [--records N] [--repeat R]

Generated spouses (the project's generator) are sealed as version 1 exactly as a push seals
them (``sync_payload.seal_doc``) and wrapped in ``CentralRow``s; then each stage a bootstrap's
verifying thread runs per spouse is timed over all of them, ``--repeat`` times:

* ``open_row``: envelope, AES-256-GCM decrypt and check, JSON parse (``sync_payload.open_row``);
* ``new_spouse_row``: the ``spouse`` row of the document (``sync_tables.new_spouse_row``);
* ``values_of``: that row as the driver's parameter tuple (``spouse_bulk.values_of``);
* ``total``: the three together, as ``SyncEngine._fetch_verified`` chains them.

Prints the median microseconds of CPU time (this thread's) per record of each stage, then JSON
lines {"bench", "metric", "value", "unit", "budget"}.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from common import emit

from seco_desktop.central.server import CentralRow
from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain import codec
from seco_desktop.security.material import KeyMaterial
from seco_desktop.services.sync_payload import open_row, seal_doc
from seco_desktop.store.spouse_bulk import values_of
from seco_desktop.store.sync_tables import SPOUSE, new_spouse_row

TODAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 5, 9, 0)


def _rows(keys: KeyMaterial, n: int) -> list[CentralRow]:
    ws, by = str(uuid.uuid4()), str(uuid.uuid4())
    rows = []
    for usn, s in enumerate(generate_spouses(n, seed=2027, today=TODAY), start=1):
        stamped = dataclasses.replace(s, row_version=1, created_at=NOW, updated_at=NOW)
        key_version, payload = seal_doc(
            keys, tbl=SPOUSE, record_id=s.id, version=1, body_json=codec.dumps(stamped),
            deleted=False, by=by, at=NOW, ws=ws,
        )  # fmt: skip
        rows.append(CentralRow(SPOUSE, s.id, 1, usn, key_version, payload, str(uuid.uuid4())))
    return rows


def _per_record_us(stage: Callable[[], object], n: int) -> float:
    """CPU time of this thread (not wall time: on a shared machine, time spent waiting for a
    core is not the stage's cost)."""
    started = time.thread_time()
    stage()
    return (time.thread_time() - started) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    keys = KeyMaterial.generate()
    rows = _rows(keys, args.records)
    n = len(rows)

    # Each stage gets its inputs made beforehand (open_row mutates nothing of a row; the rows
    # and tuples the later stages read are made once here).
    envelopes = [open_row(keys, row) for row in rows]
    docs = [(row.record_id, env.doc) for row, env in zip(rows, envelopes, strict=True)]
    built: list[dict[str, Any]] = [new_spouse_row(rid, doc) for rid, doc in docs]

    def opened() -> None:
        for row in rows:
            open_row(keys, row)

    def made() -> None:
        for rid, doc in docs:
            new_spouse_row(rid, doc)

    def converted() -> None:
        for row in built:
            values_of(row)

    def total() -> None:
        for row in rows:
            values_of(new_spouse_row(row.record_id, open_row(keys, row).doc))

    stages: dict[str, Callable[[], None]] = {
        "open_row": opened, "new_spouse_row": made, "values_of": converted, "total": total,
    }  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(args.repeat):  # stages interleaved, so a noisy moment hits all of them
        for name, stage in stages.items():
            gc.collect()
            times[name].append(_per_record_us(stage, n))
    print(f"{n:,} generated spouses, {args.repeat} runs, median µs of CPU per record:")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"  {name:<15} {med:7.1f} µs  (min {min(values):.1f}, max {max(values):.1f})")
    for name, values in times.items():
        emit("pull_cpu", f"{name}_us_per_record", statistics.median(values), "µs", None)


if __name__ == "__main__":
    main()
