"""Rows straight from the SQLite driver's cursor, for the hot reads of a push batch.

A push batch reads thousands of short rows (outbox entries, versions, profiles kept as text)
that need no type conversion; SQLAlchemy's result and row objects cost more than the reads
themselves. Same connection, same transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def driver_rows(conn: Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """``sql``'s rows as plain tuples, read on the driver's cursor of ``conn``."""
    cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return list(cur.execute(sql, params).fetchall())
    finally:
        cur.close()
