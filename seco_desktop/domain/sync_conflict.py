"""A sync conflict as a shared document: what clashed (fixed once detected) and every
resolution anyone gave it, on any workstation.

Two copies of one conflict join (:func:`join_bodies`) by keeping the facts of the earlier
detection (ties: the lower workstation id) and the union of the resolutions, so the result does
not depend on the order in which workstations sync, and joining a copy twice changes nothing.

A resolution is final: any resolution closes the conflict everywhere. When two desks resolved
it differently while offline, the one in force (:func:`final`) is the one that changed a record
(a restore or a duplicate merge: that edit travels anyway, so the list agrees with the record),
then the earlier one (ties: workstation id, user id, resolution). The others stay in the
document, shown as superseded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

#: Resolutions that changed a record (their edit travels as a normal queued change).
CHANGES_RECORD = frozenset({"restored", "merged"})
RESOLUTIONS = frozenset({"kept", "restored", "merged", "dismissed"})
#: What is fixed once a conflict is detected (the body's keys beside ``resolutions``).
FACTS = (
    "kind", "tbl", "record_id", "field", "kept_value", "lost_value", "kept_by", "kept_at",
    "lost_by", "lost_at", "other_id", "detected_at", "detected_ws",
)  # fmt: skip


@dataclass(frozen=True, slots=True, order=True)
class Resolution:
    """One person's decision on one workstation (ordered by time, then who and where)."""

    at: datetime
    ws: str
    by: str
    resolution: str  # kept | restored | merged | dismissed
    keep_id: str = ""  # a duplicate merge: the record kept

    def rank(self) -> tuple[int, datetime, str, str, str, str]:
        """Smaller is in force: a record-changing resolution first, then the earliest."""
        changed = 0 if self.resolution in CHANGES_RECORD else 1
        return changed, self.at, self.ws, self.by, self.resolution, self.keep_id

    def to_json(self) -> dict[str, str]:
        return {"at": self.at.isoformat(), "ws": self.ws, "by": self.by,
                "resolution": self.resolution, "keep_id": self.keep_id}  # fmt: skip

    @classmethod
    def from_json(cls, raw: object) -> Resolution:
        """:class:`ValueError` if ``raw`` is not a resolution."""
        if not isinstance(raw, dict):
            raise ValueError("conflict document: a resolution must be an object")
        values = {k: raw.get(k, "") for k in ("at", "ws", "by", "resolution", "keep_id")}
        if not all(isinstance(v, str) for v in values.values()):
            raise ValueError("conflict document: resolution fields must be text")
        if values["resolution"] not in RESOLUTIONS:
            raise ValueError("conflict document: unknown resolution")
        return cls(datetime.fromisoformat(values.pop("at")), **values)


def final(resolutions: list[Resolution]) -> Resolution | None:
    """The resolution in force, or None while the conflict is open."""
    return min(resolutions, key=Resolution.rank, default=None)


def resolutions_of(body: dict[str, Any]) -> list[Resolution]:
    raw = body.get("resolutions") or []
    if not isinstance(raw, list):
        raise ValueError("conflict document: resolutions must be a list")
    return sorted({Resolution.from_json(r) for r in raw})


def join_bodies(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Two copies of one conflict's document as one (see the module docstring)."""
    if ours.get("id") != theirs.get("id"):
        raise ValueError("conflict document: two different conflicts cannot be joined")
    first = min((ours, theirs), key=_detection)
    joined = {k: first.get(k) for k in FACTS}
    both = set(resolutions_of(ours)) | set(resolutions_of(theirs))
    joined["id"] = ours["id"]
    joined["resolutions"] = [r.to_json() for r in sorted(both)]
    return joined


def _detection(body: dict[str, Any]) -> tuple[str, str]:
    return str(body.get("detected_at") or ""), str(body.get("detected_ws") or "")
