"""Records → Resume a registration draft: list the signed-in user's drafts in the background,
let them choose one, and load it. Draft labels carry no caller data."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QMainWindow, QMessageBox

from seco_desktop.domain.registration import RegistrationState
from seco_desktop.services import registration
from seco_desktop.services.session import Session
from seco_desktop.store.drafts import DraftInfo
from seco_desktop.ui.tasks import TaskRunner


class DraftPicker:
    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        runner: TaskRunner,
        resume: Callable[[RegistrationState], None],
    ) -> None:
        self._window, self._session, self._runner, self._resume = window, session, runner, resume

    def choose(self) -> None:
        session = self._session
        self._runner.run(
            lambda: registration.list_drafts(session),
            on_success=self._offer,
            on_failure=lambda _exc: self._say("Drafts could not be listed"),
        )

    def _offer(self, drafts: list[DraftInfo]) -> None:
        if not drafts:
            QMessageBox.information(
                self._window, "Registration drafts", "You have no saved drafts."
            )
            return
        labels = [d.label for d in drafts]
        label, ok = QInputDialog.getItem(
            self._window, "Resume a registration draft", "Draft:", labels, 0, False
        )
        if not ok:
            return
        draft_id, session = drafts[labels.index(label)].id, self._session
        self._runner.run(
            lambda: registration.resume_draft(session, draft_id),
            on_success=self._resume,
            on_failure=lambda _exc: self._say("That draft could not be opened"),
        )

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 5000)
