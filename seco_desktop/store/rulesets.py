"""Rule-set versions an administrator added, kept as the JSON they were given.

Each is a synced record (``store.sync_appended``) whose id is derived from the version id, so
the same version added on two workstations is one central record and a clash is detected.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from seco_desktop.store import outbox
from seco_desktop.store.errors import DuplicateRecord
from seco_desktop.store.schema import ruleset as t
from seco_desktop.store.sync_appended import RULESET

#: Namespace of rule-set record ids (never change it: ids already in central stores use it).
_NAMESPACE = uuid.UUID("6f1c4a52-4f7e-4d0c-9a56-3c1f0e2b7a10")


def record_id_of(version: str) -> str:
    """The synced record id of a rule-set version: the same on every workstation."""
    return str(uuid.uuid5(_NAMESPACE, version))


def add_ruleset(
    conn: Connection,
    *,
    version: str,
    program: str,
    effective_from: date,
    body: str,
    added_by: str,
    now: datetime,
) -> None:
    """Store an administrator's rule set and queue it for the central store."""
    if conn.execute(select(t.c.version).where(t.c.version == version)).first():
        raise DuplicateRecord("A rule set with this version id is already stored")
    record_id = record_id_of(version)
    outbox.track(conn, RULESET, record_id, "create", added_by, now)
    conn.execute(
        insert(t).values(
            version=version,
            program=program,
            effective_from=effective_from,
            body=body,
            added_by=added_by,
            added_at=now,
            record_id=record_id,
        )
    )


def stored_ruleset_bodies(conn: Connection) -> list[str]:
    """The JSON of every added rule set in force (not set aside), oldest effective date first."""
    rows = conn.execute(
        select(t.c.body).where(t.c.set_aside.is_(None)).order_by(t.c.effective_from, t.c.version)
    )
    return [r.body for r in rows]


def set_aside_rows(conn: Connection) -> list[tuple[str, str, date]]:
    """(program, version, effective date) of the rule sets a sync set aside (not in force)."""
    rows = conn.execute(
        select(t.c.program, t.c.version, t.c.effective_from)
        .where(t.c.set_aside.is_not(None))
        .order_by(t.c.effective_from, t.c.version)
    )
    return [(r.program, r.version, r.effective_from) for r in rows]


@dataclass(frozen=True, slots=True)
class StoredRuleSet:
    version: str
    program: str
    effective_from: date
    body: str
    record_id: str
    set_aside: str | None
    added_by: str


def by_version(conn: Connection, version: str) -> StoredRuleSet | None:
    r = conn.execute(select(t).where(t.c.version == version)).first()
    return None if r is None else _stored(r)


def in_force_on(
    conn: Connection, program: str, effective_from: date, *, other_than: str = ""
) -> StoredRuleSet | None:
    """The rule set in force of ``program`` taking effect on ``effective_from`` (other than
    version ``other_than``), if any."""
    r = conn.execute(
        select(t).where(
            t.c.program == program,
            t.c.effective_from == effective_from,
            t.c.set_aside.is_(None),
            t.c.version != other_than,
        )
    ).first()
    return None if r is None else _stored(r)


def set_aside(conn: Connection, version: str, reason: str) -> None:
    conn.execute(update(t).where(t.c.version == version).values(set_aside=reason))


def replace_body(conn: Connection, version: str, row: dict[str, object]) -> None:
    """Take the office's copy of a version in place of this workstation's differing one."""
    conn.execute(update(t).where(t.c.version == version).values(**row))


def _stored(r: Any) -> StoredRuleSet:
    return StoredRuleSet(
        r.version, r.program, r.effective_from, r.body, r.record_id, r.set_aside, r.added_by
    )
