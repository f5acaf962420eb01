"""A compromised central store: swapped, altered or replayed payloads are detected and refused,
and nothing of the page that carried them is applied."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from sqlalchemy import Connection, select, text, update

from seco_desktop.central.errors import CentralTampered
from seco_desktop.central.schema import record, usn_counter
from seco_desktop.domain.models import Spouse
from seco_desktop.services import records
from seco_desktop.services.sync_review import keep, open_conflicts, status
from seco_desktop.store import spouses
from tests.services.support import make_spouses

from .support import Office

pytestmark = pytest.mark.postgres


@pytest.fixture
def two(office2: Office) -> list[Spouse]:
    people = make_spouses(2, seed=9)
    for s in people:
        records.register(office2.workstations[0].s, s)
    office2.sync_all()
    return people


def _bump(conn: Connection, record_id: str, **values: object) -> None:
    """Change a central row and give it a fresh usn, as a malicious server would to serve it."""
    top = conn.execute(select(usn_counter.c.value)).scalar_one() + 1
    conn.execute(update(usn_counter).values(value=top))
    conn.execute(update(record).where(record.c.id == record_id).values(usn=top, **values))


def _row(conn: Connection, record_id: str):  # type: ignore[no-untyped-def]
    return conn.execute(select(record).where(record.c.id == record_id)).one()


def _refused(office: Office, tamper: Callable[[Connection], None]) -> None:
    b = office.workstations[1]
    before = status(b.s).last_usn
    with b.s.store.read() as conn:
        names = [spouses.get_spouse(conn, s).name for s in _ids(b)]
    with office.central.engine.begin() as conn:
        tamper(conn)
    with pytest.raises(CentralTampered):
        office.sync(b)
    with pytest.raises(CentralTampered):  # and again: the bad row is never skipped over
        office.sync(b)
    assert status(b.s).last_usn == before
    with b.s.store.read() as conn:
        assert [spouses.get_spouse(conn, s).name for s in _ids(b)] == names


def _ids(ws) -> list[str]:  # type: ignore[no-untyped-def]
    with ws.s.store.read() as conn:
        return [r[0] for r in conn.execute(text("SELECT id FROM spouse ORDER BY id"))]


def test_payloads_swapped_between_records_are_refused(office2: Office, two: list[Spouse]) -> None:
    first, second = (s.id for s in two)

    def swap(conn: Connection) -> None:
        p1, p2 = _row(conn, first).payload, _row(conn, second).payload
        _bump(conn, first, payload=p2)
        _bump(conn, second, payload=p1)

    _refused(office2, swap)


def test_a_payload_moved_to_another_table_is_refused(office2: Office, two: list[Spouse]) -> None:
    def move(conn: Connection) -> None:
        user_row = conn.execute(select(record).where(record.c.tbl == "app_user")).first()
        assert user_row is not None
        _bump(conn, two[0].id, payload=user_row.payload)

    _refused(office2, move)


def test_an_altered_byte_is_refused(office2: Office, two: list[Spouse]) -> None:
    def flip(conn: Connection) -> None:
        payload = bytearray(_row(conn, two[0].id).payload)
        payload[-20] ^= 0x01
        _bump(conn, two[0].id, payload=bytes(payload))

    _refused(office2, flip)


def test_an_old_version_served_under_a_new_number_is_refused(
    office2: Office, two: list[Spouse]
) -> None:
    a = office2.workstations[0]
    with office2.central.engine.connect() as conn:
        old = _row(conn, two[0].id).payload
    with a.s.store.read() as conn:
        current = spouses.get_spouse(conn, two[0].id)
    records.edit(a.s, dataclasses.replace(current, career_goals="Registered nurse"))
    office2.sync_all()

    def replay(conn: Connection) -> None:
        version = _row(conn, two[0].id).row_version
        _bump(conn, two[0].id, payload=old, row_version=version + 1)

    _refused(office2, replay)


def test_an_old_version_served_as_it_was_is_refused(office2: Office, two: list[Spouse]) -> None:
    a = office2.workstations[0]
    with office2.central.engine.connect() as conn:
        old = _row(conn, two[0].id)
    with a.s.store.read() as conn:
        current = spouses.get_spouse(conn, two[0].id)
    records.edit(a.s, dataclasses.replace(current, career_goals="Registered nurse"))
    office2.sync_all()

    def roll_back(conn: Connection) -> None:
        _bump(conn, two[0].id, payload=old.payload, row_version=old.row_version)

    _refused(office2, roll_back)


def test_a_payload_relabelled_with_another_key_version_is_refused(
    office2: Office, two: list[Spouse]
) -> None:
    def relabel(conn: Connection) -> None:
        _bump(conn, two[0].id, key_version=2)

    _refused(office2, relabel)


@pytest.fixture
def two_conflicts(office2: Office, two: list[Spouse]) -> list[str]:
    """Both records' career goals changed on both workstations: two shared conflicts."""
    a, b = office2.workstations
    for ws, goal in ((a, "Paralegal"), (b, "Teacher")):
        for s in two:
            with ws.s.store.read() as conn:
                current = spouses.get_spouse(conn, s.id)
            records.edit(ws.s, dataclasses.replace(current, career_goals=goal))
        office2.clock.advance(minutes=1)
    office2.sync_all()
    ids = sorted(c.id for c in open_conflicts(a.s))
    assert len(ids) == 2
    assert sorted(c.id for c in open_conflicts(b.s)) == ids
    return ids


def _refused_keeping_conflicts(office: Office, tamper: Callable[[Connection], None]) -> None:
    b = office.workstations[1]
    before = open_conflicts(b.s)
    _refused(office, tamper)
    assert open_conflicts(b.s) == before


def test_conflict_payloads_swapped_between_conflicts_are_refused(
    office2: Office, two_conflicts: list[str]
) -> None:
    first, second = two_conflicts

    def swap(conn: Connection) -> None:
        p1, p2 = _row(conn, first).payload, _row(conn, second).payload
        _bump(conn, first, payload=p2)
        _bump(conn, second, payload=p1)

    _refused_keeping_conflicts(office2, swap)


def test_a_spouse_payload_served_as_a_conflict_is_refused(
    office2: Office, two: list[Spouse], two_conflicts: list[str]
) -> None:
    def move(conn: Connection) -> None:
        _bump(conn, two_conflicts[0], payload=_row(conn, two[0].id).payload)

    _refused_keeping_conflicts(office2, move)


def test_a_conflict_payload_served_as_a_spouse_is_refused(
    office2: Office, two: list[Spouse], two_conflicts: list[str]
) -> None:
    def move(conn: Connection) -> None:
        _bump(conn, two[0].id, payload=_row(conn, two_conflicts[0]).payload)

    _refused_keeping_conflicts(office2, move)


def test_a_conflict_served_with_its_resolution_dropped_is_refused(
    office2: Office, two_conflicts: list[str]
) -> None:
    """An old, still-open copy of a resolved conflict replayed under a new version number."""
    a = office2.workstations[0]
    with office2.central.engine.connect() as conn:
        old = _row(conn, two_conflicts[0]).payload
    keep(a.s, two_conflicts[0])
    office2.sync_all()

    def replay(conn: Connection) -> None:
        version = _row(conn, two_conflicts[0]).row_version
        _bump(conn, two_conflicts[0], payload=old, row_version=version + 1)

    _refused_keeping_conflicts(office2, replay)
