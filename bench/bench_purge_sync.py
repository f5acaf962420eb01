"""A retention purge that travels, against a loopback PostgreSQL: the local purge with its
tombstones queued compared with the same purge without them (copies of one store), then the
purging workstation's sync (tombstones pushed) and another workstation's sync (the purge
applied there).

Run: .venv/bin/python bench/bench_purge_sync.py [--records N] [--repeat 3] [--pg DSN]
It makes a throwaway database on the server and drops it afterwards. Data: the project's
generator only (spouses without casework). Ends with JSON lines
{"bench", "metric", "value", "unit", "budget"}.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from contextlib import ExitStack
from datetime import date, datetime, timedelta
from pathlib import Path
from unittest import mock

from common import LOCAL_PG, emit, throwaway_database

from seco_desktop.central.connect import central_engine
from seco_desktop.central.server import CentralStore
from seco_desktop.demo.generator import generate_spouses
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import retention
from seco_desktop.services.session import create_store, sign_in
from seco_desktop.services.sync_setup import enroll, init_central, sync_now
from seco_desktop.store import purge_marks
from seco_desktop.store.spouses import insert_many

ADMIN, PASSWORD = "admin", "Bench-Only-Passw0rd!"
TODAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 5, 9, 0)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _fill(path: Path, n: int, clock: Clock) -> None:
    session = sign_in(path, ADMIN, PASSWORD, clock=clock)
    try:
        made = list(generate_spouses(n, seed=2029, today=TODAY))
        for i in range(0, n, 5_000):
            with session.store.write() as conn:
                insert_many(conn, made[i : i + 5_000], NOW, by=session.user.id)
    finally:
        session.close()


def _copy(store: Path, folder: Path) -> Path:
    folder.mkdir()
    for name in (store.name, f"{store.name}.keys"):
        shutil.copyfile(store.parent / name, folder / name)
    return folder / store.name


def _purge_seconds(path: Path, clock: Clock, *, travelling: bool) -> tuple[float, int]:
    session = sign_in(path, ADMIN, PASSWORD, clock=clock)
    try:
        with ExitStack() as stack:
            if not travelling:  # the purge as it was: no markers, no tombstones queued
                for name in ("mark", "forget_sync_copies", "queue_tombstones"):
                    stack.enter_context(mock.patch.object(purge_marks, name, return_value=None))
            t = time.perf_counter()
            purged = len(retention.purge(session).purged)
            return time.perf_counter() - t, purged
    finally:
        session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default=LOCAL_PG)
    args = parser.parse_args()
    with (
        throwaway_database(args.pg) as url,
        tempfile.TemporaryDirectory(prefix="seco-bench-purge-") as tmp,
    ):
        run(Path(tmp), url, args)


def run(tmp: Path, url: str, args: argparse.Namespace) -> None:
    clock = Clock(NOW)
    first = tmp / "a" / "office.seco"
    create_store(
        first, admin_username=ADMIN, admin_display_name="Bench", admin_password=PASSWORD,
        clock=clock, argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip
    _fill(first, args.records, clock)
    a = sign_in(first, ADMIN, PASSWORD, clock=clock)
    init_central(a, url)
    central = CentralStore(central_engine(url))
    sync_now(a, central=central)
    second = tmp / "b" / "office.seco"
    enroll(second, url, ADMIN, PASSWORD, clock=clock)
    b = sign_in(second, ADMIN, PASSWORD, clock=clock)
    sync_now(a, central=central)
    a.close()
    clock.now = retention.years_before(NOW, -3) + timedelta(days=1)

    local: list[float] = []
    travelling: list[float] = []
    for i in range(args.repeat):
        s, n = _purge_seconds(_copy(first, tmp / f"local{i}"), clock, travelling=False)
        local.append(s)
        s, n2 = _purge_seconds(_copy(first, tmp / f"travel{i}"), clock, travelling=True)
        travelling.append(s)
        assert n == n2 == args.records
    lmed, tmed = statistics.median(local), statistics.median(travelling)
    print(f"purge of {args.records:,} records, median of {args.repeat}: local only "
          f"{lmed:.2f} s, with tombstones queued {tmed:.2f} s ({tmed / lmed:.2f}x)")  # fmt: skip

    purge_s, _ = _purge_seconds(first, clock, travelling=True)
    a = sign_in(first, ADMIN, PASSWORD, clock=clock)
    t = time.perf_counter()
    pushed = sync_now(a, central=central).pushed
    push_s = time.perf_counter() - t
    t = time.perf_counter()
    pulled = sync_now(b, central=central).pulled
    apply_s = time.perf_counter() - t
    print(f"the purge on A: {purge_s:.2f} s; A's sync (push {pushed:,} tombstones): "
          f"{push_s:.2f} s; B's sync (apply {pulled:,} purges): {apply_s:.2f} s "
          f"= {pulled / apply_s:,.0f} records/s")  # fmt: skip
    a.close()
    b.close()
    central.dispose()

    emit("purge_sync", "purge_local_only_median_s", lmed, "s", None)
    emit("purge_sync", "purge_with_tombstones_median_s", tmed, "s", None)
    emit("purge_sync", "purge_tombstone_overhead_ratio", tmed / lmed, "x", None)
    emit("purge_sync", "push_tombstones_s", push_s, "s", None)
    emit("purge_sync", "apply_purges_per_s", pulled / apply_s, "records/s", None)


if __name__ == "__main__":
    main()
