"""The keys that open the store and seal central payloads (``KeyMaterial``).

It is serialised to JSON only to be encrypted under the master key inside the key file; it is
never printed (``repr`` shows versions and counts, no bytes).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from seco_desktop.security.crypto import KEY_BYTES, random_key
from seco_desktop.security.errors import UnknownKeyVersion

MATERIAL_FORMAT = 1
# Older store keys are kept to reopen a store whose rekey did not finish; a few are plenty.
MAX_PREVIOUS_STORE_KEYS = 3


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("A key must be 32 bytes")


@dataclass(frozen=True, repr=False)
class KeyMaterial:
    """Store key (SQLCipher raw key), older store keys, index key, and versioned data keys."""

    store_key: bytes
    previous_store_keys: tuple[bytes, ...]
    index_key: bytes
    data_keys: Mapping[int, bytes]
    current_data_version: int

    def __post_init__(self) -> None:
        for key in (self.store_key, self.index_key, *self.previous_store_keys):
            _check_key(key)
        for version, key in self.data_keys.items():
            if not isinstance(version, int) or version < 1:
                raise ValueError("Data-key versions are positive integers")
            _check_key(key)
        if self.current_data_version not in self.data_keys:
            raise ValueError("The current data-key version has no key")
        # A read-only copy, so nobody can slip a key into a "frozen" object.
        object.__setattr__(self, "data_keys", MappingProxyType(dict(self.data_keys)))

    def __repr__(self) -> str:
        return (
            f"KeyMaterial(data_versions={sorted(self.data_keys)}, "
            f"current_data_version={self.current_data_version}, "
            f"previous_store_keys={len(self.previous_store_keys)}, keys=<hidden>)"
        )

    __str__ = __repr__

    @classmethod
    def generate(cls) -> KeyMaterial:
        """Fresh random keys for a new store (data-key version 1)."""
        return cls(random_key(), (), random_key(), {1: random_key()}, 1)

    def current_data_key(self) -> bytes:
        return self.data_keys[self.current_data_version]

    def data_key(self, version: int) -> bytes:
        try:
            return self.data_keys[version]
        except KeyError:
            raise UnknownKeyVersion(f"No data key with version {version}") from None

    def store_keys_to_try(self) -> tuple[bytes, ...]:
        """Current store key first, then previous ones: what ``Store.open`` expects."""
        return (self.store_key, *self.previous_store_keys)

    def with_new_data_key(self) -> KeyMaterial:
        """A new data-key version becomes current; old versions stay to read old rows."""
        version = max(self.data_keys) + 1
        keys = {**self.data_keys, version: random_key()}
        return replace(self, data_keys=keys, current_data_version=version)

    def with_new_store_key(self) -> KeyMaterial:
        """A new store key; the old one moves to the front of ``previous_store_keys``."""
        previous = (self.store_key, *self.previous_store_keys)[:MAX_PREVIOUS_STORE_KEYS]
        return replace(self, store_key=random_key(), previous_store_keys=previous)

    def to_bytes(self) -> bytes:
        """JSON for the encrypted blob of the key file (never written in clear)."""
        doc = {
            "format": MATERIAL_FORMAT,
            "store_key": _b64(self.store_key),
            "previous_store_keys": [_b64(k) for k in self.previous_store_keys],
            "index_key": _b64(self.index_key),
            "data_keys": {str(v): _b64(k) for v, k in sorted(self.data_keys.items())},
            "current_data_version": self.current_data_version,
        }
        return json.dumps(doc, separators=(",", ":")).encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyMaterial:
        """Parse :meth:`to_bytes`; raises ``ValueError`` on anything unexpected."""
        doc: Any = json.loads(raw)
        if not isinstance(doc, dict) or doc.get("format") != MATERIAL_FORMAT:
            raise ValueError("Unknown key material format")
        data_keys = doc["data_keys"]
        if not isinstance(data_keys, dict) or not isinstance(doc["previous_store_keys"], list):
            raise ValueError("Malformed key material")
        version = doc["current_data_version"]
        if not isinstance(version, int):
            raise ValueError("Malformed key material")
        return cls(
            store_key=_unb64(doc["store_key"]),
            previous_store_keys=tuple(_unb64(k) for k in doc["previous_store_keys"]),
            index_key=_unb64(doc["index_key"]),
            data_keys={int(v): _unb64(k) for v, k in data_keys.items()},
            current_data_version=version,
        )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("Expected base64 text")
    return base64.b64decode(text, validate=True)
