"""Key hierarchy operations: create, unlock, grants, passwords, recovery and rotation.

Two levels. A random 256-bit *master key* seals the :class:`KeyMaterial` in the key file
(AAD: format, version, store id, "key-material"). Each principal (``user:<name>``, and
``recovery``) has a *grant*: the master key sealed under a KEK derived from that principal's
secret (AAD: format, version, store id, "grant", principal). Changing a password rewrites one
grant; rotating keys rewrites the material; nobody's grant depends on another person.

Unlocking returns :class:`UnlockedKeys` (material plus master key): a signed-in session needs the
master key to grant a new user or rotate keys, and the object keeps it out of reprs and logs.
Role checks (who may add a user, rotate, reset) belong to the services, not here.

The master key itself is never rotated (that would need every user's password at once): a
removed user who kept a copy of the master key could still read later key files. File-system
permissions on the key file are the control for that case.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from seco_desktop.security import keyfile as kf
from seco_desktop.security.crypto import DEFAULT_ARGON2, Argon2Params, random_key
from seco_desktop.security.errors import GrantError, KeyFileCorrupt, KeyFileExists, KeysMismatch
from seco_desktop.security.material import KeyMaterial
from seco_desktop.security.recovery import format_recovery_key, new_recovery_secret
from seco_desktop.security.wrapping import (
    UnlockedKeys,
    open_material,
    owner_of,
    password_grant,
    principal_for,
    recovery_grant,
    seal_material,
    unlock_file,
    unlock_file_recovery,
    with_grant,
)

__all__ = [
    "UnlockedKeys",
    "add_grant",
    "adopt_material",
    "change_password",
    "create_key_file",
    "grant_names",
    "name_grant_owner",
    "new_recovery_key",
    "principal_for",
    "read_store_id",
    "remove_grant",
    "reset_password_with_recovery",
    "rotate_data_key",
    "rotate_store_key",
    "set_password",
    "unlock",
    "unlock_with_recovery",
    "upgrade_grant_if_weaker",
]


def _load_checked(path: Path, keys: UnlockedKeys) -> tuple[kf.KeyFile, bytes, UnlockedKeys]:
    """Load the file and prove ``keys`` belong to it; returns keys with the file's material.

    Using the file's material (not the session's copy) means a rotation done meanwhile by
    another session is kept, not overwritten with stale keys.
    """
    key_file, raw = kf.load(path)
    if key_file.store_id != keys.store_id:
        raise KeysMismatch("These keys belong to another store")
    try:
        material = open_material(keys.master_key, key_file)
    except KeyFileCorrupt:
        raise KeysMismatch("These keys do not open this key file (other keys, or damage)") from None
    return key_file, raw, replace(keys, material=material)


def create_key_file(
    path: Path,
    *,
    store_id: str,
    admin_username: str,
    admin_password: str,
    argon2: Argon2Params = DEFAULT_ARGON2,
    admin_user_id: str | None = None,
) -> tuple[UnlockedKeys, str]:
    """A new key file with fresh keys, the first administrator's grant and a recovery grant.

    Returns the unlocked keys and the recovery key text, to be shown once and never stored.
    Refuses (:class:`KeyFileExists`) if a key file is already there.
    """
    if not store_id:
        raise ValueError("store_id must not be empty")
    if path.exists():
        raise KeyFileExists("A key file already exists for this store; it was left as it is")
    master, material, secret = random_key(), KeyMaterial.generate(), new_recovery_secret()
    principal = principal_for(admin_username)
    grants = {
        principal: password_grant(
            master, store_id, principal, admin_password, argon2, admin_user_id
        ),
        kf.RECOVERY_PRINCIPAL: recovery_grant(master, store_id, secret),
    }
    kf.create(path, kf.KeyFile(store_id, seal_material(master, store_id, material), grants))
    return UnlockedKeys(store_id, material, master), format_recovery_key(secret)


def unlock(path: Path, username: str, password: str) -> UnlockedKeys:
    """Sign-in: :class:`UnknownPrincipal` / :class:`WrongPassword` (both ``UnlockFailed``)."""
    key_file, _ = kf.load(path)
    return unlock_file(key_file, username, password)


def unlock_with_recovery(path: Path, recovery_text: str) -> UnlockedKeys:
    """Unlock with the administrator recovery key (typed text; spaces, dashes, case ignored)."""
    key_file, _ = kf.load(path)
    return unlock_file_recovery(key_file, recovery_text)


def read_store_id(path: Path) -> str:
    """The store id recorded in the key file, read without unlocking."""
    return kf.load(path)[0].store_id


def grant_names(path: Path) -> list[str]:
    """Principals holding a grant (``user:<name>`` and ``recovery``), sorted."""
    return sorted(kf.load(path)[0].grants)


def add_grant(
    path: Path,
    keys: UnlockedKeys,
    username: str,
    password: str,
    *,
    argon2: Argon2Params = DEFAULT_ARGON2,
    user_id: str | None = None,
) -> None:
    """Let a new user unlock the store; :class:`GrantError` if the user already has a grant.
    ``user_id`` names the account in the grant (sync routes grants by it)."""
    key_file, raw, keys = _load_checked(path, keys)
    principal = principal_for(username)
    if principal in key_file.grants:
        raise GrantError("This user already has access to the store keys")
    grant = password_grant(keys.master_key, key_file.store_id, principal, password, argon2, user_id)
    kf.replace(path, with_grant(key_file, principal, grant), raw)


def set_password(
    path: Path,
    keys: UnlockedKeys,
    username: str,
    new_password: str,
    *,
    argon2: Argon2Params = DEFAULT_ARGON2,
) -> None:
    """An administrator's session resets an existing user's password (rewrites that grant)."""
    key_file, raw, keys = _load_checked(path, keys)
    principal = principal_for(username)
    if principal not in key_file.grants:
        raise GrantError("This user has no access to the store keys")
    grant = password_grant(
        keys.master_key, key_file.store_id, principal, new_password, argon2,
        owner_of(key_file, principal),
    )  # fmt: skip
    kf.replace(path, with_grant(key_file, principal, grant), raw)


def remove_grant(path: Path, keys: UnlockedKeys, username: str) -> None:
    """Withdraw a user's grant. The last user grant cannot go (recovery would be the only way)."""
    key_file, raw, keys = _load_checked(path, keys)
    principal = principal_for(username)
    if principal not in key_file.grants:
        raise GrantError("This user has no access to the store keys")
    users = [p for p in key_file.grants if p.startswith(kf.USER_PREFIX)]
    if users == [principal]:
        raise GrantError("The last user's access cannot be removed")
    kf.replace(path, with_grant(key_file, principal, None), raw)


