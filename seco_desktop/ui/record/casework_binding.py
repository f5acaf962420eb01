"""The record's casework panel wired to the services: notes and follow-ups are stored on the
TaskRunner, then the timeline and follow-ups are shown again as stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from seco_desktop.domain.reference import ContactType
from seco_desktop.services import records
from seco_desktop.services.clock import today
from seco_desktop.services.session import Session
from seco_desktop.ui.record.casework_panel import CaseworkPanel
from seco_desktop.ui.record.messages import user_message


class Run(Protocol):
    """The record view's way to run work: callbacks are skipped once the view is gone."""

    def __call__(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        writes: bool = False,
        key: str | None = None,
    ) -> None: ...


class CaseworkBinding:
    def __init__(
        self, session: Session, record_id: str, panel: CaseworkPanel, run: Run, refresh_key: str
    ) -> None:
        self._session, self._record_id, self._panel = session, record_id, panel
        self._run, self._refresh_key = run, refresh_key
        panel.add_note_requested.connect(self._add_note)
        panel.add_follow_up_requested.connect(self._add_follow_up)
        panel.complete_requested.connect(self._complete)

    def show(self, view: records.RecordView) -> None:
        user = self._session.user
        names = {user.id: f"{user.display_name} (you)"}
        self._panel.load(view.notes, view.follow_ups, today(self._session.clock), names)

    def _write(
        self, fn: Callable[[], object], done: Callable[[], None], problem: Callable[[str], None]
    ) -> None:
        session, record_id = self._session, self._record_id

        def written(_result: object) -> None:
            done()
            self._run(
                lambda: records.open_record(session, record_id),
                self.show,
                lambda exc: problem(f"Could not refresh. {user_message(exc)}"),
                key=self._refresh_key,
            )

        self._run(fn, written, lambda exc: problem(f"Not saved. {user_message(exc)}"), True)

    def _add_note(self, contact_type: ContactType, topic: str, body: str) -> None:
        session, spouse_id = self._session, self._record_id
        self._write(
            lambda: records.add_note(session, spouse_id, contact_type, topic, body),
            self._panel.note_added,
            self._panel.show_note_problem,
        )

    def _add_follow_up(self, due: date, description: str) -> None:
        session, spouse_id = self._session, self._record_id
        self._write(
            lambda: records.add_follow_up(session, spouse_id, due, session.user.id, description),
            self._panel.follow_up_added,
            self._panel.show_follow_up_problem,
        )

    def _complete(self, follow_up_id: str) -> None:
        session = self._session
        self._write(
            lambda: records.complete_follow_up(session, follow_up_id),
            lambda: None,
            self._panel.show_follow_up_problem,
        )
