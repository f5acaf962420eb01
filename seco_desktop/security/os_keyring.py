"""Secrets such as the central database password in the OS keyring, on secure backends only.

``keyring`` picks whatever backend it finds, including ones that keep secrets in plain or
weakly protected files (keyrings.alt) or that silently drop them (null/fail). SECO Desktop
keeps an allow-list instead: Secret Service (gnome-keyring, KeePassXC…) directly or through
libsecret, KWallet, the macOS Keychain and the Windows Credential Locker. Anything else means
"no keyring": the app asks the person for the secret, and never falls back to a file.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from seco_desktop.security.errors import InsecureKeyring, KeyringFailed

SERVICE_NAME = "SECO Desktop"

# (module, class) of every backend trusted with secrets. Exact classes, not subclasses: a
# third-party subclass could change where secrets go.
SECURE_BACKENDS = frozenset(
    {
        ("keyring.backends.SecretService", "Keyring"),
        ("keyring.backends.libsecret", "Keyring"),
        ("keyring.backends.kwallet", "DBusKeyring"),
        ("keyring.backends.kwallet", "DBusKeyringKWallet4"),
        ("keyring.backends.macOS", "Keyring"),
        ("keyring.backends.Windows", "WinVaultKeyring"),
    }
)
_CHAINER = ("keyring.backends.chainer", "ChainerBackend")
_NO_SECURE_KEYRING = (
    "No secure system keyring is available; SECO Desktop will ask for the password instead"
)


def _ident(backend: KeyringBackend) -> tuple[str, str]:
    cls = type(backend)
    return cls.__module__, cls.__qualname__


def _usable(backend: KeyringBackend) -> bool:
    """Allow-listed and actually reachable (Secret Service needs a D-Bus session, for one)."""
    if _ident(backend) not in SECURE_BACKENDS:
        return False
    try:
        return float(backend.priority) > 0
    except Exception:  # keyring reports an unreachable backend by raising from `priority`
        return False


def secure_backend() -> KeyringBackend | None:
    """The configured keyring backend if it is secure and reachable, else None.

    A chainer is looked through: it writes to its first backend and reads from all of them, so
    it is accepted only when its first backend is secure, and then that backend is used alone
    (reads never fall through to an insecure one).
    """
    backend: KeyringBackend = keyring.get_keyring()
    if _ident(backend) == _CHAINER:
        chained = list(getattr(backend, "backends", []))
        if not chained:
            return None
        backend = chained[0]
    return backend if _usable(backend) else None


class SecretStore:
    """Named secrets of one service in the OS keyring; :class:`InsecureKeyring` when unsafe."""

    def __init__(self, service: str = SERVICE_NAME) -> None:
        self.service = service

    def _backend(self) -> KeyringBackend:
        backend = secure_backend()
        if backend is None:
            raise InsecureKeyring(_NO_SECURE_KEYRING)
        return backend

    def set(self, name: str, secret: str) -> None:
        backend = self._backend()
        try:
            backend.set_password(self.service, name, secret)
        except keyring.errors.KeyringError:
            raise KeyringFailed("The system keyring did not store the secret") from None

    def get(self, name: str) -> str | None:
        backend = self._backend()
        try:
            value = backend.get_password(self.service, name)
        except keyring.errors.KeyringError:
            raise KeyringFailed("The system keyring did not give out the secret") from None
        return None if value is None else str(value)

    def delete(self, name: str) -> None:
        """Forget a secret; forgetting one that is not there is not an error."""
        backend = self._backend()
        try:
            backend.delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError:
            raise KeyringFailed("The system keyring did not delete the secret") from None