def change_password(
    path: Path,
    username: str,
    old_password: str,
    new_password: str,
    *,
    argon2: Argon2Params = DEFAULT_ARGON2,
) -> UnlockedKeys:
    """A user changes their own password; the new grant gets a fresh salt and ``argon2`` cost."""
    key_file, raw = kf.load(path)
    keys = unlock_file(key_file, username, old_password)
    principal = principal_for(username)
    grant = password_grant(
        keys.master_key, key_file.store_id, principal, new_password, argon2,
        owner_of(key_file, principal),
    )  # fmt: skip
    kf.replace(path, with_grant(key_file, principal, grant), raw)
    return keys


def reset_password_with_recovery(
    path: Path,
    recovery_text: str,
    username: str,
    new_password: str,
    *,
    argon2: Argon2Params = DEFAULT_ARGON2,
    user_id: str | None = None,
) -> UnlockedKeys:
    """With the recovery key, give a user (existing or not) a new password grant."""
    key_file, raw = kf.load(path)
    keys = unlock_file_recovery(key_file, recovery_text)
    principal = principal_for(username)
    grant = password_grant(
        keys.master_key, key_file.store_id, principal, new_password, argon2,
        user_id or owner_of(key_file, principal),
    )  # fmt: skip
    kf.replace(path, with_grant(key_file, principal, grant), raw)
    return keys


