"""Open the central database: URL policy (TLS beyond loopback) and the engine.

Any SQLAlchemy URL works; PostgreSQL goes through psycopg 3. A connection that leaves this
computer must use ``sslmode=verify-full`` (TLS *and* the server's certificate checked against a
trusted root and its host name): anything weaker is refused before a packet is sent. The
password never sits in the URL or a settings file: it comes from the OS keyring.
"""

from __future__ import annotations

import ipaddress

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from seco_desktop.central.errors import CentralError, InsecureConnection

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})
CONNECT_TIMEOUT_S = 10


def parse_url(text: str) -> URL:
    """The URL with PostgreSQL pinned to psycopg 3; refuses a password written into it."""
    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise CentralError("The central database URL is not a valid database URL") from None
    if url.password is not None:
        raise CentralError(
            "The central database URL must not contain the password; "
            "it is kept in the OS keyring (seco-admin central password)"
        )
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def is_loopback(host: str | None) -> bool:
    """No host (a Unix socket), a socket folder, localhost, 127.0.0.0/8 or ::1."""
    if not host or host.startswith("/"):
        return True
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_transport(url: URL) -> None:
    """Refuse a network connection without verified TLS (the rule of the issue)."""
    if url.get_backend_name() == "sqlite":
        return  # a local file: one office, or tests
    if is_loopback(url.host) and "host" not in url.query and "hostaddr" not in url.query:
        return
    mode = url.query.get("sslmode")
    if mode != "verify-full":
        plain = mode in (None, "disable", "allow", "prefer")
        what = "without TLS" if plain else "without verifying its certificate"
        raise InsecureConnection(
            f"Refusing to connect to {url.host or 'the central database'} {what}: "
            "add ?sslmode=verify-full&sslrootcert=<CA file> to the central URL"
        )


def safe_text(url: URL) -> str:
    """The URL as shown to people and stored in the store: never a password."""
    return url.render_as_string(hide_password=True)


def central_engine(url_text: str, password: str | None = None) -> Engine:
    """An engine for the central database, after the transport check."""
    url = parse_url(url_text)
    check_transport(url)
    if password:
        url = url.set(password=password)
    if url.get_backend_name() == "sqlite":
        return create_engine(url, poolclass=NullPool)
    args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S}
    return create_engine(url, pool_size=2, max_overflow=2, pool_pre_ping=True, connect_args=args)
