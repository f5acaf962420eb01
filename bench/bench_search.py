"""Search latency on an encrypted store against the same data in a plain SQLite file.

Builds (or reuses, with ``--store DIR``) two stores of ``--records`` synthetic spouses with the
same schema and indexes: ``encrypted.seco`` (SQLCipher, raw key in ``encrypted.key``: synthetic
data only) and ``plain.sqlite``. The two are built in parallel child processes. Then it times
``search(parse_query(text))`` from the keystroke to the first page (a read transaction each) for
four kinds of query sampled from the stored records, the same texts on both files:

* dod_id: a stored DoD ID, some typed with dashes;
* prefix: the first 2-5 letters of a last name, or "last, fi";
* substring: 4-5 letters from inside a name word;
* misspelled: "first last" with one edit (substitution, insertion, deletion or transposition).

Prints readable lines, then one JSON line per metric:
``{"bench": "search", "metric": "p95_dod_id_ms", "value": 1.2, "unit": "ms", "budget": 5}``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.query import SearchFilters, parse_query
from seco_desktop.store.search import search
from seco_desktop.store.spouses import insert_many
from seco_desktop.store.store import Store

KINDS = ("dod_id", "prefix", "substring", "misspelled")
BUDGET_P95_MS = {"dod_id": 5.0, "prefix": 30.0, "substring": 30.0, "misspelled": 80.0}
BUDGET_RATIO = 3.0
BUDGET_RSS_MB = 400.0
TODAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 5, 9, 0)
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def spouses(n: int, seed: int) -> Iterator[Spouse]:
    """The demo generator's records (same seed, same records in both files)."""
    coaches = [f"00000000-0000-4000-8000-{i:012d}" for i in range(40)]
    yield from generate_spouses(n, seed=seed, today=TODAY, coaches=coaches)


def build_one(path: Path, key: bytes | None, records: int, seed: int, batch: int) -> None:
    store = Store.open(path, [key] if key else None, create=True)
    started = time.perf_counter()
    chunk: list[Spouse] = []
    done = 0
    for spouse in spouses(records, seed):
        chunk.append(spouse)
        if len(chunk) == batch:
            with store.write() as conn:
                done += insert_many(conn, chunk, NOW)
            chunk = []
            if done % (batch * 20) == 0:
                rate = done / (time.perf_counter() - started)
                print(f"  {path.name}: {done:,} records ({rate:,.0f}/s)", flush=True)
    if chunk:
        with store.write() as conn:
            done += insert_many(conn, chunk, NOW)
    store.close()  # the last connection to close checkpoints the WAL
    print(f"  {path.name}: built {done:,} in {time.perf_counter() - started:.0f} s", flush=True)


def build(directory: Path, records: int, seed: int, batch: int) -> None:
    """Both files at once, one child process each (the build is CPU-bound Python)."""
    directory.mkdir(parents=True, exist_ok=True)
    key_file = directory / "encrypted.key"
    key_file.write_text(os.urandom(32).hex())
    sizes = ["--records", str(records), "--seed", str(seed), "--batch", str(batch)]
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--build-one", str(directory / name), *flags, *sizes]
        )
        for name, flags in (("encrypted.seco", ["--key-file", str(key_file)]), ("plain.sqlite", []))
    ]
    if any(child.wait() != 0 for child in children):
        raise SystemExit("building the stores failed")


def open_store(directory: Path, encrypted: bool) -> Store:
    if encrypted:
        key = bytes.fromhex((directory / "encrypted.key").read_text().strip())
        return Store.open(directory / "encrypted.seco", [key])
    return Store.open(directory / "plain.sqlite", None)


