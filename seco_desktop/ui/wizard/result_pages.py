"""The end of the call: congratulations (step 3 of 3) or the reasons the caller is not eligible."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QWidget

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.registration import (
    NEXT_STEPS,
    DecisionSummary,
    RegistrationFlow,
    RegistrationState,
    Step,
)
from seco_desktop.ui.wizard.fields import WizardPage


def decision_text(name: str, decision: DecisionSummary | None) -> str:
    if decision is None:
        return f"{name}: not decided yet"
    verdict = "eligible" if decision.eligible else "not eligible"
    reasons = "".join(f"\n  • {reason}" for reason in decision.reasons)
    return f"{name}: {verdict} (rules {decision.ruleset_version}){reasons}"


def _text_label(page: QWidget, name: str) -> QLabel:
    label = QLabel(page)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader reaches it by Tab
    label.setAccessibleName(name)
    return label


class CongratulationsPage(WizardPage):
    step = Step.CONGRATULATIONS
    title = "Congratulations"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seco = _text_label(self, "SECO eligibility")
        self.mycaa = _text_label(self, "MyCAA eligibility")
        self._layout.addWidget(self.seco)
        self._layout.addWidget(self.mycaa)
        form = self.form()
        self.msep: QCheckBox = self.row(
            form, "msep_opt_in", "The caller opts in to the MSEP candidate search", QCheckBox()
        )
        self.msep.setText("The caller opts in to the &MSEP candidate search")
        steps = _text_label(self, "Next steps")
        steps.setText("Next steps:" + "".join(f"\n  {i}. {s}" for i, s in enumerate(NEXT_STEPS, 1)))
        self._layout.addWidget(steps)
        self._layout.addStretch(1)

    def load(self, state: RegistrationState) -> None:
        self.seco.setText(decision_text("SECO", state.seco))
        self.mycaa.setText(decision_text("MyCAA", state.mycaa))
        self.msep.setChecked(state.msep_opt_in)

    def store(self, flow: RegistrationFlow) -> list[FieldError]:
        flow.state.msep_opt_in = self.msep.isChecked()
        return []


class IneligiblePage(WizardPage):
    step = Step.INELIGIBLE
    title = "Not eligible"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reasons = _text_label(self, "Why the caller is not eligible")
        self._layout.addWidget(self.reasons)
        form = self.form()
        self.note: QPlainTextEdit = self.row(
            form,
            "ineligible_note",
            "&Note (optional; no personal details)",
            QPlainTextEdit(tabChangesFocus=True),
        )
        self.note.setMaximumHeight(80)
        self._layout.addStretch(1)

    def load(self, state: RegistrationState) -> None:
        self.reasons.setText(decision_text("SECO", state.seco))
        self.note.setPlainText(state.ineligible_note)

    def store(self, flow: RegistrationFlow) -> list[FieldError]:
        flow.state.ineligible_note = self.note.toPlainText()
        return []
