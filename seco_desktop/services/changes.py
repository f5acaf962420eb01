"""Which fields of a record an edit changed: names for the audit trail, never values."""

from __future__ import annotations

import dataclasses
from typing import Any

# Bookkeeping the store stamps on every save: not an edit by a person.
_IGNORED = frozenset({"row_version", "created_at", "updated_at"})


def changed_fields(before: Any, after: Any, prefix: str = "") -> list[str]:
    """Dotted names of the fields that differ (``name.first``, ``sponsor.pay_grade``), sorted."""
    if not (dataclasses.is_dataclass(before) and type(before) is type(after)):
        return [prefix.rstrip(".")] if before != after else []
    names: list[str] = []
    for f in dataclasses.fields(before):
        if not prefix and f.name in _IGNORED:
            continue
        old, new = getattr(before, f.name), getattr(after, f.name)
        if old == new:
            continue
        if dataclasses.is_dataclass(old) and type(old) is type(new):
            names += changed_fields(old, new, f"{prefix}{f.name}.")
        else:
            names.append(f"{prefix}{f.name}")
    return sorted(names)
