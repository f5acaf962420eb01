"""What a person sees of sync: its status, and the conflicts to review (keep or restore).

Restoring is one step: the losing value goes back into the record as a normal, queued edit
(so every workstation gets it at the next sync) and the conflict is marked restored, in one
transaction. Conflicts are shared documents (``store.conflicts``): every workstation lists the
same ones, and a resolution is queued for the central store like any change, so it closes the
conflict on every desk (``domain.sync_conflict`` decides between two made offline).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from seco_desktop.domain.merge import MISSING, set_path
from seco_desktop.domain.models import FollowUp, new_id
from seco_desktop.domain.sync_conflict import Resolution
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session
from seco_desktop.services.sync import (
    META_LAST_SUCCESS,
    META_LAST_USN,
    META_WORKSTATION,
    workstation_id,
)
from seco_desktop.services.sync_setup import META_CENTRAL_URL
from seco_desktop.store import casework, outbox, spouses, users
from seco_desktop.store import conflicts as rows
from seco_desktop.store.conflicts import Conflict
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.meta import get_meta
from seco_desktop.store.sync_tables import CONFLICT, SPOUSE, apply_doc, read_doc

ALREADY_RESOLVED = "This conflict was resolved already (perhaps on another desk)"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    configured: bool
    pending: int  # records changed here and not yet acknowledged by the central store
    conflicts: int  # open conflicts and duplicates to review
    last_success: datetime | None
    last_usn: int


def status(session: Session) -> SyncStatus:
    require(session, Permission.SYNC)
    with session.store.read() as conn:
        last = get_meta(conn, META_LAST_SUCCESS)
        return SyncStatus(
            configured=get_meta(conn, META_CENTRAL_URL) is not None,
            pending=outbox.pending_count(conn),
            conflicts=rows.open_count(conn),
            last_success=datetime.fromisoformat(last) if last else None,
            last_usn=int(get_meta(conn, META_LAST_USN) or 0),
        )


@dataclass(frozen=True, slots=True)
class ConflictItem:
    """A conflict as the review view shows it: names instead of ids."""

    conflict: Conflict
    record_label: str  # the spouse's name, or the kind of record
    kept_by: str  # display name of who entered the kept value ("" if unknown)
    lost_by: str
    found_here: bool = True  # found by this workstation's sync (else by another one's)
    #: Every resolution given, in force first: (resolution, display name, when, in force).
    resolutions: tuple[tuple[str, str, datetime, bool], ...] = ()


def review_items(session: Session, *, resolved: bool = False) -> list[ConflictItem]:
    """Open conflicts (oldest first) or, with ``resolved``, closed ones (latest first), with
    the record's name, who entered each value and where it was found."""
    require(session, Permission.SYNC)
    with session.store.read() as conn:
        here = get_meta(conn, META_WORKSTATION) or ""  # none yet: nothing came from elsewhere
        found = rows.resolved_conflicts(conn) if resolved else rows.open_conflicts(conn)
        names = {u.id: u.display_name for u in users.list_users(conn)}
        items = []
        for c in found:
            history = sorted(c.history(), key=Resolution.rank)
            given = tuple(
                (r.resolution, names.get(r.by, ""), r.at, i == 0) for i, r in enumerate(history)
            )
            items.append(
                ConflictItem(
                    c, _label(conn, c), names.get(c.kept_by, ""), names.get(c.lost_by, ""),
                    c.detected_ws in ("", here), given,
                )
            )  # fmt: skip
        return items


def _label(conn: Connection, c: Conflict) -> str:
    if c.kind == "ruleset":  # the rule set the clash is about: the one that lost
        lost = json.loads(c.lost_value)
        version = lost.get("version") if isinstance(lost, dict) else None
        return f"Rule set {version}" if version else "A rule set"
    if c.tbl != SPOUSE:
        return c.tbl.replace("_", " ")
    doc = read_doc(conn, SPOUSE, c.record_id)
    if doc is None:
        return "a spouse record"
    name = doc["body"].get("name", {})
    return f"{name.get('last', '')}, {name.get('first', '')}".strip(", ")


def open_conflicts(session: Session) -> list[Conflict]:
    require(session, Permission.SYNC)
    with session.store.read() as conn:
        return rows.open_conflicts(conn)


