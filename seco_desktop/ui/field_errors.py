"""Form rows that carry their own problem message, shared by the record's profile form and the
registration wizard's pages: a validation error appears under its field, in the field's
accessible description, and anything without a field goes to one form-level message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFormLayout, QLabel, QVBoxLayout, QWidget

from seco_desktop.domain.errors import FieldError
from seco_desktop.ui.theme import set_tone

ERROR_STYLE = "font-size: small;"  # the colour: the theme's error tone
_INDEX = re.compile(r"\[(\d+)\]")
W = TypeVar("W", bound=QWidget)


def error_label(parent: QWidget) -> QLabel:
    """A hidden, word-wrapped plain-text label for a problem message (never markup)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    set_tone(label, "error")
    label.hide()
    return label


class FieldErrors:
    """The fields of one form by dotted path, each with the label that shows its problems."""

    def __init__(self, form_message: QLabel) -> None:
        self.form_message = form_message
        self.fields: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._aliases: dict[str, str] = {}

    def share_row(self, path: str, row_path: str) -> None:
        """Show the problems of field ``path`` (and its entries) at the row of ``row_path``."""
        self._aliases[path] = row_path

    def add_row(self, owner: QWidget, form: QFormLayout, path: str, label: str, widget: W) -> W:
        """``widget`` for field ``path``, its problem label underneath, as one form row.

        A checkbox carries its label as its own text, with no caption beside it."""
        holder = QWidget(owner)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget.setParent(holder)
        widget.setObjectName(path)
        widget.setAccessibleName(label.replace("&", ""))
        column.addWidget(widget)
        problem = error_label(holder)
        column.addWidget(problem)
        if isinstance(widget, QAbstractButton):  # a checkbox names itself: no caption beside it
            widget.setText(widget.text() or label)
            form.addRow(holder)
        else:
            caption = QLabel(label, owner)
            caption.setBuddy(widget)
            form.addRow(caption, holder)
        self.fields[path] = widget
        self._labels[path] = problem
        return widget

    def show(self, errors: Sequence[FieldError]) -> QWidget | None:
        """Each message under its field; returns the first field in error (to focus)."""
        self.clear()
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(self._owner(error.field), []).append(_in_words(error))
        for path, messages in by_field.items():
            label = self._labels.get(path, self.form_message)
            label.setText("\n".join(dict.fromkeys(messages)))
            label.show()
            if path in self.fields:
                self.fields[path].setAccessibleDescription(label.text())
        return next((w for p, w in self.fields.items() if p in by_field), None)

    def clear(self) -> None:
        for label in (*self._labels.values(), self.form_message):
            label.clear()
            label.hide()
        for widget in self.fields.values():
            widget.setAccessibleDescription("")

    def text(self, path: str) -> str:
        """The message shown under a field ("" when none)."""
        label = self._labels[path]
        return label.text() if not label.isHidden() else ""

    def _owner(self, path: str) -> str:
        """The row showing ``path``: itself, or the nearest enclosing row ("" for none)."""
        path = _INDEX.sub("", path)  # a list's entries share the list's row
        while path:
            path = self._aliases.get(path, path)
            if path in self._labels:
                return path
            path = path.rpartition(".")[0]
        return ""


def _in_words(error: FieldError) -> str:
    """The message, prefixed with the list entry it is about ("Education entry 2: ...")."""
    found = _INDEX.search(error.field)
    if found is None:
        return error.message
    head = error.field[: found.start()].rpartition(".")[2].replace("_", " ").capitalize()
    return f"{head} entry {int(found.group(1)) + 1}: {error.message}"
