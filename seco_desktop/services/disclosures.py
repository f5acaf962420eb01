"""Privacy Act accounting of disclosures (5 U.S.C. 552a(c)).

A print or export for someone outside the program is a disclosure: it is refused unless the
recipient's name and address, the purpose and the nature are given, and it is recorded (with
its audit entry) in the same transaction. The accounting of a person's record is kept for at
least 5 years or the life of the record, whichever is longer, and survives the record's purge.
When a record is corrected, :func:`recipients_to_notify` lists everyone it was disclosed to.

Plain dataclasses only, for the PDF builders and the UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import Spouse, new_id
from seco_desktop.services import audit
from seco_desktop.services.audit import Action
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session
from seco_desktop.store import disclosures as rows
from seco_desktop.store import spouses
from seco_desktop.store.errors import RecordNotFound

#: The minimum an accounting is kept, even after its record is purged.
KEEP_FOR = timedelta(days=5 * 365 + 2)  # five years, leap days included
_LIMITS = {"recipient_name": 200, "recipient_address": 500, "purpose": 500, "nature": 500}
_LABELS = {
    "recipient_name": "Recipient's name",
    "recipient_address": "Recipient's address",
    "purpose": "Purpose of the disclosure",
    "nature": "Nature of the disclosure",
}


@dataclass(frozen=True, slots=True)
class DisclosureRequest:
    """What the person printing or exporting for an outside recipient must give."""

    recipient_name: str
    recipient_address: str
    purpose: str
    nature: str  # what was disclosed and how (e.g. "summary of record, printed, by mail")


@dataclass(frozen=True, slots=True)
class Disclosure:
    id: str
    spouse_id: str
    subject_name: str
    subject_dod_id: str
    disclosed_at: datetime
    recipient_name: str
    recipient_address: str
    purpose: str
    nature: str
    recorded_by: str
    record_purged_at: datetime | None


@dataclass(frozen=True, slots=True)
class Accounting:
    """Every disclosure of one person's record, oldest first."""

    spouse_id: str
    subject_name: str
    subject_dod_id: str
    record_exists: bool
    disclosures: list[Disclosure]


def check_request(request: DisclosureRequest) -> DisclosureRequest:
    """Every missing or over-long field at once, by name; the trimmed request otherwise."""
    problems = []
    values = {}
    for name, limit in _LIMITS.items():
        value = (
            " ".join(str(getattr(request, name)).split())
            if name != "recipient_address"
            else (str(getattr(request, name)).strip())
        )
        if not value:
            problems.append(FieldError(name, f"{_LABELS[name]} is required for a disclosure"))
        elif len(value) > limit:
            problems.append(FieldError(name, f"{_LABELS[name]} may be at most {limit} characters"))
        values[name] = value
    if problems:
        raise ValidationError(tuple(problems))
    return DisclosureRequest(**values)


def record_in(
    conn: Connection, session: Session, spouse: Spouse, request: DisclosureRequest
) -> Disclosure:
    """Record a disclosure inside the caller's transaction (a print or export)."""
    clean = check_request(request)
    item = Disclosure(
        id=new_id(),
        spouse_id=spouse.id,
        subject_name=spouse.name.display(),
        subject_dod_id=spouse.dod_id,
        disclosed_at=session.clock(),
        recipient_name=clean.recipient_name,
        recipient_address=clean.recipient_address,
        purpose=clean.purpose,
        nature=clean.nature,
        recorded_by=session.user.id,
        record_purged_at=None,
    )
    rows.add(conn, _row(item))
    audit.record_in(
        conn, session, Action.DISCLOSURE, record_id=spouse.id, detail={"disclosure": item.id}
    )
    return item


def record_disclosure(session: Session, spouse_id: str, request: DisclosureRequest) -> Disclosure:
    """Record a disclosure made outside a print or export (a phone call, a letter)."""
    require(session, Permission.RECORD_DISCLOSURE, record_id=spouse_id)
    check_request(request)  # field errors before anything is read
    with session.store.write() as conn:
        spouse = spouses.get_spouse(conn, spouse_id)
        return record_in(conn, session, spouse, request)


def accounting(session: Session, spouse_id: str) -> Accounting:
    """The per-person accounting, also for a record already purged."""
    require(session, Permission.VIEW_DISCLOSURES, record_id=spouse_id)
    with session.store.read() as conn:
        found = [_item(r) for r in rows.for_spouse(conn, spouse_id)]
        try:
            spouse: Spouse | None = spouses.get_spouse(conn, spouse_id)
        except RecordNotFound:
            spouse = None
    if spouse is None and not found:
        raise RecordNotFound("No record and no disclosure with this id")
    audit.record(session, Action.VIEW, record_id=spouse_id, detail={"accounting": len(found)})
    name = spouse.name.display() if spouse else found[-1].subject_name
    dod_id = spouse.dod_id if spouse else found[-1].subject_dod_id
    return Accounting(spouse_id, name, dod_id, spouse is not None, found)


def recipients_to_notify(session: Session, spouse_id: str) -> list[Disclosure]:
    """After a correction: every past recipient of the record, oldest first, one per name and
    address (the latest disclosure to each)."""
    require(session, Permission.EDIT_RECORD, record_id=spouse_id)
    with session.store.read() as conn:
        found = [_item(r) for r in rows.for_spouse(conn, spouse_id)]
    latest: dict[tuple[str, str], Disclosure] = {}
    for item in found:
        latest[(item.recipient_name.casefold(), item.recipient_address.casefold())] = item
    audit.record(session, Action.VIEW, record_id=spouse_id, detail={"notify": len(latest)})
    return sorted(latest.values(), key=lambda d: d.disclosed_at)


def _row(d: Disclosure) -> dict[str, object]:
    return {name: getattr(d, name) for name in Disclosure.__slots__}


def _item(row: dict[str, object]) -> Disclosure:
    return Disclosure(**row)  # type: ignore[arg-type]
