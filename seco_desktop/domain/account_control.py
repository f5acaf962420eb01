"""An account's lock and disable decisions as they travel between workstations.

Each decision is a pair of time stamps, the newest of each kind known anywhere: a lock (three
failed sign-ins, on any workstation) against an administrator's unlock, and an administrator's
disable against their enable. Two copies merge by taking the newer stamp of each kind
(:meth:`AccountControl.join`), so the result does not depend on the order in which
workstations sync, and merging a copy twice changes nothing. The account is locked when its
newest lock is at least as new as its newest unlock: a lock wins over any older unlock (and a
tie), an unlock clears every lock stamped before it. Disabling works the same way.

An unlocked account keeps no lock stamp (``locked_at`` is None): every lock it could have
carried is older than the unlock, so dropping it changes no merge result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

_FIELDS = ("locked_at", "lock_reason", "unlocked_at", "disabled_at", "enabled_at")


@dataclass(frozen=True, slots=True)
class AccountControl:
    """Times are naive UTC. ``locked_at`` is None unless the account is locked."""

    locked_at: datetime | None = None
    lock_reason: str = ""
    unlocked_at: datetime | None = None
    disabled_at: datetime | None = None
    enabled_at: datetime | None = None

    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    @property
    def disabled(self) -> bool:
        """Disabled by an administrator (inactivity is decided by each workstation)."""
        return _newer_or_equal(self.disabled_at, self.enabled_at)

    def lock(self, at: datetime, reason: str) -> AccountControl:
        return self.join(AccountControl(locked_at=at, lock_reason=reason))

    def unlock(self, at: datetime) -> AccountControl:
        return self.join(AccountControl(unlocked_at=at))

    def set_disabled(self, disabled: bool, at: datetime) -> AccountControl:
        if disabled:
            return self.join(AccountControl(disabled_at=at))
        return self.join(AccountControl(enabled_at=at))

    def join(self, other: AccountControl) -> AccountControl:
        """Both copies' decisions together: the newer stamp of each kind."""
        lock_at, lock_reason = _newest(
            (self.locked_at, self.lock_reason), (other.locked_at, other.lock_reason)
        )
        unlock_at = _latest(self.unlocked_at, other.unlocked_at)
        if not _newer_or_equal(lock_at, unlock_at):
            lock_at, lock_reason = None, ""
        return AccountControl(
            lock_at, lock_reason, unlock_at, _latest(self.disabled_at, other.disabled_at),
            _latest(self.enabled_at, other.enabled_at),
        )  # fmt: skip

    def to_body(self, user_id: str) -> dict[str, Any]:
        """The synced document's body (JSON-ready; no personal data, only stamps)."""
        body: dict[str, Any] = {"id": user_id}
        for name in _FIELDS:
            value = getattr(self, name)
            body[name] = value.isoformat() if isinstance(value, datetime) else value
        return body

    @classmethod
    def from_body(cls, body: dict[str, Any]) -> AccountControl:
        """:class:`ValueError` naming the field if a body does not have the expected shape."""
        values: dict[str, Any] = {}
        for name in _FIELDS:
            raw = body.get(name)
            if name.endswith("_at"):
                if raw is not None and not isinstance(raw, str):
                    raise ValueError(f"account document: {name} must be a time stamp or null")
                values[name] = datetime.fromisoformat(raw) if raw else None
            else:
                if raw is not None and not isinstance(raw, str):
                    raise ValueError(f"account document: {name} must be text")
                values[name] = raw or ""
        return replace(cls(), **values).join(cls())  # normalised: a stale lock stamp drops


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _newest(
    a: tuple[datetime | None, str], b: tuple[datetime | None, str]
) -> tuple[datetime | None, str]:
    """The newer (stamp, reason); on equal stamps the reason that sorts last (deterministic)."""
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    return max(a, b)


def _newer_or_equal(stamp: datetime | None, than: datetime | None) -> bool:
    return stamp is not None and (than is None or stamp >= than)
