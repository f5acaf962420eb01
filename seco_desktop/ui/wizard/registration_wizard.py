"""The registration wizard: a dialog of thin pages over :class:`RegistrationFlow`.

The pages move values between widgets and the state; the flow decides what is missing and which
step comes next. Store work (duplicate check, draft, commit) runs on the :class:`TaskRunner`
over a copy of the state, so the agent keeps typing while it runs.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.registration import RegistrationState, Step, step_for_field
from seco_desktop.services import registration
from seco_desktop.services.session import Session
from seco_desktop.store.duplicates import DuplicateCandidate
from seco_desktop.store.errors import DuplicateRecord
from seco_desktop.ui import confirm
from seco_desktop.ui.field_errors import error_label
from seco_desktop.ui.icons import IconName, set_icon
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.wizard.fields import WizardPage
from seco_desktop.ui.wizard.page_stack import HEADERS, PageStack

DUPLICATE_DELAY_MS = 300
CHECK_KEY = "registration-duplicates"
FAILED = "The store could not be reached; try again (nothing typed is lost)"


class RegistrationWizard(QDialog):
    """Register a spouse on a caller's behalf; ``state`` None starts anew, else resumes a draft."""

    registered = Signal(str)  # the new spouse id
    open_record_requested = Signal(str)  # an existing record chosen instead
    draft_saved = Signal(str)  # the draft id
    ineligible_recorded = Signal(str)  # the ineligible call's id

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        state: RegistrationState | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Register a military spouse")
        self.session, self.runner = session, runner
        self.state = registration.start(session) if state is None else state
        self.flow = registration.flow(session, self.state)
        self._as_opened = copy.deepcopy(self.state)
        self.header = QLabel(self)
        self.header.setAccessibleName("Wizard step")
        self.message = error_label(self)
        self.message.setAccessibleName("Wizard message")
        self.stack = PageStack(self)
        self.pages, self.profile = self.stack.pages, self.stack.profile
        self.profile.changed.connect(self._profile_changed)
        self.profile.open_existing.connect(self._open_existing)
        self._check_timer = QTimer(self, singleShot=True, interval=DUPLICATE_DELAY_MS)
        self._check_timer.timeout.connect(self.check_duplicates)

        self.back_button = QPushButton("&Back", self)
        self.next_button = QPushButton("&Next", self)
        self.save_button = QPushButton("&Save draft and close", self)
        set_icon(self.save_button, IconName.SAVE)
        self.cancel_button = QPushButton("Cancel", self)
        buttons = QHBoxLayout()
        for button in (self.back_button, self.next_button, self.save_button, self.cancel_button):
            button.setAccessibleName(button.text().replace("&", ""))
            buttons.addWidget(button)
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.save_button.clicked.connect(self.save_draft)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.header, self.message, self.stack):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.resize(760, 720)
        self._show_step()

    # --- navigation ----------------------------------------------------------------------------

    @property
    def page(self) -> WizardPage:
        return self.pages[self.state.step]

    def _show_step(self) -> None:
        step = self.state.step
        if self.stack.show_step(self.state) is None:  # a terminal step: nothing to show
            return
        self.message.hide()
        self.header.setText(HEADERS[step])
        self.setWindowTitle(f"Register a military spouse: {HEADERS[step]}")
        self.back_button.setEnabled(self.flow.can_go_back)
        finishing = step in (Step.CONGRATULATIONS, Step.INELIGIBLE)
        self.next_button.setText("&Finish" if step is Step.CONGRATULATIONS else "&Next")
        if step is Step.INELIGIBLE:
            self.next_button.setText("&Close")
        self.next_button.setAccessibleName(self.next_button.text().replace("&", ""))
        self.save_button.setEnabled(not finishing or step is Step.CONGRATULATIONS)
        if step is Step.PROFILE and self.flow.needs_duplicate_check():
            self.check_duplicates()

    def go_back(self) -> None:
        if not self.flow.can_go_back or self._committing:
            return
        self.page.store(self.flow)
        self.flow.back()
        self._show_step()

    def go_next(self) -> None:
        step = self.state.step
        page = self.page
        problems = page.store(self.flow)
        if problems:
            self._show_errors(page, problems)
            return
        if step is Step.CONGRATULATIONS:
            self.finish()
            return
        try:
            self.flow.next()
        except ValidationError as refused:
            self._show_errors(page, list(refused.errors))
            if step is Step.PROFILE and self.flow.needs_duplicate_check():
                self.check_duplicates()
            return
        if self.state.step is Step.END_INELIGIBLE:
            self._end_ineligible()
            return
        self._show_step()

    def _show_errors(self, page: WizardPage, errors: list[FieldError]) -> None:
        first = page.show_errors(errors)
        if first is not None:
            first.setFocus()

    # --- background work -------------------------------------------------------------------

    _committing = False

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None], writes: bool) -> None:
        self.message.hide()
        self.runner.run(fn, on_success=done, on_failure=self._failed, writes=writes)

    def _failed(self, error: Exception) -> None:
        self._committing = False
        self._set_enabled(True)
        self.back_button.setEnabled(self.flow.can_go_back)
        if isinstance(error, ValidationError):
            self._back_to_error(error)
            return
        text = (
            "This DoD ID was registered meanwhile" if isinstance(error, DuplicateRecord) else FAILED
        )
        self.message.setText(text)
        self.message.show()

    def _back_to_error(self, error: ValidationError) -> None:
        """The commit refused the record: go to the page of its first problem and show them."""
        step = step_for_field(error.errors[0].field)
        if step is not None and step in self.state.history:
            self.flow.go_to(step)
            self._show_step()
        self._show_errors(self.page, list(error.errors))

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.back_button, self.next_button, self.save_button):
            button.setEnabled(enabled)

    def _profile_changed(self) -> None:
        if self.state.step is Step.PROFILE:
            self.profile.store(self.flow)
            if self.flow.needs_duplicate_check():
                self._check_timer.start()

    def check_duplicates(self) -> None:
        """Ask the store for existing records like the one typed (latest check wins)."""
        self._check_timer.stop()
        query = self.flow.duplicate_query()
        snapshot = copy.deepcopy(self.state)

        def done(found: list[DuplicateCandidate]) -> None:
            self.flow.record_duplicates(query, list(snapshot.duplicates))
            self.profile.show_candidates(found)

        self.runner.run(
            lambda: registration.check_duplicates(self.session, snapshot),
            on_success=done, on_failure=self._failed, key=CHECK_KEY,
        )  # fmt: skip

    def _open_existing(self, spouse_id: str) -> None:
        self.flow.open_existing(spouse_id)
        self.open_record_requested.emit(spouse_id)
        self.accept()

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: ask first if anything was entered."""
        if self._committing:
            return
        if self.state.step in self.pages:
            self.page.store(self.flow)
        unchanged = self.state == self._as_opened or self.state.step is Step.INELIGIBLE
        if unchanged or not self.isVisible():  # hidden: nobody to ask
            super().reject()
            return
        text = "What was entered for this caller will be lost. Discard the registration?"
        choice = confirm.ask(self, "Cancel registration", text, offer_draft=True)
        if choice is confirm.Choice.DISCARD:
            super().reject()
        elif choice is confirm.Choice.SAVE_DRAFT:
            self.save_draft()

    def save_draft(self) -> None:
        """The call dropped: keep everything as a draft and close."""
        if self.state.step in self.pages:
            self.page.store(self.flow)
        snapshot = copy.deepcopy(self.state)
        self._set_enabled(False)

        def saved(draft_id: str) -> None:
            self.state.draft_id = draft_id
            self.draft_saved.emit(draft_id)
            self.accept()

        self._run(lambda: registration.save_draft(self.session, snapshot), saved, writes=True)

    def finish(self) -> None:
        snapshot = copy.deepcopy(self.state)
        self._committing = True
        self._set_enabled(False)

        def stored(spouse: Any) -> None:
            self._committing = False
            self.flow.mark_registered(spouse.id)
            self.registered.emit(spouse.id)
            self.accept()

        self._run(lambda: registration.finish(self.session, snapshot), stored, writes=True)

    def _end_ineligible(self) -> None:
        """Keep the reasons and the note (no record is made), drop any draft, and close."""
        snapshot = copy.deepcopy(self.state)
        self._set_enabled(False)

        def recorded(call_id: str) -> None:
            self.ineligible_recorded.emit(call_id)
            self.accept()

        self._run(
            lambda: registration.end_ineligible(self.session, snapshot), recorded, writes=True
        )
