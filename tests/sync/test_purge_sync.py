"""A retention purge travels: the central store keeps only tombstones (no personal ciphertext),
every workstation deletes the record and its casework as a local purge does, a new workstation
never gets it back; fresh activity elsewhere keeps the record (docs/architecture.md,
"Retention across workstations")."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from seco_desktop.central.schema import record
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import ContactType
from seco_desktop.services import audit_review, disclosures, records, retention
from seco_desktop.services.sync_payload import open_row
from seco_desktop.services.sync_setup import enroll
from seco_desktop.store.audit import AuditFilter
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.schema import disclosure, note, spouse
from seco_desktop.store.sync_tables import NOTE, SPOUSE
from tests.services.support import ADMIN, ADMIN_PASSWORD, make_spouses

from .support import Office, Workstation

pytestmark = pytest.mark.postgres


def _register(ws: Workstation, people: list[Spouse]) -> list[Spouse]:
    stored = [records.register(ws.s, p) for p in people]
    for s in stored:
        records.add_note(ws.s, s.id, ContactType.PHONE, "Intake", "Talked about resume help")
    return stored


def _three_years_on(office: Office) -> None:
    office.clock.now = retention.years_before(office.clock.now, -3) + timedelta(days=1)


def _has(ws: Workstation, spouse_id: str) -> bool:
    try:
        records.open_record(ws.s, spouse_id)
    except RecordNotFound:
        return False
    return True


def _notes_of(ws: Workstation, spouse_id: str) -> int:
    with ws.s.store.read() as conn:
        return int(conn.execute(
            select(func.count()).where(note.c.spouse_id == spouse_id)
        ).scalar_one())  # fmt: skip


def _central_docs(office: Office, ws: Workstation, keys: list[tuple[str, str]]) -> list[dict]:
    rows = office.central.fetch(keys)
    assert len(rows) == len(keys)
    out = []
    with office.central.engine.connect() as conn:
        bis = {(r.tbl, r.id): (r.bi_dod, r.bi_last) for r in conn.execute(
            select(record.c.tbl, record.c.id, record.c.bi_dod, record.c.bi_last)
        )}  # fmt: skip
    for row in rows:
        env = open_row(ws.s.keys.material, row)
        out.append({"deleted": env.deleted, "body": env.body, "size": len(row.payload),
                    "bi": bis[(row.tbl, row.record_id)]})  # fmt: skip
    return out


def _record_keys(ws: Workstation, spouse_id: str) -> list[tuple[str, str]]:
    with ws.s.store.read() as conn:
        notes = conn.execute(select(note.c.id).where(note.c.spouse_id == spouse_id)).all()
    return [(SPOUSE, spouse_id)] + [(NOTE, n.id) for n in notes]


def test_a_purge_reaches_every_workstation_and_leaves_no_payload_centrally(
    office2: Office, tmp_path: Path
) -> None:
    a, b = office2.workstations
    old, kept = _register(a, make_spouses(2, seed=41))
    office2.sync(a)
    office2.sync(b)
    disclosures.record_disclosure(
        b.s, old.id,
        disclosures.DisclosureRequest("A. Recipient", "1 Main St", "Verification", "Letter"),
    )  # fmt: skip
    keys = _record_keys(b, old.id)
    assert len(keys) == 2
    profile_size = _central_docs(office2, a, keys[:1])[0]["size"]

    _three_years_on(office2)
    records.add_note(a.s, kept.id, ContactType.EMAIL, "Update", "Still looking")  # activity
    assert retention.purge(a.s).purged == [old.id]
    office2.sync(a)
    office2.sync(b)

    assert not _has(b, old.id)
    assert _notes_of(b, old.id) == 0
    assert _has(b, kept.id)
    with b.s.store.read() as conn:  # the accounting stays, marked purged
        purged_at = conn.execute(
            select(disclosure.c.record_purged_at).where(disclosure.c.spouse_id == old.id)
        ).scalar_one()
    assert purged_at is not None
    trail = audit_review.entries(b.s, AuditFilter(action="purge", record_id=old.id))
    assert [(r.actor, r.outcome, r.detail) for r in trail] == [(ADMIN, "ok", '{"source":"sync"}')]

    for doc in _central_docs(office2, a, keys):
        assert doc["deleted"]
        assert set(doc["body"]) == {"id", "purged"}
        assert doc["bi"] == (None, None)
        assert doc["size"] < min(profile_size / 2, 500)  # a tombstone, not a sealed profile
    assert old.name.last not in str(_central_docs(office2, a, keys))

    c_path = tmp_path / "ws-new" / "office.seco"
    enroll(c_path, office2.url, ADMIN, ADMIN_PASSWORD, clock=office2.clock)
    c = Workstation("ws-new", c_path, office2.clock)
    office2.workstations.append(c)
    c.sign_in()
    assert not _has(c, old.id)
    assert _has(c, kept.id)
    with c.s.store.read() as conn:
        assert conn.execute(select(spouse.c.id).where(spouse.c.id == old.id)).first() is None


def test_an_interrupted_purge_resumes_and_reaches_the_same_end_everywhere(
    office2: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = office2.workstations
    population = _register(a, make_spouses(7, seed=43))
    office2.sync(a)
    office2.sync(b)
    _three_years_on(office2)

    original = retention._purge_batch
    calls = {"n": 0}

    def crash_on_second(*args: object, **kwargs: object) -> bool:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the workstation goes down mid-purge
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(retention, "_purge_batch", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        retention.purge(a.s, batch=3)
    office2.sync(a)  # the first batch's tombstones travel already
    office2.sync(b)
    monkeypatch.setattr(retention, "_purge_batch", original)
    assert sorted(retention.purge(a.s, batch=3).purged) == sorted(s.id for s in population)
    office2.sync(a)
    office2.sync(b)

    for s in population:
        assert not _has(a, s.id)
        assert not _has(b, s.id)
        assert _notes_of(b, s.id) == 0
    keys = [(SPOUSE, s.id) for s in population]
    assert all(d["deleted"] and set(d["body"]) == {"id", "purged"}
               for d in _central_docs(office2, a, keys))  # fmt: skip
    assert audit_review.verify(b.s).intact


@pytest.mark.parametrize("b_syncs_first", [False, True], ids=["purge first", "edit first"])
@pytest.mark.parametrize("activity", ["edit", "note"])
def test_activity_after_the_cutoff_elsewhere_keeps_the_record_everywhere(
    office2: Office, b_syncs_first: bool, activity: str
) -> None:
    a, b = office2.workstations
    (person,) = _register(a, make_spouses(1, seed=47))
    office2.sync(a)
    office2.sync(b)
    _three_years_on(office2)

    # B works on the record after the cutoff, before it has heard of A's purge.
    if activity == "edit":
        current = records.open_record(b.s, person.id).spouse
        records.edit(b.s, dataclasses.replace(current, email="new.address@example.org"))
    else:
        records.add_note(b.s, person.id, ContactType.PHONE, "Callback", "Asked about jobs")
    if b_syncs_first:
        office2.sync(b)
    assert retention.purge(a.s).purged == [person.id]
    for ws in (a, b, a, b):
        office2.sync(ws)

    for ws in (a, b):
        assert _has(ws, person.id), f"{ws.name} lost the record"
        assert _notes_of(ws, person.id) == (2 if activity == "note" else 1)
    if activity == "edit":
        assert records.open_record(a.s, person.id).spouse.email == "new.address@example.org"
    central = _central_docs(office2, a, _record_keys(a, person.id))
    assert not any(d["deleted"] for d in central)
    undone = [
        (ws.name, r.detail)
        for ws in (a, b)
        for r in audit_review.entries(ws.s, AuditFilter(action="purge", record_id=person.id))
        if r.outcome == "failed"
    ]
    assert undone, "the audit shows the purge was undone for activity"


def test_an_edit_made_before_the_cutoff_and_synced_late_does_not_revive_the_record(
    office2: Office,
) -> None:
    a, b = office2.workstations
    (person,) = _register(a, make_spouses(1, seed=53))
    office2.sync(a)
    office2.sync(b)
    office2.clock.advance(days=10)
    current = records.open_record(b.s, person.id).spouse
    records.edit(b.s, dataclasses.replace(current, email="older.edit@example.org"))  # not synced
    _three_years_on(office2)
    office2.clock.advance(days=10)  # the edit is now more than 3 years old too

    assert retention.purge(a.s).purged == [person.id]
    for ws in (a, b, a, b):
        office2.sync(ws)
    for ws in (a, b):
        assert not _has(ws, person.id)


def test_casework_synced_from_elsewhere_counts_as_activity_for_the_purge(
    office2: Office,
) -> None:
    a, b = office2.workstations
    (person,) = _register(a, make_spouses(1, seed=59))
    office2.sync(a)
    office2.sync(b)
    _three_years_on(office2)
    office2.clock.advance(days=-20)
    records.add_note(b.s, person.id, ContactType.EMAIL, "Update", "Sent job leads")
    office2.sync(b)
    office2.sync(a)
    office2.clock.advance(days=20)  # 3 years since A's own last activity, 20 days since B's

    assert retention.purge(a.s).purged == []
    assert _has(a, person.id)


def test_a_hold_on_another_workstation_keeps_the_record_everywhere(office2: Office) -> None:
    a, b = office2.workstations
    (person,) = _register(a, make_spouses(1, seed=61))
    office2.sync(a)
    office2.sync(b)
    retention.place_hold(b.s, person.id, "Open records request")
    _three_years_on(office2)

    assert retention.purge(a.s).purged == [person.id]  # A does not know of B's hold
    for ws in (a, b, a):
        office2.sync(ws)
    for ws in (a, b):
        assert _has(ws, person.id)
        assert _notes_of(ws, person.id) == 1
