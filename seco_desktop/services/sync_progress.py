"""What a running sync reports as it goes: one type for the push (``services.sync_push``) and
the pull (``services.sync``), shown by the status bar, the first-run dialog and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SyncProgress:
    phase: str  # "push" | "pull"
    done: int
    total: int | None


ProgressFn = Callable[[SyncProgress], None]