def misspell(word: str, rng: random.Random) -> str:
    """One edit, never on the first letter (callers rarely get that wrong)."""
    i = rng.randrange(1, len(word))
    edit = rng.choice(("substitute", "insert", "delete", "transpose"))
    if edit == "substitute":
        return word[:i] + rng.choice(LETTERS.replace(word[i], "")) + word[i + 1 :]
    if edit == "insert":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if edit == "delete" or i == len(word) - 1 or word[i] == word[i + 1]:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def sample_queries(store: Store, count: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    """(query text, id of the record it came from) per kind."""
    rng = random.Random(seed)
    with store.read() as conn:
        top = int(conn.exec_driver_sql("SELECT max(seq) FROM spouse").scalar_one())
        seqs = [rng.randint(1, top) for _ in range(count * 4)]
        rows = [
            conn.exec_driver_sql(
                "SELECT id, dod_id, first_key, last_key FROM spouse WHERE seq = ?", (seq,)
            ).one()
            for seq in seqs
        ]
    queries: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for n, (id_, dod_id, first, last) in enumerate(rows[:count]):
        text = f"{dod_id[:2]}-{dod_id[2:6]}-{dod_id[6:]}" if n % 3 == 0 else dod_id
        queries["dod_id"].append((text, id_))
        if n % 2:
            queries["prefix"].append((last.split()[0][: rng.randint(2, 5)], id_))
        else:
            queries["prefix"].append((f"{last}, {first[:2]}", id_))
    words = [(w, id_) for id_, _, f, last in rows for w in (*f.split(), *last.split())]
    long_words = [(w, id_) for w, id_ in words if len(w) >= 6]
    for word, id_ in rng.sample(long_words, count):
        size = rng.randint(4, min(5, len(word) - 1))
        start = rng.randint(1, len(word) - size)
        queries["substring"].append((word[start : start + size], id_))
    for id_, _, first, last in rows[count : count * 2]:
        if len(last.replace(" ", "")) >= 5:
            queries["misspelled"].append((f"{first} {misspell(last, rng)}", id_))
        else:
            queries["misspelled"].append((f"{misspell(first, rng)} {last}", id_))
    return queries


def time_queries(store: Store, texts: list[tuple[str, str]]) -> tuple[list[float], float]:
    """Milliseconds per query, and the share whose source record is on the first page."""
    timings: list[float] = []
    hits = 0
    for text, id_ in texts:
        started = time.perf_counter()
        with store.read() as conn:
            page = search(conn, parse_query(text), SearchFilters())
        timings.append((time.perf_counter() - started) * 1000)
        hits += any(row.id == id_ for row in page.rows)
    return timings, hits / len(texts)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(store: Store, queries: dict[str, list[tuple[str, str]]]) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    for kind in KINDS:
        for text, _ in queries[kind][:10]:  # warm the page cache and the term index
            with store.read() as conn:
                search(conn, parse_query(text), SearchFilters())
        timings, recall = time_queries(store, queries[kind])
        results[kind] = timings
        results[f"{kind}_recall"] = [recall]
    return results


def run(directory: Path, count: int, seed: int) -> list[dict[str, object]]:
    metrics: list[dict[str, object]] = []

    def metric(name: str, value: float, unit: str, budget: float | None = None) -> None:
        metrics.append({"bench": "search", "metric": name, "value": round(value, 3)}
                       | {"unit": unit, "budget": budget})  # fmt: skip

    encrypted = open_store(directory, encrypted=True)
    with encrypted.read() as conn:
        records = int(conn.exec_driver_sql("SELECT count(*) FROM spouse").scalar_one())
        terms = int(conn.exec_driver_sql("SELECT count(*) FROM name_term").scalar_one())
    queries = sample_queries(encrypted, count, seed)
    started = time.perf_counter()
    with encrypted.read() as conn:
        search(conn, parse_query("zzzzzz qqqqqq"), SearchFilters())  # loads the term index
    metric("term_index_load_ms", (time.perf_counter() - started) * 1000, "ms")
    enc = measure(encrypted, queries)
    rss = rss_mb()
    encrypted.close()
    plain_store = open_store(directory, encrypted=False)
    plain = measure(plain_store, queries)
    plain_store.close()

    print(f"search benchmark: {records:,} records, {terms:,} name terms, {count} queries a kind")
    metric("records", records, "records")
    worst_ratio = 0.0
    for kind in KINDS:
        p50, p95 = pct(enc[kind], 0.5), pct(enc[kind], 0.95)
        plain50, plain95 = pct(plain[kind], 0.5), pct(plain[kind], 0.95)
        ratio = p50 / plain50 if plain50 else 0.0
        worst_ratio = max(worst_ratio, ratio)
        recall = enc[f"{kind}_recall"][0]
        print(
            f"  {kind:11s} encrypted p50 {p50:6.2f} ms  p95 {p95:6.2f} ms | plain p50 "
            f"{plain50:6.2f} ms  p95 {plain95:6.2f} ms | ratio {ratio:4.2f}x | "
            f"source record on first page {recall:.0%} (budget p95 {BUDGET_P95_MS[kind]} ms)"
        )
        metric(f"p50_{kind}_ms", p50, "ms")
        metric(f"p95_{kind}_ms", p95, "ms", BUDGET_P95_MS[kind])
        metric(f"plain_p50_{kind}_ms", plain50, "ms")
        metric(f"plain_p95_{kind}_ms", plain95, "ms")
        metric(f"ratio_p50_{kind}", ratio, "x")
        metric(f"recall_first_page_{kind}", recall, "share")
    print(f"  worst encrypted/plain ratio (p50) {worst_ratio:.2f}x (budget {BUDGET_RATIO}x)")
    print(f"  resident memory after searching the encrypted store {rss:.0f} MB")
    metric("ratio_encrypted_plain", worst_ratio, "x", BUDGET_RATIO)
    metric("rss_after_search_mb", rss, "MB", BUDGET_RSS_MB)
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="directory to build in or reuse")
    parser.add_argument("--queries", type=int, default=300, help="queries per kind")
    parser.add_argument("--seed", type=int, default=20260105)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--build-one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--key-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_one:
        key = bytes.fromhex(args.key_file.read_text().strip()) if args.key_file else None
        build_one(args.build_one, key, args.records, args.seed, args.batch)
        return
    directory = args.store or Path(tempfile.gettempdir()) / f"seco-bench-search-{args.records}"
    if not (directory / "encrypted.seco").exists():
        print(f"building {args.records:,} records in {directory} ...", flush=True)
        build(directory, args.records, args.seed, args.batch)
    for line in run(directory, args.queries, args.seed):
        print(json.dumps(line))


if __name__ == "__main__":
    main()
