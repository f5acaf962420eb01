"""Fewer, cheaper garbage collections while a bulk job runs (the collector is process-wide).

A big pull makes tens of thousands of dicts per page that live until the page is applied, so
the collector ran hundreds of times a page and its full collections walked the whole heap (a
few hundred ms each; about a sixth of a bootstrap's CPU). Inside :func:`fewer_collections` the
objects already there are frozen (full collections skip them) and the youngest generation is
collected after :data:`YOUNG_THRESHOLD` net allocations instead of 700. Both are undone when
the last overlapping user leaves; the job's data is freed by reference counting, and cyclic
garbage still counts towards the threshold, so memory stays bounded.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 50_000

_lock = threading.Lock()
_users = 0
_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the youngest generation's threshold and freeze the heap until the block ends
    (nesting-safe and thread-safe: the settings come back when the last block ends)."""
    global _users, _saved  # noqa: PLW0603 - the collector's settings are process-wide
    with _lock:
        if _users == 0:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(YOUNG_THRESHOLD, *_saved[1:])
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                gc.set_threshold(*_saved)
                gc.unfreeze()
