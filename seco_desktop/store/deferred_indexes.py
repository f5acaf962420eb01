"""A bootstrap's bulk apply: the spouse table's search indexes set aside, rebuilt once.

Inserting hundreds of thousands of spouses into a table with nine secondary indexes, an FTS5
trigram index and the ``name_term`` triggers costs several index-page writes per row; building
the same indexes once at the end is a sort per index. :func:`defer` drops them (their exact
``CREATE`` statements are kept in ``store_meta`` in the same transaction) and :func:`restore`
recreates them and rebuilds what the triggers would have written (the FTS5 index and the name
terms). ``Store.open`` restores a store left deferred by an interrupted bootstrap before
anything else reads it, so search never sees a half-built index.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection

from seco_desktop.store.meta import get_meta, set_meta
from seco_desktop.store.schema import store_meta

META_DEFERRED = "store.deferred_spouse_ddl"
#: Read while the bootstrap runs: the duplicate check of each page looks DoD IDs up.
KEEP = frozenset({"ix_spouse_dod_id"})
#: Triggers whose whole effect :func:`restore` rebuilds (FTS5 rows and name terms).
TRIGGERS = ("spouse_ai", "spouse_au", "spouse_ad")


#: Both name terms of every spouse from one pass over the table (CROSS JOIN keeps ``spouse`` the
#: outer loop): in a million-record store each pass reads and decrypts 2.6 GB.
_NAME_TERMS = (
    "INSERT OR IGNORE INTO name_term(kind, term, phon) "
    "SELECT kind.name, iif(kind.name = 'last', last_key, first_key), "
    "iif(kind.name = 'last', last_phon, first_phon) "
    "FROM spouse CROSS JOIN (SELECT 'last' AS name UNION ALL SELECT 'first') AS kind"
)


def is_deferred(conn: Connection) -> bool:
    return get_meta(conn, META_DEFERRED) is not None


def defer(conn: Connection) -> None:
    """Drop the spouse search indexes and triggers (idempotent); call in a write transaction."""
    if is_deferred(conn):
        return
    rows = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'spouse' AND sql IS NOT NULL "
        "AND type IN ('index', 'trigger') ORDER BY type, name"
    ).all()
    chosen = [
        (str(r.type), str(r.name), str(r.sql))
        for r in rows
        if r.name not in KEEP
        and ((r.type == "index" and r.name.startswith("ix_spouse_")) or r.name in TRIGGERS)
    ]
    set_meta(conn, META_DEFERRED, json.dumps([sql for _, _, sql in chosen]))
    for kind, name, _ in chosen:
        conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')


def restore_on_open(conn: Connection) -> bool:
    """:func:`restore` for a store being opened (before its migrations, which may touch the
    indexes): a store without its meta table yet (a new file) has nothing deferred."""
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'"
    ).first()
    return found is not None and restore(conn)


def restore(conn: Connection) -> bool:
    """Recreate what :func:`defer` dropped and rebuild the FTS5 index and the name terms;
    returns whether there was anything to restore. Call in a write transaction."""
    text = get_meta(conn, META_DEFERRED)
    if text is None:
        return False
    for sql in json.loads(text):
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql("INSERT INTO spouse_fts(spouse_fts) VALUES ('rebuild')")
    conn.exec_driver_sql(_NAME_TERMS)
    conn.execute(store_meta.delete().where(store_meta.c.key == META_DEFERRED))
    return True
