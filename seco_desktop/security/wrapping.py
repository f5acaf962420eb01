"""Sealing the key material and wrapping the master key per principal (the key file's crypto).

AAD binds the file format, its version and the store id everywhere, plus "key-material" for
the material blob and "grant" + principal for each wrapped master key, so no sealed piece can be
moved to another store, file version or principal. A grant that names its account (``user_id``)
binds that id into its AAD too. A grant sync moved to its account's new user name
(``security.grant_routing``) stays sealed for the principal it was made for (``sealed_as``) and
carries an HMAC under a key derived from the master key over where it now sits: opening it needs
both the right password and that MAC, so only a holder of the master key can move a grant.
"""

from __future__ import annotations

import hmac
import os
import unicodedata
from dataclasses import dataclass, replace
from hashlib import sha256

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from seco_desktop.security import keyfile as kf
from seco_desktop.security.crypto import (
    DEFAULT_ARGON2,
    KEY_BYTES,
    SALT_BYTES,
    Argon2Params,
    derive_password_kek,
    derive_recovery_kek,
    encode_aad,
    open_sealed,
    seal,
)
from seco_desktop.security.errors import (
    DecryptFailed,
    KeyFileCorrupt,
    RecoveryKeyInvalid,
    UnknownPrincipal,
    WrongPassword,
)
from seco_desktop.security.material import KeyMaterial
from seco_desktop.security.recovery import parse_recovery_key


@dataclass(frozen=True, repr=False)
class UnlockedKeys:
    """A session's keys: the material to use and the master key to change grants."""

    store_id: str
    material: KeyMaterial
    master_key: bytes
    user_id: str | None = None  # the account the grant that opened them belongs to, if named

    def __repr__(self) -> str:
        return f"UnlockedKeys(material={self.material!r}, master_key=<hidden>)"

    __str__ = __repr__


def principal_for(username: str) -> str:
    """``user:<name>`` with the name NFC-normalised; rejects empty or control characters."""
    name = unicodedata.normalize("NFC", username)
    if not name or name != name.strip() or any(unicodedata.category(c)[0] == "C" for c in name):
        raise ValueError("A user name must be non-empty text without surrounding spaces")
    return kf.USER_PREFIX + name


def _material_aad(store_id: str) -> bytes:
    return encode_aad(kf.FORMAT_NAME, kf.FORMAT_VERSION, store_id, "key-material")


def _grant_aad(store_id: str, principal: str, user_id: str | None = None) -> bytes:
    if user_id is None:  # grants made before accounts were named in them
        return encode_aad(kf.FORMAT_NAME, kf.FORMAT_VERSION, store_id, "grant", principal)
    return encode_aad(kf.FORMAT_NAME, kf.FORMAT_VERSION, store_id, "grant", principal, user_id)


def alias_mac(master: bytes, store_id: str, principal: str, grant: kf.Grant) -> bytes:
    """The MAC that lets ``grant`` (sealed for ``grant.sealed_as``) sit under ``principal``."""
    key = HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"seco-grant-alias-v1"
    ).derive(master)
    text = encode_aad(
        store_id, principal, grant.sealed_as or "", grant.user_id or "", grant.wrapped.nonce,
        grant.wrapped.ciphertext,
    )  # fmt: skip
    return hmac.new(key, text, sha256).digest()


def seal_material(master: bytes, store_id: str, material: KeyMaterial) -> kf.Sealed:
    return kf.Sealed(*seal(master, material.to_bytes(), _material_aad(store_id)))


def open_material(master: bytes, key_file: kf.KeyFile) -> KeyMaterial:
    sealed = key_file.material
    aad = _material_aad(key_file.store_id)
    try:
        return KeyMaterial.from_bytes(open_sealed(master, sealed.nonce, sealed.ciphertext, aad))
    except DecryptFailed:
        raise KeyFileCorrupt("The key file's key material failed authentication") from None
    except (ValueError, KeyError, TypeError):
        raise KeyFileCorrupt("The key file's key material is malformed") from None


