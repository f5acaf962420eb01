"""Prints and exports of spouse records: audited, and accounted as disclosures when they go to
someone outside the program. The PDF and file builders call these for the data they render."""

from __future__ import annotations

from dataclasses import dataclass

from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import Spouse
from seco_desktop.services import audit, disclosures
from seco_desktop.services.audit import Action
from seco_desktop.services.disclosures import Disclosure, DisclosureRequest
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.records import RecordView, read_view
from seco_desktop.services.session import Session
from seco_desktop.store import spouses

MAX_EXPORT = 10_000


@dataclass(frozen=True, slots=True)
class PrintJob:
    view: RecordView
    disclosure: Disclosure | None  # set when printed for someone outside the program


@dataclass(frozen=True, slots=True)
class ExportJob:
    spouses: list[Spouse]
    disclosures: list[Disclosure]


def print_record(
    session: Session, spouse_id: str, outside: DisclosureRequest | None = None
) -> PrintJob:
    """The record to print. ``outside``: the recipient's details, required (every field) when
    the print leaves the program; the disclosure is recorded with the print, or neither is."""
    require(session, Permission.PRINT_RECORD, record_id=spouse_id)
    if outside is not None:
        disclosures.check_request(outside)
    with session.store.write() as conn:
        view = read_view(conn, session, spouse_id)
        made = disclosures.record_in(conn, session, view.spouse, outside) if outside else None
        audit.record_in(
            conn, session, Action.PRINT, record_id=spouse_id, detail={"outside": made is not None}
        )
    return PrintJob(view, made)


def export_records(
    session: Session, spouse_ids: list[str], outside: DisclosureRequest | None = None
) -> ExportJob:
    """Records to export (one audit entry each; one disclosure each when ``outside``)."""
    require(session, Permission.EXPORT_RECORDS)
    if not spouse_ids or len(spouse_ids) > MAX_EXPORT:
        raise ValidationError(
            (FieldError("records", f"Choose 1 to {MAX_EXPORT:,} records to export"),)
        )
    if outside is not None:
        disclosures.check_request(outside)
    found: list[Spouse] = []
    made: list[Disclosure] = []
    with session.store.write() as conn:
        for spouse_id in dict.fromkeys(spouse_ids):
            spouse = spouses.get_spouse(conn, spouse_id)
            found.append(spouse)
            if outside is not None:
                made.append(disclosures.record_in(conn, session, spouse, outside))
            audit.record_in(
                conn,
                session,
                Action.EXPORT,
                record_id=spouse_id,
                detail={"outside": outside is not None},
            )
    return ExportJob(found, made)
