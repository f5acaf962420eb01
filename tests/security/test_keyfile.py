"""The key file: creation never overwrites, damage is refused and left alone, writes are safe."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from seco_desktop.security import keyfile, keys
from seco_desktop.security.errors import (
    KeyFileConflict,
    KeyFileCorrupt,
    KeyFileExists,
    KeyFileMissing,
    KeyFileUnsupported,
    KeysMismatch,
    WrongPassword,
)

from .conftest import ADMIN, ADMIN_PW, FAST


def _flip_b64(text: str, byte: int = 0) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[byte] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = json.loads(path.read_bytes())
    change(doc)
    path.write_bytes(json.dumps(doc).encode())
    return path.read_bytes()


def _grant(doc: dict[str, Any], principal: str = f"user:{ADMIN}") -> dict[str, Any]:
    grant: dict[str, Any] = doc["grants"][principal]
    return grant


def test_create_refuses_an_existing_file(key_path: Path, created: Any) -> None:
    before = key_path.read_bytes()
    with pytest.raises(KeyFileExists):
        keys.create_key_file(
            key_path, store_id="other", admin_username="x", admin_password="y", argon2=FAST
        )
    assert key_path.read_bytes() == before


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing):
        keys.unlock(tmp_path / "none.keys", ADMIN, ADMIN_PW)


def _material_ct(doc: dict[str, Any]) -> None:
    doc["material"]["ciphertext"] = _flip_b64(doc["material"]["ciphertext"], 5)


def _material_nonce(doc: dict[str, Any]) -> None:
    doc["material"]["nonce"] = _flip_b64(doc["material"]["nonce"])


def _grant_field(field: str) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        _grant(doc)[field] = _flip_b64(_grant(doc)[field])

    return change


def _grant_memory(doc: dict[str, Any]) -> None:
    _grant(doc)["memory_kib"] += 8


def _store_id(doc: dict[str, Any]) -> None:
    doc["store_id"] = "store-2"


@pytest.mark.parametrize(
    ("tamper", "error"),
    [
        (_material_ct, KeyFileCorrupt),
        (_material_nonce, KeyFileCorrupt),
        (_grant_field("wrapped_key"), WrongPassword),
        (_grant_field("nonce"), WrongPassword),
        (_grant_field("salt"), WrongPassword),
        (_grant_memory, WrongPassword),
        (_store_id, WrongPassword),
        (lambda d: _grant(d).update(memory_kib=1 << 40), KeyFileCorrupt),
        (lambda d: _grant(d).update(kdf="pbkdf2"), KeyFileCorrupt),
        (lambda d: _grant(d).update(salt="!!"), KeyFileCorrupt),
        (
            lambda d: d["material"].update(nonce=base64.b64encode(b"x" * 11).decode()),
            KeyFileCorrupt,
        ),
        (lambda d: d.update(version=2), KeyFileUnsupported),
        (lambda d: d.update(format="something-else"), KeyFileCorrupt),
        (lambda d: d.pop("grants"), KeyFileCorrupt),
    ],
)
def test_tampered_key_file_is_refused_and_left_alone(
    key_path: Path, created: Any, tamper: Callable[[dict[str, Any]], None], error: type
) -> None:
    tampered = _edit(key_path, tamper)
    with pytest.raises(error):
        keys.unlock(key_path, ADMIN, ADMIN_PW)
    if error is not WrongPassword or tamper is _store_id:
        # A damaged file is not rewritten by a session either (a grant tamper only hurts
        # that grant's owner, so other sessions may still add grants).
        with pytest.raises((KeyFileCorrupt, KeysMismatch)):
            keys.add_grant(key_path, created[0], "agent1", "pw", argon2=FAST)
    assert key_path.read_bytes() == tampered


def test_material_tamper_is_refused_for_recovery_too(key_path: Path, created: Any) -> None:
    tampered = _edit(key_path, _material_ct)
    with pytest.raises(KeyFileCorrupt):
        keys.unlock_with_recovery(key_path, created[1])
    assert key_path.read_bytes() == tampered


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:-3],
        lambda raw: b"",
        lambda raw: b"\x00\xff garbage \x80",
        lambda raw: b'["not", "an", "object"]',
        lambda raw: b"{" * 100_000,
    ],
)
def test_truncated_or_garbage_file_is_corrupt_and_untouched(
    key_path: Path, created: Any, damage: Callable[[bytes], bytes]
) -> None:
    key_path.write_bytes(damage(key_path.read_bytes()))
    before = key_path.read_bytes()
    with pytest.raises(KeyFileCorrupt):
        keys.unlock(key_path, ADMIN, ADMIN_PW)
    with pytest.raises(KeyFileCorrupt):
        keys.grant_names(key_path)
    assert key_path.read_bytes() == before


def test_concurrent_change_is_a_conflict_not_a_lost_update(key_path: Path, created: Any) -> None:
    unlocked, _ = created
    loaded, raw = keyfile.load(key_path)
    keys.add_grant(key_path, unlocked, "agent2", "pw", argon2=FAST)
    current = key_path.read_bytes()
    with pytest.raises(KeyFileConflict):
        keyfile.replace(key_path, loaded, raw)
    assert key_path.read_bytes() == current


def test_create_without_hard_links_still_refuses_to_overwrite(
    key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    unlocked, _ = keys.create_key_file(
        key_path, store_id="s", admin_username=ADMIN, admin_password=ADMIN_PW, argon2=FAST
    )
    assert keys.unlock(key_path, ADMIN, ADMIN_PW).material == unlocked.material
    assert [p.name for p in key_path.parent.iterdir()] == [key_path.name]
    monkeypatch.setattr(keyfile.Path, "exists", lambda self: False)  # lose the early check
    with pytest.raises(KeyFileExists):
        keys.create_key_file(
            key_path, store_id="s", admin_username="x", admin_password="y", argon2=FAST
        )


def test_deeply_nested_json_is_corrupt_not_a_crash(key_path: Path) -> None:
    key_path.write_bytes(b"[" * 200_000)
    with pytest.raises(KeyFileCorrupt):
        keys.read_store_id(key_path)
