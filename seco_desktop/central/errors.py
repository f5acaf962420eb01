"""Central-store errors: messages a person can act on, never a password or record content."""

from __future__ import annotations


class CentralError(Exception):
    """Base of every failure talking to the central store."""


class InsecureConnection(CentralError):
    """A connection beyond this computer without TLS certificate verification, refused."""


class CentralUnreachable(CentralError):
    """The central database did not answer (offline, wrong address, refused credentials)."""


class CentralNotInitialised(CentralError):
    """The database exists but has no central schema (run ``seco-admin central init``)."""


class CentralMigrationFailed(CentralError):
    pass


class CentralTampered(CentralError):
    """The central store served a payload that fails verification (swapped, altered, replayed
    or an older version than this workstation already has): refused, nothing applied."""


class OfficeMismatch(CentralError):
    """The central database belongs to another office than this store."""
