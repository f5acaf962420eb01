"""Writing the audit trail from the services, and reading it back (view, export, verify).

Every entry says who (user id, user name, role), what (``Action``), which record, when (UTC)
and with what outcome; ``detail`` holds field names, counts or a query's *kind*, never values.
Changes write their entry in the same transaction as the change (:func:`record_in`); reads
write theirs after reading and hand nothing back if it cannot be written
(:class:`AuditUnavailable`), so the UI never shows personal data that went unrecorded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from seco_desktop.domain.models import User
from seco_desktop.security.audit_chain import (
    GENESIS,
    AuditDraft,
    AuditEntry,
    ChainPoint,
    ChainProblem,
    derive_audit_key,
    seal_entry,
    verify_chain,
)
from seco_desktop.services.clock import Clock
from seco_desktop.store import audit as rows
from seco_desktop.store.errors import StoreError
from seco_desktop.store.store import Store


class Action(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_UNLOCKED = "account_unlocked"
    ACCOUNT_DISABLED = "account_disabled"
    SESSION_LOCKED = "session_locked"
    SESSION_UNLOCKED = "session_unlocked"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 (an action name)
    VIEW = "view"
    SEARCH = "search"
    CREATE = "create"
    CHANGE = "change"
    DRAFT = "registration_draft"
    NOTE = "note"
    FOLLOW_UP = "follow_up"
    PRINT = "print"
    EXPORT = "export"
    DISCLOSURE = "disclosure"
    PURGE = "purge"
    HOLD = "retention_hold"
    USER_ADDED = "user_added"
    USER_RENAMED = "user_renamed"
    ROLE_CHANGE = "role_change"
    TEAM_CHANGE = "team_change"
    KEY_OPERATION = "key_operation"
    RULESET_ADDED = "ruleset_added"
    AUDIT_VERIFY = "audit_verify"
    REFUSED = "refused"


class Outcome(StrEnum):
    OK = "ok"
    DENIED = "denied"  # the role may not do it
    FAILED = "failed"  # tried and did not work (wrong password, not found, invalid)


class AuditUnavailable(StoreError):
    """The audit trail cannot be written: the service refuses rather than act unrecorded."""

    def __init__(self) -> None:
        super().__init__(
            "The audit trail could not be written, so records are hidden and changes refused; "
            "check the disk and the store file, then sign in again"
        )


class Actor(Protocol):
    """What the audit needs of a session (``services.session.Session`` fits)."""

    @property
    def user(self) -> User: ...
    @property
    def store(self) -> Store: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def audit_key(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One entry as the audit view and exports show it (no MACs)."""

    seq: int
    at: datetime
    actor: str
    role: str
    action: str
    record_id: str
    outcome: str
    detail: str


def audit_key_for(index_key: bytes) -> bytes:
    return derive_audit_key(index_key)


def _detail(detail: Mapping[str, Any] | None) -> str:
    return json.dumps(dict(detail or {}), sort_keys=True, separators=(",", ":"))


def _entry(row: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(**{k: row[k] for k in rows.COLUMNS})


def append_draft(conn: Connection, key: bytes, draft: AuditDraft) -> AuditEntry:
    """Seal ``draft`` onto the chain's end inside ``conn``'s (write) transaction."""
    last = rows.last_row(conn)
    previous = GENESIS if last is None else ChainPoint(last["seq"], bytes(last["mac"]))
    entry = seal_entry(key, previous, draft)
    rows.append(conn, {k: getattr(entry, k) for k in rows.COLUMNS})
    return entry


def draft_for(
    actor: Actor,
    action: Action,
    *,
    record_id: str = "",
    outcome: Outcome = Outcome.OK,
    detail: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditDraft:
    user = actor.user
    return AuditDraft(
        at=at or actor.clock(),
        actor_id=user.id,
        actor=user.username,
        role=user.role.value,
        action=action.value,
        record_id=record_id,
        outcome=outcome.value,
        detail=_detail(detail),
    )


def record_in(
    conn: Connection,
    actor: Actor,
    action: Action,
    *,
    record_id: str = "",
    outcome: Outcome = Outcome.OK,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Append an entry inside the caller's write transaction (it commits with the change)."""
    draft = draft_for(actor, action, record_id=record_id, outcome=outcome, detail=detail)
    try:
        append_draft(conn, actor.audit_key, draft)
    except SQLAlchemyError as exc:
        raise AuditUnavailable() from exc


def record(
    actor: Actor,
    action: Action,
    *,
    record_id: str = "",
    outcome: Outcome = Outcome.OK,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Append an entry in its own transaction; :class:`AuditUnavailable` if it cannot."""
    try:
        with actor.store.write() as conn:
            record_in(conn, actor, action, record_id=record_id, outcome=outcome, detail=detail)
    except SQLAlchemyError as exc:  # BEGIN or COMMIT failed (read-only, disk full, locked)
        raise AuditUnavailable() from exc


def entries(conn: Connection) -> Iterator[AuditEntry]:
    for row in rows.all_rows(conn):
        yield _entry(row)


def verify_store(conn: Connection, key: bytes) -> tuple[int, list[ChainProblem]]:
    """Check the whole stored chain against its recorded head: (entries checked, problems)."""
    head = rows.recorded_head(conn)
    count = 0

    def counted() -> Iterator[AuditEntry]:
        nonlocal count
        for entry in entries(conn):
            count += 1
            yield entry

    problems = verify_chain(
        counted(), key, head=GENESIS if head is None else ChainPoint(head[0], head[1])
    )
    return count, problems


def head(conn: Connection) -> ChainPoint:
    """The chain's head, for sync to anchor in the central store."""
    recorded = rows.recorded_head(conn)
    return GENESIS if recorded is None else ChainPoint(recorded[0], recorded[1])


def to_row(raw: Mapping[str, Any]) -> AuditRow:
    return AuditRow(
        raw["seq"],
        raw["at"],
        raw["actor"],
        raw["role"],
        raw["action"],
        raw["record_id"],
        raw["outcome"],
        raw["detail"],
    )
