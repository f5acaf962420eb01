"""The synced tables as documents: read a record as a JSON-ready dict, apply one from central.

A document is ``{"deleted": bool, "body": {...}}``; the body is the record's codec dict
(``domain.codec``) without what is only local (a spouse's local ``row_version``, a user's last
sign-in). Applying never writes the outbox: it is how central changes arrive.
Notes are append-only: an existing note is never rewritten.

An account's lock and disable decisions (``account_state``, record id = the user id) are a
document of their own: applying one *joins* it with the local decisions
(``domain.account_control``: the newest stamp of each kind), so no order of arrival can lift a
newer lock. A sync conflict (``CONFLICT``, ``store.conflicts``) is joined the same way: the
facts of the earlier detection and every resolution given (``domain.sync_conflict``).
A record removed by a retention purge reads as a *tombstone*:
``{"deleted": true, "body": {"id", "purged": {"at", "cutoff", "spouse_id"}}}``, no personal
data (``services.purge_sync`` applies one). A user document does not carry ``disabled``: an
administrator's decision travels in the account document, and inactivity is each
workstation's own finding. Rule sets and decision events are append-only documents
(``store.sync_appended``): applying one that is here already changes nothing.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Connection, insert, select, update

from seco_desktop.domain import codec
from seco_desktop.domain.account_control import AccountControl
from seco_desktop.domain.models import FollowUp, Note, Spouse, User
from seco_desktop.domain.reference import ContactType, Role
from seco_desktop.domain.sync_conflict import join_bodies as join_conflicts
from seco_desktop.store import (
    account_control,
    json_rows,
    spouse_bulk,
    spouse_columns,
    sync_appended,
)
from seco_desktop.store import conflicts as conflict_rows
from seco_desktop.store.id_lists import one_of
from seco_desktop.store.schema import app_user, follow_up, note, purged_record, spouse
from seco_desktop.store.spouse_bulk import SpouseValues

SPOUSE, NOTE, FOLLOW_UP, USER = "spouse", "note", "follow_up", "app_user"
#: Push and apply order: users before the spouses they coach, spouses before their casework.
TABLES = (USER, SPOUSE, NOTE, FOLLOW_UP)
#: An account's synced lock and disable decisions; merged by joining, never three-way.
ACCOUNT = "account_state"
#: A sync conflict kept for review (``store.conflicts``); merged by joining as well.
CONFLICT = "sync_conflict"
JOINED = frozenset({ACCOUNT, CONFLICT})
#: Append-only documents, never merged (rule sets, decision events: ``store.sync_appended``).
RULESET, DECISION = sync_appended.RULESET, sync_appended.DECISION
APPENDED = frozenset({RULESET, DECISION})
#: Casework: records of a spouse that travel and are purged with it.
CASEWORK = (NOTE, FOLLOW_UP, DECISION)

Doc = dict[str, Any]


class UnknownTable(ValueError):
    pass


def read_doc(conn: Connection, tbl: str, record_id: str) -> Doc | None:
    """The local record as a document, or None if this workstation does not have it."""
    if tbl == SPOUSE:
        row = conn.execute(
            select(spouse.c.profile, spouse.c.deleted).where(spouse.c.id == record_id)
        ).first()
        if row is None:
            return purged_doc(conn, tbl, record_id)
        body = json.loads(row.profile)
        body.pop("row_version", None)
        return {"deleted": bool(row.deleted), "body": body}
    if tbl == ACCOUNT:
        decisions = account_control.load(conn, record_id)
        if decisions == AccountControl():
            return None
        return {"deleted": False, "body": decisions.to_body(record_id)}
    if tbl == CONFLICT:
        body = conflict_rows.read_body(conn, record_id)
        return (
            purged_doc(conn, tbl, record_id) if body is None else {"deleted": False, "body": body}
        )
    if tbl in APPENDED:
        read = sync_appended.read_ruleset if tbl == RULESET else sync_appended.read_decision_event
        appended = read(conn, record_id)
        if appended is None:
            return purged_doc(conn, tbl, record_id)
        return {"deleted": False, "body": appended}
    table, cls = _plain(tbl)
    found = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if found is None:
        return purged_doc(conn, tbl, record_id)
    body = codec.to_dict(_build(cls, dict(found)))
    body.pop("last_sign_in_at", None)
    if tbl == USER:
        body.pop("disabled", None)  # travels in the account document (see above)
    return {"deleted": False, "body": body}


def purged_doc(conn: Connection, tbl: str, record_id: str) -> Doc | None:
    """The tombstone of a record a retention purge removed here, or None."""
    row = conn.execute(
        select(purged_record).where(
            purged_record.c.tbl == tbl, purged_record.c.record_id == record_id
        )
    ).first()
    if row is None:
        return None
    purged = {"at": row.purged_at.isoformat(), "cutoff": row.cutoff.isoformat(),
              "spouse_id": row.spouse_id}  # fmt: skip
    return {"deleted": True, "body": {"id": record_id, "purged": purged}}


def is_purge(doc: Doc) -> bool:
    """Whether a document is a retention purge's tombstone."""
    return bool(doc.get("deleted")) and isinstance(doc["body"].get("purged"), dict)


