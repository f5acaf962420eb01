"""A recovery key shown once: large, selectable, printable, and forgotten when the person says
it is kept. Used by the first run and by Administration → Keys (a new recovery key)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from seco_desktop.ui.icons import IconName, set_icon

CONFIRM_TEXT = "I have printed or written down the recovery key and will keep it in a safe"
RECOVERY_INTRO = (
    "This is the store's recovery key. It is shown only now: print it or write it down and "
    "keep it in a safe. With it an administrator can reset a password when every "
    "administrator password is lost; without it the store cannot be opened then."
)
KEY_POINT_SIZE_FACTOR = 1.6


class RecoveryKeyPanel(QWidget):
    """``kept_changed`` reports the confirmation box; :meth:`forget` clears the key."""

    kept_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Recovery key")
        self.store_path: Path | None = None
        intro = QLabel(RECOVERY_INTRO, self)
        intro.setWordWrap(True)
        self.key_label = QLabel(self)
        self.key_label.setAccessibleName("Recovery key")
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * KEY_POINT_SIZE_FACTOR)
        self.key_label.setFont(font)
        self.print_button = QPushButton("&Print…", self)
        self.print_button.setAccessibleName("Print the recovery key")
        set_icon(self.print_button, IconName.PRINT)
        self.print_button.clicked.connect(self.print_key)
        self.kept = QCheckBox(CONFIRM_TEXT, self)
        self.kept.setAccessibleName(CONFIRM_TEXT)
        self.kept.toggled.connect(self.kept_changed)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.key_label)
        column.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.kept)
        column.addStretch(1)

    def show_key(self, key: str, store_path: Path) -> None:
        self.store_path = store_path
        self.kept.setChecked(False)
        self.key_label.setText(key)

    def forget(self) -> None:
        self.key_label.clear()
        self.key_label.setSelection(0, 0)
        self.kept.setChecked(False)

    def print_key(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the recovery key")
        if dialog.exec() == QDialog.DialogCode.Accepted.value:
            self.render_key(printer)

    def render_key(self, printer: QPrinter) -> None:
        """The key on paper (the printer's own output; no file is written here)."""
        document = QTextDocument()
        document.setDefaultFont(self.key_label.font())
        document.setPlainText(
            f"SECO Desktop recovery key\n\nStore: {self.store_path}\n\n{self.key_label.text()}\n\n"
            "Keep this page in a safe."
        )
        document.print_(printer)
        document.clear()
