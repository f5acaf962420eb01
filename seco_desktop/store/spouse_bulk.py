"""Spouse rows written at the driver level: a bootstrap's inserts (tuples made off the writer
thread) and a pulled change's update.

SQLAlchemy's executemany converts every value of every row (dates to text, flags to integers)
on the thread that holds the write transaction; for a page of 2,000 spouses that was a quarter
of the writer's time. Here a row becomes a tuple in exactly the form SQLAlchemy's SQLite types
store, so the pull's verifying thread builds it and the writer hands a page of them to SQLite
in one statement (``store.json_rows``).
The common values (a ``date``, a naive ``datetime``, ``True``/``False``) are formatted here
directly, as those types' bind processors format them (ISO text, 1/0) at a fraction of the
cost; anything else (None, a tz-aware stamp, a ``datetime`` in a date column, an invalid flag)
goes to SQLAlchemy's own processor. ``tests/store/test_spouse_bulk.py`` compares the two.
An everyday sync applies its changes record by record; there the cost was building the
SQLAlchemy statement each time, so the update is compiled once here.
``tests/store/test_sync_tables.py`` checks the stored text is the same byte for byte as a row
written through SQLAlchemy.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Connection, Date, DateTime, bindparam, update
from sqlalchemy.dialects import sqlite

from seco_desktop.store import json_rows
from seco_desktop.store.schema import spouse

#: Filled by SQLite (``seq``) or later by sync (``usn``); every other column is in a row.
_LEFT_OUT = frozenset({"seq", "usn"})
_DIALECT = sqlite.dialect()

Convert = Callable[[Any], Any]


def sqlalchemy_processor(column: Column[Any]) -> Convert | None:
    """SQLAlchemy's own bind processor of a ``spouse`` column on SQLite (None: stored as is)."""
    processor: Convert | None = column.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)
    return processor


def _date_converter(slow: Convert) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is date:
            return value.isoformat()  # "YYYY-MM-DD"
        return slow(value)

    return convert


def _datetime_converter(slow: Convert) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")  # "YYYY-MM-DD HH:MM:SS.ffffff"
        return slow(value)  # None, an aware stamp (its zone dropped), a date, or a TypeError

    return convert


def _flag_converter(slow: Convert) -> Convert:
    def convert(value: Any) -> Any:
        if value is True:
            return 1
        if value is False:
            return 0
        return slow(value)  # None, or SQLAlchemy's error for a value that is not a flag

    return convert


def converter(column: Column[Any]) -> Convert | None:
    """What :func:`values_of` applies to a column's value: SQLAlchemy's processor, with the
    common values of dates, stamps and flags formatted directly (see the module's text)."""
    slow = sqlalchemy_processor(column)
    if slow is None:
        return None
    if isinstance(column.type, DateTime):
        return _datetime_converter(slow)
    if isinstance(column.type, Date):
        return _date_converter(slow)
    if isinstance(column.type, Boolean):
        return _flag_converter(slow)
    return slow


_COLUMNS: tuple[tuple[str, Convert | None], ...] = tuple(
    (c.name, converter(c)) for c in spouse.columns if c.name not in _LEFT_OUT
)


def _same_as_sqlalchemy(column: Column[Any], sample: Any) -> bool:
    direct, slow = converter(column), sqlalchemy_processor(column)
    return direct is not None and slow is not None and direct(sample) == slow(sample)


# The direct formats are SQLAlchemy's: a release that changed its storage format fails at
# import (a plain check, not an assert, so it holds under ``python -O`` and in a frozen build).
if not (
    _same_as_sqlalchemy(spouse.c.date_of_birth, date(1, 2, 3))
    and _same_as_sqlalchemy(spouse.c.created_at, datetime(987, 6, 5, 4, 3, 2, 1))
    and _same_as_sqlalchemy(spouse.c.deleted, True)
):
    raise RuntimeError("SQLAlchemy's SQLite storage format changed; see store/spouse_bulk.py")

#: A row's values in ``_COLUMNS`` order, in one call; then the positions that need converting.
_GET = operator.itemgetter(*(name for name, _ in _COLUMNS))
_CONVERTED = tuple((i, convert) for i, (_, convert) in enumerate(_COLUMNS) if convert is not None)
#: ``INSERT INTO spouse (…) SELECT …`` of a page of rows packed as JSON (``json_rows``).
_INSERT_PAGE = json_rows.insert_from_json("spouse", [name for name, _ in _COLUMNS])

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
    values = list(_GET(row))
    for i, convert in _CONVERTED:
        values[i] = convert(values[i])
    return tuple(values)


def insert_values(conn: Connection, rows: Sequence[SpouseValues]) -> None:
    """Insert rows made by :func:`values_of` in one statement (``json_rows``: a bootstrap's
    verifying thread runs Python meanwhile, and an executemany would wait for it every row)."""
    if rows:
        conn.exec_driver_sql(_INSERT_PAGE, (json_rows.pack(rows),))


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
