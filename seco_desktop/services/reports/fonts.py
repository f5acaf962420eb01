"""The embedded TrueType fonts (DejaVu Sans, with its licence in ``resources/fonts``).

reportlab's built-in Helvetica covers Latin-1 only; DejaVu covers every name the store can hold
(diacritics, apostrophes, other scripts) and is embedded as a subset in each PDF.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import shapes
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from seco_desktop.services.notices import RESOURCES


class FontMissing(FileNotFoundError):
    """A report font is missing: the installation is incomplete."""


@dataclass(frozen=True, slots=True)
class Fonts:
    regular: str
    bold: str
    italic: str


_FILES = {
    "SecoSans": "DejaVuSans.ttf",
    "SecoSans-Bold": "DejaVuSans-Bold.ttf",
    "SecoSans-Oblique": "DejaVuSans-Oblique.ttf",
}
FONTS = Fonts(regular="SecoSans", bold="SecoSans-Bold", italic="SecoSans-Oblique")
_lock = threading.Lock()
_registered = False


def register_fonts(resources: Path = RESOURCES) -> Fonts:
    """Register the fonts with reportlab once per process; later calls are free."""
    global _registered  # noqa: PLW0603 - reportlab's font registry is process-wide too
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                path = resources / "fonts" / filename
                if not path.is_file():
                    raise FontMissing(
                        f"The report font {path} is missing; reinstall the application"
                    )
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(
                FONTS.regular,
                normal=FONTS.regular,
                bold=FONTS.bold,
                italic=FONTS.italic,
                boldItalic=FONTS.bold,
            )
            # Charts start each drawing in this font; left at Helvetica it would be an
            # unembedded font in every report with a chart.
            shapes.STATE_DEFAULTS["fontName"] = FONTS.regular
            _registered = True
    return FONTS
