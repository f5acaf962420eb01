"""Cryptographic primitives of SECO Desktop, in one small audited place.

* AES-256-GCM with a random 96-bit nonce and associated data (AAD) for everything sealed.
  A random nonce is safe here: far fewer than 2**32 messages are ever sealed under one key.
* Argon2id turns a password into a key-encryption key (KEK); its cost is a parameter so the
  key file can record it per grant and raise it later.
* Record payloads for the central database bind record id, table, payload kind and key
  version into the AAD, so a ciphertext swapped to another row, table or version fails.
* Blind indexes: a truncated keyed HMAC (CipherSweet-style) used only for duplicate checks.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import struct
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from seco_desktop.security.errors import DecryptFailed, PayloadRejected

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
SALT_BYTES = 16

RECORD_FORMAT = 1
_RECORD_HEADER = struct.Struct(">BI")  # payload format, data-key version
_LENGTH = struct.Struct(">I")  # encode_aad's length prefix


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost, stored with each grant so it can be raised without breaking old grants."""

    memory_kib: int
    iterations: int
    lanes: int

    def __post_init__(self) -> None:
        # Upper bounds too: a tampered key file must not make sign-in allocate terabytes.
        if not (
            1 <= self.lanes <= 64
            and 1 <= self.iterations <= 64
            and 8 * self.lanes <= self.memory_kib <= 4 * 1024 * 1024
        ):
            raise ValueError("Argon2 parameters out of range")


# OWASP's first Argon2id option is 19 MiB/2 passes; we take 64 MiB/3 passes/4 lanes (RFC 9106's
# second recommendation lowered to 64 MiB for older workstations): ~0.25-0.4 s on 2 cores.
DEFAULT_ARGON2 = Argon2Params(memory_kib=64 * 1024, iterations=3, lanes=4)
# Only for tests, passed explicitly: never selected by an environment variable or a global.
FAST_ARGON2_FOR_TESTS = Argon2Params(memory_kib=8, iterations=1, lanes=1)


def random_key() -> bytes:
    """A fresh 256-bit key from the OS CSPRNG."""
    return os.urandom(KEY_BYTES)


def encode_aad(*parts: str | bytes | int) -> bytes:
    """Unambiguous AAD: each part length-prefixed, so ("ab", "c") never equals ("a", "bc")."""
    out = bytearray()
    for part in parts:
        if isinstance(part, int):
            raw = part.to_bytes(8, "big", signed=True)
        elif isinstance(part, str):
            raw = part.encode("utf-8")
        else:
            raw = part
        out += len(raw).to_bytes(4, "big") + raw
    return bytes(out)


#: What ``encode_aad("seco-record", header, …)`` starts with, up to the header's own bytes.
_RECORD_AAD_HEAD = encode_aad("seco-record") + _LENGTH.pack(_RECORD_HEADER.size)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt with AES-256-GCM; returns ``(nonce, ciphertext_with_tag)``."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    """Decrypt what :func:`seal` produced, or raise :class:`DecryptFailed`."""
    if len(key) != KEY_BYTES or len(nonce) != NONCE_BYTES or len(ciphertext) < TAG_BYTES:
        raise DecryptFailed("Sealed data has the wrong size")
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        raise DecryptFailed("Sealed data failed authentication") from None


def normalize_password(password: str) -> bytes:
    """NFC then UTF-8, so the same password typed through another input method still matches."""
    return unicodedata.normalize("NFC", password).encode("utf-8")


def derive_password_kek(password: str, salt: bytes, params: Argon2Params) -> bytes:
    """Argon2id(password, salt) -> 256-bit KEK. Slow on purpose: passwords have little entropy."""
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalize_password(password))


def derive_recovery_kek(secret: bytes, salt: bytes, context: bytes) -> bytes:
    """HKDF-SHA256 is enough for the recovery secret: 256 random bits cannot be guessed."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=context).derive(secret)


def _record_aad(header: bytes, record_id: str, table: str, kind: str) -> bytes:
    """``encode_aad("seco-record", header, record_id, table, kind)``, built directly: every
    pulled record needs one (``tests/security/test_crypto.py`` checks they are equal)."""
    if len(header) != _RECORD_HEADER.size:
        raise PayloadRejected("Record payload has a malformed header")
    rid, tbl, knd = record_id.encode("utf-8"), table.encode("utf-8"), kind.encode("utf-8")
    return b"".join(
        (_RECORD_AAD_HEAD, header, _LENGTH.pack(len(rid)), rid, _LENGTH.pack(len(tbl)), tbl,
         _LENGTH.pack(len(knd)), knd)
    )  # fmt: skip


