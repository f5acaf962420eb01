"""What a running sync reports as it goes (``services.sync`` re-exports these names)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SyncProgress:
    phase: str  # "push" | "pull"
    done: int
    total: int | None


ProgressFn = Callable[[SyncProgress], None]
