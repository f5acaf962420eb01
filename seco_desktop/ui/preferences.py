"""File → Preferences: the settings a person may change, built from their declarations (theme,
text size, the sign-in banner). OK applies them at once and keeps them; Cancel changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.ui.settings import FONT_SCALE_RANGE, THEMES, Settings
from seco_desktop.ui.theme import apply_theme

THEME_WORDS = {
    "system": "As the operating system", "light": "Light", "dark": "Dark",
    "high_contrast": "High contrast",
}  # fmt: skip


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        form = QFormLayout()
        self.theme = QComboBox(self)
        for name in THEMES:
            self.theme.addItem(THEME_WORDS[name], name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.text_size = QSpinBox(self)
        low, high = FONT_SCALE_RANGE
        self.text_size.setRange(int(low * 100), int(high * 100))
        self.text_size.setSingleStep(10)
        self.text_size.setSuffix(" %")
        self.text_size.setValue(round(settings.font_scale * 100))
        self.banner = QCheckBox(Settings.show_consent_banner.label, self)
        self.banner.setChecked(settings.show_consent_banner)
        self.banner_note = QLabel(
            "The banner setting applies from the next sign-in on this workstation.", self
        )
        self.banner_note.setWordWrap(True)
        for caption, widget, name in (
            ("&Theme", self.theme, "Theme"),
            ("Te&xt size", self.text_size, "Text size in percent"),
        ):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        self.banner.setAccessibleName("Show the DoD notice and consent banner before sign-in")
        form.addRow(self.banner)
        form.addRow(self.banner_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        settings = self._settings
        settings.theme = str(self.theme.currentData())
        settings.font_scale = self.text_size.value() / 100
        settings.show_consent_banner = self.banner.isChecked()
        settings.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme, settings.font_scale)
        super().accept()