def apply_doc(conn: Connection, tbl: str, record_id: str, doc: Doc) -> None:
    """Make the local record equal to ``doc`` (insert, replace, or tombstone)."""
    body = doc["body"]
    if body.get("id") != record_id:
        raise ValueError("The document belongs to another record")
    if tbl == SPOUSE:
        _apply_spouse(conn, record_id, body, bool(doc.get("deleted")))
        return
    if tbl == ACCOUNT:
        arrived = AccountControl.from_body(body)
        joined = account_control.load(conn, record_id).join(arrived)
        account_control.save(conn, record_id, joined, joined_at(joined))
        return
    if tbl == CONFLICT:
        conflict_rows.save_body(conn, body)  # joined with the copy held here
        return
    if tbl in APPENDED:
        _apply_appended(conn, tbl, record_id, doc)
        return
    table, cls = _plain(tbl)
    row = _row_of(tbl, codec.from_dict(cls, body))
    exists = conn.execute(select(table.c.id).where(table.c.id == record_id)).first() is not None
    if not exists:
        conn.execute(insert(table).values(**row))
    elif tbl != NOTE:  # notes are append-only
        row.pop("last_sign_in_at", None)
        if tbl == USER:
            row.pop("disabled", None)
        conn.execute(update(table).where(table.c.id == record_id).values(**row))
    if tbl in (NOTE, FOLLOW_UP):
        _touch(conn, row["spouse_id"], row.get("done_at") or row["created_at"])


def _apply_appended(conn: Connection, tbl: str, record_id: str, doc: Doc) -> None:
    """Insert an append-only document this workstation does not hold; one held stays as it is
    (a rule set's clash is ``services.ruleset_sync``'s to decide, before this is called)."""
    if tbl == DECISION:
        if not sync_appended.existing_events(conn, [record_id]):
            sync_appended.insert_decision_events(conn, [(record_id, doc)])
    elif sync_appended.read_ruleset(conn, record_id) is None:
        sync_appended.insert_ruleset(conn, doc["body"], None)


def _touch(conn: Connection, spouse_id: str, at: datetime | None) -> None:
    """Casework or an edit made on another workstation is activity here too (retention counts
    3 years from the office's last activity on a record, not this workstation's)."""
    if at is not None:
        spouse_bulk.touch(conn, spouse_id, at)


