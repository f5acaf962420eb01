"""Append-only synced documents: administrator-added rule sets and eligibility-decision events.

Neither is ever edited once made, so neither is merged: a document either is here or is not.

- A **rule set** is one record; its id is derived from its version id
  (``store.rulesets.record_id_of``), so two workstations adding the same version offline meet
  on the same central record and the clash is seen (``services.ruleset_sync``). Body:
  ``{id, version, program, effective_from, body, added_by, added_at}``, ``body`` being the JSON
  text exactly as the administrator gave it.
- **Decision history** travels as one record per *decision event*: the decisions one
  registration or edit made together (SECO and MyCAA, same moment), not one record per
  decision and not inside the spouse document. Inside the spouse document it would be rewritten
  and three-way merged with every edit and grow without bound; one record per decision would
  double the records a bootstrap pulls for no gain (the decisions of an event are made, shown
  and purged together). Body: ``{id, spouse_id, decided_at, decisions: [{program, eligible,
  reasons, ruleset_version, decided_on}]}``. It is casework of its spouse: a retention purge
  takes it with the spouse everywhere.

Only ``store.schema`` is imported here (``store.outbox`` imports ``sync_tables``, which uses
this module).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from seco_desktop.domain import codec
from seco_desktop.store.id_lists import one_of
from seco_desktop.store.schema import eligibility_decision, ruleset

RULESET, DECISION = "ruleset", "decision"


def read_ruleset(conn: Connection, record_id: str) -> dict[str, Any] | None:
    """A stored rule set as a document body, or None."""
    r = conn.execute(select(ruleset).where(ruleset.c.record_id == record_id)).first()
    if r is None:
        return None
    return {
        "id": record_id, "version": r.version, "program": r.program,
        "effective_from": r.effective_from.isoformat(), "body": r.body,
        "added_by": r.added_by, "added_at": r.added_at.isoformat(),
    }  # fmt: skip


def insert_ruleset(conn: Connection, body: dict[str, Any], set_aside: str | None) -> None:
    """Store a rule set that arrived by sync (``set_aside``: see ``store.schema.ruleset``)."""
    conn.execute(insert(ruleset).values(**ruleset_row(body), set_aside=set_aside))


def ruleset_row(body: dict[str, Any]) -> dict[str, Any]:
    """The ``ruleset`` row of a document body; :class:`codec.DecodeError` if misshapen."""
    try:
        return {
            "record_id": str(body["id"]), "version": str(body["version"]),
            "program": str(body["program"]),
            "effective_from": date.fromisoformat(str(body["effective_from"])),
            "body": _text(body["body"]), "added_by": str(body.get("added_by", "")),
            "added_at": datetime.fromisoformat(str(body["added_at"])),
        }  # fmt: skip
    except (KeyError, TypeError, ValueError):
        raise codec.DecodeError(
            "A rule set from the central store does not have the expected shape"
        ) from None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def read_decision_event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """The decisions of one event as a document body, or None."""
    return read_decision_events(conn, [event_id]).get(event_id)


def read_decision_events(conn: Connection, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Several events as document bodies, by id, in one query (a push batch)."""
    if not event_ids:
        return {}
    rows = conn.execute(
        select(eligibility_decision)
        .where(one_of(eligibility_decision.c.event_id, event_ids))
        .order_by(eligibility_decision.c.id)
    ).all()
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        body = found.setdefault(
            r.event_id,
            {"id": r.event_id, "spouse_id": r.spouse_id,
             "decided_at": r.decided_at.isoformat(), "decisions": []},
        )  # fmt: skip
        body["decisions"].append(
            {"program": r.program, "eligible": bool(r.eligible),
             "reasons": json.loads(r.reasons), "ruleset_version": r.ruleset_version,
             "decided_on": r.decided_on.isoformat()}
        )  # fmt: skip
    return found


def decision_rows(event_id: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``eligibility_decision`` rows of an event document; DecodeError if misshapen."""
    try:
        if body.get("id") != event_id:
            raise ValueError("another record's document")
        spouse_id = str(body["spouse_id"])
        at = datetime.fromisoformat(str(body["decided_at"]))
        return [
            {"event_id": event_id, "spouse_id": spouse_id, "program": str(d["program"]),
             "eligible": bool(d["eligible"]), "reasons": json.dumps(list(d["reasons"])),
             "ruleset_version": str(d["ruleset_version"]),
             "decided_on": date.fromisoformat(str(d["decided_on"])), "decided_at": at}
            for d in body["decisions"]
        ]  # fmt: skip
    except (KeyError, TypeError, ValueError):
        raise codec.DecodeError(
            "A decision record from the central store does not have the expected shape"
        ) from None


def existing_events(conn: Connection, event_ids: list[str]) -> set[str]:
    """Which of ``event_ids`` this workstation holds."""
    rows = conn.execute(
        select(eligibility_decision.c.event_id)
        .where(one_of(eligibility_decision.c.event_id, event_ids))
        .distinct()
    )
    return {str(r.event_id) for r in rows}


def insert_decision_events(
    conn: Connection,
    docs: list[tuple[str, dict[str, Any]]],
    built: Mapping[str, list[dict[str, Any]]] | None = None,
) -> None:
    """Events this workstation does not hold yet, in one executemany (a pull page); ``built``
    holds rows :func:`decision_rows` already made (off the writer thread), by event id."""
    ready = built or {}
    rows = [
        row
        for event_id, doc in docs
        for row in (ready.get(event_id) or decision_rows(event_id, doc["body"]))
    ]
    if rows:
        conn.execute(insert(eligibility_decision), rows)


def delete_decision_event(conn: Connection, event_id: str) -> None:
    conn.execute(delete(eligibility_decision).where(eligibility_decision.c.event_id == event_id))


def spouse_events(conn: Connection, spouse_id: str) -> list[str]:
    """The decision events of a spouse, oldest first."""
    rows = conn.execute(
        select(eligibility_decision.c.event_id)
        .where(eligibility_decision.c.spouse_id == spouse_id)
        .group_by(eligibility_decision.c.event_id)
        .order_by(func.min(eligibility_decision.c.id))
    )
    return [str(r.event_id) for r in rows if r.event_id is not None]