def password_grant(  # noqa: PLR0917 (one grant's inputs)
    master: bytes,
    store_id: str,
    principal: str,
    password: str,
    params: Argon2Params,
    user_id: str | None = None,
) -> kf.Grant:
    salt = os.urandom(SALT_BYTES)
    kek = derive_password_kek(password, salt, params)
    wrapped = kf.Sealed(*seal(kek, master, _grant_aad(store_id, principal, user_id)))
    return kf.Grant(kf.KDF_ARGON2ID, salt, params, wrapped, user_id)


def _recovery_context(store_id: str) -> bytes:
    return encode_aad("seco-recovery-kek", store_id)


def recovery_grant(master: bytes, store_id: str, secret: bytes) -> kf.Grant:
    salt = os.urandom(SALT_BYTES)
    kek = derive_recovery_kek(secret, salt, _recovery_context(store_id))
    wrapped = kf.Sealed(*seal(kek, master, _grant_aad(store_id, kf.RECOVERY_PRINCIPAL)))
    return kf.Grant(kf.KDF_RECOVERY, salt, None, wrapped)


def _unwrap(kek: bytes, key_file: kf.KeyFile, principal: str, grant: kf.Grant) -> bytes | None:
    aad = _grant_aad(key_file.store_id, grant.sealed_as or principal, grant.user_id)
    try:
        master = open_sealed(kek, grant.wrapped.nonce, grant.wrapped.ciphertext, aad)
    except DecryptFailed:
        return None
    if grant.sealed_as is not None and not hmac.compare_digest(
        grant.alias_mac or b"", alias_mac(master, key_file.store_id, principal, grant)
    ):
        return None  # moved by someone without the master key
    return master


def unlock_file(key_file: kf.KeyFile, username: str, password: str) -> UnlockedKeys:
    try:
        principal = principal_for(username)
    except ValueError:
        principal = ""  # not a possible user name: handled exactly like an unknown one
    grant = key_file.grants.get(principal)
    if grant is None or grant.argon2 is None:
        # Spend the same Argon2 time as a real attempt, so timing does not reveal the name.
        params = next((g.argon2 for g in key_file.grants.values() if g.argon2), DEFAULT_ARGON2)
        derive_password_kek(password, os.urandom(SALT_BYTES), params)
        raise UnknownPrincipal()
    kek = derive_password_kek(password, grant.salt, grant.argon2)
    master = _unwrap(kek, key_file, principal, grant)
    if master is None:
        raise WrongPassword()
    return UnlockedKeys(key_file.store_id, open_material(master, key_file), master, grant.user_id)


def unlock_file_recovery(key_file: kf.KeyFile, recovery_text: str) -> UnlockedKeys:
    secret = parse_recovery_key(recovery_text)
    grant = key_file.grants.get(kf.RECOVERY_PRINCIPAL)
    if grant is None:
        raise RecoveryKeyInvalid("This store has no recovery key")
    kek = derive_recovery_kek(secret, grant.salt, _recovery_context(key_file.store_id))
    master = _unwrap(kek, key_file, kf.RECOVERY_PRINCIPAL, grant)
    if master is None:
        raise RecoveryKeyInvalid("This recovery key does not belong to this store")
    return UnlockedKeys(key_file.store_id, open_material(master, key_file), master)


def with_grant(key_file: kf.KeyFile, principal: str, grant: kf.Grant | None) -> kf.KeyFile:
    grants = dict(key_file.grants)
    if grant is None:
        del grants[principal]
    else:
        grants[principal] = grant
    return replace(key_file, grants=grants)


def owner_of(key_file: kf.KeyFile, principal: str) -> str | None:
    """The account a principal's grant names (re-sealing a password keeps it)."""
    grant = key_file.grants.get(principal)
    return None if grant is None else grant.user_id
