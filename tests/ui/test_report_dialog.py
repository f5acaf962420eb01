"""The report dialogs on real widgets: background build, preview, save, print, disclosure hook."""

from __future__ import annotations

import io
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from services.pdf_text import assert_marked
from services.support import Office, make_spouses

from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Role
from seco_desktop.services import records
from seco_desktop.services.reports.framework import BuiltReport
from seco_desktop.services.session import Session
from seco_desktop.ui.report_dialog import NO_DISCLOSURE_STEP, ReportDialog
from seco_desktop.ui.report_forms import program_report_dialog, summary_dialog
from seco_desktop.ui.tasks import TaskRunner

WAIT_MS = 20_000
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)"
)


@pytest.fixture
def coach(office: Office) -> Session:
    return office.sign_in_as(Role.COACH)


@pytest.fixture
def spouse(coach: Session) -> Spouse:
    return records.register(coach, make_spouses(1, seed=41)[0])


def _shown(qtbot: QtBot, dialog: ReportDialog, runner: TaskRunner) -> ReportDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def built(
    qtbot: QtBot, coach: Session, runner: TaskRunner, spouse: Spouse
) -> Iterator[ReportDialog]:
    dialog = _shown(qtbot, summary_dialog(coach, runner, spouse.id), runner)
    dialog.build()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    yield dialog
    assert runner.wait_idle(WAIT_MS)
    dialog.done(0)


@needs_poppler
def test_summary_builds_in_the_background_and_previews_every_page(
    qtbot: QtBot, built: ReportDialog, runner: TaskRunner, spouse: Spouse
) -> None:
    report = built.report
    assert report is not None
    qtbot.waitUntil(lambda: len(built.preview.page_labels) == report.pages, timeout=WAIT_MS)
    assert built.status.text().startswith(f"Spouse summary: {report.pages} page")
    assert built.save_button.isEnabled()
    assert built.print_button.isEnabled()
    first = built.preview.page_labels[0].pixmap()
    assert (first.width(), first.height()) == (612, 792)  # a US Letter page at 72 dpi
    assert spouse.name.display() in "\n".join(assert_marked(report.pdf))


def test_save_as_writes_the_pdf_for_the_owner_only(built: ReportDialog, tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"

    assert built.save_as(target) == target

    assert built.report is not None
    assert target.read_bytes() == built.report.pdf
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert built.status.text() == f"Saved to {target}"


def test_a_copy_for_outside_the_program_is_refused_without_the_disclosure_step(
    built: ReportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    built.outside.setChecked(True)

    assert built.save_as(tmp_path / "out.pdf") is None
    assert built.open_in_viewer() is None

    assert warnings == [NO_DISCLOSURE_STEP, NO_DISCLOSURE_STEP]
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("recorded", [True, False])
def test_the_disclosure_step_decides_whether_the_copy_leaves(
    qtbot: QtBot,
    coach: Session,
    runner: TaskRunner,
    spouse: Spouse,
    tmp_path: Path,
    recorded: bool,
) -> None:
    calls: list[BuiltReport] = []

    def step(_parent: QWidget, report: BuiltReport) -> bool:
        calls.append(report)
        return recorded

    dialog = _shown(qtbot, summary_dialog(coach, runner, spouse.id, disclosure_step=step), runner)
    dialog.build()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    dialog.outside.setChecked(True)

    saved = dialog.save_as(tmp_path / "out.pdf")

    assert [r.subject_id for r in calls] == [spouse.id]
    assert (saved is not None) is recorded
    assert (tmp_path / "out.pdf").exists() is recorded
    assert runner.wait_idle(WAIT_MS)


def test_without_outside_box_no_disclosure_step_is_asked(
    qtbot: QtBot, coach: Session, runner: TaskRunner, spouse: Spouse, tmp_path: Path
) -> None:
    calls: list[BuiltReport] = []
    dialog = _shown(
        qtbot,
        summary_dialog(
            coach, runner, spouse.id, disclosure_step=lambda _p, r: bool(calls.append(r))
        ),
        runner,
    )
    dialog.build()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)

    assert dialog.save_as(tmp_path / "inside.pdf") is not None
    assert calls == []
    assert runner.wait_idle(WAIT_MS)


@needs_poppler
def test_print_sends_every_page_to_the_printer(
    qtbot: QtBot, built: ReportDialog, runner: TaskRunner, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    built.print_report(printer)
    qtbot.waitUntil(lambda: built.status.text().startswith("Sent "), timeout=WAIT_MS)

    assert built.report is not None
    printed = PdfReader(io.BytesIO((tmp_path / "printed.pdf").read_bytes()))
    assert len(printed.pages) == built.report.pages


def test_notes_range_the_wrong_way_round_is_shown_at_its_field(
    qtbot: QtBot, coach: Session, runner: TaskRunner, spouse: Spouse
) -> None:
    dialog = _shown(qtbot, summary_dialog(coach, runner, spouse.id), runner)
    form = dialog.layout().itemAt(0).layout().itemAt(0).widget()
    form.all_notes.setChecked(False)
    form.notes_from.setDate(QDate(2026, 1, 3))
    form.notes_to.setDate(QDate(2026, 1, 1))

    dialog.build()

    assert form.errors.text("notes_from") == "Notes from must be on or before notes to"
    assert runner.busy == 0
    assert dialog.report is None


def test_program_report_for_a_supervisor_lists_coaches_and_builds(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    supervisor = office.sign_in_as(Role.SUPERVISOR)
    dialog = _shown(qtbot, program_report_dialog(supervisor, runner), runner)
    form = dialog.layout().itemAt(0).layout().itemAt(0).widget()
    qtbot.waitUntil(lambda: form.coach.count() == 2, timeout=WAIT_MS)  # "All" and Test coach
    assert form.coach.itemText(1) == "Test coach"
    form.date_from.setDate(QDate(2025, 12, 1))
    form.date_to.setDate(QDate(2025, 12, 31))

    dialog.build()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)

    assert dialog.report is not None
    assert dialog.report.kind == "program-report"
    assert_marked(dialog.report.pdf)
    assert runner.wait_idle(WAIT_MS)
    dialog.done(0)


def test_program_report_refused_to_a_coach_says_so(
    qtbot: QtBot, coach: Session, runner: TaskRunner
) -> None:
    dialog = _shown(qtbot, program_report_dialog(coach, runner), runner)

    dialog.build()
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=WAIT_MS)

    assert dialog.status.text() == "The coach role may not view reports"
    assert dialog.report is None
    assert not dialog.save_button.isEnabled()


def test_two_dialogs_build_side_by_side_and_a_closed_one_gets_nothing(
    qtbot: QtBot, coach: Session, runner: TaskRunner, spouse: Spouse
) -> None:
    other = records.register(coach, make_spouses(2, seed=43)[1])
    first = _shown(qtbot, summary_dialog(coach, runner, spouse.id), runner)
    second = _shown(qtbot, summary_dialog(coach, runner, other.id), runner)
    closed = _shown(qtbot, summary_dialog(coach, runner, spouse.id), runner)

    first.build()
    second.build()
    closed.build()
    closed.done(0)
    assert runner.wait_idle(WAIT_MS)

    assert first.report is not None
    assert second.report is not None
    assert (first.report.subject_id, second.report.subject_id) == (spouse.id, other.id)
    assert closed.report is None
