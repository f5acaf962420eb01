"""Many rows in one statement, both ways: written as one JSON array that ``jsonb_each`` unpacks
inside the statement, read as one JSON array that ``json_group_array`` packs.

The driver's ``executemany`` and ``fetchall`` give up the interpreter lock around every row's
step and have to take it back afterwards. While another thread of the sync runs Python (the
pull's verifier, the push's sealer), each of those waits can last until that thread's switch
interval ends (5 ms), so a bootstrap page of 2,000 spouses took five times as long as it did
alone (57 against 11 µs a row, measured). One statement gives the lock up once for the page.

``value ->> i`` gives back what binding the value would have stored: text as the same text
(quotes, backslashes, control characters and NUL included), integers as integers, ``None`` as
NULL; ``tests/store/test_json_rows.py`` compares the two byte for byte. Only text, integers and
``None`` are packed (a flag or a float is stored as the driver stores it too); anything else,
bytes and dates among them, is refused by :func:`pack` with a TypeError (bytes travel as hex
text, unhexed in the statement). Lists and dicts would be stored as their JSON text: the row
builders check their values' types first. Reading back, ``json_array`` quotes text exactly
and orjson unquotes it (BLOB columns cannot be read so).
The driver's cursor is used directly: SQLAlchemy's result objects cost more than the reads.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import orjson
from sqlalchemy import Connection

Value = str | int | None


#: Dates, stamps, dataclasses and subclasses of str or int are refused (TypeError) instead of
#: written in orjson's own format, which is not the one the driver or SQLAlchemy would store.
_STRICT = (
    orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATACLASS
)


def pack(rows: Sequence[Sequence[Value]]) -> str:
    """The rows as one JSON array of arrays, the parameter of :func:`insert_from_json`'s SQL."""
    return orjson.dumps(
        rows if isinstance(rows, list | tuple) else list(rows), option=_STRICT
    ).decode()


def insert_from_json(
    table: str, columns: Sequence[str], on_conflict: str = "", *, hex_columns: Collection[str] = ()
) -> str:
    """``INSERT INTO table (columns…) SELECT …`` reading each row of a :func:`pack` array, in
    array order; ``on_conflict`` is an optional ``ON CONFLICT …`` clause (the ``WHERE true``
    before it is SQLite's required separator for an upsert from a SELECT). The values of
    ``hex_columns`` are packed as ``bytes.hex()`` text and stored as the bytes again."""
    picks = ", ".join(
        f"unhex(value ->> {i})" if name in hex_columns else f"value ->> {i}"
        for i, name in enumerate(columns)
    )
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {picks} FROM jsonb_each(?) "  # noqa: S608 - names from the schema, values bound
        f"WHERE true {on_conflict}"
    ).strip()


def select_packed(columns: Sequence[str], inner: str, order_by: str = "") -> str:
    """A query giving every row of ``inner`` (a SELECT of ``columns``) as one JSON text, in
    ``order_by`` order if given; read it with :func:`rows`."""
    order = f" ORDER BY {order_by}" if order_by else ""
    return f"SELECT json_group_array(json_array({', '.join(columns)}){order}) FROM ({inner})"  # noqa: S608 - names from the schema, values bound


def rows(conn: Connection, packed_sql: str, params: tuple[Any, ...]) -> list[list[Any]]:
    """The rows of a :func:`select_packed` query, read in one step on the driver's cursor of
    ``conn`` (same connection, same transaction)."""
    cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        (text,) = cur.execute(packed_sql, params).fetchone()
    finally:
        cur.close()
    found: list[list[Any]] = orjson.loads(text)
    return found
