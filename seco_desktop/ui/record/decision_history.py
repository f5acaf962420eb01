"""The spouse's eligibility decisions as they were recorded, newest first, on whichever
workstation they were made: when, the program, the result in words, the rule set and every
reason (so a coach can tell why a spouse was found eligible or not last month)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from seco_desktop.domain.eligibility import Decision
from seco_desktop.domain.reference import Program

_PROGRAM_NAMES = {Program.SECO: "SECO", Program.MYCAA: "MyCAA"}
NONE_YET = "No decision recorded yet"


def entry_text(at: datetime, decision: Decision) -> str:
    """One recorded decision in words (the result never by colour alone)."""
    result = "Eligible" if decision.eligible else "Not eligible"
    reasons = "".join(f"\n    • {reason}" for reason in decision.reasons)
    return (
        f"{at:%m/%d/%Y %H:%M} UTC — {_PROGRAM_NAMES[decision.program]}: {result} "
        f"(rule set {decision.ruleset_version}){reasons}"
    )


class DecisionHistoryPanel(QGroupBox):
    """Every recorded decision of the record, newest first, as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Decision history", parent)
        self.setAccessibleName("Eligibility decision history")
        layout = QVBoxLayout(self)
        self.entries = QLabel(NONE_YET, self)
        self.entries.setTextFormat(Qt.TextFormat.PlainText)
        self.entries.setWordWrap(True)
        self.entries.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entries.setAccessibleName("Recorded decisions")
        layout.addWidget(self.entries)

    def load(self, history: Sequence[tuple[datetime, Decision]]) -> None:
        lines = [entry_text(at, d) for at, d in reversed(history)]
        self.entries.setText("\n".join(lines) if lines else NONE_YET)
