"""The main window's status bar, telling the truth: which store (encrypted, on this workstation),
who is signed in and their last sign-in, whether background work runs, the central store's sync
state (standalone, online, offline, syncing, conflicts to review), and DEMO on a demo store."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from seco_desktop.services.session import Session
from seco_desktop.ui.sync_status import SyncController, SyncStatusWidget
from seco_desktop.ui.tasks import TaskRunner


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setAccessibleName(name)
    return label


class MainStatusBar:
    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        runner: TaskRunner,
        *,
        last_sign_in_text: str,
        demo: bool,
    ) -> None:
        bar = window.statusBar()
        store = session.store.path.name
        self.store_label = _label(
            f"Store: {store} (encrypted, on this workstation)", "Store status"
        )
        self.user_label = _label(
            f"Signed in: {session.user.display_name} ({session.role.value})", "Signed-in user"
        )
        self.sign_in_label = _label(last_sign_in_text, "Last successful sign-in")
        self.busy_label = _label("", "Background work")
        runner.busy_changed.connect(self._show_busy)
        for label in (self.store_label, self.user_label, self.sign_in_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.busy_label)
        self.sync = SyncController(session, runner, window)
        self.sync_widget = SyncStatusWidget(self.sync)
        bar.addPermanentWidget(self.sync_widget)
        if demo:
            bar.addPermanentWidget(_label("DEMO store: synthetic records only", "Demo store"))

    def _show_busy(self, count: int) -> None:
        self.busy_label.setText("Working…" if count else "")
