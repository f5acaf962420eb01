"""Questions asked before something typed would be thrown away.

Each question names what would be lost and offers to keep working as the default, so Enter or
Esc never discards anything by accident.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(Enum):
    KEEP_EDITING = "keep"
    DISCARD = "discard"
    SAVE_DRAFT = "save_draft"


def ask(parent: QWidget, title: str, text: str, *, offer_draft: bool = False) -> Choice:
    """Ask whether to discard; "Keep editing" is the default and the Esc answer."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setObjectName("confirm_discard")
    box.setAccessibleName(title)
    keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    draft = (
        box.addButton("&Save draft and close", QMessageBox.ButtonRole.AcceptRole)
        if offer_draft
        else None
    )
    for button in (keep, discard, draft):
        if button is not None:
            button.setAccessibleName(button.text().replace("&", ""))
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is discard:
        return Choice.DISCARD
    if draft is not None and clicked is draft:
        return Choice.SAVE_DRAFT
    return Choice.KEEP_EDITING


def unsaved_record(parent: QWidget, title: str) -> bool:
    """True when the user chose to discard the unsaved edits of record ``title``."""
    text = f"The record {title} has changes that are not saved. Discard them?"
    return ask(parent, "Unsaved changes", text) is Choice.DISCARD


def unsaved_records(parent: QWidget, count: int) -> bool:
    """True when the user chose to discard the unsaved edits of ``count`` open records."""
    text = f"{count} open records have changes that are not saved. Discard them and quit?"
    return ask(parent, "Unsaved changes", text) is Choice.DISCARD
