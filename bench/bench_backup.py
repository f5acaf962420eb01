"""Backups: how long ``backup`` (copy + check) and ``verify`` take on a demo store, against a
plain file copy of the same store, and what a backup does to someone registering meanwhile.

Run: .venv/bin/python bench/bench_backup.py [--records N] [--rounds N]
Ends with JSON lines {"bench", "metric", "value", "unit", "budget"}.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from common import emit, percentile

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import records
from seco_desktop.services.backup import backup, verify_backup
from seco_desktop.services.demo import create_demo_store
from seco_desktop.services.session import Session, sign_in

PASSWORD = "Bench-Only-Passw0rd!"


def _registrations(agent: Session, stop: threading.Event, seed: int) -> list[float]:
    """Register generated callers until ``stop``; each registration's time in ms."""
    times: list[float] = []
    for spouse in generate_spouses(100_000, seed=seed, today=date.today()):
        if stop.is_set():
            break
        t = time.perf_counter()
        records.register(agent, spouse)
        times.append((time.perf_counter() - t) * 1000)
    return times


def _while(agent: Session, seed: int, action: object, seconds: float = 0.0) -> list[float]:
    """Registration times while ``action`` runs (or, with ``seconds``, while nothing does)."""
    stop = threading.Event()
    result: list[list[float]] = []
    worker = threading.Thread(target=lambda: result.append(_registrations(agent, stop, seed)))
    worker.start()
    time.sleep(0.2)
    if callable(action):
        action()
    else:
        time.sleep(seconds)
    stop.set()
    worker.join()
    return result[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args, _ = parser.parse_known_args()

    with tempfile.TemporaryDirectory(prefix="seco-bench-backup-") as tmp:
        folder = Path(tmp)
        store = folder / "office.seco"
        create_demo_store(store, records=args.records, password=PASSWORD,
                          argon2=FAST_ARGON2_FOR_TESTS)  # fmt: skip
        admin = sign_in(store, "admin", PASSWORD)
        admin.store.checkpoint()
        size_mb = store.stat().st_size / 1e6

        copy_s, backup_s, verify_s = [], [], []
        for i in range(args.rounds):
            t = time.perf_counter()
            shutil.copyfile(store, folder / f"copy{i}.seco")
            copy_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            backup(admin, folder / f"backup{i}.seco")
            backup_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            check = verify_backup(folder / f"backup{i}.seco", "admin", PASSWORD)
            verify_s.append(time.perf_counter() - t)
            assert check.ok, check.problems
            for name in (f"copy{i}.seco", f"backup{i}.seco", f"backup{i}.seco.keys"):
                (folder / name).unlink()

        agent = sign_in(store, "agent1", PASSWORD)
        during_backup_s: list[float] = []

        def timed_backup() -> None:
            t = time.perf_counter()
            backup(admin, folder / "during.seco")
            during_backup_s.append(time.perf_counter() - t)

        during = _while(agent, 11, timed_backup)
        idle = _while(agent, 12, None, seconds=during_backup_s[0])
        agent.close()
        admin.close()

    copy_med, backup_med = statistics.median(copy_s), statistics.median(backup_s)
    print(f"store: {args.records:,} records, {size_mb:,.1f} MB; {args.rounds} rounds")
    print(f"plain file copy          median {copy_med:.3f} s")
    print(
        f"backup (copy + check)    median {backup_med:.3f} s  ({backup_med / copy_med:.1f}x copy)"
    )
    print(f"verify                   median {statistics.median(verify_s):.3f} s")
    print(
        f"registrations while a backup ran: {len(during)}, "
        f"p50 {statistics.median(during):.1f} ms, p95 {percentile(during, 95):.1f} ms"
    )
    print(f"registrations with no backup:     {len(idle)}, "
          f"p50 {statistics.median(idle):.1f} ms, p95 {percentile(idle, 95):.1f} ms")  # fmt: skip
    emit("backup", "store_mb", size_mb, "MB", None)
    emit("backup", "backup_median", backup_med, "s", None)
    emit("backup", "backup_over_copy", backup_med / copy_med, "ratio", None)
    emit("backup", "verify_median", statistics.median(verify_s), "s", None)
    emit("backup", "register_p95_during_backup", percentile(during, 95), "ms", None)
    emit("backup", "register_p95_without_backup", percentile(idle, 95), "ms", None)


if __name__ == "__main__":
    main()
