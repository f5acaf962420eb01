"""A demo store: real keys and accounts, synthetic records, marked as a demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from seco_desktop.demo.accounts import DEMO_USERS
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import retention, search
from seco_desktop.services.demo import create_demo_store
from seco_desktop.services.session import list_users, sign_in
from seco_desktop.store.meta import get_meta
from seco_desktop.store.spouses import count_spouses

from .support import TODAY, FakeClock, Office

PASSWORD = "Demo password for every account 1!"


def test_a_demo_store_of_300_records_lets_all_five_accounts_sign_in(tmp_path: Path) -> None:
    path = tmp_path / "demo.seco"
    clock = FakeClock()
    seen: list[tuple[int, int]] = []

    summary, recovery = create_demo_store(
        path, records=300, password=PASSWORD, today=TODAY, clock=clock,
        argon2=FAST_ARGON2_FOR_TESTS, progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip

    assert summary.spouses == 300
    assert seen[-1] == (300, 300)
    assert len(recovery.replace("-", "")) == 56
    assert len(DEMO_USERS) == 5
    for account in DEMO_USERS:
        session = sign_in(path, account.username, PASSWORD, clock=clock)
        try:
            assert session.role is account.role
            with session.store.read() as conn:
                assert get_meta(conn, "demo") == "true"
                assert count_spouses(conn) == 300
            assert search.search(session, "a").rows  # records are searchable
        finally:
            session.close()


def test_the_demo_accounts_are_exactly_the_documented_ones(tmp_path: Path) -> None:
    path = tmp_path / "demo.seco"
    create_demo_store(
        path, records=0, password=PASSWORD, today=TODAY, clock=FakeClock(),
        argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip

    session = sign_in(path, "admin", PASSWORD, clock=FakeClock())
    try:
        users = {u.username: u.role for u in list_users(session)}
    finally:
        session.close()
    assert users == {a.username: a.role for a in DEMO_USERS}


def test_an_ordinary_store_is_not_marked_demo(office: Office) -> None:
    session = office.sign_in()
    with session.store.read() as conn:
        assert get_meta(conn, "demo") is None


def test_a_negative_record_count_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "demo.seco"

    with pytest.raises(ValueError, match="records"):
        create_demo_store(
            path, records=-1, password=PASSWORD, today=TODAY, clock=FakeClock(),
            argon2=FAST_ARGON2_FOR_TESTS,
        )  # fmt: skip

    assert list(tmp_path.iterdir()) == []


def test_demo_records_carry_their_history_so_retention_has_something_to_show(
    tmp_path: Path,
) -> None:
    """Last activity is the registration or the latest casework, not the time of loading: some
    demo records are past the 3 years, some come due soon, most are not due."""
    path = tmp_path / "demo.seco"
    clock = FakeClock()
    create_demo_store(
        path, records=600, password=PASSWORD, today=TODAY, clock=clock,
        argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip
    supervisor = sign_in(path, "supervisor1", PASSWORD, clock=clock)
    try:
        upcoming = retention.upcoming(supervisor, within_days=90)
        due_now = [u for u in upcoming if u.due_on <= clock().date()]
        soon = [u for u in upcoming if u.due_on > clock().date()]
        assert 0 < len(soon) < len(due_now) < 300
        assert all(u.last_activity_at <= clock() for u in upcoming)
    finally:
        supervisor.close()
