"""Many rows written in one statement: the rows go to SQLite as one JSON array, unpacked by
``jsonb_each`` inside the statement.

The driver's ``executemany`` gives up the interpreter lock around every row's step and has to
take it back afterwards. While another thread of the sync runs Python (the pull's verifier, the
push's sealer), each of those waits can last until that thread's switch interval ends (5 ms),
so a bootstrap page of 2,000 spouses took five times as long as it did alone (57 against
11 µs a row, measured). One statement gives the lock up once for the whole page.

``value ->> i`` gives back what binding the value would have stored: text as the same text
(quotes, backslashes, control characters and NUL included), integers as integers, ``None`` as
NULL; ``tests/store/test_json_rows.py`` compares the two byte for byte. Only text, integers and
``None`` are packed (a flag or a float is stored as the driver stores it too); anything else,
bytes and dates among them, is refused by :func:`pack` with a TypeError.
"""

from __future__ import annotations

from collections.abc import Sequence

import orjson

Value = str | int | None


#: Dates, stamps, dataclasses and subclasses of str or int are refused (TypeError) instead of
#: written in orjson's own format, which is not the one the driver or SQLAlchemy would store.
_STRICT = (
    orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | (orjson.OPT_PASSTHROUGH_DATACLASS)
)


def pack(rows: Sequence[Sequence[Value]]) -> str:
    """The rows as one JSON array of arrays, the parameter of :func:`insert_from_json`'s SQL."""
    return orjson.dumps(
        rows if isinstance(rows, list | tuple) else list(rows), option=_STRICT
    ).decode()


def insert_from_json(table: str, columns: Sequence[str], on_conflict: str = "") -> str:
    """``INSERT INTO table (columns…) SELECT …`` reading each row of a :func:`pack` array, in
    array order; ``on_conflict`` is an optional ``ON CONFLICT …`` clause (the ``WHERE true``
    before it is SQLite's required separator for an upsert from a SELECT)."""
    picks = ", ".join(f"value ->> {i}" for i in range(len(columns)))
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {picks} FROM jsonb_each(?) "  # noqa: S608 - names from the schema, values bound
        f"WHERE true {on_conflict}"
    ).strip()
