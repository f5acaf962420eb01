"""The report menu entries, ready to hook into a main window with one call.

``add_report_actions`` adds "Print summary…" (Ctrl+P) to the given menu (it summarises the
record ``current_record_id()`` names, and does nothing while none is open) and, for roles that
may view reports, a Reports menu with "Program report…". Dialogs are non-modal and delete
themselves when closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from seco_desktop.services.permissions import Permission, allowed
from seco_desktop.services.session import Session
from seco_desktop.ui.icons import IconName, set_icon
from seco_desktop.ui.report_dialog import DisclosureStep, ReportDialog
from seco_desktop.ui.report_forms import (
    accounting_dialog,
    audit_report_dialog,
    program_report_dialog,
    summary_dialog,
)
from seco_desktop.ui.tasks import TaskRunner


@dataclass
class ReportActions:
    print_summary: QAction | None  # None: the role may not print records
    accounting: QAction | None  # None: the role may not view disclosures
    audit_report: QAction | None  # None: the role may not view the audit trail
    program_report: QAction | None  # None: the role may not view reports


def add_report_actions(
    window: QMainWindow,
    session: Session,
    runner: TaskRunner,
    records_menu: QMenu,
    current_record_id: Callable[[], str | None],
    *,
    disclosure_step: DisclosureStep | None = None,
) -> ReportActions:
    def show(dialog: ReportDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def print_summary() -> None:
        record_id = current_record_id()
        if record_id is not None:
            show(
                summary_dialog(
                    session, runner, record_id, disclosure_step=disclosure_step, parent=window
                )
            )

    summary: QAction | None = None
    if allowed(session.role, Permission.PRINT_RECORD):
        summary = QAction("&Print summary…", window)
        summary.setShortcuts(QKeySequence.StandardKey.Print)
        set_icon(summary, IconName.PRINT)
        summary.setStatusTip("A PDF of the open record, to preview, save or print")
        summary.triggered.connect(print_summary)
        records_menu.addAction(summary)

    accounting: QAction | None = None
    if allowed(session.role, Permission.VIEW_DISCLOSURES):
        accounting = QAction("Accounting of &disclosures…", window)
        accounting.setStatusTip("Every disclosure of the open record, as a PDF")
        set_icon(accounting, IconName.REPORTS)

        def show_accounting() -> None:
            record_id = current_record_id()
            if record_id is not None:
                show(accounting_dialog(session, runner, record_id, parent=window))

        accounting.triggered.connect(show_accounting)
        records_menu.addAction(accounting)

    program: QAction | None = None
    audit_report: QAction | None = None
    if allowed(session.role, Permission.VIEW_REPORTS):
        reports = window.menuBar().addMenu("Re&ports")
        program = QAction("&Program report…", window)
        set_icon(program, IconName.REPORTS)
        program.triggered.connect(
            lambda: show(
                program_report_dialog(
                    session, runner, disclosure_step=disclosure_step, parent=window
                )
            )
        )
        reports.addAction(program)
        if allowed(session.role, Permission.VIEW_TEAM_AUDIT):
            audit_report = QAction("&Audit trail report…", window)
            set_icon(audit_report, IconName.AUDIT)
            audit_report.triggered.connect(
                lambda: show(audit_report_dialog(session, runner, parent=window))
            )
            reports.addAction(audit_report)
    return ReportActions(
        print_summary=summary, accounting=accounting, audit_report=audit_report,
        program_report=program,
    )  # fmt: skip
