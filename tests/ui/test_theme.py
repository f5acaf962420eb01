"""Themes: readable contrast in every palette, high contrast meets 7:1, focus ring everywhere."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from seco_desktop.ui.theme import (
    FILE_THEMES,
    FOCUSABLE,
    STYLE_PROPERTY,
    apply_theme,
    contrast_ratio,
    palette_for,
    stylesheet_for,
    theme_file,
)

HIGH_CONTRAST = theme_file("high_contrast").colors

Role = QPalette.ColorRole
PAIRS = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
)


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", FILE_THEMES)
def test_every_palette_meets_wcag_aa(name: str) -> None:
    palette = palette_for(theme_file(name).colors)
    for fg, bg in PAIRS:
        assert contrast_ratio(palette.color(fg), palette.color(bg)) >= 4.5, (name, fg, bg)


def test_high_contrast_palette_has_high_contrast(app: QApplication) -> None:
    apply_theme(app, "high_contrast", 1.0)
    palette = app.palette()
    assert palette.color(Role.Window) == QColor("black")
    assert palette.color(Role.WindowText) == QColor("white")
    assert contrast_ratio(palette.color(Role.WindowText), palette.color(Role.Window)) >= 7.0
    for fg, bg in PAIRS:
        assert contrast_ratio(palette.color(fg), palette.color(bg)) >= 7.0, (fg, bg)
    disabled = palette.color(QPalette.ColorGroup.Disabled, Role.WindowText)
    assert contrast_ratio(disabled, palette.color(Role.Window)) >= 7.0
    assert palette.color(Role.Highlight) == QColor("#ffff00")
    assert contrast_ratio(QColor(HIGH_CONTRAST.focus), palette.color(Role.Window)) >= 7.0


@pytest.mark.parametrize("name", ["system", "light", "dark", "high_contrast"])
def test_focus_stylesheet_present(app: QApplication, name: str) -> None:
    apply_theme(app, name, 1.0)
    sheet = app.styleSheet()
    assert "seco-focus-ring" in sheet
    for selector in ("QPushButton", "QLineEdit", "QCheckBox", "QComboBox", "QAbstractItemView"):
        assert f"{selector}:focus" in sheet
    width = 3 if name == "high_contrast" else 2
    assert f"border: {width}px solid" in sheet


def test_focus_ring_keeps_widget_size() -> None:
    """Resting border + padding equals focus border + padding, so focus moves nothing."""
    sheet = stylesheet_for("high_contrast")
    assert "border: 1px solid" in sheet
    assert "padding: 3px;" in sheet  # 1 + 3 at rest
    assert "border: 3px solid #00ffff;\n    padding: 1px;" in sheet  # 3 + 1 with focus
    assert len(FOCUSABLE) >= 10


def test_explicit_themes_use_fusion_and_system_restores_the_platform_style(
    app: QApplication,
) -> None:
    apply_theme(app, "system", 1.0)
    platform = app.property("seco_platform_style")
    assert platform
    assert app.property(STYLE_PROPERTY) == platform
    apply_theme(app, "dark", 1.0)
    assert app.property(STYLE_PROPERTY) == "Fusion"
    assert app.palette().color(Role.Window) == QColor(theme_file("dark").colors.window)
    apply_theme(app, "system", 1.0)
    assert app.property(STYLE_PROPERTY) == platform


def test_font_scale_multiplies_the_starting_size(app: QApplication) -> None:
    apply_theme(app, "light", 1.0)
    base = app.font().pointSizeF()
    apply_theme(app, "light", 1.5)
    assert app.font().pointSizeF() == pytest.approx(base * 1.5)
    apply_theme(app, "light", 1.5)  # applying again does not compound
    assert app.font().pointSizeF() == pytest.approx(base * 1.5)
    apply_theme(app, "light", 1.0)
    assert app.font().pointSizeF() == pytest.approx(base)


def test_unknown_theme_is_refused(app: QApplication) -> None:
    with pytest.raises(ValueError, match="Unknown theme"):
        apply_theme(app, "neon", 1.0)


def test_high_contrast_check_boxes_have_a_visible_frame_and_a_filled_tick() -> None:
    sheet = stylesheet_for("high_contrast")
    assert "QCheckBox::indicator, QRadioButton::indicator {" in sheet
    assert f"border: 2px solid {HIGH_CONTRAST.border}" in sheet
    assert f"background-color: {HIGH_CONTRAST.highlight}" in sheet  # ticked: filled
    assert contrast_ratio(QColor(HIGH_CONTRAST.border), QColor(HIGH_CONTRAST.window)) >= 7.0
    assert "seco-indicators" not in stylesheet_for("light")  # Fusion's own boxes show there
    assert "seco-indicators" in stylesheet_for("dark")
