"""Sync in the status bar: a controller that syncs in the background every few minutes and on
demand, and a small widget showing online / offline / syncing with progress / conflicts to
review / the last successful sync. The conflicts counted are the office's shared list (the
same on every workstation; a resolution on another desk lowers the count after the next sync).
The GUI thread never waits for the network: every sync is a :class:`TaskRunner` task and only
plain dataclasses come back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from seco_desktop.central.errors import CentralError, CentralTampered, CentralUnreachable
from seco_desktop.services import sync_review
from seco_desktop.services.session import Session
from seco_desktop.services.sync import SyncReport
from seco_desktop.services.sync_progress import SyncProgress
from seco_desktop.services.sync_setup import sync_now
from seco_desktop.ui.icons import IconName, set_icon
from seco_desktop.ui.tasks import Progress, ReportProgress, TaskRunner

DEFAULT_INTERVAL_MS = 5 * 60 * 1000
_KEY = "sync"


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the status bar shows."""

    kind: str  # standalone | online | offline | syncing | refused | failed
    text: str
    conflicts: int = 0
    done: int = 0
    total: int | None = None


class SyncController(QObject):
    """Runs ``sync_now`` off the GUI thread, on a timer and on demand; emits :class:`SyncState`."""

    state_changed = Signal(object)  # SyncState
    synced = Signal(object)  # SyncReport, after a successful sync

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._running = False
        self.state = SyncState("standalone", "Working alone (no central store)")
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        """Show the current state and start the periodic sync if a central store is set up."""
        session = self._session
        self._runner.run(
            lambda: sync_review.status(session), on_success=self._first_status, key="sync-status"
        )

    def _first_status(self, status: sync_review.SyncStatus) -> None:
        if not status.configured:
            self._set(SyncState("standalone", "Working alone (no central store)"))
            return
        self._set(SyncState("online", _last(status.last_success), status.conflicts))
        self.timer.start()
        self.sync_now()

    def stop(self) -> None:
        self.timer.stop()
        self._runner.discard(_KEY)

    def sync_now(self) -> None:
        if self._running or self._runner.closed:
            return
        self._running = True
        session = self._session
        self._set(SyncState("syncing", "Syncing…", self.state.conflicts))

        def work(report: ReportProgress) -> tuple[SyncReport, sync_review.SyncStatus]:
            def forward(p: SyncProgress) -> None:
                report(Progress(p.done, p.total, p.phase))

            result = sync_now(session, progress=forward)
            return result, sync_review.status(session)

        self._runner.run(
            work,
            on_success=self._done,
            on_failure=self._failed,
            on_progress=self._progress,
            key=_KEY,
        )

    def _progress(self, p: Progress) -> None:
        verb = "Sending" if p.label == "push" else "Receiving"
        of = f" of {p.total:,}" if p.total else ""
        self._set(
            SyncState("syncing", f"{verb} {p.done:,}{of}…", self.state.conflicts, p.done, p.total)
        )

    def _done(self, result: tuple[SyncReport, sync_review.SyncStatus]) -> None:
        self._running = False
        report, status = result
        self._set(SyncState("online", _last(status.last_success), status.conflicts))
        self.synced.emit(report)

    def _failed(self, exc: Exception) -> None:
        self._running = False
        conflicts = self.state.conflicts
        if isinstance(exc, CentralUnreachable):
            self._set(SyncState("offline", "Offline: changes are kept and sent later", conflicts))
        elif isinstance(exc, CentralTampered):
            self._set(SyncState("refused", "Sync refused: the central store sent bad data; "
                                "tell your administrator", conflicts))  # fmt: skip
        elif isinstance(exc, CentralError):
            self._set(SyncState("failed", f"Sync failed: {exc}", conflicts))
        else:
            self._set(SyncState("failed", "Sync failed; it will be tried again", conflicts))

    def refresh_conflicts(self) -> None:
        """After a review: recount the conflicts without syncing."""
        session = self._session
        self._runner.run(
            lambda: sync_review.status(session), on_success=self._recount, key="sync-status"
        )

    def _recount(self, status: sync_review.SyncStatus) -> None:
        s = self.state
        self._set(SyncState(s.kind, s.text, status.conflicts, s.done, s.total))

    def _set(self, state: SyncState) -> None:
        self.state = state
        self.state_changed.emit(state)


def _last(when: datetime | None) -> str:
    return f"Online · last sync {when:%H:%M} UTC" if when else "Online · not synced yet"


class SyncStatusWidget(QWidget):
    """The status-bar part: state text, a progress bar while syncing, Sync now, Conflicts (n)."""

    review_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setAccessibleName("Sync status")
        self.label = QLabel()
        self.label.setAccessibleName("Sync state")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Sync progress")
        self.progress.hide()
        self.sync_button = QPushButton("Sync &now")
        self.sync_button.setAccessibleName("Sync now")
        set_icon(self.sync_button, IconName.SYNC)
        self.sync_button.clicked.connect(controller.sync_now)
        self.conflicts_button = QPushButton()
        self.conflicts_button.setAccessibleName("Conflicts to review")
        set_icon(self.conflicts_button, IconName.CONFLICTS)
        self.conflicts_button.clicked.connect(self.review_requested)
        self.conflicts_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.progress, self.sync_button, self.conflicts_button):
            layout.addWidget(widget)
        controller.state_changed.connect(self.show_state)
        self.show_state(controller.state)

    def show_state(self, state: SyncState) -> None:
        self.label.setText(state.text)
        self.sync_button.setVisible(state.kind not in ("standalone",))
        self.sync_button.setEnabled(state.kind != "syncing")
        syncing = state.kind == "syncing"
        self.progress.setVisible(syncing)
        if syncing:
            self.progress.setRange(0, state.total or 0)  # 0..0: busy indicator
            self.progress.setValue(state.done)
        self.conflicts_button.setVisible(state.conflicts > 0)
        self.conflicts_button.setText(f"{state.conflicts} conflict(s) to review")
