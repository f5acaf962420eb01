"""The spouse profile in sections, editable, with each validation message under its field.

The form only turns widgets into a :class:`Spouse` and back; the services validate. Messages are
shown in words and in the field's accessible description, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import cast

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.models import Address, Spouse
from seco_desktop.domain.reference import AddressKind, Gender
from seco_desktop.ui.background_entries import BackgroundTabs
from seco_desktop.ui.field_errors import FieldErrors, error_label

DATE_DISPLAY = "MM/dd/yyyy"
_ADDRESS_KINDS = (
    ("Domestic (US)", AddressKind.DOMESTIC),
    ("Military (APO/FPO/DPO)", AddressKind.MILITARY),
)
#: The signal each kind of editor emits when the user changes it.
_CHANGE_SIGNALS: tuple[tuple[type[QWidget], str], ...] = (
    (QLineEdit, "textChanged"), (QPlainTextEdit, "textChanged"), (QDateEdit, "dateChanged"),
    (QComboBox, "currentIndexChanged"), (QSpinBox, "valueChanged"), (QCheckBox, "toggled"),
)  # fmt: skip
_SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Name", (("name.first", "First name"), ("name.middle", "Middle name"),
              ("name.last", "Last name"), ("name.suffix", "Suffix"))),
    ("Identity", (("dod_id", "DoD ID"), ("date_of_birth", "Date of birth"),
                  ("gender", "Gender"))),
    ("Contact", (("email", "Email"), ("phone", "Phone"))),
    ("Address", (("address.kind", "Address type"), ("address.line1", "Address line 1"),
                 ("address.line2", "Address line 2"), ("address.city", "City (or APO, FPO, DPO)"),
                 ("address.state", "State (or AA, AE, AP)"), ("address.postal_code", "ZIP code"))),
    ("Program", (("years_as_military_spouse", "Years as a military spouse"),
                 ("msep_opt_in", "MSEP candidate search"), ("career_goals", "Career goals"))),
)  # fmt: skip


def _make_field(path: str) -> QWidget:
    """The editor for one field path; free text is a line edit."""
    if path == "date_of_birth":
        return date_edit()
    if path in ("gender", "address.kind"):
        combo = QComboBox()
        for text, value in [(g.label, g) for g in Gender] if path == "gender" else _ADDRESS_KINDS:
            combo.addItem(text, value)
        return combo
    if path == "years_as_military_spouse":
        return QSpinBox(minimum=0, maximum=99)
    if path == "msep_opt_in":
        return QCheckBox("Opted in")
    if path == "career_goals":  # Tab moves on: the form stays keyboard-first
        goals = QPlainTextEdit(tabChangesFocus=True)
        goals.setMaximumHeight(80)
        return goals
    return QLineEdit(placeholderText="Jr, Sr, II, III, IV or V" if path == "name.suffix" else "")


def date_edit() -> QDateEdit:
    """A date field with a calendar popup (F4 or Alt+Down), shown as MM/DD/YYYY."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_DISPLAY)
    return edit


def _text_of(spouse: Spouse, path: str) -> str:
    """The stored text of a line-edit field ("name.first", "email", "address.city")."""
    group, _, attr = path.rpartition(".")
    holder = getattr(spouse, group) if group else spouse
    return str(getattr(holder, attr)) if holder is not None else ""


