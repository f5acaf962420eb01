"""An office's shared keys at the central store, and enrolling a new workstation with them.

Every workstation of an office must seal and open the same payloads, so the **data keys** and
the **index key** are shared; each workstation's SQLCipher **store key** is its own. The first
workstation publishes the shared keys sealed under its master key (the same AAD as a key file's
material, with the office id as store id) and its users' grants (the master key wrapped under
each user's Argon2id key; they carry no secret usable without the password). A new workstation
downloads both, unwraps the master key with a user's password, and writes its own key file:
same office id, master key and grants, a fresh store key.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, replace
from pathlib import Path

from seco_desktop.security import keyfile as kf
from seco_desktop.security.crypto import random_key
from seco_desktop.security.errors import KeyFileCorrupt, KeysMismatch
from seco_desktop.security.grant_routing import Accounts, route
from seco_desktop.security.material import KeyMaterial
from seco_desktop.security.wrapping import (
    UnlockedKeys,
    open_material,
    seal_material,
    unlock_file,
)


@dataclass(frozen=True, repr=False)
class OfficeKeys:
    """What the central store keeps of an office's keys: all ciphertext."""

    office_id: str
    material: kf.Sealed
    grants: dict[str, str]  # principal -> the key file's JSON entry of that grant

    def __repr__(self) -> str:
        return f"OfficeKeys(office_id={self.office_id!r}, grants={sorted(self.grants)})"


def shared_material(material: KeyMaterial) -> KeyMaterial:
    """The shared part of ``material``; the store key slot holds a random key nobody uses."""
    return KeyMaterial(
        random_key(), (), material.index_key, material.data_keys, material.current_data_version
    )


def grant_entries(key_file: kf.KeyFile) -> dict[str, str]:
    """Each user grant of a key file as the JSON text of its entry (recovery stays local)."""
    doc = json.loads(key_file.to_bytes())
    return {
        principal: json.dumps(entry, sort_keys=True)
        for principal, entry in doc["grants"].items()
        if principal.startswith(kf.USER_PREFIX)
    }


def export_office(key_path: Path, keys: UnlockedKeys) -> OfficeKeys:
    """The shared keys and user grants of this workstation's key file, for the central store."""
    key_file, _ = kf.load(key_path)
    if key_file.store_id != keys.store_id:
        raise KeysMismatch("These keys belong to another store")
    sealed = seal_material(keys.master_key, keys.store_id, shared_material(keys.material))
    return OfficeKeys(keys.store_id, sealed, grant_entries(key_file))


def _key_file(office: OfficeKeys) -> kf.KeyFile:
    doc = {
        "format": kf.FORMAT_NAME,
        "version": kf.FORMAT_VERSION,
        "store_id": office.office_id,
        "material": {
            "nonce": _b64(office.material.nonce),
            "ciphertext": _b64(office.material.ciphertext),
        },
        "grants": {p: json.loads(text) for p, text in office.grants.items()},
    }
    return kf.KeyFile.from_bytes(json.dumps(doc).encode("utf-8"))


def unlock_office(office: OfficeKeys, username: str, password: str) -> UnlockedKeys:
    """The office's shared keys and master key, unwrapped with a user's password."""
    return unlock_file(_key_file(office), username, password)


def create_workstation_keys(
    key_path: Path, office: OfficeKeys, unlocked: UnlockedKeys
) -> UnlockedKeys:
    """Write this workstation's key file: the office's keys and grants, its own store key."""
    if unlocked.store_id != office.office_id:
        raise KeysMismatch("These keys belong to another office")
    shared = unlocked.material
    local = KeyMaterial(
        random_key(), (), shared.index_key, shared.data_keys, shared.current_data_version
    )
    source = _key_file(office)
    sealed = seal_material(unlocked.master_key, office.office_id, local)
    kf.create(key_path, kf.KeyFile(office.office_id, sealed, dict(source.grants)))
    return UnlockedKeys(office.office_id, local, unlocked.master_key, unlocked.user_id)


def office_material(office: OfficeKeys, master_key: bytes) -> KeyMaterial:
    """Open the published shared keys with the office master key (a later data-key version)."""
    try:
        return open_material(master_key, _key_file(office))
    except KeyFileCorrupt:
        raise KeysMismatch(
            "The office keys at the central store do not open with these keys"
        ) from None


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def merged_data_keys(local: KeyMaterial, office: KeyMaterial) -> KeyMaterial:
    """``local`` with every data-key version either side has; the newest version current.

    A data-key rotation on one workstation reaches the others this way. Two workstations that
    rotated to the same version number with different keys cannot be reconciled automatically:
    :class:`KeysMismatch` (nothing is sealed under a key the others cannot open).
    """
    keys = dict(office.data_keys)
    for version, key in local.data_keys.items():
        if keys.get(version, key) != key:
            raise KeysMismatch(
                f"Data-key version {version} differs between this workstation and the office; "
                "ask the administrator to rotate the keys on one workstation only"
            )
        keys[version] = key
    if local.index_key != office.index_key:
        raise KeysMismatch("This workstation's index key is not the office's")
    current = max(keys)
    return KeyMaterial(local.store_key, local.previous_store_keys, local.index_key, keys, current)


def office_keys_for(office_id: str, master_key: bytes, material: KeyMaterial) -> kf.Sealed:
    """The shared part of ``material`` sealed for the central store."""
    return seal_material(master_key, office_id, shared_material(material))


def route_grants(
    key_path: Path, keys: UnlockedKeys, entries: dict[str, str], accounts: Accounts
) -> dict[str, str]:
    """Settle this workstation's user grants with the central store's (``grant_routing``):
    grants it lacks are added, grants of renamed accounts move to their new names. Returns
    the entries to publish. Grants made here are never replaced by equal ones from central."""
    key_file, raw = kf.load(key_path)
    if key_file.store_id != keys.store_id:
        raise KeysMismatch("These keys belong to another store")
    central = _key_file(OfficeKeys(key_file.store_id, key_file.material, entries)).grants
    mine = {p: g for p, g in key_file.grants.items() if p.startswith(kf.USER_PREFIX)}
    routed = route(mine, central, accounts, master_key=keys.master_key, store_id=keys.store_id)
    if routed.grants != mine:
        others = {p: g for p, g in key_file.grants.items() if not p.startswith(kf.USER_PREFIX)}
        kf.replace(key_path, replace(key_file, grants=others | routed.grants), raw)
    published = replace(key_file, grants=routed.publish)
    return grant_entries(published)
