"""Retention: deletion after 3 years without activity (not a day earlier), holds, upcoming
list, dry run, certificate, audit kept, and an interrupted purge that resumes."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from seco_desktop.domain.normalise import name_key
from seco_desktop.domain.reference import ContactType, Role
from seco_desktop.services import audit_review, records, retention
from seco_desktop.services import search as search_service
from seco_desktop.services.session import Session
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.schema import name_term

from .support import FakeClock, Office, make_spouses


def _three_years_on(office: Office) -> None:
    office.clock.now = retention.years_before(office.clock.now, -3)


def test_a_record_is_deleted_at_three_years_without_activity_not_a_day_earlier(
    office: Office,
) -> None:
    stored = records.register(office.sign_in(), make_spouses(1)[0])

    _three_years_on(office)
    office.clock.advance(days=-1)
    assert retention.purge(office.sign_in()).purged == []
    assert records.open_record(office.sign_in(), stored.id).spouse.id == stored.id

    office.clock.advance(days=1)
    certificate = retention.purge(office.sign_in())
    assert certificate.purged == [stored.id]
    with pytest.raises(RecordNotFound):
        records.open_record(office.sign_in(), stored.id)


def test_casework_resets_the_three_years(office: Office) -> None:
    admin = office.sign_in()
    stored = records.register(admin, make_spouses(1)[0])
    office.clock.advance(days=400)
    records.add_note(office.sign_in(), stored.id, ContactType.PHONE, "Call", "Asked about jobs")

    assert stored.updated_at is not None
    office.clock.now = retention.years_before(stored.updated_at, -3)  # 3 years after creation
    assert retention.purge(office.sign_in()).purged == []


def test_a_hold_pauses_deletion_and_the_upcoming_list_shows_it(office: Office) -> None:
    admin = office.sign_in()
    held, free = (records.register(admin, s) for s in make_spouses(2))
    supervisor = office.sign_in_as(Role.SUPERVISOR)
    retention.place_hold(supervisor, held.id, "Open Privacy Act request")

    _three_years_on(office)
    office.clock.advance(days=-30)
    supervisor = office.sign_in()  # 35-day inactivity would disable the supervisor's account
    upcoming = {u.spouse_id: u for u in retention.upcoming(supervisor, within_days=60)}
    assert set(upcoming) == {held.id, free.id}
    assert upcoming[held.id].hold_reason == "Open Privacy Act request"
    assert upcoming[free.id].hold_reason is None
    assert free.updated_at is not None
    assert upcoming[free.id].due_on == retention.years_before(free.updated_at, -3).date()

    office.clock.advance(days=30)
    assert retention.purge(office.sign_in()).purged == [free.id]
    retention.release_hold(office.sign_in(), held.id)
    assert retention.purge(office.sign_in()).purged == [held.id]


def test_a_dry_run_lists_and_deletes_nothing(office: Office) -> None:
    stored = [records.register(office.sign_in(), s) for s in make_spouses(3)]
    _three_years_on(office)
    admin = office.sign_in()

    dry = retention.purge(admin, dry_run=True)

    assert sorted(dry.purged) == sorted(s.id for s in stored)
    assert "DRY RUN" in dry.text()
    assert records.open_record(admin, stored[0].id)


def test_the_certificate_and_the_audit_survive(office: Office) -> None:
    stored = records.register(office.sign_in(), make_spouses(1)[0])
    _three_years_on(office)
    admin = office.sign_in()

    certificate = retention.purge(admin)

    text = certificate.text()
    assert "Purge certificate" in text
    assert stored.id in text
    assert "deleted: 1" in text
    trail = audit_review.entries(admin, limit=1000)
    assert any(r.action == "create" and r.record_id == stored.id for r in trail)
    assert any(r.action == "purge" and r.record_id == stored.id for r in trail)
    assert audit_review.verify(admin).intact


def _copy(office: Office, folder: Path) -> Office:
    folder.mkdir()
    for name in (office.path.name, f"{office.path.name}.keys"):
        shutil.copyfile(office.path.parent / name, folder / name)
    return Office(folder / office.path.name, office.recovery_key, FakeClock(office.clock.now))


def _remaining(session: Session, ids: list[str]) -> list[str]:
    left = []
    for record_id in ids:
        try:
            records.open_record(session, record_id)
            left.append(record_id)
        except RecordNotFound:
            pass
    return left


def test_a_purge_interrupted_half_way_resumes_and_ends_with_the_same_result(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = office.sign_in()
    population = [records.register(admin, s) for s in make_spouses(20)]
    office.clock.advance(days=200)
    for s in population[:5]:  # recent casework: these stay
        records.add_note(admin, s.id, ContactType.EMAIL, "Update", "Sent resume tips")
    office.close_all()
    registered = population[0].updated_at
    assert registered is not None
    office.clock.now = retention.years_before(registered, -3) + timedelta(days=1)
    twin = _copy(office, tmp_path / "twin")
    ids = [s.id for s in population]

    original = retention._purge_batch
    calls = {"n": 0}

    def crash_on_second(*args: object, **kwargs: object) -> bool:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the workstation goes down mid-purge
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(retention, "_purge_batch", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        retention.purge(office.sign_in(), batch=6)
    half_way = _remaining(office.sign_in(), ids)
    assert 0 < len(ids) - len(half_way) < 15  # some deleted, not all
    monkeypatch.setattr(retention, "_purge_batch", original)

    resumed = retention.purge(office.sign_in(), batch=6)
    uninterrupted = retention.purge(twin.sign_in(), batch=6)
    twin_left = _remaining(twin.sign_in(), ids)
    twin.close_all()

    assert sorted(resumed.purged) == sorted(uninterrupted.purged)
    assert len(resumed.purged) == 15
    assert _remaining(office.sign_in(), ids) == twin_left == ids[:5]
    assert audit_review.verify(office.sign_in()).intact


def test_a_purged_persons_name_words_leave_the_search_terms_unless_shared(
    office: Office,
) -> None:
    admin = office.sign_in()
    gone, other = make_spouses(2, seed=61)
    gone = dataclasses.replace(gone, name=dataclasses.replace(gone.name, last="Quillfeather"))
    twin = dataclasses.replace(other, name=dataclasses.replace(other.name, first=gone.name.first))
    gone = records.register(admin, gone)
    _three_years_on(office)
    admin = office.sign_in()
    records.register(admin, twin)  # registered now: shares the first name, stays

    assert retention.purge(admin).purged == [gone.id]

    with admin.store.read() as conn:
        terms = {(r.kind, r.term) for r in conn.execute(select(name_term))}
    assert ("last", name_key("Quillfeather")) not in terms
    assert ("first", name_key(gone.name.first)) in terms
    assert search_service.search(admin, "Quillfeather").rows == ()
