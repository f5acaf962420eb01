"""Step 2 of 3: the sponsor's details; the spouse's education, work experience, certificates
and licenses, and skills (a list each); career goals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.reference import PAY_GRADES, ReservePhase
from seco_desktop.domain.registration import RegistrationFlow, RegistrationState, Step
from seco_desktop.ui.background_entries import BACKGROUND_PATHS, BackgroundTabs
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
            form, "sponsor.on_title10_orders", "Sponsor on &Title 10 orders",
            QCheckBox("Sponsor on &Title 10 orders"),
        )  # fmt: skip
        self.reserve_phase: QComboBox = self.row(
            form, "sponsor.reserve_phase", "&Reserve phase", enum_combo(ReservePhase)
        )
        self.separated: QCheckBox = self.row(
            form, "legally_separated", "Spouse legally separated from the sponsor",
            QCheckBox("Spouse le&gally separated from the sponsor"),
        )  # fmt: skip
        self.background: BackgroundTabs = self.row(
            form, "background", "Education and career", BackgroundTabs()
        )
        for path in BACKGROUND_PATHS:
            self.share_row(path, "background")
        for editor in self.background.editors.values():
            editor.changed.connect(self.changed)
        self.goals: QPlainTextEdit = self.row(
            form, "career_goals", "&Career goals", QPlainTextEdit(tabChangesFocus=True)
        )
        self.goals.setMaximumHeight(80)
        self._layout.addStretch(1)  # rows keep their height; the space goes below them

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
        self.background.load(d)
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
        lists, unreadable = self.background.values()
        d.education, d.work_experience = lists["education"], lists["work_experience"]
        d.credentials, d.skills = lists["credentials"], lists["skills"]
        d.career_goals = self.goals.toPlainText()
        return problems + unreadable

    def show_errors(self, errors: Sequence[FieldError]) -> QWidget | None:
        self.background.show_problem_entry(errors)
        return super().show_errors(errors)
