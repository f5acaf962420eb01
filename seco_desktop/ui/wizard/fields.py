"""Form rows for the wizard pages: a label buddy, the editor, and a problem label underneath.

Pages only move values between widgets and the :class:`RegistrationState`; every decision (what
is missing, what is wrong, which step comes next) is the flow's. The one thing a page checks
itself is whether a typed date can be read at all, since the state holds ``date | None``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.registration import RegistrationFlow, RegistrationState, Step
from seco_desktop.ui.record.profile_form import error_label

DATE_FORMAT = "%m/%d/%Y"
DATE_HINT = "MM/DD/YYYY"
BAD_DATE = "Enter the date as MM/DD/YYYY"


def date_text(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value is not None else ""


def parse_date(text: str) -> date | None:
    """The typed date, None when blank; raises ValueError when it cannot be read."""
    text = text.strip()
    return datetime.strptime(text, DATE_FORMAT).date() if text else None


def combo(items: Iterable[tuple[str, Any]], blank: str | None = None) -> QComboBox:
    """A non-editable combo (type the first letters to choose); ``blank`` is a "no answer" item."""
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for text, value in items:
        box.addItem(text, value)
    return box


def label_of(value: Enum) -> str:
    """The words for a code: its ``label`` where the reference data has one."""
    label = getattr(value, "label", None)
    return str(label) if label else str(value.value).replace("_", " ").capitalize()


def enum_combo(kind: type[Enum], blank: str | None = None) -> QComboBox:
    return combo(((label_of(v), v) for v in kind), blank)


def set_data(box: QComboBox, value: object) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))


def data_of(box: QComboBox, kind: type[Enum]) -> Any:
    """The chosen enum member (Qt hands StrEnum data back as str), None for the blank item."""
    value = box.currentData()
    return None if value is None else kind(value)


class WizardPage(QWidget):
    """One step's page. Subclasses add rows with :meth:`row` and implement load/store."""

    step: Step
    title: str = ""
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.title)
        self._layout = QVBoxLayout(self)
        self.form_message = error_label(self)
        self.form_message.setAccessibleName("Problems on this page")
        self._layout.addWidget(self.form_message)
        self.fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}

    def form(self) -> QFormLayout:
        form = QFormLayout()
        self._layout.addLayout(form)
        return form

    def row(self, form: QFormLayout, path: str, label: str, widget: QWidget) -> Any:
        """Add ``widget`` for field ``path`` with its label buddy and its problem label."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget.setParent(holder)
        widget.setObjectName(path)
        widget.setAccessibleName(label.replace("&", ""))
        column.addWidget(widget)
        problem = error_label(holder)
        column.addWidget(problem)
        if isinstance(widget, QAbstractButton):
            form.addRow(holder)  # a checkbox names itself
        else:
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            form.addRow(caption, holder)
        self.fields[path] = widget
        self._errors[path] = problem
        self._watch(widget)
        return widget

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(self.changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.changed)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self.changed)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(self.changed)

    def line(self, path: str) -> str:
        widget = self.fields[path]
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def dates(self, *paths: str) -> tuple[dict[str, date | None], list[FieldError]]:
        """The typed dates of ``paths``; an unreadable one is None plus a problem at its field."""
        values: dict[str, date | None] = {}
        problems: list[FieldError] = []
        for path in paths:
            try:
                values[path] = parse_date(self.line(path))
            except ValueError:
                values[path] = None
                problems.append(FieldError(path, BAD_DATE))
        return values, problems

    # --- every page overrides these (QWidget and ABCMeta do not mix) ---------------------

    def load(self, state: RegistrationState) -> None:
        raise NotImplementedError

    def store(self, flow: RegistrationFlow) -> list[FieldError]:
        """Write the fields into ``flow.state``; returns dates that could not be read."""
        raise NotImplementedError

    # --- problems --------------------------------------------------------------------------

    def show_errors(self, errors: Sequence[FieldError]) -> QWidget | None:
        """Each message under its field (and in its accessible description); the first field."""
        self.clear_errors()
        by_field: dict[str, list[str]] = {}
        for error in errors:
            path = self._owner(error.field)
            by_field.setdefault(path, []).append(error.message)
        for path, messages in by_field.items():
            label = self._errors.get(path, self.form_message)
            label.setText("\n".join(dict.fromkeys(messages)))
            label.show()
            if path in self.fields:
                self.fields[path].setAccessibleDescription(label.text())
        return next((w for p, w in self.fields.items() if p in by_field), None)

    def _owner(self, path: str) -> str:
        """The row showing ``path``: itself, or the nearest enclosing row ("" for none)."""
        path = path.replace("[0]", "")  # list pages edit the first entry
        while path:
            if path in self._errors:
                return path
            path = path.rpartition(".")[0]
        return ""

    def clear_errors(self) -> None:
        for label in (*self._errors.values(), self.form_message):
            label.clear()
            label.hide()
        for widget in self.fields.values():
            widget.setAccessibleDescription("")

    def error_text(self, path: str) -> str:
        label = self._errors[path]
        return label.text() if label.isVisibleTo(self) else ""
