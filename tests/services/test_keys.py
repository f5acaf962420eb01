"""Key rotation, interrupted rotation, and password recovery, on the real files."""

from __future__ import annotations

import pytest

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.reference import Role
from seco_desktop.security import keys as keyops
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.security.errors import RecoveryKeyInvalid, UnlockFailed
from seco_desktop.services import keys as key_service
from seco_desktop.services import records
from seco_desktop.store.errors import StoreError, WrongStoreKey
from seco_desktop.store.store import Store

from .support import ADMIN, ADMIN_PASSWORD, STAFF, Office, make_spouses


def _opens_with(office: Office, key: bytes) -> bool:
    try:
        Store.open(office.path, [key]).close()
    except WrongStoreKey:
        return False
    return True


def test_rotating_keys_re_encrypts_the_store_and_keeps_the_data(office: Office) -> None:
    admin = office.sign_in()
    spouse = records.register(admin, make_spouses(1)[0])
    admin.store.checkpoint()
    old_key = admin.keys.material.store_key
    old_version = admin.keys.material.current_data_version
    bytes_before = office.path.read_bytes()

    result = key_service.rotate_keys(admin)

    assert result.store_rekeyed
    assert result.data_key_version == old_version + 1
    assert admin.keys.material.current_data_version == old_version + 1
    new_key = admin.keys.material.store_key
    assert new_key != old_key
    # the same session keeps working on the re-keyed file
    assert records.open_record(admin, spouse.id).spouse == spouse
    admin.store.checkpoint()
    office.close_all()

    bytes_after = office.path.read_bytes()
    assert bytes_after != bytes_before
    assert len(bytes_after) == len(bytes_before)
    # essentially every page changes when the file is re-encrypted
    pages = range(0, len(bytes_before), 4096)
    changed = sum(bytes_before[i : i + 4096] != bytes_after[i : i + 4096] for i in pages)
    assert changed == len(pages)

    assert not _opens_with(office, old_key)
    assert _opens_with(office, new_key)

    again = office.sign_in()
    assert again.keys.material.current_data_version == old_version + 1
    assert records.open_record(again, spouse.id).spouse == spouse
    assert office.sign_in_as(Role.AGENT).role is Role.AGENT  # other users' grants still work


def test_two_rotations_in_a_row_both_take(office: Office) -> None:
    admin = office.sign_in()
    first = key_service.rotate_keys(admin)
    second = key_service.rotate_keys(admin)
    key = admin.keys.material.store_key
    office.close_all()

    assert (first.data_key_version, second.data_key_version) == (2, 3)
    assert _opens_with(office, key)
    assert office.sign_in().keys.material.current_data_version == 3


def test_an_interrupted_rotation_is_finished_at_the_next_sign_in(office: Office) -> None:
    admin = office.sign_in()
    spouse = records.register(admin, make_spouses(1)[0])
    old_key = admin.keys.material.store_key
    # The key file learns the new store key, but the store is never re-keyed (power cut).
    rotated = keyops.rotate_store_key(office.key_path, admin.keys)
    new_key = rotated.material.store_key
    office.close_all()
    assert _opens_with(office, old_key)
    assert not _opens_with(office, new_key)

    session = office.sign_in_as(Role.AGENT)

    assert records.open_record(session, spouse.id).spouse == spouse
    office.close_all()
    assert _opens_with(office, new_key)
    assert not _opens_with(office, old_key)
    office.sign_in().close()


def test_a_password_reset_with_the_recovery_key_lets_the_user_sign_in(office: Office) -> None:
    agent_name, old_password = STAFF[Role.AGENT]
    new_password = "A brand new agent password 1!"

    key_service.reset_password_with_recovery(
        office.path, office.recovery_key, agent_name, new_password, argon2=FAST_ARGON2_FOR_TESTS
    )

    assert office.sign_in(agent_name, new_password).user.username == agent_name
    with pytest.raises(UnlockFailed):
        office.sign_in(agent_name, old_password)
    office.sign_in(ADMIN, ADMIN_PASSWORD).close()  # nobody else is affected


def test_the_recovery_key_may_be_typed_in_lower_case_without_dashes(office: Office) -> None:
    typed = office.recovery_key.replace("-", " ").lower()

    key_service.reset_password_with_recovery(
        office.path, typed, ADMIN, "Admin recovered password 1!", argon2=FAST_ARGON2_FOR_TESTS
    )

    assert office.sign_in(ADMIN, "Admin recovered password 1!").role is Role.ADMINISTRATOR


def test_a_mistyped_recovery_key_is_refused_and_nothing_changes(office: Office) -> None:
    key = office.recovery_key
    swap = "7" if key[5] != "7" else "8"
    typo = key[:5] + swap + key[6:]
    before = office.key_path.read_bytes()

    with pytest.raises(RecoveryKeyInvalid, match="typo"):
        key_service.reset_password_with_recovery(
            office.path, typo, ADMIN, "Attacker chosen password 1!", argon2=FAST_ARGON2_FOR_TESTS
        )

    assert office.key_path.read_bytes() == before
    office.sign_in(ADMIN, ADMIN_PASSWORD).close()


def test_a_new_recovery_key_replaces_the_old_one(office: Office) -> None:
    admin = office.sign_in()
    old = office.recovery_key

    new = key_service.new_recovery_key(admin)

    assert new != old
    with pytest.raises(RecoveryKeyInvalid):
        key_service.reset_password_with_recovery(
            office.path, old, ADMIN, "Admin recovered password 1!", argon2=FAST_ARGON2_FOR_TESTS
        )
    key_service.reset_password_with_recovery(
        office.path, new, ADMIN, "Admin recovered password 1!", argon2=FAST_ARGON2_FOR_TESTS
    )
    assert office.sign_in(ADMIN, "Admin recovered password 1!").role is Role.ADMINISTRATOR


def test_a_recovery_reset_to_a_short_password_is_refused(office: Office) -> None:
    before = office.key_path.read_bytes()

    with pytest.raises(ValidationError) as caught:
        key_service.reset_password_with_recovery(
            office.path, office.recovery_key, ADMIN, "short", argon2=FAST_ARGON2_FOR_TESTS
        )

    assert caught.value.fields == ("new password",)
    assert office.key_path.read_bytes() == before


def test_rotating_while_another_session_is_open_is_refused_cleanly(office: Office) -> None:
    admin = office.sign_in()
    office.sign_in_as(Role.AGENT)  # e.g. the desktop is open on this store
    keys_before = office.key_path.read_bytes()

    with pytest.raises(StoreError):
        key_service.rotate_keys(admin)

    assert office.key_path.read_bytes() == keys_before


def test_sign_in_after_an_interrupted_rotation_works_while_others_are_signed_in(
    office: Office,
) -> None:
    office.sign_in_as(Role.AGENT)  # stays signed in
    admin = office.sign_in()
    keyops.rotate_store_key(office.key_path, admin.keys)  # the rekey never happens
    admin.close()

    again = office.sign_in()

    assert again.role is Role.ADMINISTRATOR
