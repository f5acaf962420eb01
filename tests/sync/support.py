"""Helpers for sync tests: throwaway PostgreSQL databases and an office of workstations.

Each workstation is its own SQLCipher store and key file in its own folder; the first one
creates the central schema and publishes the office keys, the others enrol with the
administrator's password exactly as a new workstation would.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from importlib.resources import files
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import delete, insert, text

from seco_desktop.central.connect import central_engine
from seco_desktop.central.server import CentralStore
from seco_desktop.security.audit_chain import GENESIS, AuditDraft, AuditEntry, seal_entry
from seco_desktop.services.session import Session, sign_in
from seco_desktop.services.sync import SyncReport
from seco_desktop.services.sync_setup import enroll, init_central, sync_now
from seco_desktop.store import audit as audit_rows
from seco_desktop.store.meta import set_meta
from seco_desktop.store.schema import audit_entry
from seco_desktop.store.sync_tables import DECISION, RULESET, TABLES, read_doc
from tests.services.support import ADMIN, ADMIN_PASSWORD, STAFF, FakeClock

#: When the test rule sets take effect.
TAKES_EFFECT = date(2026, 3, 1)
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=5"


def pg_available() -> bool:
    try:
        psycopg.connect(PG_ADMIN).close()
    except psycopg.Error:
        return False
    return True


@contextmanager
def pg_database() -> Iterator[str]:
    """A uniquely named, empty database; dropped afterwards. Yields its SQLAlchemy URL."""
    if not pg_available():
        pytest.skip("PostgreSQL is not answering on 127.0.0.1:5432")
    name = f"seco_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Workstation:
    name: str
    path: Path
    clock: FakeClock
    session: Session | None = None

    def sign_in(self, username: str = ADMIN, password: str = ADMIN_PASSWORD) -> Session:
        self.close()
        self.session = sign_in(self.path, username, password, clock=self.clock)
        return self.session

    @property
    def s(self) -> Session:
        assert self.session is not None, f"{self.name} is not signed in"
        return self.session

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None


@dataclass
class Office:
    url: str
    clock: FakeClock
    workstations: list[Workstation] = field(default_factory=list)
    _central: CentralStore | None = None

    @property
    def central(self) -> CentralStore:
        if self._central is None:
            self._central = CentralStore(central_engine(self.url))
        return self._central

    def sync(self, ws: Workstation) -> SyncReport:
        return sync_now(ws.s, central=self.central)

    def sync_all(self, rounds: int = 2) -> None:
        """Sync every workstation, twice over, so each has seen every other's pushes."""
        for _ in range(rounds):
            for ws in self.workstations:
                self.sync(ws)

    def close(self) -> None:
        for ws in self.workstations:
            ws.close()
        if self._central is not None:
            self._central.dispose()


def widened_mycaa(version: str, extra_grade: str = "E-7", effective: date = TAKES_EFFECT) -> str:
    """The built-in MyCAA rule set widened by one pay grade, under a new version id (JSON)."""
    folder = files("seco_desktop.domain.eligibility").joinpath("rulesets")
    doc = json.loads(folder.joinpath("mycaa-2023.1.json").read_text("utf-8"))
    doc["version"] = version
    doc["effective_from"] = effective.isoformat()
    doc["description"] = f"Test: MyCAA widened to {extra_grade}"
    doc["params"]["pay_grades"] = [*doc["params"]["pay_grades"], extra_grade]
    return json.dumps(doc, indent=2)


def every_document(session: Session) -> dict[str, object]:
    """Every synced record of a workstation as documents (what must be identical everywhere):
    the plain tables, the decision events and the added rule sets."""
    queries = [(tbl, f"SELECT id FROM {tbl}") for tbl in TABLES]
    queries += [
        (DECISION, "SELECT DISTINCT event_id FROM eligibility_decision"),
        (RULESET, "SELECT record_id FROM ruleset"),
    ]
    out: dict[str, object] = {}
    with session.store.read() as conn:
        for tbl, query in queries:
            for (rid,) in conn.execute(text(query)):
                out[f"{tbl}:{rid}"] = read_doc(conn, tbl, rid)
    return out


def rewrite_chain(session: Session, kept: list[AuditEntry]) -> None:
    """What an insider holding the key can do: re-seal ``kept`` as a fresh, consistent chain
    (every MAC recomputed, the recorded head moved to its end)."""
    point, sealed = GENESIS, []
    for e in kept:
        draft = AuditDraft(**{f.name: getattr(e, f.name) for f in fields(AuditDraft)})
        entry = seal_entry(session.audit_key, point, draft)
        sealed.append({c: getattr(entry, c) for c in audit_rows.COLUMNS})
        point = entry.point
    with session.store.write() as conn:
        conn.execute(delete(audit_entry))
        if sealed:
            conn.execute(insert(audit_entry), sealed)
        set_meta(conn, audit_rows.HEAD_KEY, f"{point.seq}:{point.mac.hex()}")


def make_office(template: tuple[Path, str], root: Path, url: str, count: int) -> Office:
    """``count`` workstations of one office, all synced and signed in as the administrator."""
    source, _ = template
    clock = FakeClock()
    office = Office(url, clock)
    first = root / "ws0"
    first.mkdir()
    for name in (source.name, f"{source.name}.keys"):
        shutil.copyfile(source.parent / name, first / name)
    ws0 = Workstation("ws0", first / source.name, clock)
    ws0.sign_in()
    init_central(ws0.s, url)
    office.workstations.append(ws0)
    office.sync(ws0)
    for i in range(1, count):
        folder = root / f"ws{i}"
        path = folder / source.name
        enroll(path, url, ADMIN, ADMIN_PASSWORD, clock=clock)
        ws = Workstation(f"ws{i}", path, clock)
        ws.sign_in()
        office.workstations.append(ws)
    return office


__all__ = [
    "ADMIN",
    "STAFF",
    "Office",
    "Workstation",
    "every_document",
    "make_office",
    "pg_database",
    "rewrite_chain",
    "widened_mycaa",
]
