"""Small facts about the store itself (its id, when it was created)."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from seco_desktop.store.schema import store_meta as t


def set_meta(conn: Connection, key: str, value: str) -> None:
    stmt = insert(t).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=[t.c.key], set_={"value": value}))


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(t.c.value).where(t.c.key == key)).scalar()
