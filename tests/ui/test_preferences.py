"""File → Preferences: theme, text size and the banner, kept and applied on OK only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from seco_desktop.ui.preferences import PreferencesDialog
from seco_desktop.ui.settings import Settings


def _settings(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


def _dialog(qtbot: QtBot, settings: Settings) -> PreferencesDialog:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_ok_applies_and_keeps_high_contrast_and_larger_text(
    qtbot: QtBot,
    tmp_path: Path,
    app: QApplication,
) -> None:
    path = tmp_path / "settings.ini"
    base_size = app.font().pointSizeF()
    dialog = _dialog(qtbot, _settings(path))
    dialog.theme.setFocus()
    while dialog.theme.currentData() != "high_contrast":  # by keyboard
        qtbot.keyClick(dialog.theme, Qt.Key.Key_Down)
    dialog.text_size.setFocus()
    dialog.text_size.selectAll()
    qtbot.keyClicks(dialog.text_size, "150")
    qtbot.keyClick(dialog.banner, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.text_size, Qt.Key.Key_Return)  # OK is the default button

    again = _settings(path)  # what the next start of the app reads
    assert (again.theme, again.font_scale, again.show_consent_banner) == (
        "high_contrast", 1.5, False,
    )  # fmt: skip
    assert app.palette().color(QPalette.ColorRole.Window) == QColor("black")
    assert app.font().pointSizeF() > base_size


def test_cancel_changes_nothing(qtbot: QtBot, tmp_path: Path, app: QApplication) -> None:
    path = tmp_path / "settings.ini"
    dialog = _dialog(qtbot, _settings(path))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.text_size.setValue(200)
    dialog.reject()
    again = _settings(path)
    assert (again.theme, again.font_scale, again.show_consent_banner) == ("system", 1.0, True)
