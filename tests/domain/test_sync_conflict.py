"""Joining two copies of a shared conflict: order-free, idempotent, one resolution in force."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from seco_desktop.domain.sync_conflict import Resolution, final, join_bodies, resolutions_of

T0 = datetime(2026, 3, 1, 9)


def _body(ws: str, detected: str, *given: Resolution) -> dict[str, Any]:
    return {
        "id": "c1", "kind": "field", "tbl": "spouse", "record_id": "r1", "field": "email",
        "kept_value": '"a@example.org"', "lost_value": '"b@example.org"', "kept_by": "u1",
        "kept_at": None, "lost_by": "u2", "lost_at": None, "other_id": None,
        "detected_at": detected, "detected_ws": ws,
        "resolutions": [r.to_json() for r in given],
    }  # fmt: skip


KEEP = Resolution(T0, "ws-a", "u1", "kept")
RESTORE = Resolution(T0.replace(hour=10), "ws-b", "u2", "restored")
DISMISS = Resolution(T0.replace(hour=8), "ws-c", "u3", "kept")


def test_joining_is_order_free_and_idempotent() -> None:
    one = _body("ws-a", "2026-03-01T08:00:00", KEEP)
    two = _body("ws-b", "2026-03-01T07:00:00", RESTORE)
    joined = join_bodies(one, two)
    assert joined == join_bodies(two, one)
    assert join_bodies(joined, one) == joined
    assert joined["detected_ws"] == "ws-b"  # the earlier detection's facts
    assert resolutions_of(joined) == [KEEP, RESTORE]


def test_a_record_changing_resolution_is_in_force_then_the_earliest() -> None:
    assert final([]) is None
    assert final([KEEP, RESTORE]) == RESTORE  # the restore's edit travels anyway
    assert final([KEEP, DISMISS]) == DISMISS  # the earlier of two that changed nothing


def test_a_bad_resolution_or_another_conflict_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown resolution"):
        resolutions_of({"resolutions": [{"at": T0.isoformat(), "resolution": "shrugged"}]})
    with pytest.raises(ValueError, match="two different conflicts"):
        join_bodies(_body("a", "x"), {**_body("b", "y"), "id": "c2"})
