"""A spouse's record: register, open, edit, and the casework on it (notes, follow-ups).

Each write validates first (every problem at once, per field), then stores the record and the
eligibility decisions it led to in one transaction: a failure leaves nothing half-written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from seco_desktop.domain.eligibility import Decision, MyCAABalance, balance, decide_all
from seco_desktop.domain.errors import FieldError, InvalidValue, ValidationError
from seco_desktop.domain.models import FollowUp, Note, Spouse
from seco_desktop.domain.normalise import normalise_dod_id
from seco_desktop.domain.reference import ContactType, Program
from seco_desktop.domain.validation import clean_spouse
from seco_desktop.services import audit
from seco_desktop.services.audit import Action, Outcome
from seco_desktop.services.changes import changed_fields
from seco_desktop.services.clock import today
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session
from seco_desktop.store import casework, decisions, spouses
from seco_desktop.store import users as user_rows
from seco_desktop.store.errors import DuplicateRecord, RecordNotFound


@dataclass(frozen=True, slots=True)
class RecordView:
    """Everything a coach sees on one screen, read in one transaction."""

    spouse: Spouse
    decisions: dict[Program, Decision]
    mycaa_balance: MyCAABalance
    notes: list[Note]
    follow_ups: list[FollowUp]
    #: Every decision recorded for the spouse, oldest first, on whichever workstation it was
    #: made (the history syncs): when, and the decision with its rule-set version and reasons.
    history: list[tuple[datetime, Decision]] = dataclasses.field(default_factory=list)


def _decide(session: Session, spouse: Spouse) -> dict[Program, Decision]:
    return decide_all(spouse, today(session.clock), session.rulebook)


def register(session: Session, spouse: Spouse) -> Spouse:
    """Store a new spouse; refuses a DoD ID already on file (the wizard offers that record)."""
    require(session, Permission.REGISTER)
    clean = clean_spouse(spouse, today(session.clock))
    now = session.clock()
    with session.store.write() as conn:
        if spouses.find_id_by_dod_id(conn, clean.dod_id) is not None:
            raise DuplicateRecord("A spouse with this DoD ID is already registered")
        stored = spouses.insert_spouse(conn, clean, now, by=session.user.id)
        decisions.record_decisions(
            conn, stored.id, list(_decide(session, stored).values()), now, by=session.user.id
        )
        audit.record_in(conn, session, Action.CREATE, record_id=stored.id)
    return stored


def edit(session: Session, spouse: Spouse) -> Spouse:
    """Save an edited record; ``StaleRecord`` if someone saved it since it was opened."""
    require(session, Permission.EDIT_RECORD, record_id=spouse.id)
    clean = clean_spouse(spouse, today(session.clock))
    now = session.clock()
    with session.store.write() as conn:
        holder = spouses.find_id_by_dod_id(conn, clean.dod_id)
        if holder is not None and holder != clean.id:
            raise DuplicateRecord("Another spouse is already registered with this DoD ID")
        before = spouses.get_spouse(conn, clean.id)
        stored = spouses.update_spouse(conn, clean, now, by=session.user.id)
        decisions.record_decisions(
            conn, stored.id, list(_decide(session, stored).values()), now, by=session.user.id
        )
        audit.record_in(
            conn,
            session,
            Action.CHANGE,
            record_id=stored.id,
            detail={"fields": changed_fields(before, stored)},
        )
    return stored


def open_record(session: Session, spouse_id: str, notes_since: date | None = None) -> RecordView:
    """The whole record, once the view is in the audit trail (nothing is returned otherwise)."""
    require(session, Permission.VIEW_RECORD, record_id=spouse_id)
    try:
        with session.store.read() as conn:
            view = read_view(conn, session, spouse_id, notes_since)
    except RecordNotFound:
        audit.record(session, Action.VIEW, record_id=spouse_id, outcome=Outcome.FAILED)
        raise
    audit.record(session, Action.VIEW, record_id=spouse_id)
    return view


def read_view(
    conn: Connection, session: Session, spouse_id: str, notes_since: date | None = None
) -> RecordView:
    """Read one record's screen in ``conn``'s transaction (no check, no audit: callers do)."""
    spouse = spouses.get_spouse(conn, spouse_id)
    notes = casework.notes_for(conn, spouse_id, since=notes_since)
    follow_ups = casework.follow_ups_for(conn, spouse_id)
    on = today(session.clock)
    mycaa_rules = session.rulebook.effective(Program.MYCAA, on)
    return RecordView(
        spouse=spouse,
        decisions=_decide(session, spouse),
        mycaa_balance=balance(spouse, on, mycaa_rules),
        notes=notes,
        follow_ups=follow_ups,
        history=decisions.decision_history(conn, spouse_id),
    )


def resolve(session: Session, reference: str) -> str:
    """The record id for a DoD ID (spaces and dashes allowed) or a record id."""
    require(session, Permission.VIEW_RECORD)
    with session.store.read() as conn:
        try:
            dod_id = normalise_dod_id(reference)
        except InvalidValue:
            spouses.get_spouse(conn, reference)  # raises RecordNotFound
            return reference
        found = spouses.find_id_by_dod_id(conn, dod_id)
    audit.record(
        session,
        Action.SEARCH,
        record_id=found or "",
        detail={"kind": "dod_id", "rows": int(found is not None)},
    )
    if found is None:
        raise RecordNotFound("No spouse is registered with this DoD ID")
    return found


def add_note(
    session: Session, spouse_id: str, contact_type: ContactType, topic: str, body: str
) -> Note:
    require(session, Permission.ADD_NOTE, record_id=spouse_id)
    _check_text("topic", topic, 200)
    _check_text("body", body, 10_000)
    note = Note(spouse_id, session.user.id, contact_type, topic.strip(), body, session.clock())
    with session.store.write() as conn:
        casework.add_note(conn, note)
        audit.record_in(conn, session, Action.NOTE, record_id=spouse_id)
    return note


def add_follow_up(
    session: Session, spouse_id: str, due: date, assignee_id: str, description: str
) -> FollowUp:
    require(session, Permission.MANAGE_FOLLOW_UPS, record_id=spouse_id)
    _check_text("description", description, 2_000)
    item = FollowUp(
        spouse_id, due, assignee_id, description.strip(), session.user.id, session.clock()
    )
    with session.store.write() as conn:
        casework.add_follow_up(conn, item)
        audit.record_in(conn, session, Action.FOLLOW_UP, record_id=spouse_id)
    return item


def complete_follow_up(session: Session, follow_up_id: str) -> None:
    require(session, Permission.MANAGE_FOLLOW_UPS)
    with session.store.write() as conn:
        casework.complete_follow_up(conn, follow_up_id, session.clock(), by=session.user.id)
        audit.record_in(conn, session, Action.FOLLOW_UP, detail={"completed": follow_up_id})


def _check_text(field_name: str, value: str, limit: int) -> None:
    if not value.strip():
        raise ValidationError((FieldError(field_name, f"{field_name.capitalize()} is required"),))
    if len(value) > limit:
        raise ValidationError(
            (
                FieldError(
                    field_name, f"{field_name.capitalize()} may be at most {limit} characters"
                ),
            )
        )


def reassign(session: Session, spouse_id: str, coach_id: str | None) -> Spouse:
    """A supervisor moves a case to another coach (or leaves it unassigned)."""
    require(session, Permission.REASSIGN, record_id=spouse_id)
    with session.store.write() as conn:
        if coach_id is not None and coach_id not in {u.id for u in user_rows.list_users(conn)}:
            raise ValidationError((FieldError("coach", "No staff account with this id"),))
        current = spouses.get_spouse(conn, spouse_id)
        stored = spouses.update_spouse(
            conn, dataclasses.replace(current, assigned_coach=coach_id), session.clock()
        )
        audit.record_in(
            conn, session, Action.CHANGE, record_id=spouse_id, detail={"fields": ["assigned_coach"]}
        )
    return stored
