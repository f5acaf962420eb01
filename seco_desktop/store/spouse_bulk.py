"""Spouse rows written at the driver level: a bootstrap's inserts (tuples made off the writer
thread) and a pulled change's update.

SQLAlchemy's executemany converts every value of every row (dates to text, flags to integers)
on the thread that holds the write transaction; for a page of 2,000 spouses that was a quarter
of the writer's time. Here a row becomes a tuple in exactly the form SQLAlchemy's SQLite types
store (their own bind processors do the converting), so the pull's verifying thread builds it
and the writer only hands tuples to the driver. An everyday sync applies its changes record by
record; there the cost was building the SQLAlchemy statement each time, so the update is
compiled once here. ``tests/store/test_sync_tables.py`` checks the stored text is the same byte
for byte as a row written through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, insert, update
from sqlalchemy.dialects import sqlite

from seco_desktop.store.schema import spouse

#: Filled by SQLite (``seq``) or later by sync (``usn``); every other column is in a row.
_LEFT_OUT = frozenset({"seq", "usn"})
_DIALECT = sqlite.dialect()
_COLUMNS: tuple[tuple[str, Callable[[Any], Any] | None], ...] = tuple(
    (c.name, c.type.dialect_impl(_DIALECT).bind_processor(_DIALECT))
    for c in spouse.columns
    if c.name not in _LEFT_OUT
)
#: ``INSERT INTO spouse (…) VALUES (?, …)`` in the order of ``_COLUMNS`` (qmark style).
_INSERT = str(insert(spouse).compile(dialect=_DIALECT, column_keys=[name for name, _ in _COLUMNS]))

_CONVERT = dict(_COLUMNS)
#: What a pulled change rewrites: everything but the id, the creation and the activity stamps.
_UPDATED = tuple(
    name for name, _ in _COLUMNS if name not in {"id", "created_at", "last_activity_at"}
)
_compiled_update = (
    update(spouse)
    .where(spouse.c.id == bindparam("b_id"))
    .compile(dialect=_DIALECT, column_keys=list(_UPDATED))
)
# The SET columns in ``_UPDATED`` order, then the id: what update_row binds, in that order.
assert _compiled_update.positiontup == [*_UPDATED, "b_id"]
_UPDATE = str(_compiled_update)
_TOUCH = "UPDATE spouse SET last_activity_at = ? WHERE id = ? AND last_activity_at < ?"

SpouseValues = tuple[Any, ...]


def values_of(row: dict[str, Any]) -> SpouseValues:
    """A ``spouse`` row (column name → Python value) as the driver's parameter tuple."""
    return tuple(row[name] if convert is None else convert(row[name]) for name, convert in _COLUMNS)


def insert_values(conn: Connection, rows: Sequence[SpouseValues]) -> None:
    """Insert rows made by :func:`values_of` in one driver-level executemany."""
    if rows:
        conn.exec_driver_sql(_INSERT, list(rows))


def _convert(name: str, value: Any) -> Any:
    convert = _CONVERT[name]
    return value if convert is None else convert(value)


def update_row(conn: Connection, record_id: str, row: dict[str, Any]) -> None:
    """Rewrite a spouse's columns from ``row`` (every column of ``_UPDATED``)."""
    params = tuple(_convert(name, row[name]) for name in _UPDATED)
    conn.exec_driver_sql(_UPDATE, (*params, record_id))


def touch(conn: Connection, record_id: str, at: Any) -> None:
    """Move a spouse's last activity forward to ``at`` (never back)."""
    stamp = _convert("last_activity_at", at)
    conn.exec_driver_sql(_TOUCH, (stamp, record_id, stamp))
