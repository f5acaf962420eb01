"""Registering a spouse on a caller's behalf: the use cases behind the wizard's pages.

The flow itself (steps, validation, navigation) is ``domain.registration``; this module adds what
needs the store: the notice versions, the duplicate check, drafts for a dropped call, and the
commit. Drafts are private to the user who started them (a supervisor does not see an agent's
drafts here; handing a draft over would be a separate, audited function).
"""

from __future__ import annotations

import contextlib

from seco_desktop.domain import codec
from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import Spouse, new_id
from seco_desktop.domain.registration import (
    STATE_FORMAT,
    DuplicateRef,
    FlowError,
    RegistrationFlow,
    RegistrationState,
    Step,
    build_spouse,
)
from seco_desktop.services import audit, notices, records, search
from seco_desktop.services.audit import Action
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session
from seco_desktop.store import drafts, ineligible_calls
from seco_desktop.store.duplicates import DuplicateCandidate
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.ineligible_calls import IneligibleCall

_STEP_LABELS = {
    Step.SCRIPT: "the script",
    Step.ELIGIBILITY: "eligibility",
    Step.INELIGIBLE: "ineligible",
    Step.PROFILE: "step 1 of 3",
    Step.DETAILS: "step 2 of 3",
    Step.CONGRATULATIONS: "step 3 of 3",
}


def start(session: Session) -> RegistrationState:
    """A new registration by the signed-in agent, with the versions of the texts to read."""
    require(session, Permission.REGISTER)
    statement = notices.privacy_act_statement()
    notice = notices.agency_disclosure_notice()
    return RegistrationState(session.user.id, session.clock(), statement.version, notice.version)


def flow(session: Session, state: RegistrationState) -> RegistrationFlow:
    """The flow over ``state`` with the session's rule book and clock (what the pages drive)."""
    return RegistrationFlow(state, session.rulebook, session.clock)


def _label(session: Session, state: RegistrationState) -> str:
    """A drafts-list line with no caller data: when, by whom (staff user name), and where."""
    where = _STEP_LABELS.get(state.step, "the end")
    started = state.started_at.strftime("%Y-%m-%d %H:%M")
    return f"Draft started {started} UTC by {session.user.username}, at {where}"


def save_draft(session: Session, state: RegistrationState) -> str:
    """Save (or update) the draft of this registration, e.g. when the call drops; its id."""
    require(session, Permission.REGISTER)
    _own(session, state)
    if state.draft_id is None:
        state.draft_id = new_id()
    with session.store.write() as conn:
        drafts.save_draft(
            conn,
            state.draft_id,
            session.user.id,
            label=_label(session, state),
            state=codec.dumps(state),
            now=session.clock(),
        )
        audit.record_in(conn, session, Action.DRAFT, detail={"op": "save", "draft": state.draft_id})
    return state.draft_id


def list_drafts(session: Session) -> list[drafts.DraftInfo]:
    """The signed-in user's own drafts, most recent first."""
    require(session, Permission.REGISTER)
    with session.store.read() as conn:
        return drafts.list_drafts(conn, session.user.id)


def resume_draft(session: Session, draft_id: str) -> RegistrationState:
    """The registration exactly as it was saved, at the same step."""
    require(session, Permission.REGISTER)
    with session.store.read() as conn:
        text = drafts.load_draft(conn, draft_id, session.user.id)
    audit.record(session, Action.DRAFT, detail={"op": "resume", "draft": draft_id})
    state = codec.loads(RegistrationState, text)
    if state.format != STATE_FORMAT:
        raise codec.DecodeError("The draft was saved by another version of the application")
    state.draft_id = draft_id
    return state


def discard_draft(session: Session, draft_id: str) -> None:
    """Delete one of the user's drafts (an ineligible caller, or a duplicate opened instead)."""
    require(session, Permission.REGISTER)
    with session.store.write() as conn:
        drafts.delete_draft(conn, draft_id, session.user.id)
        audit.record_in(conn, session, Action.DRAFT, detail={"op": "discard", "draft": draft_id})


def check_duplicates(session: Session, state: RegistrationState) -> list[DuplicateCandidate]:
    """Run the duplicate check the profile page asks for; keeps the answer in ``state``."""
    wizard = flow(session, state)
    query = wizard.duplicate_query()
    found: list[DuplicateCandidate] = []
    if query.keys:
        found = search.find_duplicates(
            session, dod_id=query.dod_id, name=query.name, date_of_birth=query.date_of_birth
        )
    else:
        require(session, Permission.REGISTER)
    wizard.record_duplicates(query, [DuplicateRef(c.spouse.id, list(c.reasons)) for c in found])
    return found


def finish(session: Session, state: RegistrationState) -> Spouse:
    """The one commit: store the spouse (with consent and eligibility decisions), then drop the
    draft. If the record is refused (validation, a DoD ID already registered) nothing is stored
    and the draft stays, so the agent can fix it or resume later."""
    require(session, Permission.REGISTER)
    _own(session, state)
    if state.step is not Step.CONGRATULATIONS:
        raise FlowError("A registration is finished from its last step")
    stored = records.register(session, build_spouse(state))
    if state.draft_id is not None:
        try:
            with session.store.write() as conn:
                drafts.delete_draft(conn, state.draft_id, session.user.id)
        except RecordNotFound:
            pass  # never saved, or already gone: nothing to clean up
    flow(session, state).mark_registered(stored.id)
    return stored


def _own(session: Session, state: RegistrationState) -> None:
    if state.agent_id != session.user.id:
        raise FlowError("This registration was started by another user")


MAX_INELIGIBLE_NOTE = 2_000


def end_ineligible(session: Session, state: RegistrationState) -> str:
    """A caller found not eligible: keep the reasons, the rule set and the agent's note (no
    spouse record is made), and drop the draft, in one transaction. Returns the call's id."""
    require(session, Permission.REGISTER)
    _own(session, state)
    if state.step is not Step.END_INELIGIBLE or state.seco is None:
        raise FlowError("Only a call that ended as not eligible is recorded this way")
    note = state.ineligible_note.strip()
    if len(note) > MAX_INELIGIBLE_NOTE:
        raise ValidationError(
            (
                FieldError(
                    "ineligible_note", f"Note may be at most {MAX_INELIGIBLE_NOTE} characters"
                ),
            )
        )
    call = IneligibleCall(
        new_id(), session.user.id, tuple(state.seco.reasons), state.seco.ruleset_version, note,
        session.clock(),
    )  # fmt: skip
    with session.store.write() as conn:
        ineligible_calls.add_call(conn, call)
        if state.draft_id is not None:
            with contextlib.suppress(RecordNotFound):  # never saved: nothing to clean up
                drafts.delete_draft(conn, state.draft_id, session.user.id)
        audit.record_in(
            conn, session, Action.CREATE, detail={"ineligible_call": call.id, "note": bool(note)}
        )
    return call.id