@functools.lru_cache(maxsize=4)
def _record_cipher(data_key: bytes) -> AESGCM:
    """The AES-256-GCM object of a data key, made once per key rather than once per record (a
    bootstrap opens a million payloads under one or two data keys). Record payloads only."""
    if len(data_key) != KEY_BYTES:
        raise ValueError("A data key must be 256 bits")
    return AESGCM(data_key)


def seal_record(
    data_key: bytes, *, version: int, record_id: str, table: str, kind: str, plaintext: bytes
) -> bytes:
    """Encrypt one record payload for the central store (keyword arguments: no silent swaps).

    Layout: ``format(1) | version(4, big-endian) | nonce(12) | ciphertext+tag``. The header is
    readable (see :func:`record_key_version`) so a reader knows which data key to use, and it
    is authenticated together with record id, table and kind.
    """
    header = _RECORD_HEADER.pack(RECORD_FORMAT, version)
    cipher = _record_cipher(data_key)  # ValueError unless a 256-bit key
    nonce = os.urandom(NONCE_BYTES)
    body = cipher.encrypt(nonce, plaintext, _record_aad(header, record_id, table, kind))
    return header + nonce + body


def record_key_version(payload: bytes) -> int:
    """The data-key version a payload claims (not yet authenticated: :func:`open_record` checks)."""
    if len(payload) < _RECORD_HEADER.size + NONCE_BYTES + TAG_BYTES:
        raise PayloadRejected("Record payload is too short")
    fmt, version = _RECORD_HEADER.unpack_from(payload)
    if fmt != RECORD_FORMAT:
        raise PayloadRejected("Record payload has an unknown format")
    return int(version)


def open_record(
    data_key: bytes, *, version: int, record_id: str, table: str, kind: str, payload: bytes
) -> bytes:
    """Decrypt a payload, refusing it unless id, table, kind, version and every byte match."""
    if record_key_version(payload) != version:  # also: long enough for nonce and tag
        raise PayloadRejected("Record payload was sealed under another key version")
    if len(data_key) != KEY_BYTES:
        raise PayloadRejected("Record payload failed authentication")
    header = payload[: _RECORD_HEADER.size]
    nonce = payload[_RECORD_HEADER.size : _RECORD_HEADER.size + NONCE_BYTES]
    body = payload[_RECORD_HEADER.size + NONCE_BYTES :]
    try:
        return _record_cipher(data_key).decrypt(
            nonce, body, _record_aad(header, record_id, table, kind)
        )
    except InvalidTag:
        raise PayloadRejected("Record payload failed authentication") from None


def blind_index(index_key: bytes, domain: str, value: str, bits: int = 16) -> int:
    """Truncated HMAC-SHA256 of an already-normalised value, separated per ``domain``.

    Few bits on purpose: enough to narrow a duplicate check to a handful of rows, too few to
    confirm a guessed DoD ID or surname from the central database alone.
    """
    if not 1 <= bits <= 32:
        raise ValueError("bits must be between 1 and 32")
    raw = value.encode("utf-8")
    mac = _blind_mac(index_key, domain).copy()  # = HMAC(key, encode_aad(prefix, domain, value))
    mac.update(_LENGTH.pack(len(raw)) + raw)
    return int.from_bytes(mac.digest()[:4], "big") >> (32 - bits)


@functools.lru_cache(maxsize=8)
def _blind_mac(index_key: bytes, domain: str) -> hmac.HMAC:
    """HMAC-SHA256 under ``index_key``, already fed ``encode_aad("seco-blind-index", domain)``:
    keyed once per key and domain rather than once per value (a push of a million spouses
    takes two blind indexes each); :func:`blind_index` copies it and feeds the value's part.
    Never updated in place, so the cached state stays that prefix."""
    return hmac.new(index_key, encode_aad("seco-blind-index", domain), hashlib.sha256)


def forget_cached_keys() -> None:
    """Drop the cached AES-GCM and HMAC objects, and the key bytes they are cached under. A
    session calls it when it closes, so no data or index key outlives the store it served."""
    _record_cipher.cache_clear()
    _blind_mac.cache_clear()


def cached_key_objects() -> int:
    """How many keyed objects the caches hold now (for the checks that they are forgotten)."""
    return _record_cipher.cache_info().currsize + _blind_mac.cache_info().currsize