def join_docs(tbl: str, ours: Doc | None, theirs: Doc) -> Doc:
    """Merge two copies of a joined document (``JOINED``): both sides' decisions together."""
    if tbl == CONFLICT:
        mine = ours["body"] if ours is not None and not ours["deleted"] else theirs["body"]
        return {"deleted": False, "body": join_conflicts(mine, theirs["body"])}
    if tbl != ACCOUNT:
        raise UnknownTable(f"Table {tbl!r} is not merged by joining")
    record_id = theirs["body"]["id"]
    joined = AccountControl.from_body(theirs["body"])
    if ours is not None:
        joined = AccountControl.from_body(ours["body"]).join(joined)
    return {"deleted": False, "body": joined.to_body(record_id)}


def joined_at(decisions: AccountControl) -> datetime:
    """When a set of decisions took effect: its newest stamp (sessions ended by it say so)."""
    stamps = [decisions.locked_at, decisions.unlocked_at, decisions.disabled_at,
              decisions.enabled_at]  # fmt: skip
    return max((s for s in stamps if s is not None), default=datetime(1970, 1, 1))


def _apply_spouse(conn: Connection, record_id: str, body: dict[str, Any], deleted: bool) -> None:
    current = conn.exec_driver_sql(
        "SELECT row_version FROM spouse WHERE id = ?", (record_id,)
    ).scalar()
    version = 1 if current is None else int(current) + 1
    record = codec.from_dict(Spouse, body | {"row_version": version})
    row = spouse_columns.search_columns(record)
    row.update(
        profile=codec.dumps(record),
        row_version=version,
        updated_at=record.updated_at or record.created_at,
        deleted=deleted,
    )
    if current is None:
        row.update(
            id=record_id,
            created_at=record.created_at or record.updated_at,
            last_activity_at=record.updated_at or record.created_at,
        )
        conn.execute(insert(spouse).values(**row))
    else:
        spouse_bulk.update_row(conn, record_id, row)
        _touch(conn, record_id, record.updated_at)


def _plain(tbl: str) -> tuple[Any, type]:
    if tbl == NOTE:
        return note, Note
    if tbl == FOLLOW_UP:
        return follow_up, FollowUp
    if tbl == USER:
        return app_user, User
    raise UnknownTable(f"Table {tbl!r} is not synced")


def _build(cls: type, row: dict[str, Any]) -> Any:
    if cls is Note:
        row["contact_type"] = ContactType(row["contact_type"])
    if cls is User:
        row["role"] = Role(row["role"])
    return cls(**row)


def _row_of(tbl: str, record: Any) -> dict[str, Any]:
    row = dataclasses.asdict(record)
    if tbl == NOTE:
        row["contact_type"] = record.contact_type.value
    if tbl == USER:
        row["role"] = record.role.value
    return row


@dataclass(frozen=True, slots=True)
class SpouseText:
    """A spouse as a push needs it: the profile JSON as stored, and the blind-index inputs."""

    profile: str
    deleted: bool
    dod_id: str
    last_key: str


_SPOUSE_TEXTS_IN = json_rows.select_packed(
    ["id", "profile", "deleted", "dod_id", "last_key"],
    "SELECT id, profile, deleted, dod_id, last_key FROM spouse "
    "WHERE id IN (SELECT value FROM json_each(?))",
)


def read_spouse_texts(conn: Connection, ids: list[str]) -> dict[str, SpouseText]:
    """Several spouses in one step (``json_rows``), their profiles left as text (a push
    batch)."""
    rows = json_rows.rows(conn, _SPOUSE_TEXTS_IN, (json.dumps(ids),))
    return {rid: SpouseText(profile, bool(deleted), dod_id, last_key)
            for rid, profile, deleted, dod_id, last_key in rows}  # fmt: skip


def insert_new_spouses(
    conn: Connection, docs: list[tuple[str, Doc]], built: Mapping[str, SpouseValues] | None = None
) -> None:
    """Spouses this workstation does not have yet, in one executemany (a bootstrap page).

    ``built`` holds rows :func:`new_spouse_values` already made (off the writer thread), by id.
    :class:`codec.DecodeError` if a body does not have a spouse's shape.
    """
    ready = built or {}
    spouse_bulk.insert_values(
        conn, [ready.get(record_id) or new_spouse_values(record_id, doc) for record_id, doc in docs]
    )


