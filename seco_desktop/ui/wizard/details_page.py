"""Step 2 of 3: the sponsor's details, the spouse's education and career goals.

Education is a single-entry group (the first entry of the list); further entries, work
experience, credentials and skills already in the state are kept as they are.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.models import Education
from seco_desktop.domain.reference import PAY_GRADES, EducationLevel, ReservePhase
from seco_desktop.domain.registration import RegistrationFlow, RegistrationState, Step
from seco_desktop.ui.wizard.fields import (
    DATE_HINT,
    WizardPage,
    combo,
    data_of,
    date_text,
    enum_combo,
    set_data,
)

_NAMES = (
    ("sponsor.name.first", "Sponsor's &first name"), ("sponsor.name.last", "Sponsor's &last name"),
    ("sponsor.dod_id", "Sponsor's &DoD ID"),
)  # fmt: skip
_DATES = (
    ("sponsor.service_entry_date", "Service &entry date"),
    ("sponsor.projected_separation_date", "&Projected separation date"),
)
_GRADES = tuple(dict.fromkeys(g for grades in PAY_GRADES.values() for g in grades))
_ORDER = {grade: (grade[0] != "E", grade[0] != "W", int(grade[2:])) for grade in _GRADES}
_EDU = "education"


class DetailsPage(WizardPage):
    step = Step.DETAILS
    title = "Details"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.form()
        for path, label in _NAMES:
            self.row(form, path, label, QLineEdit())
        grades = sorted(_GRADES, key=_ORDER.__getitem__)
        self.pay_grade: QComboBox = self.row(
            form, "sponsor.pay_grade", "Sponsor's pa&y grade", combo(((g, g) for g in grades), "")
        )
        for path, label in _DATES:
            self.row(form, path, label, QLineEdit(placeholderText=DATE_HINT))
        self.title10: QCheckBox = self.row(
            form, "sponsor.on_title10_orders", "Sponsor on &Title 10 orders", QCheckBox()
        )
        self.title10.setText("Sponsor on &Title 10 orders")
        self.reserve_phase: QComboBox = self.row(
            form, "sponsor.reserve_phase", "&Reserve phase", enum_combo(ReservePhase)
        )
        self.separated: QCheckBox = self.row(
            form, "legally_separated", "Spouse legally separated from the sponsor", QCheckBox()
        )
        self.separated.setText("Spouse le&gally separated from the sponsor")
        self.institution: QLineEdit = self.row(
            form, "education.institution", "Education: &institution", QLineEdit()
        )
        self.level: QComboBox = self.row(
            form, "education.level", "Education: le&vel", enum_combo(EducationLevel)
        )
        self.study: QLineEdit = self.row(
            form, "education.field_of_study", "Education: field of st&udy", QLineEdit()
        )
        self.completed: QCheckBox = self.row(
            form, "education.completed", "Education completed", QCheckBox()
        )
        self.completed.setText("Education c&ompleted")
        self.goals: QPlainTextEdit = self.row(
            form, "career_goals", "&Career goals", QPlainTextEdit(tabChangesFocus=True)
        )
        self.goals.setMaximumHeight(80)

    def load(self, state: RegistrationState) -> None:
        d = state.details
        texts = {
            "sponsor.name.first": d.sponsor_name.first, "sponsor.name.last": d.sponsor_name.last,
            "sponsor.dod_id": d.sponsor_dod_id,
            "sponsor.service_entry_date": date_text(d.service_entry_date),
            "sponsor.projected_separation_date": date_text(d.projected_separation_date),
        }  # fmt: skip
        for path, text in texts.items():
            widget = self.fields[path]
            assert isinstance(widget, QLineEdit)
            widget.setText(text)
        set_data(self.pay_grade, d.pay_grade or None)
        self.title10.setChecked(d.on_title10_orders)
        set_data(self.reserve_phase, d.reserve_phase)
        self.separated.setChecked(d.legally_separated)
        first = d.education[0] if d.education else None
        self.institution.setText(first.institution if first else "")
        set_data(self.level, first.level if first else EducationLevel.HIGH_SCHOOL)
        self.study.setText(first.field_of_study if first else "")
        self.completed.setChecked(first.completed if first else False)
        self.goals.setPlainText(d.career_goals)

    def store(self, flow: RegistrationFlow) -> list[FieldError]:
        d, text = flow.state.details, self.line
        dates, problems = self.dates(*(path for path, _ in _DATES))
        first_name, last_name = text("sponsor.name.first"), text("sponsor.name.last")
        d.sponsor_name = replace(d.sponsor_name, first=first_name, last=last_name)
        d.sponsor_dod_id = text("sponsor.dod_id")
        d.pay_grade = self.pay_grade.currentData() or ""
        d.service_entry_date = dates["sponsor.service_entry_date"]
        d.projected_separation_date = dates["sponsor.projected_separation_date"]
        d.on_title10_orders = self.title10.isChecked()
        d.reserve_phase = data_of(self.reserve_phase, ReservePhase)
        d.legally_separated = self.separated.isChecked()
        rest = d.education[1:]
        if self.institution.text().strip():
            level = data_of(self.level, EducationLevel)
            first = d.education[0] if d.education else Education("", level)
            first = replace(
                first, institution=self.institution.text(), level=level,
                field_of_study=self.study.text(), completed=self.completed.isChecked(),
            )  # fmt: skip
            d.education = [first, *rest]
        else:
            d.education = rest
        d.career_goals = self.goals.toPlainText()
        return problems
