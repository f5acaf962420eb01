"""Report benchmarks: a spouse's summary PDF, and the program report over 100,000 records.

Run: .venv/bin/python bench/bench_reports.py [--records N] [--store PATH --password PW]
Without ``--store`` a demo store of ``--records`` synthetic records is built in a temporary
folder (about a minute for 100,000). Times are whole service calls: permission check, reads
in one transaction, layout, PDF bytes. Ends with JSON lines.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from common import emit, percentile
from sqlalchemy import func, select

from seco_desktop.domain.reference import Branch
from seco_desktop.services.demo import create_demo_store
from seco_desktop.services.reports.program import ProgramFilter, build_program_report, coach_id
from seco_desktop.services.reports.summary import SummaryOptions, build_summary
from seco_desktop.services.session import Session, sign_in
from seco_desktop.store.schema import note, spouse

PASSWORD = "Bench-Only-Passw0rd!"
SUMMARY_BUDGET_MS = 200
PROGRAM_BUDGET_MS = 5000


def timed(fn: Callable[[], object], runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return times, result


def report_line(label: str, times: list[float], extra: str = "") -> None:
    print(
        f"{label}: p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 95):.0f} ms, "
        f"max {max(times):.0f} ms over {len(times)} runs{extra}"
    )


def summaries(session: Session, samples: int) -> None:
    with session.store.read() as conn:
        with_notes = [
            r[0]
            for r in conn.execute(
                select(note.c.spouse_id)
                .group_by(note.c.spouse_id)
                .having(func.count() >= 3)
                .limit(5000)
            )
        ]
        anyone = [r[0] for r in conn.execute(select(spouse.c.id).limit(5000))]
    rng = random.Random(17)
    ids = rng.sample(with_notes, min(samples // 2, len(with_notes)))
    ids += rng.sample(anyone, samples - len(ids))
    build_summary(session, ids[0])  # fonts registered, caches warm: what a session sees after
    full, minimum, pages = [], [], []
    for record_id in ids:
        t = time.perf_counter()
        report = build_summary(session, record_id)
        full.append((time.perf_counter() - t) * 1000)
        pages.append(report.pages)
        t = time.perf_counter()
        build_summary(session, record_id, SummaryOptions(minimum_necessary=True))
        minimum.append((time.perf_counter() - t) * 1000)
    report_line("spouse summary", full, f"; {min(pages)}-{max(pages)} pages")
    report_line("spouse summary, minimum necessary", minimum)
    emit("reports", "summary_p50_ms", statistics.median(full), "ms", None)
    emit("reports", "summary_p95_ms", percentile(full, 95), "ms", SUMMARY_BUDGET_MS)
    emit("reports", "summary_minimum_p95_ms", percentile(minimum, 95), "ms", SUMMARY_BUDGET_MS)


def program_reports(session: Session, runs: int, records: int) -> None:
    today = date.today()
    everything = ProgramFilter(date(today.year - 9, 1, 1), today)
    start = everything.date_from
    coach = coach_id(session, "coach1")
    cases = [
        ("every record (monthly)", everything),
        ("last 12 months", ProgramFilter(date(today.year - 1, today.month, 1), today)),
        ("last 31 days (daily)", ProgramFilter(today - timedelta(days=30), today)),
        ("every record, Army only", ProgramFilter(start, today, branch=Branch.ARMY)),
        ("every record, coach1 only", ProgramFilter(start, today, coach_id=coach)),
    ]
    t = time.perf_counter()
    first = build_program_report(session, everything)
    cold_ms = (time.perf_counter() - t) * 1000
    print(f"program report, every record, first run after sign-in: {cold_ms:.0f} ms, "
          f"{first.pages} pages")  # fmt: skip
    emit("reports", "program_all_first_ms", cold_ms, "ms", PROGRAM_BUDGET_MS)
    for label, selection in cases:
        times, _ = timed(lambda s=selection: build_program_report(session, s), runs)
        report_line(f"program report, {label}", times)
        key = label.replace(" ", "_").replace(",", "").replace("(", "").replace(")", "")
        emit("reports", f"{key}_p50_ms", statistics.median(times), "ms", None)
        emit("reports", f"{key}_max_ms", max(times), "ms", PROGRAM_BUDGET_MS)
    print(f"(store: {records:,} records)")


def gui_gaps(session: Session, selection: ProgramFilter, runs: int) -> None:
    """The longest gap of a 5 ms GUI-thread heartbeat while program reports are built on the
    TaskRunner, as the desktop builds them (layout is Python: it competes for the GIL)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from seco_desktop.ui.tasks import TaskRunner  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    tick = QElapsedTimer()
    tick.start()
    last, longest = [tick.elapsed()], [0]

    def beat() -> None:
        now = tick.elapsed()
        longest[0] = max(longest[0], now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    loop = QEventLoop()
    for _ in range(runs):
        runner.run(
            lambda: build_program_report(session, selection),
            on_success=lambda _report: loop.quit(),
            on_failure=lambda _error: loop.quit(),
        )
        loop.exec()
    heartbeat.stop()
    runner.shutdown()
    del app
    print(f"longest GUI-thread gap while {runs} program reports were built: {longest[0]} ms")
    emit("reports", "gui_longest_gap_ms", longest[0], "ms", 100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--samples", type=int, default=60, help="spouses summarised")
    parser.add_argument("--runs", type=int, default=5, help="runs of each program report")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="seco-bench-reports-") as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "bench.seco"
            started = time.perf_counter()
            create_demo_store(store, records=args.records, password=args.password, seed=23)
            print(f"demo store of {args.records:,} records built in "
                  f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        coach = sign_in(store, "coach1", args.password)
        supervisor = sign_in(store, "supervisor1", args.password)
        try:
            with supervisor.store.read() as conn:
                records = int(conn.execute(select(func.count()).select_from(spouse)).scalar_one())
            summaries(coach, args.samples)
            program_reports(supervisor, args.runs, records)
            gui_gaps(supervisor, ProgramFilter(date(date.today().year - 9, 1, 1), date.today()), 3)
        finally:
            coach.close()
            supervisor.close()


if __name__ == "__main__":
    main()