def new_spouse_values(record_id: str, doc: Doc) -> SpouseValues:
    """:func:`new_spouse_row` as the driver's parameter tuple (``store.spouse_bulk``)."""
    return spouse_bulk.values_of(new_spouse_row(record_id, doc))


def new_spouse_row(record_id: str, doc: Doc) -> dict[str, Any]:
    """The ``spouse`` row of a document from central, stamped version 1: the profile is the
    payload's own codec JSON (no dataclass round trip)."""
    body = doc["body"]
    if body.get("id") != record_id:
        raise ValueError("The document belongs to another record")
    try:
        row = spouse_columns.search_columns_of_body(body)
        created = _when(body.get("created_at") or body.get("updated_at"))
        updated = _when(body.get("updated_at") or body.get("created_at"))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise codec.DecodeError(
            "A spouse record from the central store does not have the expected shape"
        ) from None
    # The same text as ``codec.dumps`` (compact, keys sorted, UTF-8), at 7x json's speed.
    profile = orjson.dumps(body | {"row_version": 1}, option=orjson.OPT_SORT_KEYS).decode()
    row.update(
        id=record_id, profile=profile, row_version=1, created_at=created,
        updated_at=updated, last_activity_at=updated, deleted=bool(doc.get("deleted")),
    )  # fmt: skip
    return row


def _when(text: object) -> datetime:
    if not isinstance(text, str):
        raise TypeError("expected a time stamp")
    return datetime.fromisoformat(text)


_SPOUSES_IN = json_rows.select_packed(
    ["id"], "SELECT id FROM spouse WHERE id IN (SELECT value FROM json_each(?))"
)


def existing_spouses(conn: Connection, ids: list[str]) -> set[str]:
    """Which of ``ids`` this workstation has (live or tombstoned); one step for a whole pull
    page (``json_rows``), most of which a workstation's own pushes coming back hold here."""
    if not ids:
        return set()
    return {str(rid) for (rid,) in json_rows.rows(conn, _SPOUSES_IN, (json.dumps(ids),))}


def spouses_by_dod_id(conn: Connection, dod_ids: list[str]) -> dict[str, list[str]]:
    """Live spouse ids per DoD ID (oldest first), for the given DoD IDs."""
    found: dict[str, list[str]] = {}
    rows = conn.execute(
        select(spouse.c.id, spouse.c.dod_id)
        .where(one_of(spouse.c.dod_id, dod_ids), spouse.c.deleted.is_(False))
        .order_by(spouse.c.seq)  # the oldest first
    )
    for r in rows:
        found.setdefault(r.dod_id, []).append(r.id)
    return found


def shared_dod_ids(conn: Connection, dod_ids: list[str]) -> set[str]:
    """Which of ``dod_ids`` more than one spouse row holds (live or tombstoned). Answered from
    the DoD-ID index alone, so no row page is read and decrypted: a push asks this for every
    spouse with a duplicate candidate, and almost none has a duplicate."""
    if not dod_ids:
        return set()
    rows = conn.exec_driver_sql(
        "SELECT dod_id FROM spouse WHERE dod_id IN (SELECT value FROM json_each(?)) "
        "GROUP BY dod_id HAVING count(*) > 1",
        (json.dumps(dod_ids),),
    ).all()
    return {str(r.dod_id) for r in rows}


def live_dod_ids(conn: Connection, ids: list[str]) -> dict[str, str]:
    """The DoD ID of each live spouse of ``ids``."""
    if not ids:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT id, dod_id FROM spouse WHERE id IN (SELECT value FROM json_each(?)) "
        "AND deleted = 0",
        (json.dumps(ids),),
    ).all()
    return {str(r.id): str(r.dod_id) for r in rows}
