# The names read as states ("KeyFileMissing", "WrongPassword"), as the UI and services use them.
"""Exceptions of the key hierarchy.

Messages are safe to show and to log: they never carry a key, a password, a recovery key, a
user name or a file's content. The UI shows one message for every :class:`UnlockFailed` so a
caller cannot learn whether a user name exists.
"""

from __future__ import annotations


class SecurityError(Exception):
    """Base of every error raised by ``seco_desktop.security``."""


class KeyFileError(SecurityError):
    """Something is wrong with the key file itself."""


class KeyFileMissing(KeyFileError):
    """There is no key file beside the store."""


class KeyFileExists(KeyFileError):
    """Creating a key file where one already exists (it is never overwritten)."""


class KeyFileCorrupt(KeyFileError):
    """The key file is unreadable: bad JSON, truncated, unknown format, or failed authentication."""


class KeyFileUnsupported(KeyFileCorrupt):
    """The key file was written by a newer SECO Desktop (a format version this one cannot read)."""


class KeyFileConflict(KeyFileError):
    """Another session rewrote the key file while this one was changing it; try again."""


class UnlockFailed(SecurityError):
    """A user's password did not unlock the keys. One message for all causes, on purpose."""

    def __init__(self, message: str = "User name or password is incorrect") -> None:
        super().__init__(message)


class UnknownPrincipal(UnlockFailed):
    """No grant for this user name (shown to people exactly as a wrong password)."""


class WrongPassword(UnlockFailed):
    """The grant exists but the password does not open it (or the grant was tampered with)."""


class RecoveryKeyInvalid(SecurityError):
    """The recovery key was mistyped (checksum) or belongs to another store."""


class GrantError(SecurityError):
    """A grant change that is not allowed (duplicate user, last user grant, ...)."""


class KeysMismatch(SecurityError):
    """Unlocked keys used with a key file of another store or master key."""


class UnknownKeyVersion(SecurityError):
    """A record names a data-key version this key file does not hold."""


class DecryptFailed(SecurityError):
    """AES-GCM authentication failed (wrong key, wrong AAD or altered bytes)."""


class PayloadRejected(SecurityError):
    """A record payload failed authentication: tampered, moved, replayed or under another key."""


class InsecureKeyring(SecurityError):
    """No secure OS keyring backend: the app asks for the secret instead of storing it."""


class KeyringFailed(SecurityError):
    """A secure keyring exists but refused the request (locked, or the person said no)."""
