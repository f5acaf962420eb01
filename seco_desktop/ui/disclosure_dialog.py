"""The Privacy Act disclosure step: before a copy of a spouse's record leaves the program, the
recipient's name and address, the purpose and the nature of the disclosure are recorded in the
accounting of disclosures. Without them the copy is not released."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import ValidationError
from seco_desktop.services import disclosures
from seco_desktop.services.disclosures import DisclosureRequest
from seco_desktop.services.reports.framework import BuiltReport
from seco_desktop.services.session import Session
from seco_desktop.ui.field_errors import FieldErrors, error_label
from seco_desktop.ui.report_dialog import DisclosureStep

EXPLANATION = (
    "This copy is for someone outside the program. The Privacy Act requires an accounting of "
    "the disclosure: who received it, where, why, and what was disclosed. The spouse may ask "
    "to see this accounting."
)


class DisclosureDialog(QDialog):
    """Asks for the recipient, address, purpose and nature; records them on Record."""

    def __init__(
        self, session: Session, spouse_id: str, nature: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a Privacy Act disclosure")
        self._session, self._spouse_id = session, spouse_id
        self.recorded: disclosures.Disclosure | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(EXPLANATION, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form_message = error_label(self)
        self.form_message.setAccessibleName("Disclosure problems")
        layout.addWidget(self.form_message)
        self._problems = FieldErrors(self.form_message)
        form = QFormLayout()
        layout.addLayout(form)
        add = self._problems.add_row
        self.name = add(self, form, "recipient_name", "Recipient's &name", QLineEdit())
        self.address = add(
            self, form, "recipient_address", "Recipient's &address",
            QPlainTextEdit(tabChangesFocus=True),
        )  # fmt: skip
        self.address.setMaximumHeight(80)
        self.purpose = add(self, form, "purpose", "&Purpose", QLineEdit())
        self.nature = add(self, form, "nature", "Na&ture of the disclosure", QLineEdit(nature))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.record_button = buttons.addButton(
            "&Record and release", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.record_button.setAccessibleName("Record the disclosure and release the copy")
        self.record_button.setDefault(True)
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name.setFocus()

    def request(self) -> DisclosureRequest:
        return DisclosureRequest(
            recipient_name=self.name.text(),
            recipient_address=self.address.toPlainText(),
            purpose=self.purpose.text(),
            nature=self.nature.text(),
        )

    def record(self) -> None:
        """Record the disclosure (a small write; the dialog is waiting for it anyway)."""
        try:
            self.recorded = disclosures.record_disclosure(
                self._session, self._spouse_id, self.request()
            )
        except ValidationError as refused:
            first = self._problems.show(refused.errors)
            if first is not None:
                first.setFocus()
            return
        self.accept()


def disclosure_step(session: Session) -> DisclosureStep:
    """The report dialog's hook: a copy of a spouse's summary for someone outside the program is
    released only once its disclosure is recorded. Program reports hold counts, not records."""

    def step(parent: QWidget, report: BuiltReport) -> bool:
        if report.subject_id is None:
            return True
        nature = f"{report.title} (PDF, {report.pages} page{'s' if report.pages != 1 else ''})"
        dialog = DisclosureDialog(session, report.subject_id, nature, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    return step
