"""The eligibility-decision history travels with its spouse: made on one workstation, read on
another with its reasons; purged with the spouse everywhere; brought by a bootstrap."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from seco_desktop.domain.eligibility import Decision
from seco_desktop.domain.models import Spouse
from seco_desktop.services import records, retention
from seco_desktop.services.sync_payload import open_row
from seco_desktop.services.sync_review import status
from seco_desktop.services.sync_setup import enroll
from seco_desktop.store.schema import eligibility_decision
from seco_desktop.store.sync_tables import DECISION
from tests.services.support import ADMIN, ADMIN_PASSWORD, make_spouses

from .support import Office, Workstation

pytestmark = pytest.mark.postgres


def _history(ws: Workstation, spouse_id: str) -> list[tuple[str, Decision]]:
    return [(at.isoformat(), d) for at, d in records.open_record(ws.s, spouse_id).history]


def _rows(ws: Workstation, spouse_id: str) -> int:
    with ws.s.store.read() as conn:
        return int(conn.execute(
            select(func.count()).where(eligibility_decision.c.spouse_id == spouse_id)
        ).scalar_one())  # fmt: skip


def _events(ws: Workstation, spouse_id: str) -> list[str]:
    with ws.s.store.read() as conn:
        rows = conn.execute(
            select(eligibility_decision.c.event_id)
            .where(eligibility_decision.c.spouse_id == spouse_id)
            .distinct()
        )
        return [r.event_id for r in rows]


def _edited(ws: Workstation, spouse: Spouse) -> None:
    current = records.open_record(ws.s, spouse.id).spouse
    records.edit(ws.s, dataclasses.replace(current, career_goals="Licensed practical nurse"))


def test_decisions_made_on_a_are_read_on_b_with_their_reasons(office2: Office) -> None:
    a, b = office2.workstations
    spouse = records.register(a.s, make_spouses(1, seed=71)[0])
    office2.clock.now += timedelta(days=30)
    _edited(a, spouse)
    office2.sync(a)
    assert _rows(b, spouse.id) == 0  # nothing yet on B
    office2.sync(b)

    made = _history(a, spouse.id)
    assert len(made) == 4  # SECO and MyCAA, at registration and at the edit
    assert all(d.reasons for _, d in made)
    assert _history(b, spouse.id) == made
    # An edit on B adds B's decisions; A reads them too; nothing is rewritten or doubled.
    _edited(b, spouse)
    office2.sync_all()
    assert len(_history(a, spouse.id)) == 6
    assert _history(a, spouse.id) == _history(b, spouse.id)
    assert status(a.s).pending == status(b.s).pending == 0


def test_a_purge_takes_the_history_with_the_spouse_everywhere(office2: Office) -> None:
    a, b = office2.workstations
    old = records.register(a.s, make_spouses(1, seed=72)[0])
    office2.sync_all()
    events = _events(b, old.id)
    assert _rows(b, old.id) == 2
    assert len(events) == 1

    office2.clock.now = retention.years_before(office2.clock.now, -3) + timedelta(days=1)
    assert retention.purge(a.s).purged == [old.id]
    office2.sync(a)
    office2.sync(b)

    assert _rows(a, old.id) == 0
    assert _rows(b, old.id) == 0
    for row in office2.central.fetch([(DECISION, e) for e in events]):
        env = open_row(a.s.keys.material, row)
        assert env.deleted
        assert set(env.body) == {"id", "purged"}  # a tombstone: no reasons left centrally


def test_a_bootstrap_brings_the_history(office2: Office, tmp_path: Path) -> None:
    a = office2.workstations[0]
    people = [records.register(a.s, s) for s in make_spouses(5, seed=73)]
    _edited(a, people[0])
    office2.sync(a)

    path = tmp_path / "ws-new" / "office.seco"
    report = enroll(path, office2.url, ADMIN, ADMIN_PASSWORD, clock=office2.clock)
    c = Workstation("ws-new", path, office2.clock)
    office2.workstations.append(c)
    c.sign_in()
    assert report.pulled >= len(people) + 6  # spouses and their decision events
    for s in people:
        assert _history(c, s.id) == _history(a, s.id)
    assert len(_history(c, people[0].id)) == 4
