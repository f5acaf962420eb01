"""Store errors: each carries a message a person can act on, never record contents."""

from __future__ import annotations


class StoreError(Exception):
    """Base class for every failure of the local store."""


class StoreMissing(StoreError):
    pass


class StoreLocked(StoreError):
    """The store exists where a new one was asked for, or another process holds it."""


class WrongStoreKey(StoreError):
    pass


class StoreCorrupt(StoreError):
    pass


class MigrationFailed(StoreError):
    pass


class RecordNotFound(StoreError):
    pass


class StaleRecord(StoreError):
    """The record changed since it was read (row_version moved on)."""


class DuplicateRecord(StoreError):
    pass
