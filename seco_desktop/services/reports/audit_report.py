"""The audit trail as a marked PDF, in the same style as the other reports: who did what, to
which record, when and with what outcome (field names and counts only, never values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import inch
from reportlab.platypus import Flowable

from seco_desktop.services import audit_review
from seco_desktop.services.audit import AuditRow
from seco_desktop.services.permissions import Permission
from seco_desktop.services.reports.document import Styles, grid_table, section, text
from seco_desktop.services.reports.framework import (
    BuiltReport,
    ReportProgress,
    ReportRecipe,
    produce,
)
from seco_desktop.services.session import Session
from seco_desktop.store.audit import AuditFilter

KIND = "audit-report"
MAX_ENTRIES = 20_000


@dataclass(frozen=True, slots=True)
class AuditReportData:
    entries: list[AuditRow]
    since: datetime | None
    until: datetime | None
    truncated: bool


def build_audit_report(
    session: Session,
    since: datetime | None = None,
    until: datetime | None = None,
    progress: ReportProgress | None = None,
) -> BuiltReport:
    """Entries the user may see (supervisors: their team; administrators: everyone), oldest
    first (``Permission.VIEW_TEAM_AUDIT``)."""
    found = audit_review.entries(
        session, AuditFilter(since=since, until=until), limit=MAX_ENTRIES + 1
    )
    data = AuditReportData(
        list(reversed(found[:MAX_ENTRIES])), since, until, len(found) > MAX_ENTRIES
    )
    recipe: ReportRecipe[AuditReportData] = ReportRecipe(
        kind=KIND,
        title="Audit trail",
        permission=Permission.VIEW_TEAM_AUDIT,
        collect=lambda _conn: data,
        subtitle=_subtitle,
        story=audit_story,
    )
    return produce(session, recipe, progress=progress)


def _subtitle(data: AuditReportData) -> str:
    since = data.since.strftime("%Y-%m-%d") if data.since else "the first entry"
    until = data.until.strftime("%Y-%m-%d") if data.until else "now"
    more = f" Only the newest {MAX_ENTRIES:,} are listed." if data.truncated else ""
    return f"From {since} to {until}, times in UTC: {len(data.entries):,} entries.{more}"


def audit_story(data: AuditReportData, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [*section("Entries, oldest first", styles)]
    if not data.entries:
        story.append(text("No audit entries in this period.", styles.body))
        return story
    rows = [
        (e.seq, e.at.strftime("%Y-%m-%d %H:%M:%S"), f"{e.actor} ({e.role})", e.action,
         e.record_id, e.outcome, e.detail)
        for e in data.entries
    ]  # fmt: skip
    widths = [
        0.45 * inch,
        1.1 * inch,
        1.1 * inch,
        0.95 * inch,
        1.35 * inch,
        0.7 * inch,
        1.35 * inch,
    ]
    header = ("No.", "When", "Who", "Action", "Record", "Outcome", "Detail")
    story.append(grid_table(header, rows, styles, widths))
    return story
