"""Sign-in and sessions: lockout after 3 failures in 15 minutes (kept across restarts until
an administrator unlocks), tokens, inactivity at day 35, password rules, the idle policy."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.security.signin_guard import guard_file_path
from seco_desktop.services import accounts, audit_review, password_policy
from seco_desktop.services import search as search_service
from seco_desktop.services.idle import IdlePolicy
from seco_desktop.services.session import (
    AccountDisabled,
    AccountLocked,
    SessionEnded,
    add_user,
    lock_session,
    sign_in,
    sign_out,
    unlock_session,
)
from seco_desktop.store.accounts import recent_passwords
from seco_desktop.store.users import get_user

from .support import ADMIN, STAFF, Office

AGENT, AGENT_PASSWORD = STAFF[Role.AGENT]
WRONG = "Wrong password for sure 1!"


def _fail(office: Office, username: str = AGENT) -> None:
    with pytest.raises(UnlockFailed):
        office.sign_in(username, WRONG)


def test_three_failures_within_15_minutes_lock_even_the_right_password_out(
    office: Office,
) -> None:
    _fail(office)
    office.clock.advance(minutes=7)
    _fail(office)
    office.clock.advance(minutes=7, seconds=59)
    with pytest.raises(AccountLocked):
        office.sign_in(AGENT, WRONG)
    office.clock.advance(days=3)
    with pytest.raises(AccountLocked, match="ask an administrator"):
        office.sign_in(AGENT, AGENT_PASSWORD)


def test_failures_spread_over_more_than_15_minutes_do_not_lock(office: Office) -> None:
    _fail(office)
    office.clock.advance(minutes=10)
    _fail(office)
    office.clock.advance(minutes=5)  # the first failure is now 15 minutes old
    _fail(office)
    assert office.sign_in(AGENT, AGENT_PASSWORD).role is Role.AGENT


def test_a_success_resets_the_count(office: Office) -> None:
    _fail(office)
    _fail(office)
    office.sign_in(AGENT, AGENT_PASSWORD)
    _fail(office)
    assert office.sign_in(AGENT, AGENT_PASSWORD).role is Role.AGENT


def test_the_lock_holds_across_restarts_and_a_deleted_sign_in_file(office: Office) -> None:
    for _ in range(3):
        _fail(office)
    office.close_all()  # "restart": nothing in memory survives
    with pytest.raises(AccountLocked):
        sign_in(office.path, AGENT, AGENT_PASSWORD, clock=office.clock)

    office.sign_in().close()  # any sign-in moves the lock into the store...
    guard_file_path(office.path).unlink()  # ...so deleting the file does not lift it
    with pytest.raises(AccountLocked):
        office.sign_in(AGENT, AGENT_PASSWORD)

    accounts.unlock_user(office.sign_in(), AGENT)
    assert office.sign_in(AGENT, AGENT_PASSWORD).role is Role.AGENT
    trail = [(r.action, r.actor) for r in audit_review.entries(office.sign_in(), limit=100)]
    assert ("account_locked", AGENT) in trail
    assert ("account_unlocked", ADMIN) in trail


def test_unknown_user_names_lock_the_same_way(office: Office) -> None:
    for _ in range(2):
        _fail(office, "nobody")
    with pytest.raises(AccountLocked):
        office.sign_in("nobody", WRONG)


def test_a_lock_kills_the_accounts_open_session(office: Office) -> None:
    open_session = office.sign_in(AGENT, AGENT_PASSWORD)
    for _ in range(3):
        _fail(office)
    with pytest.raises(SessionEnded):
        search_service.search(open_session, "smith")


def test_tokens_are_128_bit_new_each_sign_in_and_dead_after_sign_out_or_lock(
    office: Office,
) -> None:
    first = office.sign_in(AGENT, AGENT_PASSWORD)
    second = office.sign_in(AGENT, AGENT_PASSWORD)
    assert len(bytes.fromhex(first.token)) == 16
    assert first.token != second.token

    sign_out(first)
    with pytest.raises(SessionEnded):
        search_service.search(first, "smith")
    search_service.search(second, "smith")  # the other session lives on

    lock_session(second)
    with pytest.raises(SessionEnded):
        search_service.search(second, "smith")
    old = second.token
    unlock_session(second, AGENT_PASSWORD)
    assert second.token != old
    search_service.search(second, "smith")


def test_a_wrong_password_at_the_idle_lock_counts_toward_the_lock(office: Office) -> None:
    session = office.sign_in(AGENT, AGENT_PASSWORD)
    lock_session(session)
    for _ in range(2):
        with pytest.raises(UnlockFailed):
            unlock_session(session, WRONG)
    with pytest.raises(AccountLocked):
        unlock_session(session, WRONG)
    with pytest.raises(AccountLocked):
        unlock_session(session, AGENT_PASSWORD)


def test_disabling_an_account_kills_its_sessions(office: Office) -> None:
    agent = office.sign_in(AGENT, AGENT_PASSWORD)
    accounts.set_disabled(office.sign_in(), AGENT, True)
    with pytest.raises(SessionEnded):
        search_service.search(agent, "smith")
    with pytest.raises(AccountDisabled):
        office.sign_in(AGENT, AGENT_PASSWORD)


def test_an_account_unused_for_35_days_is_disabled_on_day_35_not_34(office: Office) -> None:
    office.sign_in(AGENT, AGENT_PASSWORD)
    start = office.clock.now
    office.clock.now = start + timedelta(days=34, hours=23, minutes=59)
    assert office.sign_in(AGENT, AGENT_PASSWORD).role is Role.AGENT  # and the 35 days restart

    office.clock.now += timedelta(days=34)
    # (the coach and supervisor accounts, never used since START, go in this sweep)
    assert AGENT not in accounts.disable_inactive_accounts(office.sign_in())
    office.clock.now += timedelta(days=1)
    assert accounts.disable_inactive_accounts(office.sign_in()) == [AGENT]
    with pytest.raises(AccountDisabled):
        office.sign_in(AGENT, AGENT_PASSWORD)


def test_sign_in_itself_disables_at_day_35(office: Office) -> None:
    office.sign_in(AGENT, AGENT_PASSWORD)
    office.clock.advance(days=35)
    with pytest.raises(AccountDisabled):
        office.sign_in(AGENT, AGENT_PASSWORD)
    accounts.set_disabled(office.sign_in(), AGENT, False)
    assert office.sign_in(AGENT, AGENT_PASSWORD).role is Role.AGENT


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Short1!", "at least 15 characters"),
        ("all lower case 123!", "an upper-case letter"),
        ("ALL UPPER CASE 123!", "a lower-case letter"),
        ("No Digits At All Here!", "a digit"),
        ("NoSpecial1234567", "a special character"),
        ("Spaces Are Not Special 12", "a special character"),
    ],
)
def test_passwords_follow_the_dod_rules(password: str, missing: str) -> None:
    with pytest.raises(ValidationError, match=missing):
        password_policy.check(password)


def test_none_of_the_last_five_passwords_may_come_back(office: Office) -> None:
    session = office.sign_in(AGENT, AGENT_PASSWORD)
    current = AGENT_PASSWORD
    used = [f"Rotating password {n}!" for n in range(5)]
    for new in used:
        accounts.change_password(session, current, new, argon2=FAST_ARGON2_FOR_TESTS)
        current = new
    for old in used:
        with pytest.raises(ValidationError, match="last 5 passwords"):
            accounts.change_password(session, current, old, argon2=FAST_ARGON2_FOR_TESTS)
    # the password before those five has dropped out of the history
    accounts.change_password(session, current, AGENT_PASSWORD, argon2=FAST_ARGON2_FOR_TESTS)
    assert office.sign_in(AGENT, AGENT_PASSWORD).role is Role.AGENT


def test_the_history_holds_argon2id_digests_not_passwords(office: Office) -> None:
    session = office.sign_in(AGENT, AGENT_PASSWORD)
    accounts.change_password(session, AGENT_PASSWORD, "Another good one 42!",
                             argon2=FAST_ARGON2_FOR_TESTS)  # fmt: skip
    session.store.checkpoint()
    office.close_all()
    copy = office.path.with_name("plain-look.seco")
    shutil.copyfile(office.path, copy)
    raw = copy.read_bytes()
    assert b"Another good one" not in raw  # the file is encrypted anyway...
    admin = office.sign_in()
    with admin.store.read() as conn:
        digests = recent_passwords(conn, get_user(conn, AGENT).id)
    assert all(len(d.digest) == 32 and len(d.salt) == 16 for d in digests)
    assert all(b"Another" not in d.digest for d in digests)  # ...and inside, only digests


def test_a_password_past_its_maximum_age_must_be_changed(office: Office) -> None:
    admin = office.sign_in()
    accounts.set_password_max_age(admin, 30)
    office.clock.advance(days=29)
    assert not office.sign_in(AGENT, AGENT_PASSWORD).must_change_password
    office.clock.advance(days=1)
    session = office.sign_in(AGENT, AGENT_PASSWORD)
    assert session.must_change_password
    accounts.change_password(session, AGENT_PASSWORD, "Fresh password 2026!",
                             argon2=FAST_ARGON2_FOR_TESTS)  # fmt: skip
    assert not session.must_change_password


@pytest.mark.parametrize(
    ("role", "minutes"),
    [(Role.AGENT, 15), (Role.COACH, 15), (Role.SUPERVISOR, 15), (Role.ADMINISTRATOR, 10)],
)
def test_the_idle_lock_falls_due_at_15_minutes_or_10_for_administrators(
    office: Office, role: Role, minutes: int
) -> None:
    policy = IdlePolicy(role, office.clock)
    office.clock.advance(minutes=minutes - 1)
    policy.touch()  # input resets the wait
    office.clock.advance(minutes=minutes, seconds=-1)
    assert not policy.due()
    office.clock.advance(seconds=1)
    assert policy.due()


def test_an_unlock_before_the_lock_reached_the_store_is_not_undone(office: Office) -> None:
    admin = office.sign_in()  # signed in before the failures: the lock is only in the file
    for _ in range(3):
        _fail(office)
    accounts.unlock_user(admin, AGENT)
    office.sign_in().close()  # the next sign-in folds the queued "locked" event in...
    assert office.sign_in(AGENT, AGENT_PASSWORD).role is Role.AGENT  # ...without re-locking


def test_a_name_locked_before_it_existed_does_not_lock_the_new_account(office: Office) -> None:
    for _ in range(3):
        with pytest.raises(UnlockFailed):
            office.sign_in("newhire", WRONG)
    add_user(office.sign_in(), "newhire", "New Hire", Role.AGENT, "New hire password 1!",
             argon2=FAST_ARGON2_FOR_TESTS)  # fmt: skip
    assert office.sign_in("newhire", "New hire password 1!").role is Role.AGENT
