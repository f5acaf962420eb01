"""A bootstrap's spouse inserts at the driver level: rows as tuples, made off the writer thread.

SQLAlchemy's executemany converts every value of every row (dates to text, flags to integers)
on the thread that holds the write transaction; for a page of 2,000 spouses that was a quarter
of the writer's time. Here a row becomes a tuple in exactly the form SQLAlchemy's SQLite types
store (their own bind processors do the converting), so the pull's verifying thread builds it
and the writer only hands tuples to the driver. ``tests/store/test_sync_tables.py`` checks the
stored text is the same byte for byte as a row written through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, insert
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

SpouseValues = tuple[Any, ...]


def values_of(row: dict[str, Any]) -> SpouseValues:
    """A ``spouse`` row (column name → Python value) as the driver's parameter tuple."""
    return tuple(row[name] if convert is None else convert(row[name]) for name, convert in _COLUMNS)


def insert_values(conn: Connection, rows: Sequence[SpouseValues]) -> None:
    """Insert rows made by :func:`values_of` in one driver-level executemany."""
    if rows:
        conn.exec_driver_sql(_INSERT, list(rows))
