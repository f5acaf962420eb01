"""Three-way merge of two edited copies of a record against the copy both started from.

Field by field, recursing into nested objects (a spouse's ``name.last`` and ``sponsor.branch``
are separate fields; lists are single values): a field changed on one side only takes that
side's value; the same change on both sides is no conflict; different changes to the same field
are a *clash*, resolved for the side given as the winner and reported with both values so a
person can restore the losing one. Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class _Missing:
    """A field absent from one copy (added or removed on the other side)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class Clash:
    """The same field changed differently on both sides."""

    path: str  # dotted: "email", "name.last", "address.city"
    kept: Any  # the winner's value (MISSING: the field was removed)
    lost: Any  # the loser's value


@dataclass(slots=True)
class MergeResult:
    merged: dict[str, Any]
    clashes: list[Clash] = field(default_factory=list)


def merge(
    base: Mapping[str, Any] | None,
    ours: Mapping[str, Any],
    theirs: Mapping[str, Any],
    *,
    ours_wins: bool,
    newest: frozenset[str] = frozenset(),
) -> MergeResult:
    """Merge ``ours`` and ``theirs`` against ``base`` (None: both created the record apart).

    ``newest`` names top-level fields that are stamps (``updated_at``): the larger value is
    taken and no clash is reported.
    """
    clashes: list[Clash] = []
    start = base if base is not None else {}
    merged = _merge_dicts("", start, ours, theirs, ours_wins=ours_wins, clashes=clashes)
    for name in newest:
        values = [v for v in (ours.get(name), theirs.get(name)) if v is not None]
        if values:
            merged[name] = max(values)
    clashes = [c for c in clashes if c.path.split(".", 1)[0] not in newest]
    return MergeResult(merged, clashes)


def _merge_dicts(
    prefix: str,
    base: Mapping[str, Any],
    ours: Mapping[str, Any],
    theirs: Mapping[str, Any],
    *,
    ours_wins: bool,
    clashes: list[Clash],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted({*base, *ours, *theirs}):
        value = _merge_value(
            f"{prefix}{key}",
            base.get(key, MISSING),
            ours.get(key, MISSING),
            theirs.get(key, MISSING),
            ours_wins=ours_wins,
            clashes=clashes,
        )
        if value is not MISSING:
            out[key] = value
    return out


def _merge_value(
    path: str, base: Any, ours: Any, theirs: Any, *, ours_wins: bool, clashes: list[Clash]
) -> Any:
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    if isinstance(ours, dict) and isinstance(theirs, dict):
        nested_base = base if isinstance(base, dict) else {}
        return _merge_dicts(
            f"{path}.", nested_base, ours, theirs, ours_wins=ours_wins, clashes=clashes
        )
    kept, lost = (ours, theirs) if ours_wins else (theirs, ours)
    clashes.append(Clash(path, kept, lost))
    return kept


def set_path(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``body`` with the dotted ``path`` set to ``value`` (MISSING removes it)."""
    out = dict(body)
    head, _, rest = path.partition(".")
    if rest:
        inner = out.get(head)
        out[head] = set_path(inner if isinstance(inner, dict) else {}, rest, value)
    elif value is MISSING:
        out.pop(head, None)
    else:
        out[head] = value
    return out


def get_path(body: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted ``path`` (MISSING if absent)."""
    node: Any = body
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return MISSING
        node = node[part]
    return node