class ProfileForm(QWidget):
    """Name, identity, contact, address and program sections over one loaded :class:`Spouse`."""

    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Spouse profile")
        self._loaded: Spouse | None = None
        self._dirty = False
        self._loading = False
        layout = QVBoxLayout(self)
        self.form_message = error_label(self)
        self.form_message.setAccessibleName("Profile problems")
        layout.addWidget(self.form_message)
        self._problems = FieldErrors(self.form_message)
        self._fields = self._problems.fields

        for title, rows in _SECTIONS:
            box = QGroupBox(title, self)
            layout.addWidget(box)
            section = QFormLayout(box)
            for path, label in rows:
                widget = _make_field(path)
                self._problems.add_row(self, section, path, label, widget)
                signal = next(n for kind, n in _CHANGE_SIGNALS if isinstance(widget, kind))
                getattr(widget, signal).connect(self._changed)
        self.background = self._add_background(layout)
        self.lines = {p: w for p, w in self._fields.items() if isinstance(w, QLineEdit)}
        self.first = self.lines["name.first"]
        self.last = self.lines["name.last"]
        self.date_of_birth = cast(QDateEdit, self._fields["date_of_birth"])
        self.gender = cast(QComboBox, self._fields["gender"])
        self.address_kind = cast(QComboBox, self._fields["address.kind"])
        self.years = cast(QSpinBox, self._fields["years_as_military_spouse"])
        self.msep = cast(QCheckBox, self._fields["msep_opt_in"])
        self.career_goals = cast(QPlainTextEdit, self._fields["career_goals"])
        layout.addStretch(1)

    def _add_background(self, layout: QVBoxLayout) -> BackgroundTabs:
        box = QGroupBox("Education and career", self)
        layout.addWidget(box)
        tabs = BackgroundTabs()
        self._problems.add_row(self, QFormLayout(box), "background", "Background", tabs)
        for path, editor in tabs.editors.items():
            self._problems.share_row(path, "background")
            editor.changed.connect(self._changed)
        return tabs

    @property
    def dirty(self) -> bool:
        """True while the fields differ from the loaded record."""
        return self._dirty

    def load(self, spouse: Spouse) -> None:
        """Show ``spouse``; clears problems and the dirty state."""
        self._loading = True
        try:
            self._loaded = spouse
            for path, line in self.lines.items():
                line.setText(_text_of(spouse, path))
            self.date_of_birth.setDate(QDate(spouse.date_of_birth))
            self.gender.setCurrentIndex(max(0, self.gender.findData(spouse.gender)))
            kind = spouse.address.kind if spouse.address else AddressKind.DOMESTIC
            self.address_kind.setCurrentIndex(max(0, self.address_kind.findData(kind)))
            self.years.setValue(spouse.years_as_military_spouse)
            self.msep.setChecked(spouse.msep_opt_in)
            self.career_goals.setPlainText(spouse.career_goals)
            self.background.load(spouse)
        finally:
            self._loading = False
        self.clear_errors()
        self._set_dirty(False)

    def edited_spouse(self) -> Spouse:
        """The loaded record with the fields as typed (unvalidated: the services check it)."""
        if self._loaded is None:
            raise RuntimeError("no record is loaded")
        spouse = self._loaded
        typed: dict[str, dict[str, str]] = {"": {}, "name": {}, "address": {}}
        for path, line in self.lines.items():
            group, _, attr = path.rpartition(".")
            typed[group][attr] = line.text()
        lists, _unreadable = self.background.values()
        return replace(
            spouse,
            education=lists["education"],
            work_experience=lists["work_experience"],
            credentials=lists["credentials"],
            skills=lists["skills"],
            name=replace(spouse.name, **typed["name"]),
            date_of_birth=cast(date, self.date_of_birth.date().toPython()),
            gender=Gender(self.gender.currentData()),  # Qt hands back str
            address=self._edited_address(spouse.address, typed["address"]),
            years_as_military_spouse=self.years.value(),
            msep_opt_in=self.msep.isChecked(),
            career_goals=self.career_goals.toPlainText(),
            dod_id=typed[""]["dod_id"],
            email=typed[""]["email"],
            phone=typed[""]["phone"],
        )

    def typing_problems(self) -> list[FieldError]:
        """Dates typed in the background lists that cannot be read (checked before saving)."""
        return self.background.values()[1]

    def show_errors(self, errors: Sequence[FieldError]) -> QWidget | None:
        """Put each message under its field; returns the first field in error (to focus)."""
        self.background.show_problem_entry(errors)
        return self._problems.show(errors)

    def clear_errors(self) -> None:
        self._problems.clear()

    def error_text(self, path: str) -> str:
        """The message shown under a field ("" when none)."""
        return self._problems.text(path)

    def _edited_address(self, loaded: Address | None, parts: dict[str, str]) -> Address | None:
        if not any(value.strip() for value in parts.values()):
            return None  # no address given (or all of it removed)
        kind = AddressKind(self.address_kind.currentData())
        if loaded is None:
            return Address(kind=kind, **parts)
        return replace(loaded, kind=kind, **parts)

    def _changed(self) -> None:
        if self._loading or self._loaded is None:
            return
        self._set_dirty(self.edited_spouse() != self._loaded)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
