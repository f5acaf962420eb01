"""Show a PDF's pages in the app, and turn them into images for printing.

PySide6-Essentials has no QtPdf, so pages are rasterised by poppler's ``pdftoppm`` when it is
installed (Debian: poppler-utils), fed the PDF on standard input and read back as PNG from
standard output: no page image of Privacy Act data touches the disk. Where QtPdf is present
(PySide6-Addons) it is used instead; where neither is, the preview says so and the user can
still Open the PDF in the system's viewer. Rasterising runs on the TaskRunner, never on the
GUI thread.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from seco_desktop.ui.tasks import TaskRunner

PREVIEW_DPI = 72
PRINT_DPI = 300
_TIMEOUT_S = 60
NO_RENDERER = (
    "No PDF page renderer is installed on this computer (poppler-utils), so pages cannot be "
    "shown or printed here. Use Open to view the report in your PDF viewer."
)


class RenderUnavailable(RuntimeError):
    """Neither QtPdf nor pdftoppm is available."""


def renderer_name() -> str | None:
    """Which renderer this computer has: "qtpdf", "pdftoppm" or None."""
    if importlib.util.find_spec("PySide6.QtPdf") is not None:
        return "qtpdf"
    if shutil.which("pdftoppm") is not None:
        return "pdftoppm"
    return None


def render_page(pdf: bytes, page: int, dpi: int) -> QImage:
    """Page ``page`` (1-based) as an image; safe to call off the GUI thread."""
    name = renderer_name()
    if name == "qtpdf":
        return _render_qtpdf(pdf, page, dpi)
    if name == "pdftoppm":
        return _render_poppler(pdf, page, dpi)
    raise RenderUnavailable(NO_RENDERER)


def render_pages(
    pdf: bytes, pages: int, dpi: int, progress: Callable[[int], None] | None = None
) -> list[QImage]:
    images = []
    for number in range(1, pages + 1):
        images.append(render_page(pdf, number, dpi))
        if progress is not None:
            progress(number)
    return images


def _render_poppler(pdf: bytes, page: int, dpi: int) -> QImage:
    binary = shutil.which("pdftoppm")
    if binary is None:
        raise RenderUnavailable(NO_RENDERER)
    result = subprocess.run(  # noqa: S603 - fixed arguments, the PDF goes through stdin
        [binary, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-"],
        input=pdf,
        capture_output=True,
        timeout=_TIMEOUT_S,
        check=False,
    )
    image = QImage.fromData(result.stdout)
    if result.returncode != 0 or image.isNull():
        raise RenderUnavailable(f"pdftoppm could not render page {page}")
    return image


def _render_qtpdf(pdf: bytes, page: int, dpi: int) -> QImage:  # pragma: no cover - Addons only
    from PySide6.QtCore import QBuffer, QByteArray, QSize  # noqa: PLC0415
    from PySide6.QtPdf import QPdfDocument  # type: ignore[import-not-found]  # noqa: PLC0415

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    points = document.pagePointSize(page - 1)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    return document.render(page - 1, size)


class PdfPreview(QScrollArea):
    """The pages of a report, one under the other, rendered in the background."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.setAccessibleName("Report preview")
        self.setWidgetResizable(True)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._body)
        self.page_labels: list[QLabel] = []
        self._key = f"report-preview-{id(self)}"
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self._layout.addWidget(self.message)

    def clear(self) -> None:
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        self.message.setText("")

    def discard(self) -> None:
        """Drop a rendering still under way (its pages will not be shown)."""
        self._runner.discard(self._key)

    def show_pdf(self, pdf: bytes, pages: int) -> None:
        self.clear()
        if renderer_name() is None:
            self.message.setText(NO_RENDERER)
            return
        self.message.setText(f"Rendering {pages} page{'s' if pages != 1 else ''}…")
        self._runner.run(
            lambda: render_pages(pdf, pages, PREVIEW_DPI),
            on_success=self._show_images,
            on_failure=self._failed,
            key=self._key,
        )

    def _show_images(self, images: list[QImage]) -> None:
        self.message.setText("")
        for number, image in enumerate(images, start=1):
            label = QLabel()
            pixmap = QPixmap.fromImage(image)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())  # a whole page, never squeezed to fit
            label.setAccessibleName(f"Page {number} of {len(images)}")
            label.setFrameShape(QLabel.Shape.Box)
            self._layout.addWidget(label)
            self.page_labels.append(label)

    def _failed(self, error: Exception) -> None:
        self.message.setText(
            str(error) if isinstance(error, RenderUnavailable) else "The preview failed"
        )
