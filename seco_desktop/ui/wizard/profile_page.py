"""Step 1 of 3: the spouse's profile, with the duplicate check's candidates underneath."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.models import Address, PersonName
from seco_desktop.domain.reference import AddressKind, Gender
from seco_desktop.domain.registration import RegistrationFlow, RegistrationState, Step
from seco_desktop.store.duplicates import DuplicateCandidate
from seco_desktop.ui.icons import IconName, set_icon
from seco_desktop.ui.wizard.fields import DATE_HINT, WizardPage, combo, date_text, enum_combo
from seco_desktop.ui.wizard.fields import set_data as _set

_LINES = (
    ("name.first", "&First name"), ("name.middle", "&Middle name"), ("name.last", "&Last name"),
    ("name.suffix", "Suffi&x"), ("dod_id", "&DoD ID"), ("date_of_birth", "Date of birt&h"),
)  # fmt: skip
_CONTACT = (("email", "&Email"), ("phone", "&Phone"))
_ADDRESS = (
    ("address.line1", "Address line &1"), ("address.line2", "Address line &2"),
    ("address.city", "Cit&y (or APO, FPO, DPO)"), ("address.state", "S&tate (or AA, AE, AP)"),
    ("address.postal_code", "&ZIP code"),
)  # fmt: skip
_KINDS = (("Domestic (US)", AddressKind.DOMESTIC), ("Military (APO/FPO/DPO)", AddressKind.MILITARY))
NO_DUPLICATES = "No existing record matches so far."


class ProfilePage(WizardPage):
    step = Step.PROFILE
    title = "Profile"
    open_existing = Signal(str)  # the chosen candidate's spouse id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.form()
        for path, label in _LINES:
            self.row(form, path, label, QLineEdit())
        self.fields["date_of_birth"].setProperty("placeholderText", DATE_HINT)
        self.gender: QComboBox = self.row(form, "gender", "&Gender", enum_combo(Gender))
        for path, label in _CONTACT:
            self.row(form, path, label, QLineEdit())
        self.address_kind: QComboBox = self.row(
            form, "address.kind", "&Address type", combo(_KINDS)
        )
        for path, label in _ADDRESS:
            self.row(form, path, label, QLineEdit())
        self.years: QSpinBox = self.row(
            form, "years_as_military_spouse", "Years as a military spo&use",
            QSpinBox(minimum=0, maximum=99),
        )  # fmt: skip
        caption = QLabel("Possible existing records", self)
        self.duplicates = QListWidget(self)
        self.duplicates.setAccessibleName("Possible existing records")
        caption.setBuddy(self.duplicates)
        self.duplicate_status = QLabel(NO_DUPLICATES, self)
        self.duplicate_status.setAccessibleName("Duplicate check")
        self.open_button = QPushButton("&Open existing record", self)
        set_icon(self.open_button, IconName.OPEN)
        self.open_button.setAccessibleName("Open existing record")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._open_chosen)
        for widget in (caption, self.duplicate_status, self.duplicates, self.open_button):
            self._layout.addWidget(widget)
        self.show_candidates([])

    def load(self, state: RegistrationState) -> None:
        p = state.profile
        texts = {
            "name.first": p.name.first, "name.middle": p.name.middle, "name.last": p.name.last,
            "name.suffix": p.name.suffix, "dod_id": p.dod_id,
            "date_of_birth": date_text(p.date_of_birth), "email": p.email, "phone": p.phone,
            "address.line1": p.address.line1, "address.line2": p.address.line2,
            "address.city": p.address.city, "address.state": p.address.state,
            "address.postal_code": p.address.postal_code,
        }  # fmt: skip
        for path, text in texts.items():
            widget = self.fields[path]
            assert isinstance(widget, QLineEdit)
            widget.setText(text)
        _set(self.gender, p.gender)
        _set(self.address_kind, p.address.kind)
        self.years.setValue(p.years_as_military_spouse)

    def store(self, flow: RegistrationFlow) -> list[FieldError]:
        p, text = flow.state.profile, self.line
        dates, problems = self.dates("date_of_birth")
        p.name = PersonName(
            text("name.first"), text("name.last"), text("name.middle"), text("name.suffix")
        )
        p.dod_id = text("dod_id")
        p.date_of_birth = dates["date_of_birth"]
        p.gender = Gender(self.gender.currentData())
        p.email, p.phone = text("email"), text("phone")
        p.address = Address(
            text("address.line1"), text("address.city"), text("address.state"),
            text("address.postal_code"), text("address.line2"),
            AddressKind(self.address_kind.currentData()), p.address.country,
        )  # fmt: skip
        p.years_as_military_spouse = self.years.value()
        return problems

    def show_candidates(self, found: list[DuplicateCandidate]) -> None:
        """The duplicate check's answer: one line a candidate, the first one chosen."""
        self.duplicates.clear()
        for candidate in found:
            row = candidate.spouse
            reasons = "; ".join(candidate.reasons)
            text = f"{row.name}, DoD ID {row.dod_id_masked}, born {date_text(row.date_of_birth)}"
            item = QListWidgetItem(f"{text}: {reasons}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.duplicates.addItem(item)
        if found:
            self.duplicates.setCurrentRow(0)
            count = len(found)
            self.duplicate_status.setText(
                f"{count} possible existing record{'s' if count > 1 else ''}: "
                "open it instead of registering again"
            )
        else:
            self.duplicate_status.setText(NO_DUPLICATES)
        self.duplicates.setVisible(bool(found))
        self.open_button.setVisible(bool(found))

    def _open_chosen(self) -> None:
        item = self.duplicates.currentItem()
        if item is not None:
            self.open_existing.emit(str(item.data(Qt.ItemDataRole.UserRole)))
