"""Key hierarchy: unlock, grants, passwords, recovery and rotation."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest

from seco_desktop.security import keys
from seco_desktop.security.crypto import open_record, seal_record
from seco_desktop.security.errors import (
    GrantError,
    KeysMismatch,
    RecoveryKeyInvalid,
    UnknownPrincipal,
    UnlockFailed,
    WrongPassword,
)

from .conftest import ADMIN, ADMIN_PW, FAST


def test_create_then_unlock_gives_the_same_keys(key_path: Path, created: Any) -> None:
    unlocked, recovery = created
    assert key_path.name == "office.seco.keys"
    again = keys.unlock(key_path, ADMIN, ADMIN_PW)
    assert again.material == unlocked.material
    assert again.master_key == unlocked.master_key
    assert keys.read_store_id(key_path) == "store-1"
    assert keys.grant_names(key_path) == ["recovery", f"user:{ADMIN}"]
    assert len(recovery.replace("-", "")) == 56
    if os.name == "posix":
        assert key_path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in key_path.parent.iterdir()] == [key_path.name]  # no temp files left


def test_wrong_password_and_unknown_user_look_the_same(key_path: Path, created: Any) -> None:
    with pytest.raises(WrongPassword) as wrong:
        keys.unlock(key_path, ADMIN, "not it")
    with pytest.raises(UnknownPrincipal) as unknown:
        keys.unlock(key_path, "nobody", ADMIN_PW)
    with pytest.raises(UnknownPrincipal):
        keys.unlock(key_path, "", ADMIN_PW)
    assert isinstance(wrong.value, UnlockFailed)
    assert isinstance(unknown.value, UnlockFailed)
    assert str(wrong.value) == str(unknown.value) == "User name or password is incorrect"


def test_recovery_key_unlocks_and_typos_are_explained(key_path: Path, created: Any) -> None:
    unlocked, recovery = created
    typed = recovery.lower().replace("-", " ")
    assert keys.unlock_with_recovery(key_path, typed).material == unlocked.material
    last = recovery[-1]
    typo = recovery[:-1] + ("X" if last != "X" else "Y")
    with pytest.raises(RecoveryKeyInvalid, match="typo"):
        keys.unlock_with_recovery(key_path, typo)
    _, foreign = keys.create_key_file(
        key_path.with_name("other.keys"),
        store_id="store-9",
        admin_username=ADMIN,
        admin_password=ADMIN_PW,
        argon2=FAST,
    )
    with pytest.raises(RecoveryKeyInvalid, match="does not belong"):
        keys.unlock_with_recovery(key_path, foreign)


def test_new_recovery_key_replaces_the_old_one(key_path: Path, created: Any) -> None:
    unlocked, old = created
    new = keys.new_recovery_key(key_path, unlocked)
    assert keys.unlock_with_recovery(key_path, new).material == unlocked.material
    with pytest.raises(RecoveryKeyInvalid):
        keys.unlock_with_recovery(key_path, old)


def test_change_password(key_path: Path, created: Any) -> None:
    unlocked, _ = created
    with pytest.raises(WrongPassword):
        keys.change_password(key_path, ADMIN, "wrong", "new-pass", argon2=FAST)
    keys.change_password(key_path, ADMIN, ADMIN_PW, "new-pass", argon2=FAST)
    with pytest.raises(WrongPassword):
        keys.unlock(key_path, ADMIN, ADMIN_PW)
    assert keys.unlock(key_path, ADMIN, "new-pass").material == unlocked.material


def test_add_and_remove_grants(key_path: Path, created: Any) -> None:
    unlocked, _ = created
    keys.add_grant(key_path, unlocked, "coach1", "coach-pass", argon2=FAST)
    assert keys.unlock(key_path, "coach1", "coach-pass").material == unlocked.material
    with pytest.raises(GrantError):
        keys.add_grant(key_path, unlocked, "coach1", "other", argon2=FAST)
    coach = keys.unlock(key_path, "coach1", "coach-pass")
    keys.remove_grant(key_path, coach, ADMIN)
    with pytest.raises(UnknownPrincipal):
        keys.unlock(key_path, ADMIN, ADMIN_PW)
    with pytest.raises(GrantError, match="last user"):
        keys.remove_grant(key_path, coach, "coach1")
    with pytest.raises(GrantError):
        keys.remove_grant(key_path, coach, "never-existed")
    assert keys.grant_names(key_path) == ["recovery", "user:coach1"]


def test_admin_and_recovery_password_resets(key_path: Path, created: Any) -> None:
    unlocked, recovery = created
    keys.add_grant(key_path, unlocked, "agent1", "forgotten", argon2=FAST)
    keys.set_password(key_path, unlocked, "agent1", "reset-by-admin", argon2=FAST)
    assert keys.unlock(key_path, "agent1", "reset-by-admin").material == unlocked.material
    with pytest.raises(GrantError):
        keys.set_password(key_path, unlocked, "ghost", "x", argon2=FAST)
    keys.reset_password_with_recovery(key_path, recovery, ADMIN, "after-recovery", argon2=FAST)
    with pytest.raises(WrongPassword):
        keys.unlock(key_path, ADMIN, ADMIN_PW)
    assert keys.unlock(key_path, ADMIN, "after-recovery").material == unlocked.material


def test_data_key_rotation_keeps_old_rows_readable(key_path: Path, created: Any) -> None:
    unlocked, _ = created
    old = unlocked.material
    where = {"record_id": "r-1", "table": "spouse", "kind": "profile"}
    v1_row = seal_record(old.current_data_key(), version=1, plaintext=b"old", **where)
    rotated = keys.rotate_data_key(key_path, unlocked).material
    assert rotated.current_data_version == 2
    assert rotated.data_key(1) == old.data_key(1)
    assert rotated.current_data_key() != old.current_data_key()
    reopened = keys.unlock(key_path, ADMIN, ADMIN_PW).material
    assert reopened == rotated
    assert open_record(reopened.data_key(1), version=1, payload=v1_row, **where) == b"old"
    v = reopened.current_data_version
    v2_row = seal_record(reopened.current_data_key(), version=v, plaintext=b"new", **where)
    assert open_record(reopened.data_key(2), version=2, payload=v2_row, **where) == b"new"


def test_store_key_rotation_keeps_the_previous_key(key_path: Path, created: Any) -> None:
    unlocked, _ = created
    old_key = unlocked.material.store_key
    rotated = keys.rotate_store_key(key_path, unlocked).material
    assert rotated.store_key != old_key
    assert rotated.previous_store_keys == (old_key,)
    assert keys.unlock(key_path, ADMIN, ADMIN_PW).material.store_keys_to_try() == (
        rotated.store_key,
        old_key,
    )
    for _ in range(5):
        rotated = keys.rotate_store_key(key_path, unlocked).material
    assert len(rotated.previous_store_keys) == 3


def test_stale_session_does_not_undo_another_sessions_rotation(
    key_path: Path, created: Any
) -> None:
    unlocked, _ = created
    keys.rotate_data_key(key_path, unlocked)
    after = keys.rotate_data_key(key_path, unlocked)  # `unlocked` still holds version 1 only
    assert sorted(after.material.data_keys) == [1, 2, 3]


def test_keys_of_another_store_are_refused(key_path: Path, created: Any) -> None:
    other = key_path.with_name("b.keys")
    foreign, _ = keys.create_key_file(
        other, store_id="store-1", admin_username="a", admin_password="b", argon2=FAST
    )
    before = key_path.read_bytes()
    with pytest.raises(KeysMismatch):
        keys.add_grant(key_path, foreign, "intruder", "pw", argon2=FAST)
    assert key_path.read_bytes() == before


def test_weak_grant_is_upgraded_after_sign_in(key_path: Path, created: Any) -> None:
    unlocked, _ = created
    stronger = type(FAST)(memory_kib=64, iterations=2, lanes=1)
    assert keys.upgrade_grant_if_weaker(key_path, unlocked, ADMIN, ADMIN_PW, stronger)
    assert not keys.upgrade_grant_if_weaker(key_path, unlocked, ADMIN, ADMIN_PW, stronger)
    assert json.loads(key_path.read_bytes())["grants"][f"user:{ADMIN}"]["memory_kib"] == 64
    assert keys.unlock(key_path, ADMIN, ADMIN_PW).material == unlocked.material


def test_nothing_secret_in_reprs_messages_or_the_file(key_path: Path, created: Any) -> None:
    unlocked, recovery = created
    shown = repr(unlocked) + str(unlocked)
    material = unlocked.material
    for key in (unlocked.master_key, material.store_key, material.index_key):
        assert key.hex() not in shown
        assert repr(key) not in shown
    text = key_path.read_text()
    for key in (unlocked.master_key, material.store_key, material.index_key):
        assert base64.b64encode(key).decode() not in text
    assert ADMIN_PW not in text
    assert recovery not in text
    with pytest.raises(UnlockFailed) as failure:
        keys.unlock(key_path, "secret-user", "secret-pass")
    assert "secret" not in str(failure.value)


def test_upgrade_refuses_an_unverified_password(key_path: Path, created: Any) -> None:
    unlocked, _ = created
    before = key_path.read_bytes()
    stronger = type(FAST)(memory_kib=64, iterations=2, lanes=1)
    with pytest.raises(WrongPassword):
        keys.upgrade_grant_if_weaker(key_path, unlocked, ADMIN, "guess", stronger)
    assert key_path.read_bytes() == before
