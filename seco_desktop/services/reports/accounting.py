"""The Privacy Act accounting of disclosures of one person's record, as a marked PDF: every
disclosure with its date, nature, purpose and the recipient's name and address. It can be made
for a record already purged (the accounting outlives it)."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Flowable

from seco_desktop.services import disclosures
from seco_desktop.services.disclosures import Accounting
from seco_desktop.services.permissions import Permission
from seco_desktop.services.reports.document import Styles, fields_table, grid_table, section, text
from seco_desktop.services.reports.framework import (
    BuiltReport,
    ReportProgress,
    ReportRecipe,
    produce,
)
from seco_desktop.services.session import Session

KIND = "disclosure-accounting"


def build_accounting_report(
    session: Session, spouse_id: str, progress: ReportProgress | None = None
) -> BuiltReport:
    """The accounting of a spouse's record (``Permission.VIEW_DISCLOSURES``)."""
    found = disclosures.accounting(session, spouse_id)  # checked and audited as a view
    recipe: ReportRecipe[Accounting] = ReportRecipe(
        kind=KIND,
        title="Accounting of disclosures",
        permission=Permission.VIEW_DISCLOSURES,
        collect=lambda _conn: found,
        subtitle=_subtitle,
        story=accounting_story,
    )
    return produce(session, recipe, subject_id=spouse_id, progress=progress)


def _subtitle(data: Accounting) -> str:
    state = "" if data.record_exists else " The record itself has been deleted."
    count = len(data.disclosures)
    return f"{count} disclosure{'s' if count != 1 else ''} recorded (5 U.S.C. 552a(c)).{state}"


def accounting_story(data: Accounting, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        *section("Whose record", styles),
        fields_table([("Name", data.subject_name), ("DoD ID", data.subject_dod_id)], styles),
        *section("Disclosures, oldest first", styles),
    ]
    if not data.disclosures:
        story.append(text("No disclosure of this record has been recorded.", styles.body))
        return story
    rows = [
        (
            d.disclosed_at.strftime("%Y-%m-%d %H:%M UTC"),
            f"{d.recipient_name}\n{d.recipient_address}",
            d.purpose,
            d.nature,
        )
        for d in data.disclosures
    ]
    widths = [1.2 * inch, 2.3 * inch, 1.7 * inch, 1.8 * inch]
    story.append(grid_table(("Date", "Recipient", "Purpose", "Nature"), rows, styles, widths))
    return story
