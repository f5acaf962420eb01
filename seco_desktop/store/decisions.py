"""Eligibility decisions as they were made (rule-set version, result, reasons), for history.

The decisions recorded together (one registration or edit) are one *event* with its own id,
synced as one append-only record (``store.sync_appended``): queued here, in the caller's
transaction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, insert, select

from seco_desktop.domain.eligibility import Decision
from seco_desktop.domain.reference import Program
from seco_desktop.store import outbox
from seco_desktop.store.schema import eligibility_decision as t
from seco_desktop.store.sync_appended import DECISION


def record_decisions(
    conn: Connection, spouse_id: str, decisions: list[Decision], now: datetime, *, by: str = ""
) -> None:
    record_many(conn, [(spouse_id, decisions)], now, by=by)


def record_many(
    conn: Connection,
    items: Iterable[tuple[str, Iterable[Decision]]],
    now: datetime,
    *,
    by: str = "",
) -> None:
    """Decisions of many spouses in one statement (demo data), one event per spouse, queued
    for sync."""
    events = [(str(uuid.uuid4()), spouse_id, list(ds)) for spouse_id, ds in items]
    rows = [
        {
            "event_id": event_id,
            "spouse_id": spouse_id,
            "program": d.program.value,
            "eligible": d.eligible,
            "reasons": json.dumps(list(d.reasons)),
            "ruleset_version": d.ruleset_version,
            "decided_on": d.decided_on,
            "decided_at": now,
        }
        for event_id, spouse_id, decisions in events
        for d in decisions
    ]
    if rows:
        conn.execute(insert(t), rows)
        outbox.track_new(conn, DECISION, [e for e, _, ds in events if ds], by, now)


def decision_history(conn: Connection, spouse_id: str) -> list[tuple[datetime, Decision]]:
    """Every decision recorded for the spouse, oldest first."""
    rows = conn.execute(
        select(t).where(t.c.spouse_id == spouse_id).order_by(t.c.decided_at, t.c.id)
    ).mappings()
    return [
        (
            r["decided_at"],
            Decision(
                program=Program(r["program"]),
                eligible=bool(r["eligible"]),
                reasons=tuple(json.loads(r["reasons"])),
                ruleset_version=r["ruleset_version"],
                decided_on=r["decided_on"],
            ),
        )
        for r in rows
    ]
