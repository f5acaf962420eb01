"""Build a report in the background, preview it, then Save as, Open or Print it.

The dialog is the same for every report: a report supplies its options form and a ``job``
(options → BuiltReport, run on the TaskRunner with progress). Copies for someone outside the
program (the "outside the program" box) go through ``disclosure_step`` first, the one hook the
Privacy Act accounting of disclosures (issue 5) plugs into: it is called with the dialog and
the report, records the disclosure (recipient, purpose) and returns whether to go ahead.
Without it, such copies are refused rather than made unaccounted.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import ValidationError
from seco_desktop.services.permissions import PermissionDenied
from seco_desktop.services.reports.files import private_folder, save_report, viewer_copy
from seco_desktop.services.reports.framework import BuiltReport, ReportProgress
from seco_desktop.ui.icons import IconName, set_icon
from seco_desktop.ui.pdf_preview import PRINT_DPI, PdfPreview, render_pages, renderer_name
from seco_desktop.ui.tasks import Progress, TaskRunner

#: Called before a copy leaves the program: returns True once the disclosure is recorded.
DisclosureStep = Callable[[QWidget, BuiltReport], bool]
#: Builds the report from the options form's current values; runs off the GUI thread.
ReportJob = Callable[[ReportProgress], BuiltReport]

NO_DISCLOSURE_STEP = (
    "A copy for someone outside the program must be recorded as a Privacy Act disclosure, "
    "and this version cannot record disclosures yet. No copy was made."
)
BUILD_FAILED = "The report could not be built; nothing was saved"


class ReportDialog(QDialog):
    def __init__(
        self,
        title: str,
        runner: TaskRunner,
        make_job: Callable[[], ReportJob | None],
        options: QWidget | None = None,
        *,
        disclosure_step: DisclosureStep | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``make_job`` reads the options form; it returns None (and shows the problem at
        its field) when the options are not valid."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._runner = runner
        self._make_job = make_job
        self._disclosure_step = disclosure_step
        self._folder: Path | None = None
        self.report: BuiltReport | None = None
        # Per-dialog task keys: two open report dialogs never discard each other's work,
        # and closing one discards its own (no callback reaches a closed dialog).
        self._keys = tuple(f"report-{part}-{id(self)}" for part in ("build", "print"))

        self.build_button = QPushButton("&Build report")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Building the report")
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.preview = PdfPreview(runner, self)
        self.outside = QCheckBox("This copy is for someone &outside the program (a disclosure)")
        self.save_button = QPushButton("&Save as…")
        self.open_button = QPushButton("&Open")
        self.print_button = QPushButton("&Print…")
        close = QPushButton("Close")
        set_icon(self.save_button, IconName.SAVE)
        set_icon(self.open_button, IconName.OPEN)
        set_icon(self.print_button, IconName.PRINT)
        self.save_button.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_in_viewer)
        self.print_button.clicked.connect(self.print_report)
        close.clicked.connect(self.reject)

        top = QHBoxLayout()
        if options is not None:
            top.addWidget(options, 1)
        top.addWidget(self.build_button, 0, Qt.AlignmentFlag.AlignBottom)
        actions = QHBoxLayout()
        actions.addWidget(self.outside, 1)
        for button in (self.save_button, self.open_button, self.print_button, close):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        layout.addLayout(actions)
        self._set_ready(False)
        self.resize(760, 820)

    # --- building --------------------------------------------------------------------------

    def build(self) -> None:
        job = self._make_job()
        if job is None:
            return
        self.report = None
        self._set_ready(False)
        self.preview.clear()
        self.build_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText("Building the report…")

        def work(report: Callable[[Progress], None]) -> BuiltReport:
            return job(lambda done, total, label: report(Progress(done, total, label)))

        self._runner.run(
            work,
            on_success=self._built,
            on_failure=self._build_failed,
            on_progress=self._progressed,
            key=self._keys[0],
        )

    def _progressed(self, progress: Progress) -> None:
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
        self.status.setText(f"{progress.label}…" if progress.label else "")

    def _built(self, report: BuiltReport) -> None:
        self.report = report
        self.progress.setVisible(False)
        self.build_button.setEnabled(True)
        pages = f"{report.pages} page{'s' if report.pages != 1 else ''}"
        self.status.setText(f"{report.title}: {pages}, built {report.generated_at:%H:%M} UTC.")
        self.preview.show_pdf(report.pdf, report.pages)
        self._set_ready(True)

    def _build_failed(self, error: Exception) -> None:
        self.progress.setVisible(False)
        self.build_button.setEnabled(True)
        # Validation and permission messages name the field or the role, never a person.
        if isinstance(error, ValidationError):
            text = "; ".join(e.message for e in error.errors)
        elif isinstance(error, PermissionDenied):
            text = str(error)
        else:
            text = BUILD_FAILED
        self.status.setText(text)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.save_button, self.open_button, self.print_button):
            button.setEnabled(ready)
        self.print_button.setEnabled(ready and renderer_name() is not None)

    # --- leaving the dialog: save, open, print ---------------------------------------------

    def _cleared_to_release(self) -> bool:
        """The disclosure step, when the copy is for someone outside the program."""
        if self.report is None:
            return False
        if not self.outside.isChecked():
            return True
        if self._disclosure_step is None:
            QMessageBox.warning(self, "Disclosure not recorded", NO_DISCLOSURE_STEP)
            return False
        return self._disclosure_step(self, self.report)

    def save_as(self, path: Path | None = None) -> Path | None:
        """Ask where (unless ``path`` is given) and write the PDF there, owner-only."""
        if not self._cleared_to_release():
            return None
        assert self.report is not None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save the report", self.report.suggested_filename, "PDF files (*.pdf)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            save_report(self.report, path)
        except OSError as exc:
            self.status.setText(f"Not saved: {exc.strerror or 'the file could not be written'}")
            return None
        self.status.setText(f"Saved to {path}")
        return path

    def open_in_viewer(self) -> Path | None:
        """A private copy (0600, in a 0700 folder removed when the dialog closes) handed to
        the system's PDF viewer."""
        if not self._cleared_to_release():
            return None
        assert self.report is not None
        if self._folder is None:
            self._folder = private_folder()
        path = viewer_copy(self.report, self._folder)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status.setText("No PDF viewer is set up on this computer; use Save as")
        return path

    def print_report(self, printer: QPrinter | None = None) -> None:
        """Through the system print dialog; pages are rasterised at print resolution in the
        background, then painted on the GUI thread."""
        if not self._cleared_to_release():
            return
        assert self.report is not None
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.report.suggested_filename)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        report = self.report
        self.status.setText("Preparing the pages for the printer…")
        self.print_button.setEnabled(False)
        self._runner.run(
            lambda: render_pages(report.pdf, report.pages, PRINT_DPI),
            on_success=lambda images: self._paint(printer, images),
            on_failure=lambda _error: self._print_failed(),
            key=self._keys[1],
        )

    def _paint(self, printer: QPrinter, images: list[QImage]) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            self._print_failed()
            return
        try:
            for number, image in enumerate(images):
                if number:
                    printer.newPage()
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()
        self.print_button.setEnabled(True)
        self.status.setText(f"Sent {len(images)} page(s) to the printer")

    def _print_failed(self) -> None:
        self.print_button.setEnabled(True)
        self.status.setText("The report could not be printed")

    def done(self, result: int) -> None:  # removes the viewer copies on any close
        for key in self._keys:
            self._runner.discard(key)
        self.preview.discard()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        super().done(result)
