"""The demo generator: deterministic, varied, valid, and storable in a real SQLCipher store."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from seco_desktop.demo.accounts import DEMO_USERS
from seco_desktop.demo.build import build_demo_store
from seco_desktop.demo.generator import generate_casework, generate_spouses
from seco_desktop.demo.names import PARTICLE_SURNAMES
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import (
    MILITARY_POST_OFFICES,
    MILITARY_STATES,
    MILITARY_ZIP_PREFIXES,
    PAY_GRADES,
    US_TERRITORIES,
    AddressKind,
    Branch,
    Component,
    ReservePhase,
    Role,
    SponsorStatus,
)
from seco_desktop.domain.validation import validate_spouse
from seco_desktop.store.casework import due_follow_ups
from seco_desktop.store.schema import follow_up, note
from seco_desktop.store.spouses import count_spouses, get_spouse
from seco_desktop.store.store import Store
from seco_desktop.store.users import add_user

TODAY = date(2025, 6, 2)
COACHES = ("coach-a", "coach-b")


@pytest.fixture(scope="module")
def sample() -> list[Spouse]:
    return list(generate_spouses(5000, seed=42, today=TODAY, coaches=COACHES))


def test_same_seed_same_records_and_different_seed_different() -> None:
    first = list(generate_spouses(300, seed=7, today=TODAY, coaches=COACHES))
    again = list(generate_spouses(300, seed=7, today=TODAY, coaches=COACHES))
    other = list(generate_spouses(300, seed=8, today=TODAY, coaches=COACHES))
    assert first == again
    assert [s.id for s in first] != [s.id for s in other]
    assert {s.dod_id for s in first}.isdisjoint({s.dod_id for s in other})
    assert [s.name for s in first] != [s.name for s in other]


def test_a_prefix_of_a_run_is_the_shorter_run() -> None:
    assert (
        list(generate_spouses(50, seed=3, today=TODAY))
        == list(generate_spouses(200, seed=3, today=TODAY))[:50]
    )


def test_every_branch_component_status_and_phase_occurs(sample: list[Spouse]) -> None:
    sponsors = [s.sponsor for s in sample]
    assert {p.branch for p in sponsors} == set(Branch)
    assert {p.component for p in sponsors} == set(Component)
    assert {p.status for p in sponsors} == set(SponsorStatus)
    assert {p.reserve_phase for p in sponsors} == set(ReservePhase)
    coast_guard = sum(p.branch is Branch.COAST_GUARD for p in sponsors) / len(sponsors)
    assert 0.01 < coast_guard < 0.06
    guard_reserve = [p for p in sponsors if p.component is not Component.ACTIVE_DUTY]
    assert {p.on_title10_orders for p in guard_reserve} == {True, False}
    assert all(not p.on_title10_orders for p in sponsors if p.component is Component.ACTIVE_DUTY)
    assert all(p.pay_grade in PAY_GRADES[p.branch] for p in sponsors)
    grades = Counter(p.pay_grade[0] for p in sponsors)
    assert grades["E"] > grades["O"] > grades["W"] > 0


def test_separations_recent_and_old(sample: list[Spouse]) -> None:
    gaps = [
        (TODAY - s.sponsor.separation_date).days
        for s in sample
        if s.sponsor.status is SponsorStatus.SEPARATED and s.sponsor.separation_date
    ]
    assert any(g < 365 for g in gaps)
    assert any(g >= 365 for g in gaps)


def test_military_and_territory_addresses(sample: list[Spouse]) -> None:
    addresses = [s.address for s in sample if s.address is not None]
    military = [a for a in addresses if a.kind is AddressKind.MILITARY]
    assert 0.07 < len(military) / len(addresses) < 0.13
    assert {a.state for a in military} == set(MILITARY_STATES)
    assert {a.city for a in military} == set(MILITARY_POST_OFFICES)
    for a in military:
        assert a.postal_code[:3] in MILITARY_ZIP_PREFIXES[a.state]
        assert len(a.postal_code) == 5
    assert {a.state for a in addresses} & set(US_TERRITORIES)


def test_dod_ids_are_ten_digits_and_unique(sample: list[Spouse]) -> None:
    ids = [s.dod_id for s in sample] + [s.sponsor.dod_id for s in sample]
    assert all(len(i) == 10 and i.isdigit() for i in ids)
    assert len(set(ids)) == len(ids)
    assert len({s.id for s in sample}) == len(sample)


def test_name_shapes(sample: list[Spouse]) -> None:
    lasts = [s.name.last for s in sample]
    firsts = [s.name.first for s in sample]
    assert any(not n.isascii() for n in lasts)  # Núñez, Nguyễn
    assert any(not n.isascii() for n in firsts)  # Zoë, José
    assert any("'" in n for n in lasts)  # O'Connor
    assert any("-" in n for n in lasts)  # Smith-Jones
    assert any(n in PARTICLE_SURNAMES for n in lasts)  # de la Cruz
    assert any(" " in n and n not in PARTICLE_SURNAMES for n in lasts)  # García Márquez
    suffixed = sum(bool(s.name.suffix) for s in sample) / len(sample)
    assert 0.005 < suffixed < 0.06
    assert len(set(lasts)) > 1500


def test_contact_details_are_fictional(sample: list[Spouse]) -> None:
    phones = [s.phone for s in sample if s.phone]
    assert phones
    assert all(p.startswith("+1") and p[5:10] == "55501" and len(p) == 12 for p in phones)
    emails = [s.email for s in sample if s.email]
    assert all(
        e.split("@")[1].endswith(("example.com", "example.net", "example.org")) for e in emails
    )


def test_lists_vary_and_some_have_mycaa(sample: list[Spouse]) -> None:
    for attr in ("education", "work_experience", "credentials", "skills"):
        lengths = {len(getattr(s, attr)) for s in sample}
        assert 0 in lengths, attr
        assert max(lengths) >= 2, attr
    awarded = [s for s in sample if s.mycaa_awards]
    assert 0.05 < len(awarded) / len(sample) < 0.3
    for s in awarded:
        assert sum(a.amount_cents for a in s.mycaa_awards) <= 400_000
        assert all(a.amount_cents <= 200_000 or a.waiver for a in s.mycaa_awards)
    assert any(s.msep_opt_in for s in sample)
    assert any(s.career_goals for s in sample)
    assert {s.assigned_coach for s in sample} == {*COACHES, None}


def test_generated_records_validate_clean(sample: list[Spouse]) -> None:
    problems = {(e.field, e.message) for s in sample[:2000] for e in validate_spouse(s, TODAY)}
    assert problems == set()


def test_casework_mixes_follow_up_states() -> None:
    spouses = list(generate_spouses(400, seed=5, today=TODAY, coaches=COACHES))
    notes, follow_ups = generate_casework(spouses, seed=1, today=TODAY, authors=["u1", "u2"])
    assert (notes, follow_ups) == generate_casework(
        spouses, seed=1, today=TODAY, authors=["u1", "u2"]
    )
    assert len({n.contact_type for n in notes}) == 4
    assert all(n.created_at < datetime.combine(TODAY, datetime.min.time()) for n in notes)
    open_items = [f for f in follow_ups if not f.done]
    assert any(f.due_date < TODAY for f in open_items)  # overdue
    assert any(f.due_date == TODAY for f in open_items)
    assert any(f.due_date > TODAY for f in open_items)
    done = [f for f in follow_ups if f.done]
    assert done
    assert all(f.done_at is not None and f.done_at >= f.created_at for f in done)
    with pytest.raises(ValueError, match="author"):
        generate_casework(spouses, seed=1, today=TODAY, authors=[])


def test_build_demo_store_writes_the_counts(tmp_path: Path) -> None:
    now = datetime(2025, 6, 2, 9, 0)
    users = [account.to_user(now) for account in DEMO_USERS]
    seen: list[tuple[int, int]] = []
    with Store.open(tmp_path / "d.seco", [os.urandom(32)], create=True) as store:
        with store.write() as conn:
            for user in users:
                add_user(conn, user)
        summary = build_demo_store(
            store,
            records=1_250,
            seed=11,
            today=TODAY,
            users=users,
            batch=500,
            progress=lambda done, total: seen.append((done, total)),
        )
        with store.read() as conn:
            assert count_spouses(conn) == 1_250
            notes = conn.execute(select(func.count()).select_from(note)).scalar_one()
            items = conn.execute(select(func.count()).select_from(follow_up)).scalar_one()
            coach_ids = [u.id for u in users if u.role is Role.COACH]
            first = next(generate_spouses(1, seed=11, today=TODAY, coaches=coach_ids))
            stored = get_spouse(conn, first.id)
            due = sum(len(due_follow_ups(conn, c, TODAY)) for c in coach_ids)
    assert seen == [(500, 1_250), (1_000, 1_250), (1_250, 1_250)]
    assert summary.spouses == 1_250
    assert summary.batches == 3
    assert summary.coaches == 2
    assert summary.notes == notes > 0
    assert summary.follow_ups == items > 0
    assert stored.name == first.name
    assert stored.assigned_coach == first.assigned_coach
    assert due > 0
