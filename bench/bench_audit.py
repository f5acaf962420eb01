"""Audit costs: what the audit entry and the session check add to a search and a record view,
an entry's append time, and verifying chains of 10,000 and 100,000 entries.

Run: .venv/bin/python bench/bench_audit.py [--records N] [--queries N]
Ends with JSON lines {"bench", "metric", "value", "unit", "budget"}.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from common import emit, percentile

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.query import SearchFilters, parse_query
from seco_desktop.domain.reference import Role
from seco_desktop.security.audit_chain import AuditDraft
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import audit, audit_review, records
from seco_desktop.services import search as search_service
from seco_desktop.services.session import add_user, create_store, sign_in
from seco_desktop.store import search as store_search
from seco_desktop.store import spouses

PASSWORD = "Bench-Only-Passw0rd!"


def _ms(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), percentile(samples, 95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--chain", type=int, default=100_000, help="longest chain verified")
    args, _ = parser.parse_known_args()

    with tempfile.TemporaryDirectory(prefix="seco-bench-audit-") as tmp:
        path = Path(tmp) / "bench.seco"
        create_store(path, admin_username="admin", admin_display_name="Admin",
                     admin_password=PASSWORD, argon2=FAST_ARGON2_FOR_TESTS)  # fmt: skip
        admin = sign_in(path, "admin", PASSWORD)
        add_user(admin, "agent1", "Agent", Role.AGENT, PASSWORD, argon2=FAST_ARGON2_FOR_TESTS)
        population = list(generate_spouses(args.records, seed=3, today=date.today()))
        with admin.store.write() as conn:
            spouses.insert_many(conn, population, datetime.now())
        agent = sign_in(path, "agent1", PASSWORD)
        names = [f"{s.name.last}, {s.name.first}" for s in population[: args.queries]]
        dod_ids = [s.dod_id for s in population[: args.queries]]

        raw, audited, raw_id, audited_id = [], [], [], []
        for text in dod_ids:
            query = parse_query(text)
            t = time.perf_counter()
            with agent.store.read() as conn:
                store_search.search(conn, query, SearchFilters(), limit=50)
            raw_id.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search_service.search(agent, text)
            audited_id.append((time.perf_counter() - t) * 1000)
        for text in names:
            query = parse_query(text)
            t = time.perf_counter()
            with agent.store.read() as conn:
                store_search.search(conn, query, SearchFilters(), limit=50)
            raw.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search_service.search(agent, text)
            audited.append((time.perf_counter() - t) * 1000)
        views = []
        for s in population[: args.queries]:
            t = time.perf_counter()
            records.open_record(agent, s.id)
            views.append((time.perf_counter() - t) * 1000)
        appends = []
        for _ in range(args.queries):
            t = time.perf_counter()
            audit.record(agent, audit.Action.VIEW, detail={"bench": True})
            appends.append((time.perf_counter() - t) * 1000)

        # Grow the chain to 100,000 entries (in large transactions), then verify it.
        verify_s: dict[int, float] = {}
        start = datetime(2026, 1, 1)
        for target in sorted({min(10_000, args.chain), args.chain}):
            with admin.store.read() as conn:
                have = audit.head(conn).seq
            with admin.store.write() as conn:
                for i in range(have, target):
                    draft = AuditDraft(start + timedelta(seconds=i), admin.user.id, "admin",
                                       "administrator", "view", "", "ok", "{}")  # fmt: skip
                    audit.append_draft(conn, admin.audit_key, draft)
            t = time.perf_counter()
            report = audit_review.verify(admin)
            verify_s[target] = time.perf_counter() - t
            assert report.intact
        agent.close()
        admin.close()

    id_med, id_p95 = _ms(raw_id)
    aid_med, aid_p95 = _ms(audited_id)
    raw_med, raw_p95 = _ms(raw)
    srch_med, srch_p95 = _ms(audited)
    view_med, view_p95 = _ms(views)
    app_med, app_p95 = _ms(appends)
    print(f"{args.records:,} records, {args.queries} queries")
    print(f"DoD ID (store only)         median {id_med:6.2f} ms  p95 {id_p95:6.2f} ms")
    print(f"DoD ID (service + audit)    median {aid_med:6.2f} ms  p95 {aid_p95:6.2f} ms")
    print(f"search (store only)         median {raw_med:6.2f} ms  p95 {raw_p95:6.2f} ms")
    print(f"search (service + audit)    median {srch_med:6.2f} ms  p95 {srch_p95:6.2f} ms"
          f"  (+{srch_p95 - raw_p95:.2f} ms at p95)")  # fmt: skip
    print(f"open record (with audit)    median {view_med:6.2f} ms  p95 {view_p95:6.2f} ms")
    print(f"audit append (own commit)   median {app_med:6.2f} ms  p95 {app_p95:6.2f} ms")
    for n, seconds in verify_s.items():
        print(f"verify a {n:>7,}-entry chain  {seconds:6.2f} s ({n / seconds:,.0f} entries/s)")
    emit("audit", "dod_id_search_service_p95", aid_p95, "ms", 5)
    emit("audit", "search_service_p95", srch_p95, "ms", 30)
    emit("audit", "search_audit_overhead_p95", srch_p95 - raw_p95, "ms", None)
    emit("audit", "open_record_p95", view_p95, "ms", None)
    emit("audit", "append_p95", app_p95, "ms", None)
    emit("audit", f"verify_{args.chain}", verify_s[args.chain], "s", None)


if __name__ == "__main__":
    main()
