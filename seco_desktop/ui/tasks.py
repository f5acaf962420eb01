"""The one way the desktop runs work off the GUI thread (after anki's ``QueryOp``/``CollectionOp``).

Why two pools: store writes go to a single worker so they run one at a time in submission order
(the store has one writer connection; SQLite serialises writers anyway, and a FIFO keeps "save
then reload" in order). Reads go to two workers so a search can run while a record opens or the
next page loads; SQLite in WAL mode lets readers run side by side, and two matches the two-core
workstations of the performance budget.

Results, failures and progress come back through queued signals and reach the callbacks on the
GUI thread. A ``key`` makes a task "latest wins": once a newer task with the same key is
submitted (or :meth:`TaskRunner.discard` is called), the older task's results and progress are
dropped, and if it has not started yet it is not run at all. Pass and return plain dataclasses
only; the callbacks decide what the user is told, exceptions are never shown raw.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")

READ_THREADS = 2
WRITE_THREADS = 1

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a task has got: ``done`` of ``total`` (``None`` when unknown)."""

    done: int
    total: int | None = None
    label: str = ""


ReportProgress = Callable[[Progress], None]


class _Outcome(IntEnum):
    OK = 0
    FAILED = 1
    SKIPPED = 2  # superseded before it started, or the runner shut down


@dataclass(slots=True)
class _Task(Generic[T]):
    id: int
    key: str | None
    on_success: Callable[[T], None]
    on_failure: Callable[[Exception], None] | None
    on_progress: Callable[[Progress], None] | None


class TaskRunner(QObject):
    """Runs callables on worker threads and hands their results back on the GUI thread."""

    busy_changed = Signal(int)  # the number of tasks submitted and not yet delivered
    #: Every failure, stale ones included, for application-wide reactions (the audit lock).
    task_failed = Signal(object)
    _delivered = Signal(int, int, object)  # task id, _Outcome, result or exception
    _progressed = Signal(int, object)  # task id, Progress

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TaskRunner")
        self._reads = QThreadPool(self)
        self._reads.setObjectName("seco-read")
        self._reads.setMaxThreadCount(READ_THREADS)
        self._writes = QThreadPool(self)
        self._writes.setObjectName("seco-write")
        self._writes.setMaxThreadCount(WRITE_THREADS)
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Task[Any]] = {}
        # Read by workers (may a task still start?), written on the GUI thread: guarded.
        self._lock = threading.Lock()
        self._latest: dict[str, int] = {}
        self._closed = False
        queued = Qt.ConnectionType.QueuedConnection
        self._delivered.connect(self._deliver, queued)
        self._progressed.connect(self._report, queued)

    @property
    def busy(self) -> int:
        """How many tasks are queued or running (for a busy indicator)."""
        return len(self._tasks)

    @property
    def closed(self) -> bool:
        """True after :meth:`shutdown`: :meth:`run` refuses new work."""
        return self._closed

    @overload
    def run(
        self,
        fn: Callable[[], T],
        *,
        on_success: Callable[[T], None],
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: None = None,
        key: str | None = None,
        writes: bool = False,
    ) -> int: ...

    @overload
    def run(
        self,
        fn: Callable[[ReportProgress], T],
        *,
        on_success: Callable[[T], None],
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[Progress], None],
        key: str | None = None,
        writes: bool = False,
    ) -> int: ...

    def run(
        self,
        fn: Callable[..., T],
        *,
        on_success: Callable[[T], None],
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        key: str | None = None,
        writes: bool = False,
    ) -> int:
        """Run ``fn`` off the GUI thread; returns the task id.

        With ``on_progress``, ``fn`` is called with a ``report(Progress)`` callable. With
        ``writes=True`` the task goes to the single store-writer thread.
        """
        if self._closed:
            raise RuntimeError("the task runner has shut down")
        task_id = next(self._ids)
        self._tasks[task_id] = _Task(task_id, key, on_success, on_failure, on_progress)
        if key is not None:
            with self._lock:
                self._latest[key] = task_id
        pool = self._writes if writes else self._reads
        pool.start(lambda: self._work(task_id, key, fn, on_progress is not None))
        self.busy_changed.emit(self.busy)
        return task_id

    def discard(self, key: str) -> None:
        """Drop the results of every task submitted so far with ``key``."""
        with self._lock:
            self._latest[key] = next(self._ids)

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Block (processing events) until every task has been delivered; for exit and tests."""
        deadline = QDeadlineTimer(timeout_ms)
        while True:
            remaining = max(0, deadline.remainingTime())
            for pool in (self._writes, self._reads):
                pool.waitForDone(remaining)
            QCoreApplication.processEvents()
            if not self._tasks and self.threads_idle():
                return True
            if deadline.hasExpired():
                return False

    def threads_idle(self) -> bool:
        return self._reads.activeThreadCount() == 0 and self._writes.activeThreadCount() == 0

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop accepting work, skip tasks not yet started, wait for running ones, deliver
        nothing more. Returns whether every worker finished within the timeout."""
        with self._lock:
            self._closed = True
        for pool in (self._writes, self._reads):
            pool.clear()  # queued, not started: their work functions never run
        deadline = QDeadlineTimer(timeout_ms)
        done = all(
            pool.waitForDone(max(0, deadline.remainingTime()))
            for pool in (self._writes, self._reads)
        )
        if self._tasks:
            self._tasks.clear()
            self.busy_changed.emit(0)
        return done

    # --- worker side -----------------------------------------------------------------------

    def _current(self, task_id: int, key: str | None) -> bool:
        with self._lock:
            if self._closed:
                return False
            return key is None or self._latest.get(key) == task_id

    def _work(self, task_id: int, key: str | None, fn: Callable[..., Any], reports: bool) -> None:
        if not self._current(task_id, key):
            self._delivered.emit(task_id, _Outcome.SKIPPED, None)
            return
        try:
            if reports:

                def report(progress: Progress) -> None:
                    self._progressed.emit(task_id, progress)

                result = fn(report)
            else:
                result = fn()
        except Exception as exc:  # handed to the caller, who decides what to say
            self._delivered.emit(task_id, _Outcome.FAILED, exc)
        else:
            self._delivered.emit(task_id, _Outcome.OK, result)

    # --- GUI side --------------------------------------------------------------------------

    @Slot(int, object)
    def _report(self, task_id: int, progress: Progress) -> None:
        task = self._tasks.get(task_id)
        if task is not None and task.on_progress is not None and self._current(task_id, task.key):
            task.on_progress(progress)

    @Slot(int, int, object)
    def _deliver(self, task_id: int, outcome: int, payload: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:  # delivered after shutdown
            return
        try:
            if outcome == _Outcome.FAILED:
                self.task_failed.emit(payload)
            if outcome == _Outcome.SKIPPED or not self._current(task_id, task.key):
                return
            if outcome == _Outcome.OK:
                task.on_success(payload)
            elif task.on_failure is not None:
                assert isinstance(payload, Exception)
                task.on_failure(payload)
            else:
                # The type only: exception messages may carry personal data.
                _log.error("A background task failed: %s", type(payload).__name__)
        finally:
            self.busy_changed.emit(self.busy)
