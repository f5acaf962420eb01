"""TaskRunner: results on the GUI thread, failures as exceptions, latest wins, progress."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from seco_desktop.ui.tasks import Progress, ReportProgress, TaskRunner

WAIT_MS = 10_000  # generous: the suite may run on a loaded two-core machine
GATE_S = 10.0


def test_results_arrive_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = QApplication.instance().thread()
    seen: list[tuple[int, bool]] = []

    runner.run(
        threading.get_ident,
        on_success=lambda worker: seen.append((worker, QThread.currentThread() is gui)),
    )

    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    worker_thread, on_gui_thread = seen[0]
    assert worker_thread != threading.get_ident()
    assert on_gui_thread


def test_a_failure_is_delivered_as_the_exception(qtbot: QtBot, runner: TaskRunner) -> None:
    failures: list[Exception] = []
    successes: list[object] = []

    def broken() -> int:
        raise LookupError("no such thing")

    runner.run(broken, on_success=successes.append, on_failure=failures.append)

    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert isinstance(failures[0], LookupError)
    assert successes == []


def test_a_failure_without_a_handler_is_logged_by_type_only(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> int:
        raise ValueError("Smith, Ana 1234567890")

    runner.run(broken, on_success=lambda _: None)

    qtbot.waitUntil(lambda: runner.busy == 0, timeout=WAIT_MS)
    assert "ValueError" in caplog.text
    assert "Smith" not in caplog.text


def test_latest_wins_even_when_the_older_task_finishes_later(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    older_started, release_older = threading.Event(), threading.Event()
    delivered: list[str] = []

    def older() -> str:
        older_started.set()
        release_older.wait(GATE_S)
        return "older"

    runner.run(older, on_success=delivered.append, key="search")
    assert older_started.wait(GATE_S)
    runner.run(lambda: "newer", on_success=delivered.append, key="search")
    qtbot.waitUntil(lambda: delivered == ["newer"], timeout=WAIT_MS)

    release_older.set()
    assert runner.wait_idle(WAIT_MS)
    assert delivered == ["newer"]


def test_a_superseded_task_that_has_not_started_is_not_run(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    release = threading.Event()
    ran: list[str] = []

    def blocker(name: str) -> str:
        release.wait(GATE_S)
        return name

    def record(name: str) -> str:
        ran.append(name)
        return name

    for name in ("a", "b"):  # occupy both read threads
        runner.run(lambda n=name: blocker(n), on_success=lambda _: None)
    runner.run(lambda: record("stale"), on_success=lambda _: None, key="search")
    runner.run(lambda: record("fresh"), on_success=lambda _: None, key="search")
    release.set()

    assert runner.wait_idle(WAIT_MS)
    assert ran == ["fresh"]


def test_other_keys_and_unkeyed_tasks_are_not_discarded(qtbot: QtBot, runner: TaskRunner) -> None:
    delivered: list[str] = []

    runner.run(lambda: "page", on_success=delivered.append, key="search")
    runner.run(lambda: "record", on_success=delivered.append, key="record")
    runner.run(lambda: "plain", on_success=delivered.append)

    assert runner.wait_idle(WAIT_MS)
    assert sorted(delivered) == ["page", "plain", "record"]


def test_discard_drops_results_already_on_their_way(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        release.wait(GATE_S)
        return "late"

    runner.run(slow, on_success=delivered.append, key="search")
    runner.discard("search")
    release.set()

    assert runner.wait_idle(WAIT_MS)
    assert delivered == []


def test_progress_arrives_in_order_before_the_result(qtbot: QtBot, runner: TaskRunner) -> None:
    events: list[object] = []

    def counting(report: ReportProgress) -> str:
        for done in range(1, 4):
            report(Progress(done, 3, "counting"))
        return "done"

    runner.run(counting, on_success=events.append, on_progress=events.append)

    qtbot.waitUntil(lambda: "done" in events, timeout=WAIT_MS)
    assert events == [Progress(1, 3, "counting"), Progress(2, 3, "counting"),
                      Progress(3, 3, "counting"), "done"]  # fmt: skip


def test_busy_counts_tasks_until_they_are_delivered(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    counts: list[int] = []
    runner.busy_changed.connect(counts.append)

    runner.run(lambda: release.wait(GATE_S), on_success=lambda _: None)
    runner.run(lambda: release.wait(GATE_S), on_success=lambda _: None, writes=True)
    assert runner.busy == 2
    release.set()

    assert runner.wait_idle(WAIT_MS)
    assert runner.busy == 0
    assert counts[:2] == [1, 2]
    assert counts[-1] == 0


def test_writes_run_one_at_a_time_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    order: list[int] = []
    overlapped: list[int] = []
    inside = threading.Lock()

    def write(n: int) -> int:
        if not inside.acquire(blocking=False):
            overlapped.append(n)
            return n
        try:
            order.append(n)
            return n
        finally:
            inside.release()

    for n in range(5):
        runner.run(lambda n=n: write(n), on_success=lambda _: None, writes=True)

    assert runner.wait_idle(WAIT_MS)
    assert overlapped == []
    assert order == [0, 1, 2, 3, 4]


def test_after_shutdown_nothing_is_delivered_or_accepted(qtbot: QtBot) -> None:
    own = TaskRunner()
    started, release = threading.Event(), threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(GATE_S)
        return "late"

    own.run(slow, on_success=delivered.append)
    assert started.wait(GATE_S)
    release.set()
    assert own.shutdown(WAIT_MS)
    QApplication.processEvents()

    assert delivered == []
    assert own.busy == 0
    with pytest.raises(RuntimeError):
        own.run(lambda: "more", on_success=delivered.append)
