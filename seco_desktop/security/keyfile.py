"""The key file beside the store (``<store>.keys``): format, strict parsing, durable writes.

Format version 1 (JSON, UTF-8, bytes in standard base64)::

    {"format": "seco-desktop-keys", "version": 1, "store_id": "<text>",
     "material": {"nonce": b64(12), "ciphertext": b64(AES-GCM(master, KeyMaterial JSON))},
     "grants": {
       "user:<name>": {"kdf": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4,
                       "salt": b64(16), "nonce": b64(12), "wrapped_key": b64(32 + 16 tag)},
       "recovery":    {"kdf": "hkdf-sha256", "salt": b64(16), "nonce": b64(12),
                       "wrapped_key": b64(48)}}}

A user grant may also carry ``"user_id"`` (the account it belongs to, bound into its AAD) and,
when sync moved it to the account's new user name, ``"sealed_as"`` (the principal it was sealed
for) and ``"alias_mac"`` (b64(32), HMAC under the master key; ``security.grant_routing``).

Writes never leave a half-written file: a temporary file in the same folder is written and
fsynced, then renamed over (or, on create, hard-linked to) the final name, then the folder is
fsynced. A file that does not parse is reported as corrupt and never touched.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seco_desktop.security.crypto import KEY_BYTES, NONCE_BYTES, SALT_BYTES, TAG_BYTES, Argon2Params
from seco_desktop.security.errors import (
    KeyFileConflict,
    KeyFileCorrupt,
    KeyFileExists,
    KeyFileMissing,
    KeyFileUnsupported,
)

FORMAT_NAME = "seco-desktop-keys"
FORMAT_VERSION = 1
KDF_ARGON2ID = "argon2id"
KDF_RECOVERY = "hkdf-sha256"
RECOVERY_PRINCIPAL = "recovery"
USER_PREFIX = "user:"
_MAX_FILE_BYTES = 1 << 20
_EXISTS = "A key file already exists for this store; it was left as it is"


def key_file_path(store_path: Path) -> Path:
    """Where the keys of ``store_path`` live: the same name plus ``.keys``."""
    return store_path.with_name(store_path.name + ".keys")


@dataclass(frozen=True, repr=False)
class Sealed:
    """An AES-GCM nonce and ciphertext (with tag)."""

    nonce: bytes
    ciphertext: bytes

    def __repr__(self) -> str:
        return "Sealed(<hidden>)"


@dataclass(frozen=True)
class Grant:
    """The master key wrapped for one principal. ``argon2`` is None for the recovery grant."""

    kdf: str
    salt: bytes
    argon2: Argon2Params | None
    wrapped: Sealed
    user_id: str | None = None  # the account it belongs to (grants made before: None)
    sealed_as: str | None = None  # the principal it was sealed for, when moved by sync
    alias_mac: bytes | None = None  # proves the move was made with the master key


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    material: Sealed
    grants: Mapping[str, Grant]
    version: int = FORMAT_VERSION

    def to_bytes(self) -> bytes:
        grants: dict[str, dict[str, Any]] = {}
        for principal, grant in sorted(self.grants.items()):
            entry: dict[str, Any] = {"kdf": grant.kdf}
            if grant.argon2 is not None:
                entry |= {
                    "memory_kib": grant.argon2.memory_kib,
                    "iterations": grant.argon2.iterations,
                    "lanes": grant.argon2.lanes,
                }
            entry |= {
                "salt": _b64(grant.salt),
                "nonce": _b64(grant.wrapped.nonce),
                "wrapped_key": _b64(grant.wrapped.ciphertext),
            }
            if grant.user_id is not None:
                entry["user_id"] = grant.user_id
            if grant.sealed_as is not None and grant.alias_mac is not None:
                entry |= {"sealed_as": grant.sealed_as, "alias_mac": _b64(grant.alias_mac)}
            grants[principal] = entry
        doc = {
            "format": FORMAT_NAME,
            "version": self.version,
            "store_id": self.store_id,
            "material": {
                "nonce": _b64(self.material.nonce),
                "ciphertext": _b64(self.material.ciphertext),
            },
            "grants": grants,
        }
        return (json.dumps(doc, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        """Strict parse; anything unexpected is :class:`KeyFileCorrupt`."""
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise KeyFileCorrupt("The key file is not valid JSON (truncated or damaged)") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
            raise KeyFileCorrupt("This is not a SECO Desktop key file")
        version = doc.get("version")
        if not isinstance(version, int):
            raise KeyFileCorrupt("The key file has no format version")
        if version != FORMAT_VERSION:
            raise KeyFileUnsupported(f"Key file format version {version} is not supported")
        try:
            return _parse_v1(doc)
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise KeyFileCorrupt(
                "The key file is damaged (a field is missing or invalid)"
            ) from None


def _parse_v1(doc: dict[str, Any]) -> KeyFile:
    store_id = doc["store_id"]
    if not isinstance(store_id, str) or not store_id:
        raise ValueError("store_id")
    material = _sealed(doc["material"], "ciphertext", None)
    grants_doc = doc["grants"]
    if not isinstance(grants_doc, dict):
        raise TypeError("grants")
    grants: dict[str, Grant] = {}
    for principal, entry in grants_doc.items():
        if principal != RECOVERY_PRINCIPAL and not (
            principal.startswith(USER_PREFIX) and len(principal) > len(USER_PREFIX)
        ):
            raise ValueError("principal")
        kdf = entry["kdf"]
        expected = KDF_RECOVERY if principal == RECOVERY_PRINCIPAL else KDF_ARGON2ID
        if kdf != expected:
            raise ValueError("kdf")
        params = None
        if kdf == KDF_ARGON2ID:
            values = [entry["memory_kib"], entry["iterations"], entry["lanes"]]
            if not all(type(v) is int for v in values):
                raise TypeError("argon2")
            params = Argon2Params(*values)
        salt = _unb64(entry["salt"], SALT_BYTES)
        grants[principal] = Grant(
            kdf, salt, params, _sealed(entry, "wrapped_key", KEY_BYTES), *_owner(entry)
        )
    return KeyFile(store_id=store_id, material=material, grants=grants)


def _owner(entry: Any) -> tuple[str | None, str | None, bytes | None]:
    """(user id, sealed-as principal, alias MAC) of a user grant; each optional."""
    user_id = entry.get("user_id")
    if user_id is not None and (not isinstance(user_id, str) or not user_id):
        raise ValueError("user_id")
    sealed_as = entry.get("sealed_as")
    if sealed_as is None:
        return user_id, None, None
    if not isinstance(sealed_as, str) or not sealed_as.startswith(USER_PREFIX):
        raise ValueError("sealed_as")
    return user_id, sealed_as, _unb64(entry["alias_mac"], KEY_BYTES)


def _sealed(entry: Any, field: str, plain_len: int | None) -> Sealed:
    nonce = _unb64(entry["nonce"], NONCE_BYTES)
    ciphertext = _unb64(entry[field], None if plain_len is None else plain_len + TAG_BYTES)
    if len(ciphertext) < TAG_BYTES:
        raise ValueError("ciphertext")
    return Sealed(nonce, ciphertext)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: Any, length: int | None) -> bytes:
    if not isinstance(text, str):
        raise TypeError("base64")
    raw = base64.b64decode(text, validate=True)
    if length is not None and len(raw) != length:
        raise ValueError("length")
    return raw


def read_raw(path: Path) -> bytes:
    """The key file's bytes, or :class:`KeyFileMissing`."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(_MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileMissing("No key file was found beside the store") from None
    if len(raw) > _MAX_FILE_BYTES:
        raise KeyFileCorrupt("The key file is far larger than any key file")
    return raw


