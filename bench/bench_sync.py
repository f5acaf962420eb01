"""Sync throughput against a loopback PostgreSQL: push, pull+apply (a workstation's bootstrap),
100 changed records end to end, and a plain bulk insert of the same ciphertext rows.

Run: .venv/bin/python bench/bench_sync.py [--records N] [--changes 100] [--bootstraps 3] [--pg DSN]
     .venv/bin/python bench/bench_sync.py --bootstrap-only 1000000
It makes a throwaway database on the server (``--pg``, default the local trust login) and drops
it afterwards. Data: the project's generator only. Ends with JSON lines
{"bench", "metric", "value", "unit", "budget"}. The pull figure is the median of ``--bootstraps``
new workstations enrolled one after another (a single run moved by ±15 % here).

``--bootstrap-only N`` measures one thing, workstation B's bootstrap (enrolment: pull, verify,
apply) of N spouses: the central store is filled directly (each generated spouse sealed under
the office key exactly as a push seals it, blind indexes included, and COPY-ed into ``record``
with consecutive usns), not by pushing from workstation A, which would take most of the time.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from itertools import islice
from pathlib import Path

import psycopg
from common import LOCAL_PG, emit, percentile, throwaway_database
from sqlalchemy import Column, Integer, LargeBinary, MetaData, String, Table, insert, select
from sqlalchemy.types import BigInteger

from seco_desktop.central.connect import central_engine
from seco_desktop.central.schema import record
from seco_desktop.central.server import CentralStore
from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain import codec
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.normalise import name_key
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import records
from seco_desktop.services.session import Session, create_store, sign_in
from seco_desktop.services.sync import SyncEngine
from seco_desktop.services.sync_payload import blind_indexes, seal_doc
from seco_desktop.services.sync_setup import enroll, init_central, sync_now
from seco_desktop.store import deferred_indexes, spouses
from seco_desktop.store.spouses import insert_many

BUDGET_PUSH = 5_000.0
BUDGET_PULL = 10_000.0
BUDGET_100_S = 1.0
ADMIN, PASSWORD = "admin", "Bench-Only-Passw0rd!"
TODAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 5, 9, 0)


def _fill(path: Path, n: int) -> None:
    session = sign_in(path, ADMIN, PASSWORD)
    try:
        chunk = []
        with session.store.bulk_load():
            for s in generate_spouses(n, seed=2027, today=TODAY):
                chunk.append(s)
                if len(chunk) == 5_000:
                    with session.store.write() as conn:
                        insert_many(conn, chunk, NOW, by=session.user.id)
                    chunk = []
            if chunk:
                with session.store.write() as conn:
                    insert_many(conn, chunk, NOW, by=session.user.id)
    finally:
        session.close()


def _plain_insert_rate(engine_url: str) -> tuple[float, int]:
    """Copy the pushed ciphertext rows into a same-shaped table with one plain executemany per
    1,000 rows (no locks, versions or operation ids): the floor a push is compared with."""
    engine = central_engine(engine_url)
    meta = MetaData()
    plain = Table(
        "record_plain", meta,
        Column("tbl", String(16), primary_key=True), Column("id", String(36), primary_key=True),
        Column("row_version", Integer, nullable=False), Column("usn", BigInteger, nullable=False),
        Column("key_version", Integer, nullable=False),
        Column("payload", LargeBinary, nullable=False), Column("bi_dod", Integer),
        Column("bi_last", Integer), Column("last_op", String(36), nullable=False),
    )  # fmt: skip
    meta.create_all(engine)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(record))]
    started = time.perf_counter()
    for i in range(0, len(rows), 1000):
        with engine.begin() as conn:
            conn.execute(insert(plain), rows[i : i + 1000])
    elapsed = time.perf_counter() - started
    engine.dispose()
    return len(rows) / elapsed, len(rows)


def _new_workstation(path: Path) -> Session:
    """A new store with the bench's administrator, signed in."""
    create_store(
        path, admin_username=ADMIN, admin_display_name="Bench", admin_password=PASSWORD,
        argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip
    return sign_in(path, ADMIN, PASSWORD)


def _plain_local_rate(source: Session, tmp: Path) -> tuple[float, int]:
    """Copy workstation A's spouse rows into a new SQLCipher store with one driver-level
    executemany per 2,000 rows (a pull page), each page committed with its ``sync_record``
    rows, the search indexes set aside and built once at the end as a bootstrap does; no
    decrypting, parsing or checking: the floor a bootstrap's pull and apply is compared with."""
    names = [c.name for c in spouses.t.columns if c.name != "seq"]
    columns, marks = ", ".join(names), ", ".join("?" for _ in names)
    with source.store.read() as conn:
        rows = [tuple(r) for r in conn.exec_driver_sql(f"SELECT {columns} FROM spouse")]
    target = _new_workstation(tmp / "plain" / "office.seco")
    try:
        with target.store.write() as conn:
            deferred_indexes.defer(conn)
        with target.store.bulk_load(256):
            started = time.perf_counter()
            for i in range(0, len(rows), 2000):
                page = rows[i : i + 2000]
                with target.store.write() as conn:
                    conn.exec_driver_sql(f"INSERT INTO spouse ({columns}) VALUES ({marks})", page)
                    conn.exec_driver_sql(
                        "INSERT INTO sync_record (tbl, record_id, version, usn) VALUES (?,?,?,?)",
                        [("spouse", r[0], 1, i + k + 1) for k, r in enumerate(page)],
                    )
            with target.store.write() as conn:
                deferred_indexes.restore(conn)
            elapsed = time.perf_counter() - started
    finally:
        target.close()
    return len(rows) / elapsed, len(rows)


def _many_spouses(n: int, distinct: int = 100_000) -> Iterator[Spouse]:
    """``n`` generated spouses: the generator's first ``distinct``, then the same again under
    fresh ids and shifted DoD IDs (generating a million one by one would dominate the run)."""
    base = list(generate_spouses(min(n, distinct), seed=2027, today=TODAY))
    for i in range(n):
        s = base[i % len(base)]
        if i < len(base):
            yield s
        else:
            shifted = (int(s.dod_id) - 1_000_000_000 + (i // len(base)) * 7_919_311) % (9 * 10**9)
            yield dataclasses.replace(s, id=str(uuid.uuid4()), dod_id=str(1_000_000_000 + shifted))


def _seal_into_central(a: Session, url: str, n: int) -> int:
    """Seal ``n`` generated spouses as version 1 (as A's push would) and COPY them into the
    central ``record`` table after the rows already there; returns how many rows it holds."""
    keys, ws = a.keys.material, str(uuid.uuid4())
    spouses_made = _many_spouses(n)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        usn = int(conn.execute("SELECT value FROM usn_counter WHERE id = 1").fetchone()[0])  # type: ignore[index]
        while chunk := list(islice(spouses_made, 20_000)):
            rows = []
            for s in chunk:
                stamped = dataclasses.replace(s, row_version=1, created_at=NOW, updated_at=NOW)
                body = codec.dumps(stamped)
                key_version, payload = seal_doc(
                    keys, tbl="spouse", record_id=s.id, version=1, body_json=body,
                    deleted=False, by=a.user.id, at=NOW, ws=ws,
                )  # fmt: skip
                bi_dod, bi_last = blind_indexes(
                    keys, "spouse", s.dod_id, name_key(s.name.last), False
                )
                usn += 1
                rows.append(("spouse", s.id, 1, usn, key_version, payload, bi_dod, bi_last,
                             str(uuid.uuid4())))  # fmt: skip
            with conn.cursor().copy(
                "COPY record (tbl, id, row_version, usn, key_version, payload, bi_dod, bi_last, "
                "last_op) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            conn.execute("UPDATE usn_counter SET value = %s WHERE id = 1", (usn,))
            conn.commit()
        return int(conn.execute("SELECT count(*) FROM record").fetchone()[0])  # type: ignore[index]


def bootstrap_only(tmp: Path, url: str, n: int) -> None:
    first = tmp / "a" / "office.seco"
    a = _new_workstation(first)
    init_central(a, url)
    central = CentralStore(central_engine(url))
    SyncEngine(a.store, a.keys.material, central, a.clock).push()  # the office's user accounts
    t = time.perf_counter()
    held = _seal_into_central(a, url, n)
    print(f"central store filled directly with {n:,} sealed spouses ({held:,} rows) in "
          f"{time.perf_counter() - t:.1f} s")  # fmt: skip
    a.close()
    central.dispose()
    second = tmp / "b" / "office.seco"
    t = time.perf_counter()
    report = enroll(second, url, ADMIN, PASSWORD)
    boot_s = time.perf_counter() - t
    print(f"bootstrap of workstation B (pull, verify, apply {report.pulled:,} records, indexes "
          f"built): {boot_s:.1f} s = {report.pulled / boot_s:,.0f} records/s")  # fmt: skip
    emit("sync", f"bootstrap_{report.pulled}_records_s", boot_s, "s", None)
    emit("sync", "bootstrap_records_per_s", report.pulled / boot_s, "records/s", BUDGET_PULL)


def _bootstrap_rate(path: Path, url: str) -> float:
    """Records per second of one new workstation's enrolment (pull, verify, apply)."""
    t = time.perf_counter()
    report = enroll(path, url, ADMIN, PASSWORD)
    return report.pulled / (time.perf_counter() - t)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--bootstraps", type=int, default=3, help="new workstations enrolled")
    parser.add_argument("--bootstrap-only", type=int, default=0, metavar="N")
    parser.add_argument("--pg", default=LOCAL_PG)
    args = parser.parse_args()
    with (
        throwaway_database(args.pg) as url,
        tempfile.TemporaryDirectory(prefix="seco-bench-sync-") as tmp,
    ):
        if args.bootstrap_only:
            bootstrap_only(Path(tmp), url, args.bootstrap_only)
        else:
            run(Path(tmp), url, args)


def run(tmp: Path, url: str, args: argparse.Namespace) -> None:
    first = tmp / "a" / "office.seco"
    create_store(
        first, admin_username=ADMIN, admin_display_name="Bench", admin_password=PASSWORD,
        argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip
    t = time.perf_counter()
    _fill(first, args.records)
    print(f"{args.records:,} generated records stored on workstation A in "
          f"{time.perf_counter() - t:.1f} s")  # fmt: skip

    a = sign_in(first, ADMIN, PASSWORD)
    init_central(a, url)
    central = CentralStore(central_engine(url))
    engine = SyncEngine(a.store, a.keys.material, central, a.clock)
    t = time.perf_counter()
    engine.push()
    push_s = time.perf_counter() - t
    pushed = central.last_usn()
    push_rate = pushed / push_s
    print(f"push: {pushed:,} records in {push_s:.1f} s = {push_rate:,.0f} records/s")

    plain_rate, plain_n = _plain_insert_rate(url)
    print(f"plain bulk insert of the same {plain_n:,} ciphertext rows: {plain_rate:,.0f} rows/s "
          f"(push is {push_rate / plain_rate:.2f}x of it)")  # fmt: skip

    second = tmp / "b" / "office.seco"
    rates = [_bootstrap_rate(second, url)]
    for i in range(1, args.bootstraps):  # more new workstations, removed again
        rates.append(_bootstrap_rate(tmp / f"b{i}" / "office.seco", url))
        shutil.rmtree(tmp / f"b{i}")
    pull_rate = statistics.median(rates)
    print(f"bootstrap of a new workstation (pull, verify, apply {pushed:,} records), "
          f"{len(rates)} runs: median {pull_rate:,.0f} records/s "
          f"({', '.join(f'{r:,.0f}' for r in rates)})")  # fmt: skip

    local_rate, local_n = _plain_local_rate(a, tmp)
    print(f"plain local insert of the same {local_n:,} spouse rows into a new SQLCipher store "
          f"(pages of 2,000, indexes built at the end): {local_rate:,.0f} rows/s "
          f"(pull and apply is {pull_rate / local_rate:.2f}x of it)")  # fmt: skip

    b = sign_in(second, ADMIN, PASSWORD)
    t = time.perf_counter()
    sync_now(a, central=central)  # A pulls its own pushes back once (usn only), then is idle
    sync_now(b, central=central)
    print(f"first full sync of A (its own {pushed:,} pushes come back) and B: "
          f"{time.perf_counter() - t:.1f} s")  # fmt: skip
    with a.store.read() as conn:
        ids = [r.id for r in conn.execute(select(spouses.t.c.id).limit(args.changes * args.repeat))]
    times: list[float] = []
    for i in range(args.repeat):
        for spouse_id in ids[i * args.changes : (i + 1) * args.changes]:
            with a.store.read() as conn:
                current = spouses.get_spouse(conn, spouse_id)
            records.edit(a, dataclasses.replace(current, career_goals=f"Goal {i}"))
        t = time.perf_counter()
        sent = sync_now(a, central=central)
        got = sync_now(b, central=central)
        times.append(time.perf_counter() - t)
        assert sent.pushed == 2 * args.changes  # each edit: the spouse and its decision event
        assert got.pulled >= args.changes
    med, p95 = statistics.median(times), percentile(times, 95)
    print(f"{args.changes} changed records, A sync + B sync: median {med * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms over {args.repeat} runs")  # fmt: skip
    a.close()
    b.close()
    central.dispose()

    emit("sync", "push_records_per_s", push_rate, "records/s", BUDGET_PUSH)
    emit("sync", "pull_apply_records_per_s", pull_rate, "records/s", BUDGET_PULL)
    emit("sync", "plain_insert_rows_per_s", plain_rate, "rows/s", None)
    emit("sync", "push_vs_plain_insert_ratio", push_rate / plain_rate, "x", None)
    emit("sync", "plain_local_insert_rows_per_s", local_rate, "rows/s", None)
    emit("sync", "pull_vs_plain_local_insert_ratio", pull_rate / local_rate, "x", None)
    emit("sync", f"changes_{args.changes}_synced_median_s", med, "s", BUDGET_100_S)
    emit("sync", f"changes_{args.changes}_synced_p95_s", p95, "s", BUDGET_100_S)
    emit("sync", f"bootstrap_{pushed}_records_median_s", pushed / pull_rate, "s", None)


if __name__ == "__main__":
    main()