def keep(session: Session, conflict_id: str) -> None:
    """Accept the value that won; the conflict leaves the review list."""
    require(session, Permission.SYNC)
    ws = workstation_id(session.store)
    with session.store.write() as conn:
        _close(session, conn, conflict_id, ("kept", ws), session.clock())


def restore(session: Session, conflict_id: str) -> None:
    """Put the losing value back (a field, or an edited record that met a delete)."""
    require(session, Permission.EDIT_RECORD)
    now = session.clock()
    ws = workstation_id(session.store)
    with session.store.write() as conn:
        conflict = rows.get_conflict(conn, conflict_id)
        if conflict.resolved_at is not None:
            raise RecordNotFound(ALREADY_RESOLVED)
        if conflict.kind == "duplicate":
            raise ValueError("A duplicate is merged or dismissed, not restored")
        if conflict.kind == "ruleset":
            raise ValueError(
                "A rule set never changes once added; add the lost one again under a new version id"
            )
        doc = read_doc(conn, conflict.tbl, conflict.record_id)
        if doc is None:
            raise RecordNotFound("The record of this conflict is no longer on this workstation")
        lost: Any = json.loads(conflict.lost_value)
        if conflict.kind == "delete":
            new_doc = {"deleted": False, "body": lost}
        else:
            value = MISSING if lost is None and conflict.field else lost
            new_doc = {
                "deleted": doc["deleted"],
                "body": set_path(doc["body"], conflict.field, value),
            }
        if conflict.tbl == SPOUSE:
            new_doc["body"]["updated_at"] = now.isoformat()
        outbox.track(conn, conflict.tbl, conflict.record_id, "update", session.user.id, now)
        apply_doc(conn, conflict.tbl, conflict.record_id, new_doc)
        _close(session, conn, conflict_id, ("restored", ws), now)


def dismiss(session: Session, conflict_id: str) -> None:
    """Two records that only looked alike: not a duplicate."""
    require(session, Permission.SYNC)
    ws = workstation_id(session.store)
    with session.store.write() as conn:
        _close(session, conn, conflict_id, ("dismissed", ws), session.clock())


def merge_duplicate(session: Session, conflict_id: str, keep_id: str) -> None:
    """Keep one of two records of the same spouse: the other is deleted (a tombstone) and its
    notes and follow-ups are copied onto the kept record (notes stay append-only)."""
    require(session, Permission.EDIT_RECORD)
    now = session.clock()
    ws = workstation_id(session.store)
    with session.store.write() as conn:
        conflict = rows.get_conflict(conn, conflict_id)
        if conflict.resolved_at is not None:
            raise RecordNotFound(ALREADY_RESOLVED)
        pair = {conflict.record_id, conflict.other_id}
        if conflict.kind != "duplicate" or keep_id not in pair:
            raise ValueError("Pick one of the two records of this duplicate to keep")
        drop_id = next(i for i in pair if i != keep_id and i is not None)
        spouses.get_spouse(conn, keep_id)  # RecordNotFound if it is gone
        casework.add_notes(
            conn,
            [
                dataclasses.replace(n, spouse_id=keep_id, id=new_id())
                for n in casework.notes_for(conn, drop_id)
            ],
        )
        copies: list[FollowUp] = [
            dataclasses.replace(f, spouse_id=keep_id, id=new_id())
            for f in casework.follow_ups_for(conn, drop_id)
        ]
        casework.add_follow_ups(conn, copies)
        spouses.delete_spouse(conn, drop_id, now, by=session.user.id)
        _close(session, conn, conflict_id, ("merged", ws), now, keep_id=keep_id)


def _close(
    session: Session,
    conn: Connection,
    conflict_id: str,
    what: tuple[str, str],  # (resolution, this workstation's id)
    now: datetime,
    *,
    keep_id: str = "",
) -> None:
    """Resolve here and queue the resolution (every workstation closes the conflict); a
    duplicate pair recorded under another id too is closed with it."""
    conflict = rows.get_conflict(conn, conflict_id)
    if conflict.resolved_at is not None:
        raise RecordNotFound(ALREADY_RESOLVED)
    resolution, ws = what
    given = Resolution(now, ws, session.user.id, resolution, keep_id)
    for cid in [conflict_id, *rows.pair_siblings(conn, conflict)]:
        outbox.track(conn, CONFLICT, cid, "update", session.user.id, now)
        rows.resolve(conn, cid, given)


__all__ = ["Conflict", "ConflictItem", "SyncStatus"]
