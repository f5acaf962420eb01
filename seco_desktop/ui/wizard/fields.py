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
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.registration import RegistrationFlow, RegistrationState, Step
from seco_desktop.ui.field_errors import FieldErrors, error_label

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
        self._problems = FieldErrors(self.form_message)
        self.fields = self._problems.fields

    def form(self) -> QFormLayout:
        form = QFormLayout()
        self._layout.addLayout(form)
        return form

    def row(self, form: QFormLayout, path: str, label: str, widget: QWidget) -> Any:
        """Add ``widget`` for field ``path`` with its label buddy and its problem label."""
        self._problems.add_row(self, form, path, label, widget)
        self._watch(widget)
        return widget

    def share_row(self, path: str, row_path: str) -> None:
        """Problems of ``path`` are shown at the row of ``row_path``."""
        self._problems.share_row(path, row_path)

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
        return self._problems.show(errors)

    def clear_errors(self) -> None:
        self._problems.clear()

    def error_text(self, path: str) -> str:
        return self._problems.text(path)
