"""The wizard's pages, one a step, each in a scroll area of one stacked widget."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QStackedWidget, QWidget

from seco_desktop.domain.registration import RegistrationState, Step
from seco_desktop.ui.wizard.details_page import DetailsPage
from seco_desktop.ui.wizard.eligibility_page import EligibilityPage
from seco_desktop.ui.wizard.fields import WizardPage
from seco_desktop.ui.wizard.profile_page import ProfilePage
from seco_desktop.ui.wizard.result_pages import CongratulationsPage, IneligiblePage
from seco_desktop.ui.wizard.script_page import ScriptPage

HEADERS = {
    Step.SCRIPT: "Before you start: read to the caller",
    Step.ELIGIBILITY: "Eligibility",
    Step.INELIGIBLE: "Not eligible for SECO",
    Step.PROFILE: "Step 1 of 3: Profile",
    Step.DETAILS: "Step 2 of 3: Details",
    Step.CONGRATULATIONS: "Step 3 of 3: Congratulations",
}


class PageStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = ProfilePage()
        self.pages: dict[Step, WizardPage] = {}
        self._scrolls: dict[Step, QScrollArea] = {}
        for page in (
            ScriptPage(), EligibilityPage(), self.profile, DetailsPage(),
            CongratulationsPage(), IneligiblePage(),
        ):  # fmt: skip
            self.pages[page.step] = page
            scroll = self._scrolls[page.step] = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.addWidget(scroll)

    def show_step(self, state: RegistrationState) -> WizardPage | None:
        """Load and show the page of ``state.step``, its first field focused (None: terminal)."""
        page = self.pages.get(state.step)
        if page is None:
            return None
        page.blockSignals(True)  # loading is not editing: nothing is written back meanwhile
        try:
            page.load(state)
        finally:
            page.blockSignals(False)
        page.clear_errors()
        self.setCurrentWidget(self._scrolls[state.step])
        first = next(iter(page.fields.values()), None)
        if first is not None:
            first.setFocus()
        return page
