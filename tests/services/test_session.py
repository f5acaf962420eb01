"""Creating a store, signing in and managing staff accounts, on real files."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.reference import Role
from seco_desktop.security import keys as keyops
from seco_desktop.security.crypto import (
    FAST_ARGON2_FOR_TESTS,
    blind_index,
    cached_key_objects,
    seal_record,
)
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.services.clock import Clock
from seco_desktop.services.session import (
    AccountDisabled,
    Session,
    add_user,
    create_store,
    list_users,
    sign_in,
)
from seco_desktop.store import users as user_rows
from seco_desktop.store.errors import DuplicateRecord

from .support import ADMIN, ADMIN_PASSWORD, STAFF, START, FakeClock, Office


def _create(path: Path, clock: Clock | None = None, password: str = ADMIN_PASSWORD) -> str:
    return create_store(
        path,
        admin_username=ADMIN,
        admin_display_name="Office Administrator",
        admin_password=password,
        clock=clock or FakeClock(),
        argon2=FAST_ARGON2_FOR_TESTS,
    )


def _snapshot(*paths: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


# --- create_store ----------------------------------------------------------------------------


def test_create_store_makes_a_store_and_key_file_the_admin_can_sign_in_to(tmp_path: Path) -> None:
    path = tmp_path / "new.seco"
    recovery = _create(path)

    assert path.is_file()
    assert Path(f"{path}.keys").is_file()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){13}", recovery)
    session = sign_in(path, ADMIN, ADMIN_PASSWORD, clock=FakeClock())
    try:
        assert session.user.username == ADMIN
        assert session.role is Role.ADMINISTRATOR
    finally:
        session.close()


def test_create_store_refuses_to_overwrite_an_existing_store(office: Office) -> None:
    before = _snapshot(office.path, office.key_path)

    with pytest.raises(FileExistsError, match="nothing was changed"):
        _create(office.path)

    assert _snapshot(office.path, office.key_path) == before
    office.sign_in().close()  # still opens with the original keys


def test_create_store_refuses_when_only_the_key_file_exists(office: Office, tmp_path: Path) -> None:
    """A key file without its store (e.g. the store was moved) is not replaced either."""
    lonely = tmp_path / "moved.seco"
    key_path = Path(f"{lonely}.keys")
    key_path.write_bytes(office.key_path.read_bytes())
    before = key_path.read_bytes()

    with pytest.raises(FileExistsError):
        _create(lonely)

    assert key_path.read_bytes() == before
    assert not lonely.exists()


def test_create_store_refuses_when_only_the_store_exists(office: Office, tmp_path: Path) -> None:
    lonely = tmp_path / "copied.seco"
    lonely.write_bytes(office.path.read_bytes())
    before = lonely.read_bytes()

    with pytest.raises(FileExistsError):
        _create(lonely)

    assert lonely.read_bytes() == before
    assert not Path(f"{lonely}.keys").exists()


def test_a_create_that_fails_midway_leaves_nothing_behind(tmp_path: Path) -> None:
    """The clock is first read after the key file and the store file exist."""
    path = tmp_path / "broken.seco"

    def failing_clock() -> datetime:
        raise OSError("clock unavailable")

    with pytest.raises(OSError, match="clock unavailable"):
        _create(path, clock=failing_clock)

    assert list(tmp_path.iterdir()) == []
    _create(path)  # and the next attempt starts clean
    assert path.exists()


def test_create_store_with_a_short_password_lists_the_problem_and_creates_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "weak.seco"

    with pytest.raises(ValidationError) as caught:
        _create(path, password="short")

    assert caught.value.fields == ("password",)
    assert list(tmp_path.iterdir()) == []


# --- sign_in ---------------------------------------------------------------------------------


def test_wrong_password_and_unknown_user_give_the_same_message(office: Office) -> None:
    with pytest.raises(UnlockFailed) as wrong_password:
        office.sign_in(ADMIN, "not the password at all")
    with pytest.raises(UnlockFailed) as unknown_user:
        office.sign_in("nobody", ADMIN_PASSWORD)

    assert str(wrong_password.value) == str(unknown_user.value)
    assert str(wrong_password.value) == "User name or password is incorrect"
    assert "nobody" not in str(unknown_user.value)


def test_a_disabled_account_is_refused_and_the_attempt_is_not_recorded(office: Office) -> None:
    agent_name, agent_password = STAFF[Role.AGENT]
    admin = office.sign_in()
    with admin.store.write() as conn:
        user_rows.set_disabled(conn, agent_name, True)
    office.clock.advance(hours=1)

    with pytest.raises(AccountDisabled, match="disabled"):
        office.sign_in(agent_name, agent_password)

    agent_row = next(u for u in list_users(admin) if u.username == agent_name)
    assert agent_row.disabled
    assert agent_row.last_sign_in_at is None


def test_previous_sign_in_is_the_last_successful_sign_in(office: Office) -> None:
    """The office fixture signed the administrator in once, at START."""
    first_time = office.clock.advance(days=1)
    first = office.sign_in()
    assert first.previous_sign_in == START

    office.clock.advance(hours=3)
    with pytest.raises(UnlockFailed):  # a failed attempt in between changes nothing
        office.sign_in(ADMIN, "wrong password, wrong password")
    office.clock.advance(hours=1)
    second = office.sign_in()

    assert second.previous_sign_in == first_time


def test_a_first_sign_in_has_no_previous_sign_in(office: Office) -> None:
    assert office.sign_in_as(Role.AGENT).previous_sign_in is None


def test_each_sign_in_gets_its_own_32_hex_character_token(office: Office) -> None:
    tokens = [office.sign_in().token for _ in range(3)]

    for token in tokens:
        assert re.fullmatch(r"[0-9a-f]{32}", token)
    assert len(set(tokens)) == 3


def test_every_role_signs_in_with_its_own_password(office: Office) -> None:
    for role in Role:
        session = office.sign_in_as(role)
        assert session.role is role
    with pytest.raises(UnlockFailed):
        office.sign_in(STAFF[Role.AGENT][0], STAFF[Role.COACH][1])


# --- add_user / list_users -------------------------------------------------------------------


def test_admin_lists_every_account_with_its_role(admin: Session) -> None:
    listed = {u.username: u.role for u in list_users(admin)}

    assert listed == {ADMIN: Role.ADMINISTRATOR} | {n: r for r, (n, _) in STAFF.items()}


def test_adding_an_existing_user_name_is_refused_and_changes_nothing(office: Office) -> None:
    admin = office.sign_in()
    before_users = list_users(admin)
    before_keys = office.key_path.read_bytes()

    with pytest.raises(DuplicateRecord):
        add_user(
            admin, STAFF[Role.COACH][0], "Someone Else", Role.ADMINISTRATOR,
            "Another-long-password 1", argon2=FAST_ARGON2_FOR_TESTS,
        )  # fmt: skip

    assert list_users(admin) == before_users
    assert office.key_path.read_bytes() == before_keys
    # the existing coach keeps the password they had
    assert office.sign_in_as(Role.COACH).role is Role.COACH


def test_a_new_user_with_bad_fields_gets_every_problem_and_is_not_added(office: Office) -> None:
    admin = office.sign_in()
    before_keys = office.key_path.read_bytes()

    with pytest.raises(ValidationError) as caught:
        add_user(admin, "X", "", Role.AGENT, "short", argon2=FAST_ARGON2_FOR_TESTS)

    assert set(caught.value.fields) == {"username", "display_name", "password"}
    assert office.key_path.read_bytes() == before_keys
    assert "X" not in {u.username for u in list_users(admin)}


def test_when_the_key_grant_fails_the_user_row_is_rolled_back(office: Office) -> None:
    """A grant already exists for the name (made with the recovery key): no half-added user."""
    keyops.reset_password_with_recovery(
        office.key_path, office.recovery_key, "ghost", "Ghost-password-long 1",
        argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip
    admin = office.sign_in()

    with pytest.raises(Exception, match="already has access"):
        add_user(
            admin, "ghost", "Ghost", Role.AGENT, "Ghost-password-long 1",
            argon2=FAST_ARGON2_FOR_TESTS,
        )  # fmt: skip

    assert "ghost" not in {u.username for u in list_users(admin)}


def test_closing_a_session_forgets_the_cached_key_objects(office: Office) -> None:
    """A sync keeps one AES-GCM object per data key and one HMAC per index key; signing out
    must not leave them (or the keys they hold) behind in the process."""
    session = office.sign_in()
    seal_record(bytes(32), version=1, record_id="r", table="spouse", kind="record", plaintext=b"{}")
    blind_index(bytes(32), "dod_id", "1234567890")
    assert cached_key_objects() >= 2

    session.close()

    assert cached_key_objects() == 0
