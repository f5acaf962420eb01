"""Store benchmarks: sign-in (unlock + open), register and edit writes, demo build rate.

Run: .venv/bin/python bench/bench_store.py [--records N] [--writes N]
Ends with JSON lines {"bench", "metric", "value", "unit", "budget"}.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from common import emit, percentile

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.models import Spouse
from seco_desktop.services import records
from seco_desktop.services.demo import create_demo_store
from seco_desktop.services.session import sign_in

PASSWORD = "Bench-Only-Passw0rd!"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--writes", type=int, default=300)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="seco-bench-") as tmp:
        path = Path(tmp) / "bench.seco"
        started = time.perf_counter()
        create_demo_store(path, records=args.records, password=PASSWORD, seed=11)
        build_s = time.perf_counter() - started
        print(f"demo store of {args.records:,} records built in {build_s:.1f} s")

        sign_ins = []
        for _ in range(5):
            t = time.perf_counter()
            sign_in(path, "coach1", PASSWORD).close()
            sign_ins.append((time.perf_counter() - t) * 1000)
        session = sign_in(path, "agent1", PASSWORD)
        try:
            today = date.today()
            fresh = list(generate_spouses(args.writes, seed=99_001, today=today))
            register_ms, edit_ms = [], []
            stored: list[Spouse] = []
            for s in fresh:
                t = time.perf_counter()
                stored.append(records.register(session, s))
                register_ms.append((time.perf_counter() - t) * 1000)
            for s in stored:
                changed = dataclasses.replace(s, career_goals="Project management certification")
                t = time.perf_counter()
                records.edit(session, changed)
                edit_ms.append((time.perf_counter() - t) * 1000)
        finally:
            session.close()

    print(f"sign-in (Argon2id unlock + open): median {statistics.median(sign_ins):.0f} ms")
    print(
        f"register: p50 {percentile(register_ms, 50):.1f} ms, "
        f"p95 {percentile(register_ms, 95):.1f} ms"
    )
    print(f"edit: p50 {percentile(edit_ms, 50):.1f} ms, p95 {percentile(edit_ms, 95):.1f} ms")
    emit("store", "demo_build_records_per_s", args.records / build_s, "records/s", None)
    emit("store", "sign_in_median_ms", statistics.median(sign_ins), "ms", 1000)
    emit("store", "register_p50_ms", percentile(register_ms, 50), "ms", None)
    emit("store", "register_p95_ms", percentile(register_ms, 95), "ms", 50)
    emit("store", "edit_p95_ms", percentile(edit_ms, 95), "ms", 50)


if __name__ == "__main__":
    main()
