"""Failed sign-ins and account locks, kept where they can be written before the store opens.

A wrong password never opens the store (its key is what the password unlocks), so failures
are counted in a small owner-only file beside it, ``<store>.signin``::

    {"format": "seco-signin", "version": 1,
     "accounts": {"<user name>": {"failures": ["<UTC iso>", ...], "locked_at": "<UTC iso>"}},
     "pending": [{"at": "<UTC iso>", "username": "...", "event": "failure" | "locked" |
                  "refused_locked"}]}

``pending`` holds the audit events that happened while the store was shut; the next sign-in
moves them into the audit chain and mirrors every lock into the store, so a lock survives the
file being deleted once anyone has signed in since.

What this cannot do: whoever can write this file can clear its counts and locks, and whoever
can read the key file can try passwords offline against its Argon2id grants without any
counter at all. The lockout is a control on guessing *through the application*; file-system
permissions (0600) and the cost of Argon2id are the controls against someone with the files.
Unknown user names are counted and locked like real ones, so a lock reveals nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

if sys.platform == "win32":
    import msvcrt

    def _lock_file(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises OSError

else:
    import fcntl

    def _lock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)


FORMAT_NAME = "seco-signin"
FORMAT_VERSION = 1
MAX_FAILURES = 3
FAILURE_WINDOW = timedelta(minutes=15)
_MAX_PENDING = 10_000  # a flood of failures must not grow the file without bound


def guard_file_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".signin")


@dataclass(frozen=True, slots=True)
class PendingEvent:
    at: datetime
    username: str
    event: str  # "failure", "locked", "refused_locked"


@dataclass
class GuardState:
    failures: dict[str, list[datetime]] = field(default_factory=dict)
    locked: dict[str, datetime] = field(default_factory=dict)
    pending: list[PendingEvent] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        names = sorted(set(self.failures) | set(self.locked))
        accounts: dict[str, dict[str, Any]] = {}
        for name in names:
            entry: dict[str, Any] = {
                "failures": [t.isoformat() for t in self.failures.get(name, [])]
            }
            if name in self.locked:
                entry["locked_at"] = self.locked[name].isoformat()
            accounts[name] = entry
        doc = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "accounts": accounts,
            "pending": [
                {"at": p.at.isoformat(), "username": p.username, "event": p.event}
                for p in self.pending[-_MAX_PENDING:]
            ],
        }
        return json.dumps(doc, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> GuardState:
        """Strict parse; ``ValueError``/``KeyError``/``TypeError`` on anything unexpected."""
        doc = json.loads(raw.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
            raise ValueError("not a sign-in file")
        state = cls()
        for name, entry in doc["accounts"].items():
            state.failures[str(name)] = [datetime.fromisoformat(t) for t in entry["failures"]]
            if "locked_at" in entry:
                state.locked[str(name)] = datetime.fromisoformat(entry["locked_at"])
        state.pending = [
            PendingEvent(datetime.fromisoformat(p["at"]), str(p["username"]), str(p["event"]))
            for p in doc["pending"]
        ]
        return state


class SignInGuard:
    """The sign-in file of one store. Times are naive UTC, passed in (a controlled clock)."""

    def __init__(self, store_path: Path) -> None:
        self.path = guard_file_path(store_path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    def load(self) -> GuardState:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return GuardState()
        try:
            return GuardState.from_bytes(raw)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            # A damaged file must not stop every sign-in; the store keeps the locks that
            # matter (mirrored at each sign-in), and the damage itself is reported in the audit.
            state = GuardState()
            state.pending.append(PendingEvent(datetime.min, "", "file_damaged"))
            return state

    def is_locked(self, username: str) -> bool:
        return username in self.load().locked

    def locked_names(self) -> set[str]:
        return set(self.load().locked)

    def record_failure(self, username: str, now: datetime) -> bool:
        """Count a failed attempt; returns True if it (or an earlier lock) locks the account."""
        with self._exclusive():
            state = self.load()
            if username in state.locked:
                state.pending.append(PendingEvent(now, username, "refused_locked"))
                self._save(state)
                return True
            recent = [t for t in state.failures.get(username, []) if now - t < FAILURE_WINDOW]
            recent.append(now)
            state.failures[username] = recent
            state.pending.append(PendingEvent(now, username, "failure"))
            locked = len(recent) >= MAX_FAILURES
            if locked:
                state.locked[username] = now
                state.pending.append(PendingEvent(now, username, "locked"))
            self._save(state)
            return locked

    def record_refusal(self, username: str, now: datetime) -> None:
        """An attempt on a locked account (the password is not even tried)."""
        with self._exclusive():
            state = self.load()
            state.pending.append(PendingEvent(now, username, "refused_locked"))
            self._save(state)

    def record_event(self, username: str, event: str, now: datetime) -> None:
        """Another event for the audit that happened with the store shut (a recovery reset)."""
        with self._exclusive():
            state = self.load()
            state.pending.append(PendingEvent(now, username, event))
            self._save(state)

    def lock(self, username: str, now: datetime) -> None:
        """Mirror a lock known to the store back into the file (it was deleted or reset)."""
        with self._exclusive():
            state = self.load()
            if username not in state.locked:
                state.locked[username] = now
                self._save(state)

    def clear_failures(self, username: str) -> None:
        """A successful sign-in resets the count (never a lock)."""
        if not self.path.exists():  # nothing to change; make no files
            return
        with self._exclusive():
            state = self.load()
            if state.failures.pop(username, None) is not None:
                self._save(state)

    def unlock(self, username: str) -> None:
        if not self.path.exists():  # nothing to change; make no files
            return
        with self._exclusive():
            state = self.load()
            locked = state.locked.pop(username, None)
            failed = state.failures.pop(username, None)
            if locked is not None or failed is not None:
                self._save(state)

    def rename(self, old: str, new: str) -> None:
        """An account renamed by sync keeps its failures and lock (they were counted against
        the name it had here); the old name starts clean (another account holds it now)."""
        if not self.path.exists():  # nothing to change; make no files
            return
        with self._exclusive():
            state = self.load()
            locked = state.locked.pop(old, None)
            failed = state.failures.pop(old, None)
            if locked is None and failed is None:
                return
            if locked is not None:
                state.locked[new] = locked
            if failed is not None:
                state.failures[new] = failed
            self._save(state)

    def take_pending(self) -> list[PendingEvent]:
        """The events to fold into the audit; :meth:`drop_pending` once they are committed."""
        return list(self.load().pending)

    def drop_pending(self, taken: list[PendingEvent]) -> None:
        if not taken:
            return
        if not self.path.exists():  # nothing to change; make no files
            return
        with self._exclusive():
            state = self.load()
            state.pending = (
                state.pending[len(taken) :]
                if state.pending[: len(taken)] == taken
                else [p for p in state.pending if p not in taken]
            )
            self._save(state)

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One read-modify-write at a time across processes (two windows on one store, the
        command line beside the desktop): without it, concurrent failures could be lost."""
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock_file(fd)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _save(self, state: GuardState) -> None:
        folder = self.path.parent
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(state.to_bytes())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(name, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
            raise