def load(path: Path) -> tuple[KeyFile, bytes]:
    """The parsed key file and the exact bytes read (for :func:`replace`'s conflict check)."""
    raw = read_raw(path)
    return KeyFile.from_bytes(raw), raw


def create(path: Path, key_file: KeyFile) -> None:
    """Write a new key file; never overwrites one (:class:`KeyFileExists`)."""
    if path.exists():
        raise KeyFileExists(_EXISTS)
    data = key_file.to_bytes()
    tmp = _write_temp(path, data)
    try:
        os.link(tmp, path)  # atomic "create if absent", unlike os.replace
    except FileExistsError:
        raise KeyFileExists(_EXISTS) from None
    except OSError:  # no hard links here (FAT, some network shares): exclusive create instead
        _create_direct(path, data)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _create_direct(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        raise KeyFileExists(_EXISTS) from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def replace(path: Path, key_file: KeyFile, expected_raw: bytes) -> None:
    """Atomically swap in a new version, if the file still holds ``expected_raw``.

    The check narrows (does not close) the window in which two sessions on one workstation
    change grants at once; the loser gets :class:`KeyFileConflict` instead of a lost update.
    """
    tmp = _write_temp(path, key_file.to_bytes())
    try:
        if read_raw(path) != expected_raw:
            raise KeyFileConflict("The key file was changed by another session; try again")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _write_temp(path: Path, data: bytes) -> Path:
    """A fsynced, owner-only temporary file in the key file's folder (same filesystem)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder this way)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)
