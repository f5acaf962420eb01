"""Time as the services see it: UTC, and replaceable in tests (lockouts, retention, windows)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

#: A clock returns the current time as a naive UTC datetime (how the store keeps times).
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def today(clock: Clock) -> date:
    return clock().date()
