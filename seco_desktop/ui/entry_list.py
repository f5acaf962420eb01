"""An editor for a list of entries (education, jobs, credentials, skills): a list, Add and
Remove, and a small form for the entry selected in the list.

Every control is reachable from the keyboard: Tab moves from the list to the buttons and on
into the form; Alt+letter mnemonics reach Add and Remove. The form edits the selected entry in
place; dates are typed as MM/DD/YYYY like everywhere else in the wizard, and a date that cannot
be read is reported with the entry's field path (``education[1].end_date``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, Literal, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import FieldError
from seco_desktop.ui.icons import IconName, set_icon

DATE_FORMAT = "%m/%d/%Y"
DATE_HINT = "MM/DD/YYYY"
BAD_DATE = "Enter the date as MM/DD/YYYY"
T = TypeVar("T")
Kind = Literal["text", "date", "bool", "choice"]


@dataclass(frozen=True, slots=True)
class EntryField:
    """One attribute of the entry dataclass and how it is edited."""

    name: str
    label: str
    kind: Kind = "text"
    choices: tuple[tuple[str, Any], ...] = ()


def _date_text(value: object) -> str:
    return value.strftime(DATE_FORMAT) if isinstance(value, date) else ""


class EntryListEditor(QWidget, Generic[T]):
    """Edit ``list[T]`` where ``T`` is a dataclass; ``blank`` makes a new entry to fill in."""

    changed = Signal()

    def __init__(
        self,
        path: str,
        noun: str,
        fields: Sequence[EntryField],
        blank: Callable[[], T],
        summary: Callable[[T], str],
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path, self.noun = path, noun
        self._fields, self._blank, self._summary = tuple(fields), blank, summary
        self._entries: list[T] = []
        self._raw_dates: list[dict[str, str]] = []  # typed date text per entry, read at the end
        self._loading = False
        self.setAccessibleName(f"{noun.capitalize()} entries")

        self.list = QListWidget(self)
        self.list.setAccessibleName(f"{noun.capitalize()} list")
        self.list.setMaximumHeight(90)
        self.list.currentRowChanged.connect(self._show_entry)
        # Short captions keep narrow panes narrow; the tab says what is added.
        self.add_button = QPushButton("&Add", self)
        self.remove_button = QPushButton("Re&move", self)
        self.add_button.setAccessibleName(f"Add {noun}")
        self.remove_button.setAccessibleName(f"Remove {noun}")
        set_icon(self.add_button, IconName.ADD)
        set_icon(self.remove_button, IconName.REMOVE)
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        self.empty_hint = QLabel(f"No {noun} entered. Choose Add to enter one.", self)
        self.empty_hint.setWordWrap(True)

        self.editors: dict[str, QWidget] = {}
        self.form_box = QWidget(self)
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow panes
        for spec in self._fields:
            editor = self._make_editor(spec)
            editor.setObjectName(f"{path}.{spec.name}")
            editor.setAccessibleName(f"{noun.capitalize()}: {spec.label.replace('&', '').lower()}")
            self.editors[spec.name] = editor
            if isinstance(editor, QCheckBox):
                form.addRow(editor)
            else:
                caption = QLabel(spec.label, self.form_box)
                caption.setBuddy(editor)
                form.addRow(caption, editor)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.list, self.empty_hint):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.form_box)
        self._refresh()

    # --- the entries ---------------------------------------------------------------------------

    def load(self, entries: Sequence[T]) -> None:
        self._entries = [dataclasses.replace(e) for e in entries]  # type: ignore[type-var]
        self._raw_dates = [
            {s.name: _date_text(getattr(e, s.name)) for s in self._fields if s.kind == "date"}
            for e in self._entries
        ]
        self.list.clear()
        self.list.addItems([self._summary(e) for e in self._entries])
        self._refresh()
        if self._entries:
            self.list.setCurrentRow(0)

    def entries(self) -> tuple[list[T], list[FieldError]]:
        """The entries as edited, and a problem for each date that cannot be read."""
        result: list[T] = []
        problems: list[FieldError] = []
        for i, (entry, raw) in enumerate(zip(self._entries, self._raw_dates, strict=True)):
            values: dict[str, date | None] = {}
            for name, text in raw.items():
                try:
                    values[name] = (
                        datetime.strptime(text.strip(), DATE_FORMAT).date()
                        if text.strip()
                        else None
                    )
                except ValueError:
                    values[name] = None
                    problems.append(FieldError(f"{self.path}[{i}].{name}", BAD_DATE))
            result.append(dataclasses.replace(entry, **values))  # type: ignore[type-var]
        return result, problems

    def add_entry(self) -> None:
        entry = self._blank()
        self._entries.append(entry)
        self._raw_dates.append({s.name: "" for s in self._fields if s.kind == "date"})
        self.list.addItem(self._summary(entry))
        self._refresh()
        self.list.setCurrentRow(len(self._entries) - 1)
        first = self.editors[self._fields[0].name]
        first.setFocus()
        self.changed.emit()

    def remove_entry(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self._entries[row]
        del self._raw_dates[row]
        self.list.takeItem(row)
        self._refresh()
        self.changed.emit()
        (self.list if self._entries else self.add_button).setFocus()

    def select(self, index: int) -> None:
        """Show entry ``index`` in the form (used to point at an entry with a problem)."""
        if 0 <= index < len(self._entries):
            self.list.setCurrentRow(index)

    # --- the form ------------------------------------------------------------------------------

    def _make_editor(self, spec: EntryField) -> QWidget:
        if spec.kind == "bool":
            box = QCheckBox(spec.label)
            box.toggled.connect(lambda _=False, n=spec.name: self._edited(n))
            return box
        if spec.kind == "choice":
            combo = QComboBox()
            for text, value in spec.choices:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(lambda _=0, n=spec.name: self._edited(n))
            return combo
        line = QLineEdit(placeholderText=DATE_HINT if spec.kind == "date" else "")
        line.textEdited.connect(lambda _="", n=spec.name: self._edited(n))
        return line

    def _show_entry(self, row: int) -> None:
        self._refresh()
        if row < 0:
            return
        entry, raw = self._entries[row], self._raw_dates[row]
        self._loading = True
        try:
            for spec in self._fields:
                editor, value = self.editors[spec.name], getattr(entry, spec.name)
                if isinstance(editor, QCheckBox):
                    editor.setChecked(bool(value))
                elif isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(0, editor.findData(value)))
                elif isinstance(editor, QLineEdit):
                    editor.setText(raw[spec.name] if spec.kind == "date" else str(value))
        finally:
            self._loading = False

    def _edited(self, name: str) -> None:
        row = self.list.currentRow()
        if self._loading or row < 0:
            return
        editor = self.editors[name]
        spec = next(s for s in self._fields if s.name == name)
        if spec.kind == "date":
            assert isinstance(editor, QLineEdit)
            self._raw_dates[row][name] = editor.text()
        else:
            value = self._value(editor, spec)
            self._entries[row] = dataclasses.replace(self._entries[row], **{name: value})  # type: ignore[type-var]
            item = self.list.item(row)
            item.setText(self._summary(self._entries[row]))
        self.changed.emit()

    @staticmethod
    def _value(editor: QWidget, spec: EntryField) -> Any:
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            value = editor.currentData()
            kind = type(spec.choices[0][1]) if spec.choices else None
            return kind(value) if isinstance(kind, type) and issubclass(kind, Enum) else value
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def _refresh(self) -> None:
        has_entries = bool(self._entries)
        self.list.setVisible(has_entries)
        self.empty_hint.setVisible(not has_entries)
        self.form_box.setVisible(has_entries and self.list.currentRow() >= 0)
        self.remove_button.setEnabled(has_entries)
