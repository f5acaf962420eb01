"""Eligibility: the sponsor's branch, component and status, and whether the spouse serves."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.reference import Branch, Component, SponsorStatus
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

CHOOSE = "(choose)"
_SEPARATION = "sponsor.separation_date"


class EligibilityPage(WizardPage):
    step = Step.ELIGIBILITY
    title = "Eligibility"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.form()
        self.branch: QComboBox = self.row(
            form, "sponsor.branch", "Sponsor's b&ranch", enum_combo(Branch, CHOOSE)
        )
        self.component: QComboBox = self.row(
            form, "sponsor.component", "Sponsor's &component", enum_combo(Component, CHOOSE)
        )
        self.status: QComboBox = self.row(
            form, "sponsor.status", "Sponsor's st&atus", enum_combo(SponsorStatus, CHOOSE)
        )
        self.separation: QLineEdit = self.row(
            form, _SEPARATION, "Separation date (or date of &death)",
            QLineEdit(placeholderText=DATE_HINT),
        )  # fmt: skip
        self.service_member: QComboBox = self.row(
            form, "is_service_member", "The spouse is an active-duty &member",
            combo((("No", False), ("Yes", True)), CHOOSE),
        )  # fmt: skip
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("SECO eligibility so far")
        self._layout.addWidget(self.preview)
        self._layout.addStretch(1)

    def load(self, state: RegistrationState) -> None:
        e = state.eligibility
        set_data(self.branch, e.branch)
        set_data(self.component, e.component)
        set_data(self.status, e.status)
        self.separation.setText(date_text(e.separation_date))
        set_data(self.service_member, e.spouse_is_service_member)

    def store(self, flow: RegistrationFlow) -> list[FieldError]:
        e = flow.state.eligibility
        dates, problems = self.dates(_SEPARATION)
        e.branch = data_of(self.branch, Branch)
        e.component = data_of(self.component, Component)
        e.status = data_of(self.status, SponsorStatus)
        e.separation_date = dates[_SEPARATION]
        serving = self.service_member.currentData()
        e.spouse_is_service_member = None if serving is None else bool(serving)
        decision = flow.seco_preview()
        self.preview.setText(
            "" if decision is None
            else ("Eligible for SECO" if decision.eligible else "Not eligible for SECO")
        )  # fmt: skip
        return problems
