"""Where the command line gets a password: stdin, the OS keyring, or the terminal.

Order: ``--password-stdin`` (one line per password asked, in order, for scripts); then a
password remembered in a *secure* OS keyring with ``seco-admin remember-password``; then a
prompt when there is a terminal. Never an environment variable or a file.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from seco_desktop.security.errors import InsecureKeyring
from seco_desktop.security.os_keyring import SecretStore


class PasswordUnavailable(Exception):
    pass


def keyring_entry(store: Path, username: str) -> str:
    return f"{store.resolve()}|{username}"


class PasswordSource:
    def __init__(self, *, from_stdin: bool, use_keyring: bool = True) -> None:
        self._from_stdin = from_stdin
        self._use_keyring = use_keyring

    def ask(self, prompt: str, *, store: Path | None = None, username: str | None = None) -> str:
        if self._from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise PasswordUnavailable(f"{prompt}: standard input ended before a password")
            return line.rstrip("\r\n")
        if self._use_keyring and store is not None and username is not None:
            remembered = _remembered(store, username)
            if remembered is not None:
                return remembered
        if sys.stdin.isatty():
            return getpass.getpass(f"{prompt}: ")
        raise PasswordUnavailable(
            f"{prompt}: no terminal to ask on; use --password-stdin or remember-password"
        )

    def ask_new(self, prompt: str) -> str:
        """A new password, typed twice on a terminal."""
        first = self.ask(prompt)
        if self._from_stdin or not sys.stdin.isatty():
            return first
        if getpass.getpass(f"{prompt} (again): ") != first:
            raise PasswordUnavailable("The two passwords typed do not match")
        return first


def _remembered(store: Path, username: str) -> str | None:
    try:
        return SecretStore().get(keyring_entry(store, username))
    except InsecureKeyring:
        return None
