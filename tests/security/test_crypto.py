"""Primitives: record payload AEAD binding, blind indexes, recovery-key text, key material."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import unicodedata

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from seco_desktop.security import crypto
from seco_desktop.security.crypto import (
    FAST_ARGON2_FOR_TESTS,
    Argon2Params,
    blind_index,
    derive_password_kek,
    encode_aad,
    open_record,
    random_key,
    record_key_version,
    seal_record,
)
from seco_desktop.security.errors import PayloadRejected, RecoveryKeyInvalid, UnknownKeyVersion
from seco_desktop.security.material import KeyMaterial
from seco_desktop.security.recovery import format_recovery_key, parse_recovery_key

KEY = bytes(range(32))
RECORD = {"version": 1, "record_id": "0b6c2f4e-1111-4c1a-9a7e-3d2f7d1f0a01", "table": "spouse"}


def _seal(plaintext: bytes = b'{"surname":"Example"}', **overrides: object) -> bytes:
    args: dict[str, object] = {**RECORD, "kind": "profile", "plaintext": plaintext} | overrides
    return seal_record(KEY, **args)  # type: ignore[arg-type]


def _open(payload: bytes, key: bytes = KEY, /, **overrides: object) -> bytes:
    args: dict[str, object] = {**RECORD, "kind": "profile", "payload": payload} | overrides
    return open_record(key, **args)  # type: ignore[arg-type]


def test_record_round_trip_and_fresh_nonce() -> None:
    first, second = _seal(), _seal()
    assert _open(first) == _open(second) == b'{"surname":"Example"}'
    assert first != second
    assert record_key_version(first) == 1


@pytest.mark.parametrize(
    "moved",
    [
        {"record_id": "0b6c2f4e-1111-4c1a-9a7e-3d2f7d1f0a02"},
        {"table": "sponsor"},
        {"kind": "notes"},
    ],
)
def test_payload_moved_to_another_record_table_or_kind_is_refused(moved: dict[str, str]) -> None:
    with pytest.raises(PayloadRejected):
        _open(_seal(), **moved)


def test_payload_claimed_under_another_version_is_refused() -> None:
    payload = _seal()
    with pytest.raises(PayloadRejected):
        _open(payload, version=2)
    # Rewriting the version in the header does not help: the header is authenticated.
    relabelled = payload[:1] + (2).to_bytes(4, "big") + payload[5:]
    with pytest.raises(PayloadRejected):
        _open(relabelled, version=2)


def test_payload_under_another_key_or_truncated_is_refused() -> None:
    with pytest.raises(PayloadRejected):
        _open(_seal(), random_key())
    with pytest.raises(PayloadRejected):
        _open(_seal()[:20])


@settings(max_examples=300, deadline=None)
@given(plaintext=st.binary(max_size=64), data=st.data())
def test_any_single_bit_flip_is_refused(plaintext: bytes, data: st.DataObject) -> None:
    payload = bytearray(_seal(plaintext))
    bit = data.draw(st.integers(min_value=0, max_value=len(payload) * 8 - 1), label="bit")
    payload[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(PayloadRejected):
        _open(bytes(payload))


@settings(max_examples=300, deadline=None)
@given(
    version=st.integers(min_value=0, max_value=2**32 - 1),
    record_id=st.text(max_size=40),
    table=st.text(max_size=20),
    kind=st.text(max_size=12),
)
def test_record_aad_is_the_general_encoding(
    version: int, record_id: str, table: str, kind: str
) -> None:
    """The record AAD is built directly for speed; it must stay exactly the general encoding
    of label, header, record id, table and kind (payloads sealed before still open)."""
    header = struct.pack(">BI", crypto.RECORD_FORMAT, version)
    expected = encode_aad("seco-record", header, record_id, table, kind)
    assert crypto._record_aad(header, record_id, table, kind) == expected


def test_payload_sealed_by_the_general_path_opens_and_stays_bound() -> None:
    """A payload made with AESGCM and encode_aad directly (the format as it always was) opens,
    and only as its own record, table, kind and version."""
    header = struct.pack(">BI", crypto.RECORD_FORMAT, 1)
    nonce = os.urandom(12)
    aad = encode_aad("seco-record", header, RECORD["record_id"], "spouse", "profile")
    payload = header + nonce + AESGCM(KEY).encrypt(nonce, b"{}", aad)
    assert _open(payload) == b"{}"
    for moved in ({"record_id": "other"}, {"table": "note"}, {"kind": "record"}):
        with pytest.raises(PayloadRejected):
            _open(payload, **moved)


def test_record_keys_must_be_256_bits() -> None:
    short = bytes(range(16))  # AES-128 would accept it; record payloads do not
    with pytest.raises(ValueError, match="256 bits"):
        seal_record(short, version=1, record_id="r", table="spouse", kind="record",
                    plaintext=b"{}")  # fmt: skip
    with pytest.raises(PayloadRejected):
        _open(_seal(), short)


def test_a_cached_cipher_never_opens_under_another_key() -> None:
    """Ciphers are cached per key: opening under key A, then B, then A again each uses its own."""
    other = random_key()
    payload = _seal()
    assert _open(payload) == b'{"surname":"Example"}'
    with pytest.raises(PayloadRejected):
        _open(payload, other)
    sealed_other = seal_record(other, **RECORD, kind="profile", plaintext=b"x")  # type: ignore[arg-type]
    with pytest.raises(PayloadRejected):
        _open(sealed_other)
    assert _open(sealed_other, other) == b"x"
    assert _open(payload) == b'{"surname":"Example"}'


def test_encode_aad_is_unambiguous() -> None:
    assert encode_aad("ab", "c") != encode_aad("a", "bc")
    assert encode_aad(1) != encode_aad("1")


def test_blind_index_is_keyed_truncated_and_domain_separated() -> None:
    value = blind_index(KEY, "dod_id", "1234567890")
    assert value == blind_index(KEY, "dod_id", "1234567890")
    assert 0 <= value < 2**16
    assert 0 <= blind_index(KEY, "surname", "SMITH", bits=20) < 2**20
    wide = blind_index(KEY, "dod_id", "1234567890", bits=32)
    assert wide != blind_index(KEY, "surname", "1234567890", bits=32)
    assert wide != blind_index(random_key(), "dod_id", "1234567890", bits=32)
    with pytest.raises(ValueError, match="bits"):
        blind_index(KEY, "dod_id", "1", bits=33)


def _plain_blind_index(key: bytes, domain: str, value: str, bits: int) -> int:
    """The definition, one HMAC per value (what ``blind_index`` computes from a cached key)."""
    mac = hmac.new(key, encode_aad("seco-blind-index", domain, value), hashlib.sha256)
    return int.from_bytes(mac.digest()[:4], "big") >> (32 - bits)


@settings(max_examples=300, deadline=None)
@given(
    key=st.sampled_from([KEY, bytes(32), b"\xff" * 32]),
    domain=st.sampled_from(["spouse.dod_id", "spouse.last_name", "", "é"]),
    value=st.text(),
    bits=st.integers(min_value=1, max_value=32),
)
def test_blind_index_equals_a_fresh_hmac_per_value(
    key: bytes, domain: str, value: str, bits: int
) -> None:
    assert blind_index(key, domain, value, bits) == _plain_blind_index(key, domain, value, bits)


def test_blind_index_cached_mac_is_not_disturbed_by_earlier_values() -> None:
    values = ["", "1234567890", "O'BRIEN", "MÜLLER-LÜDENSCHEIDT", "\u00e9", "e\u0301", "\U0001f600"]
    first = [blind_index(KEY, "spouse.last_name", v, 32) for v in values]
    again = [blind_index(KEY, "spouse.last_name", v, 32) for v in reversed(values)][::-1]
    plain = [_plain_blind_index(KEY, "spouse.last_name", v, 32) for v in values]
    assert first == again == plain
    for i in range(2000):
        value = str(1_000_000_000 + i * 7919)
        got = blind_index(KEY, "spouse.dod_id", value)
        assert got == _plain_blind_index(KEY, "spouse.dod_id", value, 16)


def test_argon2_params_are_bounded() -> None:
    with pytest.raises(ValueError, match="out of range"):
        Argon2Params(memory_kib=1 << 30, iterations=3, lanes=4)
    with pytest.raises(ValueError, match="out of range"):
        Argon2Params(memory_kib=8, iterations=0, lanes=1)


def test_password_is_nfc_normalised() -> None:
    salt = b"s" * 16
    composed, decomposed = "Jos\u00e9-pass", unicodedata.normalize("NFD", "Jos\u00e9-pass")
    assert composed != decomposed
    assert derive_password_kek(composed, salt, FAST_ARGON2_FOR_TESTS) == derive_password_kek(
        decomposed, salt, FAST_ARGON2_FOR_TESTS
    )


def test_recovery_key_text_round_trips_and_tolerates_typing() -> None:
    secret = random_key()
    text = format_recovery_key(secret)
    groups = text.split("-")
    assert len(groups) == 14
    assert all(len(g) == 4 for g in groups)
    assert parse_recovery_key(text) == secret
    sloppy = " ".join(groups).lower().replace("0", "o").replace("1", "l")
    assert parse_recovery_key(f"  {sloppy}\n") == secret


def test_every_single_character_typo_is_reported_as_a_typo() -> None:
    text = format_recovery_key(KEY).replace("-", "")
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    for position, original in enumerate(text):
        for replacement in alphabet:
            if replacement == original:
                continue
            typo = text[:position] + replacement + text[position + 1 :]
            with pytest.raises(RecoveryKeyInvalid, match="typo"):
                parse_recovery_key(typo)


@pytest.mark.parametrize(
    ("text", "message"),
    [("ABCD-EFGH", "56 letters"), ("U" * 56, "Character 1"), ("", "0 were entered")],
)
def test_malformed_recovery_key_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(RecoveryKeyInvalid, match=message):
        parse_recovery_key(text)


def test_key_material_never_prints_keys_and_round_trips() -> None:
    material = KeyMaterial.generate().with_new_data_key().with_new_store_key()
    shown = repr(material) + str(material)
    for key in (material.store_key, material.index_key, *material.data_keys.values()):
        assert key.hex() not in shown
        assert base64.b64encode(key).decode() not in shown
        assert repr(key) not in shown
    assert KeyMaterial.from_bytes(material.to_bytes()) == material
    assert material.current_data_version == 2
    assert material.store_keys_to_try()[1:] == material.previous_store_keys


def test_key_material_lookups_and_immutability() -> None:
    material = KeyMaterial.generate()
    assert material.current_data_key() == material.data_key(1)
    with pytest.raises(UnknownKeyVersion, match="version 7"):
        material.data_key(7)
    with pytest.raises(TypeError):
        material.data_keys[2] = random_key()  # type: ignore[index]
    with pytest.raises(ValueError, match="32 bytes"):
        KeyMaterial(b"short", (), random_key(), {1: random_key()}, 1)
