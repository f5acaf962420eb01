"""One spouse's record: the profile form beside the sponsor and eligibility, casework below.

Every store call goes through the :class:`TaskRunner` (opening, saving, notes, follow-ups), so
the window never waits on the store. A failed save keeps every typed value in place; the user
sees the services' one-line messages only, never a raw exception.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.eligibility import NoRuleSetError, SecoParams
from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Program
from seco_desktop.services import records
from seco_desktop.services.clock import today
from seco_desktop.services.session import Session
from seco_desktop.store.errors import DuplicateRecord, StaleRecord
from seco_desktop.ui.icons import IconName, set_icon
from seco_desktop.ui.record.casework_binding import CaseworkBinding
from seco_desktop.ui.record.casework_panel import CaseworkPanel
from seco_desktop.ui.record.decision_history import DecisionHistoryPanel
from seco_desktop.ui.record.eligibility_panel import EligibilityPanel
from seco_desktop.ui.record.messages import user_message
from seco_desktop.ui.record.profile_form import ProfileForm
from seco_desktop.ui.record.sponsor_panel import SECO_WINDOW_DAYS, SponsorPanel
from seco_desktop.ui.tasks import TaskRunner

_log = logging.getLogger(__name__)

OPENING = "Opening record…"
STALE_MESSAGE = (
    "Someone else saved this record after you opened it. Reload to see their changes "
    "(your unsaved changes will be lost)."
)


def _label(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages are never markup
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


def _button(text: str, name: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    return button


def _scroll(widget: QWidget, name: str) -> QScrollArea:
    area = QScrollArea(widgetResizable=True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take focus, not the frame
    area.setAccessibleName(name)
    return area


class RecordView(QWidget):
    """The record of one spouse, opened in the background; ``title`` names it for a tab."""

    title_changed = Signal(str)

    def __init__(
        self, session: Session, runner: TaskRunner, record_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session, self._runner, self._record_id = session, runner, record_id
        self._keys = (f"record:{id(self)}:open", f"record:{id(self)}:casework")
        self._record: records.RecordView | None = None
        self._title = OPENING
        self._saving = False
        self._after_open = ""
        self._focus_before_save: QWidget | None = None
        self.setAccessibleName("Spouse record")
        layout = QVBoxLayout(self)
        self._build_header(layout)
        self._build_content(layout)
        self.reload_button.clicked.connect(self.reload)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        self.profile.dirty_changed.connect(self._update_buttons)
        self._casework = CaseworkBinding(
            session, record_id, self.casework, self._run, self._keys[1]
        )
        # Within this view only: several records may be open in tabs of one window.
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, within)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel, within)
        self._update_buttons()
        self.reload()

    def _build_header(self, layout: QVBoxLayout) -> None:
        top = QHBoxLayout()
        self.heading = _label(OPENING, "Record heading", self)
        self.heading.setStyleSheet("font-size: large; font-weight: bold;")
        self.status = _label("", "Record status", self)
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        layout.addLayout(top)
        self.banner = QFrame(self, frameShape=QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.banner)
        self.banner_text = _label("", "Record problem", self.banner)
        self.reload_button = _button("Reload", "Reload record", "Open it again", self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.reload_button)
        self.banner.hide()
        layout.addWidget(self.banner)

    def _build_content(self, layout: QVBoxLayout) -> None:
        # Created in reading order, so Tab goes: profile fields, Save, Cancel, casework.
        self.content = QSplitter(Qt.Orientation.Vertical, self)
        upper = QWidget(self.content)
        sides = QHBoxLayout(upper)
        editor = QWidget(upper)  # a parent now, so the fields enter the focus chain first
        sides.addWidget(editor, 3)
        left = QVBoxLayout(editor)
        left.setContentsMargins(0, 0, 0, 0)
        self.profile = ProfileForm()
        self._profile_scroll = _scroll(self.profile, "Spouse profile")
        left.addWidget(self._profile_scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = _button("Save", "Save record", "Save the profile (Ctrl+S)", editor)
        set_icon(self.save_button, IconName.SAVE)
        self.cancel_button = _button("Cancel", "Cancel changes", "Undo all edits (Esc)", editor)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        left.addLayout(buttons)
        panels = QWidget()
        column = QVBoxLayout(panels)
        self.sponsor = SponsorPanel(panels)
        self.eligibility = EligibilityPanel(panels)
        self.history = DecisionHistoryPanel(panels)
        column.addWidget(self.sponsor)
        column.addWidget(self.eligibility)
        column.addWidget(self.history)
        column.addStretch(1)
        sides.addWidget(_scroll(panels, "Sponsor and eligibility"), 2)
        self.casework = CaseworkPanel(self.content)
        self.content.setStretchFactor(0, 3)
        self.content.setStretchFactor(1, 2)
        self.content.hide()  # until the record arrives; the heading says it is opening
        layout.addWidget(self.content, 1)
        self.setFocusProxy(self.profile.first)

    @property
    def title(self) -> str:
        """ "Last, First" once loaded (for the main window's tab)."""
        return self._title

    @property
    def record_id(self) -> str:
        return self._record_id

    @property
    def record(self) -> records.RecordView | None:
        """What the store held when the record was last opened."""
        return self._record

    @property
    def has_unsaved_changes(self) -> bool:
        """Edits typed and not saved (a save already running will finish on its own)."""
        return self._record is not None and not self._saving and self.profile.dirty

    def reload(self) -> None:
        """Open (again) from the store; unsaved edits are replaced."""
        self.banner.hide()
        self.status.setText(OPENING)
        session, record_id = self._session, self._record_id
        self._run(
            lambda: records.open_record(session, record_id),
            self._opened,
            self._open_failed,
            key=self._keys[0],
        )

    def save(self) -> None:
        """Save the profile in the background (Ctrl+S)."""
        if self._record is None or self._saving or not self.profile.dirty:
            return
        unreadable = self.profile.typing_problems()
        if unreadable:
            self._show_problems(unreadable)
            return
        spouse, session = self.profile.edited_spouse(), self._session
        self._focus_before_save = QApplication.focusWidget()
        self._saving = True
        self._update_buttons()
        self.status.setText("Saving…")
        self._run(lambda: records.edit(session, spouse), self._saved, self._save_failed, True)

    def cancel(self) -> None:
        """Put the loaded record back in the form (Esc)."""
        if self._record is not None and not self._saving and self.profile.dirty:
            self.profile.load(self._record.spouse)
            self.status.setText("Changes discarded")

    def discard_pending(self) -> None:
        """Ignore reads still running (the tab is closing); saves still finish."""
        for key in self._keys:
            self._runner.discard(key)

    def _run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        writes: bool = False,
        key: str | None = None,
    ) -> None:
        """Run ``fn`` on the runner; the callbacks are skipped if this widget is gone by then."""

        def success(result: Any) -> None:
            if shiboken6.isValid(self):
                on_success(result)

        def failure(exc: Exception) -> None:
            _log.warning("A record task failed: %s", type(exc).__name__)  # no values: PII
            if shiboken6.isValid(self):
                on_failure(exc)

        self._runner.run(fn, on_success=success, on_failure=failure, key=key, writes=writes)

    def _opened(self, view: records.RecordView) -> None:
        self._record = view
        on = today(self._session.clock)
        self.profile.load(view.spouse)
        self.sponsor.load(view.spouse.sponsor, on, self._seco_window(on))
        self.eligibility.load(view.decisions, view.mycaa_balance)
        self.history.load(view.history)
        self._casework.show(view)
        self.content.show()
        self.status.setText(self._after_open)
        self._after_open = ""
        title = f"{view.spouse.name.last}, {view.spouse.name.first}"
        self.heading.setText(view.spouse.name.display())
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)
        self._update_buttons()

    def _seco_window(self, on: date) -> int:
        """The SECO window after separation under the rule set in effect."""
        try:
            params = self._session.rulebook.effective(Program.SECO, on).params
        except NoRuleSetError:  # the decision says so; the panel uses the usual window
            return SECO_WINDOW_DAYS
        return params.separation_window_days if isinstance(params, SecoParams) else SECO_WINDOW_DAYS

    def _open_failed(self, exc: Exception) -> None:
        self.status.setText("")
        self._show_banner(f"The record could not be opened. {user_message(exc)}")

    def _saved(self, _stored: Spouse) -> None:
        self._saving = False
        self._after_open = "Saved"
        self._update_buttons()
        self.reload()

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        self._update_buttons()
        if isinstance(exc, StaleRecord):
            self.status.setText("Not saved")
            self._show_banner(STALE_MESSAGE)
        elif isinstance(exc, ValidationError | DuplicateRecord):
            errors: tuple[FieldError, ...] = (
                exc.errors
                if isinstance(exc, ValidationError)
                else (FieldError("dod_id", str(exc)),)  # the DoD ID is someone else's
            )
            self._show_problems(errors)
        else:
            self.status.setText(f"Not saved. {user_message(exc)}")

    def _show_problems(self, errors: Sequence[FieldError]) -> None:
        count = len(errors)
        self.status.setText(f"Not saved: {count} problem{'s' if count != 1 else ''} to fix")
        first = self.profile.show_errors(errors)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self._profile_scroll.ensureWidgetVisible(first)

    def _show_banner(self, text: str) -> None:
        self.banner_text.setText(text)
        self.banner.show()
        self.reload_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self, *_args: object) -> None:
        ready = self._record is not None and not self._saving and self.profile.dirty
        self.save_button.setEnabled(ready)
        self.cancel_button.setEnabled(ready)
        # Nothing can be typed while a save runs (it would be lost on the reload after it).
        was_enabled = self.profile.isEnabled()
        self.profile.setEnabled(not self._saving)
        if not was_enabled and not self._saving:
            before, self._focus_before_save = self._focus_before_save, None
            if before is not None and shiboken6.isValid(before) and before.isEnabled():
                before.setFocus(Qt.FocusReason.OtherFocusReason)