def upgrade_grant_if_weaker(
    path: Path, keys: UnlockedKeys, username: str, password: str, target: Argon2Params
) -> bool:
    """After a sign-in, re-wrap the user's grant if its Argon2 cost is below ``target``.

    This is how raised defaults reach old grants: the password is only known at sign-in.
    """
    key_file, raw, keys = _load_checked(path, keys)
    principal = principal_for(username)
    grant = key_file.grants.get(principal)
    if grant is None or grant.argon2 is None:
        raise GrantError("This user has no access to the store keys")
    current = grant.argon2
    if current.memory_kib >= target.memory_kib and current.iterations >= target.iterations:
        return False
    unlock_file(key_file, username, password)  # never re-wrap under an unverified password
    new = password_grant(
        keys.master_key, key_file.store_id, principal, password, target, grant.user_id
    )
    kf.replace(path, with_grant(key_file, principal, new), raw)
    return True


def name_grant_owner(
    path: Path, keys: UnlockedKeys, username: str, password: str, user_id: str
) -> bool:
    """After a sign-in with a grant that names no account (made before grants named them),
    re-seal it naming ``user_id``; whether it did (the password is only known at sign-in)."""
    key_file, raw, keys = _load_checked(path, keys)
    principal = principal_for(username)
    grant = key_file.grants.get(principal)
    if grant is None or grant.argon2 is None:
        raise GrantError("This user has no access to the store keys")
    if grant.user_id is not None:
        return False
    unlock_file(key_file, username, password)  # never re-wrap under an unverified password
    new = password_grant(
        keys.master_key, key_file.store_id, principal, password, grant.argon2, user_id
    )
    kf.replace(path, with_grant(key_file, principal, new), raw)
    return True


def _rewrite_material(path: Path, keys: UnlockedKeys, rotate: str) -> UnlockedKeys:
    key_file, raw, keys = _load_checked(path, keys)
    material = (
        keys.material.with_new_data_key()
        if rotate == "data"
        else keys.material.with_new_store_key()
    )
    sealed = seal_material(keys.master_key, key_file.store_id, material)
    kf.replace(path, replace(key_file, material=sealed), raw)
    return replace(keys, material=material)


def adopt_material(path: Path, keys: UnlockedKeys, material: KeyMaterial) -> UnlockedKeys:
    """Write ``material`` (the same store key, more data keys) into the key file."""
    key_file, raw, keys = _load_checked(path, keys)
    if material.store_key != keys.material.store_key:
        raise KeysMismatch("Adopting office keys must not change the store key")
    sealed = seal_material(keys.master_key, key_file.store_id, material)
    kf.replace(path, replace(key_file, material=sealed), raw)
    return replace(keys, material=material)


def rotate_data_key(path: Path, keys: UnlockedKeys) -> UnlockedKeys:
    """Add a data-key version and make it current; older versions stay to read old rows."""
    return _rewrite_material(path, keys, "data")


def rotate_store_key(path: Path, keys: UnlockedKeys) -> UnlockedKeys:
    """Make a new store key current, durably, *before* the store runs ``PRAGMA rekey``.

    Order matters: the key file is written first (new key current, old key first in
    ``previous_store_keys``); if the rekey then fails or is interrupted, the store still opens
    with the previous key, and the store layer re-runs the rekey.
    """
    return _rewrite_material(path, keys, "store")


def new_recovery_key(path: Path, keys: UnlockedKeys) -> str:
    """Replace the recovery grant; the old recovery key stops working. Returns the new text."""
    key_file, raw, keys = _load_checked(path, keys)
    secret = new_recovery_secret()
    grant = recovery_grant(keys.master_key, key_file.store_id, secret)
    kf.replace(path, with_grant(key_file, kf.RECOVERY_PRINCIPAL, grant), raw)
    return format_recovery_key(secret)
