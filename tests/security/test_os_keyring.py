"""OS keyring: only secure backends are used; the real one is exercised under gnome-keyring.

The ``keyring``-marked tests need a D-Bus session with gnome-keyring's Secret Service unlocked.
``make test`` wraps pytest in ``.ci/with-keyring`` for that; by hand::

    dbus-run-session -- bash -c 'echo -n testpass | gnome-keyring-daemon --unlock \\
        --components=secrets >/dev/null; .venv/bin/pytest -m keyring tests/security'

Without a session bus they skip (and CI, with SECO_REQUIRE_REAL_SERVICES=1, fails on the skip).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null

from seco_desktop.security.errors import InsecureKeyring
from seco_desktop.security.os_keyring import SecretStore, secure_backend


@pytest.fixture(autouse=True)
def _restore_keyring() -> Iterator[None]:
    """Every test leaves keyring's global backend as it found it."""
    saved = keyring.get_keyring()
    yield
    keyring.set_keyring(saved)


class PlaintextLikeKeyring(KeyringBackend):
    """Stands in for keyrings.alt's PlaintextKeyring: viable, high priority, not allow-listed."""

    priority = 100

    def __init__(self) -> None:
        super().__init__()
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.stored.pop((service, username), None)


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring, PlaintextLikeKeyring])
def test_insecure_backends_are_refused(backend: type[KeyringBackend]) -> None:
    instance = backend()
    keyring.set_keyring(instance)
    assert secure_backend() is None
    store = SecretStore()
    for call in (lambda: store.set("central-db", "pw"), lambda: store.get("central-db")):
        with pytest.raises(InsecureKeyring, match="will ask for the password instead"):
            call()
    with pytest.raises(InsecureKeyring):
        store.delete("central-db")
    if isinstance(instance, PlaintextLikeKeyring):
        assert instance.stored == {}


def test_chainer_whose_first_backend_is_insecure_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextLikeKeyring()])
    keyring.set_keyring(chainer.ChainerBackend())
    assert secure_backend() is None
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    assert secure_backend() is None


needs_keyring = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="needs gnome-keyring under dbus-run-session",
)


@pytest.fixture
def secret_service() -> KeyringBackend:
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    return backend


@pytest.mark.keyring
@needs_keyring
def test_real_secret_service_set_get_delete(secret_service: KeyringBackend) -> None:
    assert secure_backend() is secret_service
    store = SecretStore(service=f"SECO Desktop test {uuid.uuid4()}")
    assert store.get("central-db") is None
    store.set("central-db", "s3cret-connection-pw")
    assert store.get("central-db") == "s3cret-connection-pw"
    assert secret_service.get_password(store.service, "central-db") == "s3cret-connection-pw"
    store.set("central-db", "rotated")
    assert store.get("central-db") == "rotated"
    store.delete("central-db")
    assert store.get("central-db") is None
    store.delete("central-db")  # forgetting twice is fine


@pytest.mark.keyring
@needs_keyring
def test_real_session_chainer_uses_the_secret_service_alone(
    secret_service: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [secret_service, null.Keyring()])
    keyring.set_keyring(chainer.ChainerBackend())
    assert secure_backend() is secret_service


@pytest.mark.keyring
@needs_keyring
def test_real_session_still_refuses_fail_and_null(secret_service: KeyringBackend) -> None:
    assert secure_backend() is secret_service
    for insecure in (fail.Keyring(), null.Keyring()):
        keyring.set_keyring(insecure)
        with pytest.raises(InsecureKeyring):
            SecretStore().set("central-db", "pw")
