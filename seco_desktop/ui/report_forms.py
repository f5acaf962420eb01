"""The options of each report as a small form, and the dialogs that put them together.

``summary_dialog`` (a coach's "Print summary" on a record) and ``program_report_dialog``
(Reports → Program report, supervisors) are what the main window and the record view call.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QWidget

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.reference import Branch, Component
from seco_desktop.services.clock import today
from seco_desktop.services.reports.accounting import build_accounting_report
from seco_desktop.services.reports.audit_report import build_audit_report
from seco_desktop.services.reports.program import ProgramFilter, build_program_report, coaches
from seco_desktop.services.reports.summary import SummaryOptions, build_summary
from seco_desktop.services.session import Session
from seco_desktop.ui.field_errors import FieldErrors, error_label
from seco_desktop.ui.report_dialog import DisclosureStep, ReportDialog, ReportJob
from seco_desktop.ui.tasks import TaskRunner


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class SummaryOptionsForm(QWidget):
    def __init__(self, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = error_label(self)
        self.errors = FieldErrors(self.message)
        form = QFormLayout(self)
        self.minimum = self.errors.add_row(
            self,
            form,
            "minimum_necessary",
            "",
            QCheckBox("&Minimum necessary: mask DoD IDs, withhold the date of birth"),
        )
        self.all_notes = QCheckBox("&All notes")
        self.all_notes.setChecked(True)
        form.addRow("", self.all_notes)
        self.notes_from = self.errors.add_row(
            self, form, "notes_from", "Notes &from", _date_edit(on - timedelta(days=90))
        )
        self.notes_to = self.errors.add_row(self, form, "notes_to", "Notes &to", _date_edit(on))
        form.addRow(self.message)
        self.all_notes.toggled.connect(self._sync)
        self._sync(True)

    def _sync(self, all_notes: bool) -> None:
        self.notes_from.setEnabled(not all_notes)
        self.notes_to.setEnabled(not all_notes)

    def options(self) -> SummaryOptions | None:
        self.errors.clear()
        ranged = not self.all_notes.isChecked()
        options = SummaryOptions(
            minimum_necessary=self.minimum.isChecked(),
            notes_from=_day(self.notes_from) if ranged else None,
            notes_to=_day(self.notes_to) if ranged else None,
        )
        try:
            options.check()
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return None
        return options


class ProgramFilterForm(QWidget):
    ANY = "All"

    def __init__(self, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = error_label(self)
        self.errors = FieldErrors(self.message)
        form = QFormLayout(self)
        first = on.replace(day=1)
        self.date_from = self.errors.add_row(self, form, "date_from", "&From", _date_edit(first))
        self.date_to = self.errors.add_row(self, form, "date_to", "&To", _date_edit(on))
        self.coach = self.errors.add_row(self, form, "coach", "&Coach", QComboBox())
        self.coach.addItem(self.ANY, None)
        self.branch = self.errors.add_row(self, form, "branch", "&Branch", QComboBox())
        self.branch.addItem(self.ANY, None)
        for b in Branch:
            self.branch.addItem(b.label, b)
        self.component = self.errors.add_row(self, form, "component", "Co&mponent", QComboBox())
        self.component.addItem(self.ANY, None)
        for c in Component:
            self.component.addItem(c.label, c)
        form.addRow(self.message)

    def set_coaches(self, people: list[tuple[str, str]]) -> None:
        for user_id, name in people:
            self.coach.addItem(name, user_id)

    def selection(self) -> ProgramFilter | None:
        self.errors.clear()
        selection = ProgramFilter(
            _day(self.date_from),
            _day(self.date_to),
            coach_id=self.coach.currentData(),
            branch=self.branch.currentData(),
            component=self.component.currentData(),
        )
        try:
            selection.check()
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return None
        return selection


def summary_dialog(
    session: Session,
    runner: TaskRunner,
    spouse_id: str,
    *,
    disclosure_step: DisclosureStep | None = None,
    parent: QWidget | None = None,
) -> ReportDialog:
    form = SummaryOptionsForm(today(session.clock))

    def make_job() -> ReportJob | None:
        options = form.options()
        if options is None:
            return None
        return lambda progress: build_summary(session, spouse_id, options, progress)

    return ReportDialog(
        "Spouse summary", runner, make_job, form, disclosure_step=disclosure_step, parent=parent
    )


def program_report_dialog(
    session: Session,
    runner: TaskRunner,
    *,
    disclosure_step: DisclosureStep | None = None,
    parent: QWidget | None = None,
) -> ReportDialog:
    form = ProgramFilterForm(today(session.clock))
    runner.run(lambda: coaches(session), on_success=form.set_coaches, key="report-coaches")

    def make_job() -> ReportJob | None:
        selection = form.selection()
        if selection is None:
            return None
        return lambda progress: build_program_report(session, selection, progress)

    return ReportDialog(
        "Program report", runner, make_job, form, disclosure_step=disclosure_step, parent=parent
    )


def accounting_dialog(
    session: Session, runner: TaskRunner, spouse_id: str, *, parent: QWidget | None = None
) -> ReportDialog:
    """The accounting of disclosures of one record (for the spouse who asks for it)."""
    return ReportDialog(
        "Accounting of disclosures", runner,
        lambda: lambda progress: build_accounting_report(session, spouse_id, progress),
        parent=parent,
    )  # fmt: skip


def audit_report_dialog(
    session: Session, runner: TaskRunner, *, parent: QWidget | None = None
) -> ReportDialog:
    """The audit trail the user may see, as a PDF (the audit view filters and exports CSV)."""
    return ReportDialog(
        "Audit trail report", runner,
        lambda: lambda progress: build_audit_report(session, progress=progress),
        parent=parent,
    )  # fmt: skip
