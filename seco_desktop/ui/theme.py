"""Themes: light, dark and high contrast palettes, a visible focus ring everywhere, font scaling.

The explicit themes use the Fusion style, which draws from the palette on every platform;
"system" keeps the platform style and its palette (which follows the OS light/dark setting
in Qt 6). Every theme gets the same small stylesheet: each focusable widget has a border that
turns into a 2 px ring (3 px in high contrast) in the theme's focus colour when it has focus,
with padding adjusted so nothing moves. HiDPI scaling is on by default in Qt 6; the font scale
multiplies the application font's point size as the application started with it.

The light, dark and high-contrast colours (and high contrast's check-box sheet) are files in
``resources/themes`` (:mod:`.theme_files`), so they ship and change like the other resources.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from seco_desktop.ui import icons
from seco_desktop.ui.settings import FONT_SCALE_RANGE, THEMES
from seco_desktop.ui.theme_files import ThemeColors, ThemeFile, ThemeFileError, load_theme

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_BASE_POINT_SIZE = "seco_base_point_size"
_PLATFORM_STYLE = "seco_platform_style"
#: The name of the QStyle the theme chose (``app.style().name()`` is empty under a sheet).
STYLE_PROPERTY = "seco_style"


#: The themes read from ``resources/themes``; "system" is built in (the platform's palette) and
#: is what a broken theme file falls back to.
FILE_THEMES = ("light", "dark", "high_contrast")
log = logging.getLogger(__name__)


#: The dynamic property a label's tone is kept in, and the tones it may take.
TONE_PROPERTY = "seco_tone"
TONES = ("", "error", "success")
#: Tones under the platform's own palette: the light theme's.
SYSTEM_TONES = ("#b00020", "#1b5e20")

#: Widgets a person can tab to; each gets a resting border and a focus ring.
FOCUSABLE = (
    "QPushButton",
    "QToolButton",
    "QLineEdit",
    "QPlainTextEdit",
    "QTextEdit",
    "QComboBox",
    "QAbstractSpinBox",
    "QCheckBox",
    "QRadioButton",
    "QAbstractItemView",
    "QSlider",
    "QTabBar::tab",
)


def palette_for(colors: ThemeColors) -> QPalette:
    palette = QPalette()
    text, window = QColor(colors.text), QColor(colors.window)
    assignments = {
        Role.Window: window,
        Role.WindowText: text,
        Role.Base: QColor(colors.base),
        Role.AlternateBase: QColor(colors.alternate_base),
        Role.Text: text,
        Role.Button: QColor(colors.button),
        Role.ButtonText: text,
        Role.BrightText: QColor(colors.highlight),
        Role.Highlight: QColor(colors.highlight),
        Role.HighlightedText: QColor(colors.highlighted_text),
        Role.Link: QColor(colors.link),
        Role.LinkVisited: QColor(colors.link_visited),
        Role.ToolTipBase: QColor(colors.base),
        Role.ToolTipText: text,
        Role.PlaceholderText: QColor(colors.disabled_text),
        Role.Light: QColor(colors.border),
        Role.Midlight: QColor(colors.border),
        Role.Mid: QColor(colors.border),
        Role.Dark: QColor(colors.border),
        Role.Shadow: QColor(colors.border),
    }
    for role, color in assignments.items():
        palette.setColor(role, color)
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(colors.disabled_text))
    # An inactive window keeps its selection readable (no faded grey highlight).
    palette.setColor(Group.Inactive, Role.Highlight, QColor(colors.highlight))
    palette.setColor(Group.Inactive, Role.HighlightedText, QColor(colors.highlighted_text))
    return palette


def focus_stylesheet(focus: str, width: int, border: str = "palette(mid)") -> str:
    """A resting 1 px border and a ``width`` px focus ring, with padding keeping sizes equal."""
    rest_pad = width
    selectors_rest = ",\n".join(FOCUSABLE)
    selectors_focus = ",\n".join(f"{s}:focus" for s in FOCUSABLE)
    return (
        f"/* seco-focus-ring */\n"
        f"{selectors_rest} {{\n"
        f"    border: 1px solid {border};\n"
        f"    padding: {rest_pad}px;\n"
        f"}}\n"
        f"QCheckBox, QRadioButton {{ border-color: transparent; }}\n"
        # A header is an item view too, but its sections do not grow with the view's padding:
        # left with it, their words are cut off at the top.
        f"QHeaderView {{ border: none; padding: 0px; }}\n"
        f"QPushButton, QToolButton {{\n"
        f"    background-color: palette(button);\n"
        f"    border-radius: 3px;\n"
        f"    padding: {rest_pad}px {rest_pad + 8}px;\n"
        f"}}\n"
        f"QPushButton:default {{ border-width: 2px; padding: {width - 1}px {width + 7}px; }}\n"
        f"QPushButton:disabled {{ color: palette(placeholder-text); }}\n"
        f"{selectors_focus} {{\n"
        f"    border: {width}px solid {focus};\n"
        f"    padding: 1px;\n"
        f"}}\n"
        f"QPushButton:focus, QToolButton:focus {{ padding: 1px 9px; }}\n"
    )


@lru_cache(maxsize=8)
def theme_file(name: str) -> ThemeFile:
    """The parsed ``resources/themes/<name>.json`` (read once); :class:`ThemeFileError`."""
    return load_theme(name)


def stylesheet_for(name: str) -> str:
    """The focus ring, the message tones (and the theme file's own sheet); ``system``: the
    platform highlight and the light theme's tones."""
    if name not in FILE_THEMES:
        return focus_stylesheet("palette(highlight)", 2) + tone_stylesheet(*SYSTEM_TONES)
    theme = theme_file(name)
    colors = theme.colors
    return (
        focus_stylesheet(colors.focus, colors.focus_width, colors.border)
        + tone_stylesheet(colors.error, colors.success)
        + theme.extra_stylesheet
    )


def set_tone(label: QLabel, tone: str) -> None:
    """Colour ``label`` as :data:`TONES` says, in the theme's colour for it ("" for none)."""
    if label.property(TONE_PROPERTY) == tone:
        return
    label.setProperty(TONE_PROPERTY, tone)
    style = label.style()
    if style is not None:  # a changed property takes effect only when the label is re-polished
        style.unpolish(label)
        style.polish(label)


def tone_stylesheet(error: str, success: str) -> str:
    """Problem and success messages in colours readable on the theme's backgrounds (words say
    the same: colour is never the only signal)."""
    return (
        f"/* seco-tones */\n"
        f'QLabel[{TONE_PROPERTY}="error"] {{ color: {error}; }}\n'
        f'QLabel[{TONE_PROPERTY}="success"] {{ color: {success}; font-weight: bold; }}\n'
    )


def apply_theme(app: QApplication, name: str, font_scale: float = 1.0) -> str:
    """Apply theme ``name`` (one of :data:`THEMES`) and scale the application font.

    Returns the theme applied: ``system`` instead when ``name``'s file is missing or broken
    (logged with the file's name), so a bad file never leaves the application unreadable.
    """
    if name not in THEMES:
        raise ValueError(f"Unknown theme {name!r}; choose one of {', '.join(THEMES)}")
    colors: ThemeColors | None = None
    sheet = ""
    if name in FILE_THEMES:
        try:
            colors, sheet = theme_file(name).colors, stylesheet_for(name)
        except ThemeFileError as exc:
            log.warning("%s; using the system theme instead", exc)
            name = "system"
    if colors is None:
        sheet = stylesheet_for("system")
    if app.property(_PLATFORM_STYLE) is None:
        app.setStyleSheet("")  # a style sheet hides the style's name behind its own
        style = app.style()
        app.setProperty(_PLATFORM_STYLE, style.name() if style is not None else "")
    style_name = str(app.property(_PLATFORM_STYLE) or "") if colors is None else "Fusion"
    if style_name and app.property(STYLE_PROPERTY) != style_name:
        app.setStyle(style_name)
    app.setProperty(STYLE_PROPERTY, style_name)
    if colors is None:
        current = app.style()
        app.setPalette(current.standardPalette() if current is not None else QPalette())
    else:
        app.setPalette(palette_for(colors))
    app.setStyleSheet(sheet)
    scale_fonts(app, font_scale)
    icons.refresh(app)  # icons are painted in the palette's colours
    return name


def scale_fonts(app: QApplication, font_scale: float) -> None:
    """Set the application font to ``font_scale`` times its size at the first call."""
    low, high = FONT_SCALE_RANGE
    scale = min(max(font_scale, low), high)
    font = app.font()
    base = app.property(_BASE_POINT_SIZE)
    if base is None:
        base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        app.setProperty(_BASE_POINT_SIZE, base)
    font.setPointSizeF(float(base) * scale)
    app.setFont(font)


def contrast_ratio(first: QColor, second: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )
