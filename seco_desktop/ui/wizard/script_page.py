"""The script: the Privacy Act statement and agency disclosure notice, read aloud to the caller."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QWidget

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.registration import RegistrationFlow, RegistrationState, Step
from seco_desktop.services.notices import Notice, agency_disclosure_notice, privacy_act_statement
from seco_desktop.ui.wizard.fields import WizardPage


def _notice_box(page: WizardPage, notice: Notice) -> QPlainTextEdit:
    caption = QLabel(f"{notice.title} (version {notice.version})", page)
    text = QPlainTextEdit(notice.text, page)
    text.setReadOnly(True)
    text.setTabChangesFocus(True)
    text.setAccessibleName(f"{notice.title}, version {notice.version}")
    text.setObjectName(f"notice:{notice.version}")
    caption.setBuddy(text)
    page._layout.addWidget(caption)
    page._layout.addWidget(text)
    return text


class ScriptPage(WizardPage):
    step = Step.SCRIPT
    title = "Read to the caller"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel("Read both texts aloud before asking any question.", self)
        intro.setWordWrap(True)
        self._layout.addWidget(intro)
        self.statement = privacy_act_statement()
        self.notice = agency_disclosure_notice()
        self.statement_box = _notice_box(self, self.statement)
        self.notice_box = _notice_box(self, self.notice)
        form = self.form()
        self.acknowledged = self.row(
            form, "consent", "The caller &acknowledged the statement", QCheckBox()
        )
        self.acknowledged.setText("The caller &acknowledged the statement")
        self.read_aloud = self.row(form, "read_aloud", "&Read aloud to the caller", QCheckBox())
        self.read_aloud.setText("&Read aloud to the caller")

    def load(self, state: RegistrationState) -> None:
        self.acknowledged.setChecked(state.acknowledged_at is not None)
        self.read_aloud.setChecked(state.read_aloud)

    def store(self, flow: RegistrationFlow) -> list[FieldError]:
        acknowledged = self.acknowledged.isChecked()
        if acknowledged != (flow.state.acknowledged_at is not None):
            flow.acknowledge(acknowledged, read_aloud=self.read_aloud.isChecked())
        flow.state.read_aloud = self.read_aloud.isChecked()
        return []
