"""Calls that ended as not eligible for SECO: written once, listed newest first."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select

from seco_desktop.store.schema import ineligible_call as t


@dataclass(frozen=True, slots=True)
class IneligibleCall:
    id: str
    agent_id: str
    reasons: tuple[str, ...]
    ruleset_version: str
    note: str
    created_at: datetime


def add_call(conn: Connection, call: IneligibleCall) -> None:
    conn.execute(
        insert(t).values(
            id=call.id, agent_id=call.agent_id, reasons=json.dumps(list(call.reasons)),
            ruleset_version=call.ruleset_version, note=call.note, created_at=call.created_at,
        )
    )  # fmt: skip


def list_calls(conn: Connection, since: datetime | None = None) -> list[IneligibleCall]:
    query = select(t).order_by(t.c.created_at.desc())
    if since is not None:
        query = query.where(t.c.created_at >= since)
    return [
        IneligibleCall(
            r.id, r.agent_id, tuple(json.loads(r.reasons)), r.ruleset_version, r.note, r.created_at
        )
        for r in conn.execute(query)
    ]
