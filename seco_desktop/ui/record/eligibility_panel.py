"""SECO and MyCAA decisions with every reason and the rule-set version, and the MyCAA account.

The result is said in words ("Eligible" / "Not eligible") with a mark, so colour is never the
only signal; reasons are the engine's own sentences, shown as a list.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from seco_desktop.domain.eligibility import Decision, MyCAABalance, format_usd
from seco_desktop.domain.reference import Program
from seco_desktop.ui.theme import set_tone

_PROGRAM_NAMES = {Program.SECO: "SECO", Program.MYCAA: "MyCAA"}
_RESULT_TONE = {True: "success", False: "error"}  # colours: the theme's


def result_text(decision: Decision) -> str:
    return "✔ Eligible" if decision.eligible else "✘ Not eligible"


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel("", parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class _DecisionBox(QGroupBox):
    """One program's result, reasons and rule set."""

    def __init__(self, program: Program, parent: QWidget) -> None:
        name = _PROGRAM_NAMES[program]
        super().__init__(name, parent)
        self.setAccessibleName(f"{name} eligibility")
        layout = QVBoxLayout(self)
        self.result = _label(self, f"{name} result")
        self.reasons = _label(self, f"{name} reasons")
        self.ruleset = _label(self, f"{name} rule set")
        self.ruleset.setStyleSheet("font-size: small;")
        for widget in (self.result, self.reasons, self.ruleset):
            layout.addWidget(widget)

    def load(self, decision: Decision | None) -> None:
        if decision is None:
            self.result.setText("No decision recorded")
            set_tone(self.result, "")
            self.reasons.clear()
            self.ruleset.clear()
            return
        self.result.setText(result_text(decision))
        set_tone(self.result, _RESULT_TONE[decision.eligible])
        self.reasons.setText("\n".join(f"• {reason}" for reason in decision.reasons))
        self.reasons.setAccessibleDescription("; ".join(decision.reasons))
        self.ruleset.setText(f"Rule set {decision.ruleset_version}")


class EligibilityPanel(QGroupBox):
    """The two decisions side by side with the MyCAA benefit used and remaining."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Eligibility", parent)
        self.setAccessibleName("Eligibility")
        layout = QVBoxLayout(self)
        self.boxes = {program: _DecisionBox(program, self) for program in Program}
        for box in self.boxes.values():
            layout.addWidget(box)
        benefit = QGroupBox("MyCAA benefit", self)
        benefit.setAccessibleName("MyCAA benefit")
        form = QFormLayout(benefit)
        self.used = _label(benefit, "MyCAA used")
        self.remaining = _label(benefit, "MyCAA remaining lifetime")
        self.remaining_fy = _label(benefit, "MyCAA remaining this fiscal year")
        self._fy_caption = QLabel("Remaining this fiscal year", benefit)
        form.addRow("Used", self.used)
        form.addRow("Remaining (lifetime)", self.remaining)
        form.addRow(self._fy_caption, self.remaining_fy)
        layout.addWidget(benefit)
        layout.addStretch(1)

    def load(self, decisions: Mapping[Program, Decision], balance: MyCAABalance) -> None:
        for program, box in self.boxes.items():
            box.load(decisions.get(program))
        self.used.setText(
            f"{format_usd(balance.used_cents)} of {format_usd(balance.lifetime_cap_cents)}"
        )
        self.remaining.setText(format_usd(balance.remaining_cents))
        self._fy_caption.setText(f"Remaining in FY{balance.fiscal_year}")
        self.remaining_fy.setText(
            f"{format_usd(balance.remaining_this_fy_cents)} "
            f"({format_usd(balance.used_this_fy_cents)} used in FY{balance.fiscal_year})"
        )

    def summary(self, program: Program) -> str:
        """Result, reasons and rule set of one program as plain text (tests, copy-out)."""
        box = self.boxes[program]
        return "\n".join(w.text() for w in (box.result, box.reasons, box.ruleset))
