"""Conflicts are shared: the coach whose value lost sees the conflict at their own desk, every
workstation (one enrolled later too) lists the same ones, and a resolution on one desk closes
it on all; two different resolutions made offline end the same everywhere; a purge takes a
record's conflicts off every workstation and leaves only tombstones centrally."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from seco_desktop.domain.models import Spouse
from seco_desktop.services import records, retention
from seco_desktop.services.sync_payload import open_row
from seco_desktop.services.sync_review import (
    dismiss,
    keep,
    merge_duplicate,
    open_conflicts,
    restore,
    review_items,
    status,
)
from seco_desktop.services.sync_setup import enroll
from seco_desktop.store import outbox, spouses
from seco_desktop.store.conflicts import Conflict, add_conflicts, all_conflicts
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.sync_tables import CONFLICT
from tests.services.support import ADMIN, ADMIN_PASSWORD, make_spouses

from .support import Office, Workstation

pytestmark = pytest.mark.postgres


def _spouse(ws: Workstation, spouse_id: str) -> Spouse:
    with ws.s.store.read() as conn:
        return spouses.get_spouse(conn, spouse_id)


def _edit(ws: Workstation, spouse_id: str, change: Callable[[Spouse], Spouse]) -> None:
    records.edit(ws.s, change(_spouse(ws, spouse_id)))


def _every(ws: Workstation) -> list[Conflict]:
    with ws.s.store.read() as conn:
        return all_conflicts(conn)


def _assert_same_everywhere(office: Office) -> list[Conflict]:
    first, *others = office.workstations
    expected = _every(first)
    for ws in others:
        assert _every(ws) == expected, f"{ws.name} lists other conflicts than {first.name}"
    return expected


def _enrol(office: Office, tmp_path: Path, name: str) -> Workstation:
    path = tmp_path / name / "office.seco"
    enroll(path, office.url, ADMIN, ADMIN_PASSWORD, clock=office.clock)
    ws = Workstation(name, path, office.clock)
    ws.sign_in()
    office.workstations.append(ws)
    return ws


def _clash(office: Office, a: Workstation, b: Workstation) -> Spouse:
    """A record everyone holds; then a and b change its career goals offline, b later."""
    shared = records.register(a.s, make_spouses(1, seed=71)[0])
    office.sync_all()
    _edit(a, shared.id, lambda s: dataclasses.replace(s, career_goals="Become a paralegal"))
    office.clock.advance(minutes=5)
    _edit(b, shared.id, lambda s: dataclasses.replace(s, career_goals="Teach middle school"))
    return shared


def test_a_conflict_is_listed_on_every_workstation_and_one_enrolled_later(
    office3: Office, tmp_path: Path
) -> None:
    a, b, c = office3.workstations
    shared = _clash(office3, a, b)

    office3.sync(a)
    office3.sync(b)  # b merges: the conflict is found there
    office3.sync_all()

    (conflict,) = open_conflicts(a.s)  # the coach whose value lost sees it at their own desk
    assert (conflict.kind, conflict.field, conflict.record_id) == (
        "field", "career_goals", shared.id,
    )  # fmt: skip
    assert json.loads(conflict.lost_value) == "Become a paralegal"
    assert conflict.lost_by == a.s.user.id
    assert open_conflicts(b.s) == open_conflicts(c.s) == [conflict]
    for ws, found_here in ((a, False), (b, True), (c, False)):
        (item,) = review_items(ws.s)
        assert item.found_here is found_here
        assert status(ws.s).conflicts == 1  # the status bar's count
    _assert_same_everywhere(office3)

    d = _enrol(office3, tmp_path, "ws-late")
    assert open_conflicts(d.s) == [conflict]
    assert status(d.s).conflicts == 1


def test_a_restore_on_one_desk_puts_the_value_back_and_closes_it_everywhere(
    office3: Office,
) -> None:
    a, b, c = office3.workstations
    shared = _clash(office3, a, b)
    office3.sync_all()
    (conflict,) = open_conflicts(c.s)

    restore(b.s, conflict.id)
    office3.sync_all()

    for ws in office3.workstations:
        assert _spouse(ws, shared.id).career_goals == "Become a paralegal"
        assert open_conflicts(ws.s) == []
        assert status(ws.s).conflicts == 0
        closed = [x for x in _every(ws) if x.id == conflict.id]
        assert [(x.resolution, x.resolved_by) for x in closed] == [("restored", b.s.user.id)]
    _assert_same_everywhere(office3)
    with pytest.raises(RecordNotFound, match="resolved already"):  # closed on a too
        keep(a.s, conflict.id)


def test_two_resolutions_made_offline_end_the_same_everywhere(office3: Office) -> None:
    a, b, c = office3.workstations
    shared = _clash(office3, a, b)
    office3.sync_all()
    (conflict,) = open_conflicts(a.s)

    keep(a.s, conflict.id)  # both offline: a keeps the value in force first ...
    office3.clock.advance(minutes=1)
    restore(c.s, conflict.id)  # ... c restores the other value later
    office3.sync_all(rounds=3)

    everywhere = _assert_same_everywhere(office3)
    (closed,) = [x for x in everywhere if x.id == conflict.id]
    # The restore changed the record (and its edit travels anyway): it is in force; the keep is
    # kept, superseded, so a supervisor sees both.
    assert (closed.resolution, closed.resolved_by) == ("restored", c.s.user.id)
    assert sorted(r.resolution for r in closed.history()) == ["kept", "restored"]
    for ws in office3.workstations:
        assert _spouse(ws, shared.id).career_goals == "Become a paralegal"
        assert open_conflicts(ws.s) == []
    (item,) = review_items(b.s, resolved=True)
    assert [(r[0], r[3]) for r in item.resolutions] == [("restored", True), ("kept", False)]


def test_two_keeps_made_offline_keep_the_earlier_one(office3: Office) -> None:
    a, b, c = office3.workstations
    _clash(office3, a, b)
    office3.sync_all()
    (conflict,) = open_conflicts(a.s)

    office3.clock.advance(minutes=2)
    keep(c.s, conflict.id)  # earlier
    office3.clock.advance(minutes=1)
    keep(b.s, conflict.id)
    office3.sync(b)  # the later one reaches central first
    office3.sync_all()

    (closed,) = _assert_same_everywhere(office3)
    assert closed.resolved_by == c.s.user.id
    assert len(closed.history()) == 2


def test_a_duplicate_found_on_every_desk_is_listed_once_and_closed_everywhere(
    office3: Office,
) -> None:
    a, b, c = office3.workstations
    caller = make_spouses(1, seed=72)[0]
    first = records.register(a.s, caller)
    second = records.register(b.s, dataclasses.replace(caller, id="b" + caller.id[1:]))

    office3.sync_all()

    offered = [x for x in open_conflicts(a.s) if x.kind == "duplicate"]
    assert len(offered) == 1, "one pair, listed once"
    assert {offered[0].record_id, offered[0].other_id} == {first.id, second.id}
    for ws in (b, c):
        assert open_conflicts(ws.s) == offered

    dismiss(c.s, offered[0].id)  # "not a duplicate", on a desk that registered neither
    office3.sync_all()
    for ws in office3.workstations:
        assert open_conflicts(ws.s) == []
    _assert_same_everywhere(office3)
    office3.sync_all()  # and the pair is not offered again
    assert all(open_conflicts(ws.s) == [] for ws in office3.workstations)


def test_a_duplicate_merged_on_one_desk_and_dismissed_on_another_shows_the_merge(
    office2: Office,
) -> None:
    a, b = office2.workstations
    caller = make_spouses(1, seed=73)[0]
    first = records.register(a.s, caller)
    records.register(b.s, dataclasses.replace(caller, id="b" + caller.id[1:]))
    office2.sync_all()
    (offered,) = open_conflicts(a.s)

    dismiss(a.s, offered.id)
    office2.clock.advance(minutes=1)
    merge_duplicate(b.s, offered.id, keep_id=first.id)
    office2.sync_all(rounds=3)

    (closed,) = _assert_same_everywhere(office2)
    assert closed.resolution == "merged"  # what happened to the records
    assert [r.keep_id for r in closed.history() if r.resolution == "merged"] == [first.id]
    for ws in (a, b):
        with ws.s.store.read() as conn:
            assert spouses.find_id_by_dod_id(conn, caller.dod_id) == first.id


def test_a_purge_takes_the_conflicts_off_every_workstation(office3: Office) -> None:
    a, b, c = office3.workstations
    shared = _clash(office3, a, b)
    office3.sync_all()
    (conflict,) = open_conflicts(c.s)
    central_copy = office3.central.fetch([(CONFLICT, conflict.id)])
    assert open_row(a.s.keys.material, central_copy[0]).body["lost_value"]

    office3.clock.now = retention.years_before(office3.clock.now, -3) + timedelta(days=1)
    assert retention.purge(a.s).purged == [shared.id]
    office3.sync_all()

    for ws in office3.workstations:
        assert _every(ws) == [], f"{ws.name} still holds the purged record's conflict"
    (row,) = office3.central.fetch([(CONFLICT, conflict.id)])
    env = open_row(a.s.keys.material, row)
    assert env.deleted
    assert set(env.body) == {"id", "purged"}  # a tombstone: no values left centrally


def test_a_duplicate_merged_both_ways_offline_keeps_the_record_the_first_merge_kept(
    office2: Office,
) -> None:
    a, b = office2.workstations
    caller = make_spouses(1, seed=74)[0]
    first = records.register(a.s, caller)
    second = records.register(b.s, dataclasses.replace(caller, id="b" + caller.id[1:]))
    office2.sync_all()
    (offered,) = open_conflicts(a.s)

    merge_duplicate(a.s, offered.id, keep_id=first.id)  # a keeps the first (earlier) ...
    office2.clock.advance(minutes=1)
    merge_duplicate(b.s, offered.id, keep_id=second.id)  # ... b the second, deleting the first
    office2.sync_all(rounds=3)

    (closed,) = _assert_same_everywhere(office2)
    assert [(r.resolution, r.keep_id) for r in closed.history()] == [
        ("merged", first.id), ("merged", second.id),
    ]  # fmt: skip
    assert closed.history()[0] == min(closed.history(), key=lambda r: r.rank())  # in force
    for ws in (a, b):  # the spouse did not vanish: b brought back the record a's merge kept
        with ws.s.store.read() as conn:
            assert spouses.find_id_by_dod_id(conn, caller.dod_id) == first.id
        assert status(ws.s).pending == 0


def test_a_pair_also_recorded_under_an_old_random_id_is_listed_once_and_closed_together(
    office2: Office,
) -> None:
    """Conflicts recorded before migration 0011 keep their random ids: the same pair found
    again elsewhere under its deterministic id is still one entry, and one dismissal closes
    both records of it."""
    a, b = office2.workstations
    caller = make_spouses(1, seed=75)[0]
    first = records.register(a.s, caller)
    second = records.register(b.s, dataclasses.replace(caller, id="b" + caller.id[1:]))
    legacy = Conflict(
        str(uuid.uuid4()), "duplicate", "spouse", second.id, "dod_id", "null", "null", "",
        None, "", None, first.id, office2.clock(),
    )  # fmt: skip
    with a.s.store.write() as conn:  # as the upgrade leaves it: held here and queued once
        add_conflicts(conn, [legacy])
        outbox.track_new(conn, CONFLICT, [legacy.id], "", office2.clock())

    office2.sync_all()

    assert len(_every(a)) == 2  # two records of one pair ...
    for ws in (a, b):
        assert len(open_conflicts(ws.s)) == 1  # ... listed once
        assert status(ws.s).conflicts == 1
    dismiss(b.s, open_conflicts(b.s)[0].id)
    office2.sync_all()
    for ws in (a, b):
        assert open_conflicts(ws.s) == []
        assert {x.resolution for x in _every(ws)} == {"dismissed"}
    _assert_same_everywhere(office2)
