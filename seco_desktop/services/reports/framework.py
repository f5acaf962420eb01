"""One way to produce any report: check the permission, read in one transaction, lay out.

A report module supplies ``collect`` (store reads into a plain dataclass, inside one read
transaction so the numbers agree with each other) and ``story`` (that dataclass into
flowables). ``produce`` adds the title block, the marking and page numbers and returns
the PDF as bytes; nothing is written to disk here. Every report passes through ``produce``,
so "who generated which report about whom" is audited here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from reportlab.platypus import Flowable
from sqlalchemy import Connection

from seco_desktop.services import audit
from seco_desktop.services.audit import Action
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.reports.document import Heading, Styles, make_styles, render_pdf
from seco_desktop.services.reports.marking import load_marking
from seco_desktop.services.session import Session

D = TypeVar("D")

#: ``progress(done, total, label)``: called between the steps of building a report.
ReportProgress = Callable[[int, int, str], None]
STEPS = 3


@dataclass(frozen=True, slots=True)
class BuiltReport:
    kind: str  # "spouse-summary", "program-report", ...
    title: str
    pdf: bytes
    pages: int
    generated_at: datetime
    subject_id: str | None = None  # the spouse a summary is about; None for program reports

    @property
    def suggested_filename(self) -> str:
        """A file name with no personal data in it (file names end up in recent-file lists)."""
        return f"{self.kind}-{self.generated_at:%Y%m%d-%H%M%S}.pdf"


@dataclass(frozen=True, slots=True)
class ReportRecipe(Generic[D]):
    kind: str
    title: str
    permission: Permission
    collect: Callable[[Connection], D]
    subtitle: Callable[[D], str]
    story: Callable[[D, Styles], list[Flowable]]


def _step(progress: ReportProgress | None, done: int, label: str) -> None:
    if progress is not None:
        progress(done, STEPS, label)


def produce(
    session: Session,
    recipe: ReportRecipe[D],
    *,
    subject_id: str | None = None,
    progress: ReportProgress | None = None,
) -> BuiltReport:
    require(session, recipe.permission, record_id=subject_id or "")
    _step(progress, 0, "Reading the records")
    with session.store.read() as conn:
        data = recipe.collect(conn)
    _step(progress, 1, "Laying out the pages")
    styles = make_styles()
    now = session.clock()
    heading = Heading(
        title=recipe.title,
        subtitle=recipe.subtitle(data),
        generated_by=f"{session.user.display_name} ({session.user.username})",
        generated_at=now,
        marking=load_marking(),
    )
    pdf, pages = render_pdf(heading, recipe.story(data, styles), styles)
    audit.record(
        session, Action.PRINT, record_id=subject_id or "",
        detail={"report": recipe.kind, "pages": pages},
    )  # fmt: skip
    _step(progress, STEPS, "Done")
    return BuiltReport(recipe.kind, recipe.title, pdf, pages, now, subject_id)
