"""A Hypothesis stateful model of an office: workstations create, edit, delete and annotate
records, go offline, sync and restart, in any order. After every step no record is lost,
duplicated or corrupted; each sync leaves every edit of that workstation either in place or
recorded as a conflict; and once everyone syncs, every copy is identical and every workstation
lists the same conflicts, resolved alike (conflicts are shared documents)."""

from __future__ import annotations

import dataclasses
import itertools
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select, text

from seco_desktop.central.schema import record
from seco_desktop.domain import codec
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import ContactType
from seco_desktop.services import records
from seco_desktop.services.sync_review import keep, open_conflicts, status
from seco_desktop.store import spouses
from seco_desktop.store.conflicts import all_conflicts
from seco_desktop.store.errors import DuplicateRecord
from seco_desktop.store.sync_tables import TABLES, read_doc
from tests.services.support import make_spouses

from .support import Office, make_office, pg_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

WORKSTATIONS = 3
_values = itertools.count()


class OfficeModel(RuleBasedStateMachine):
    template: tuple[Path, str]

    def __init__(self) -> None:
        super().__init__()
        self.stack = ExitStack()
        self.office: Office | None = None
        self.offline: set[int] = set()
        self.created: dict[int, set[str]] = {}  # ids each workstation has ever held
        self.unsynced: dict[int, dict[str, str]] = {}  # ws -> record -> last email written
        self.seen: dict[int, dict[str, str]] = {}  # ws -> record -> email at its last sync
        self.central: dict[str, str | None] = {}  # record -> email on the central store
        self.people = iter(make_spouses(400, seed=77))

    @initialize()
    def start(self) -> None:
        url = self.stack.enter_context(pg_database())
        root = Path(self.stack.enter_context(tempfile.TemporaryDirectory()))
        self.office = make_office(self.template, root, url, WORKSTATIONS)
        self.stack.callback(self.office.close)
        self.created = {i: set() for i in range(WORKSTATIONS)}
        self.unsynced = {i: {} for i in range(WORKSTATIONS)}
        self.seen = {i: {} for i in range(WORKSTATIONS)}
        for _ in range(3):  # a few records every workstation holds from the start
            self.create(0)
        for _ in range(2):
            for ws in range(WORKSTATIONS):
                self._sync(ws)

    def teardown(self) -> None:
        self.stack.close()

    # --- helpers ------------------------------------------------------------------------------

    @property
    def o(self) -> Office:
        assert self.office is not None
        return self.office

    def _live(self, ws: int) -> list[str]:
        with self.o.workstations[ws].s.store.read() as conn:
            rows = conn.execute(text("SELECT id FROM spouse WHERE deleted = 0 ORDER BY id"))
            return [r[0] for r in rows]

    def _spouse(self, ws: int, spouse_id: str) -> Spouse:
        with self.o.workstations[ws].s.store.read() as conn:
            return spouses.get_spouse(conn, spouse_id)

    # --- rules --------------------------------------------------------------------------------

    @rule(ws=st.integers(0, WORKSTATIONS - 1))
    def create(self, ws: int) -> None:
        person = next(self.people)
        try:
            records.register(self.o.workstations[ws].s, person)
        except DuplicateRecord:
            return
        self.created[ws].add(person.id)
        self.seen[ws][person.id] = person.email

    @rule(ws=st.integers(0, WORKSTATIONS - 1), pick=st.integers(0, 10_000))
    def edit(self, ws: int, pick: int) -> None:
        live = self._live(ws)
        if not live:
            return
        spouse_id = live[pick % len(live)]
        email = f"v{next(_values)}@example.org"
        current = self._spouse(ws, spouse_id)
        records.edit(self.o.workstations[ws].s, dataclasses.replace(current, email=email))
        self.unsynced[ws][spouse_id] = email

    @rule(
        first=st.integers(0, WORKSTATIONS - 1),
        second=st.integers(0, WORKSTATIONS - 1),
        pick=st.integers(0, 10_000),
    )
    def edit_on_two(self, first: int, second: int, pick: int) -> None:
        """Two people change the same record at the same time on two workstations."""
        shared = sorted(set(self._live(first)) & set(self._live(second)))
        if first == second or not shared:
            return
        spouse_id = shared[pick % len(shared)]
        for ws in (first, second):
            email = f"v{next(_values)}@example.org"
            current = self._spouse(ws, spouse_id)
            records.edit(self.o.workstations[ws].s, dataclasses.replace(current, email=email))
            self.unsynced[ws][spouse_id] = email
            self.o.clock.advance(seconds=1)

    @rule(ws=st.integers(0, WORKSTATIONS - 1), pick=st.integers(0, 10_000))
    def delete(self, ws: int, pick: int) -> None:
        live = self._live(ws)
        if not live:
            return
        session = self.o.workstations[ws].s
        spouse_id = live[pick % len(live)]
        with session.store.write() as conn:
            spouses.delete_spouse(conn, spouse_id, self.o.clock(), by=session.user.id)
        self.unsynced[ws].pop(spouse_id, None)  # its own earlier edit is moot now

    @rule(ws=st.integers(0, WORKSTATIONS - 1), pick=st.integers(0, 10_000))
    def note(self, ws: int, pick: int) -> None:
        live = self._live(ws)
        if live:
            session = self.o.workstations[ws].s
            records.add_note(session, live[pick % len(live)], ContactType.EMAIL, "t", "b")

    @rule(ws=st.integers(0, WORKSTATIONS - 1), pick=st.integers(0, 10_000))
    def review(self, ws: int, pick: int) -> None:
        """Someone keeps the value in force of an open conflict (maybe offline, maybe while
        another desk resolves the same one)."""
        session = self.o.workstations[ws].s
        found = open_conflicts(session)
        if found:
            keep(session, found[pick % len(found)].id)

    @rule(ws=st.integers(0, WORKSTATIONS - 1))
    def go_offline(self, ws: int) -> None:
        self.offline.add(ws)

    @rule(ws=st.integers(0, WORKSTATIONS - 1))
    def go_online(self, ws: int) -> None:
        self.offline.discard(ws)

    @rule(ws=st.integers(0, WORKSTATIONS - 1))
    def sync(self, ws: int) -> None:
        if ws in self.offline:
            return
        self._sync(ws)

    def _sync(self, ws: int) -> None:
        """Sync, then check: this workstation's edits, and any edit made meanwhile elsewhere
        to the same records, are each either in place or recorded as a conflict here."""
        station = self.o.workstations[ws]
        before = {
            rid: (mine, self.central.get(rid), self.seen[ws].get(rid))
            for rid, mine in self.unsynced[ws].items()
        }
        self.o.sync(station)
        lost = [c.lost_value for c in open_conflicts(station.s)]
        for rid, (mine, theirs, base) in before.items():
            with station.s.store.read() as conn:
                doc = read_doc(conn, "spouse", rid)
            assert doc is not None
            current = doc["body"]["email"]

            def kept(value: str) -> bool:
                return current == value or any(value in v for v in lost)  # noqa: B023

            assert kept(mine), f"an edit of workstation {ws} vanished without a conflict"
            if theirs is not None and theirs not in (base, mine):
                assert kept(theirs), "a concurrent edit elsewhere vanished without a conflict"
        self.unsynced[ws].clear()
        with station.s.store.read() as conn:
            rows = conn.execute(text("SELECT id, email, deleted FROM spouse")).all()
        self.created[ws].update(r.id for r in rows)
        for r in rows:
            self.seen[ws][r.id] = r.email
            self.central[r.id] = None if r.deleted else r.email  # a tombstone is no edit

    @rule(ws=st.integers(0, WORKSTATIONS - 1))
    def restart(self, ws: int) -> None:
        self.o.workstations[ws].sign_in()

    @precondition(lambda self: self.office is not None)
    @rule()
    def everyone_syncs(self) -> None:
        self.offline.clear()
        for _ in range(2):
            for ws in range(WORKSTATIONS):
                self._sync(ws)
        first = self._everything(0)
        conflicts = self._conflicts(0)
        for ws in range(1, WORKSTATIONS):
            assert self._everything(ws) == first, f"workstation {ws} differs after a full sync"
            assert status(self.o.workstations[ws].s).pending == 0
            assert self._conflicts(ws) == conflicts, f"workstation {ws} lists other conflicts"

    def _conflicts(self, ws: int) -> list[tuple[str, str | None, str]]:
        """Every conflict a workstation holds: id, resolution in force, all resolutions."""
        with self.o.workstations[ws].s.store.read() as conn:
            return [(c.id, c.resolution, c.resolutions) for c in all_conflicts(conn)]

    def _everything(self, ws: int) -> dict[str, object]:
        out: dict[str, object] = {}
        with self.o.workstations[ws].s.store.read() as conn:
            for tbl in TABLES:
                for (rid,) in conn.execute(text(f"SELECT id FROM {tbl}")):
                    out[f"{tbl}:{rid}"] = read_doc(conn, tbl, rid)
        return out

    # --- after every step ------------------------------------------------------------------------

    @invariant()
    def nothing_lost_duplicated_or_corrupted(self) -> None:
        if self.office is None:
            return
        for ws, station in enumerate(self.o.workstations):
            with station.s.store.read() as conn:
                rows = conn.execute(text("SELECT id, dod_id, profile FROM spouse")).all()
            ids = [r.id for r in rows]
            assert len(ids) == len(set(ids))
            assert self.created[ws] <= set(ids), "a record this workstation held is gone"
            for r in rows:
                decoded = codec.loads(Spouse, r.profile)  # not corrupted
                assert (decoded.id, decoded.dod_id) == (r.id, r.dod_id)
        with self.o.central.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(record)).scalar_one()
            distinct = conn.execute(
                select(func.count()).select_from(
                    select(record.c.tbl, record.c.id).distinct().subquery()
                )
            ).scalar_one()
        assert total == distinct


def test_an_office_of_workstations_never_loses_a_record(
    office_template: tuple[Path, str],
) -> None:
    OfficeModel.template = office_template
    run_state_machine_as_test(
        OfficeModel,
        settings=settings(
            max_examples=10,
            stateful_step_count=30,
            deadline=None,
            # Each step talks to PostgreSQL: shrinking a failure would take many minutes, so
            # a failure is reported as generated (the steps are printed).
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
