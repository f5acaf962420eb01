"""A bootstrap's deferred spouse indexes: what ``restore`` rebuilds is what the triggers and
indexes would have written had they been there all along."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from seco_desktop.store import deferred_indexes
from seco_desktop.store.store import Store

from .factory import seed


def _built(conn: Connection) -> dict[str, Any]:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in conn.exec_driver_sql(sql))

    return {
        "schema": rows(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'spouse' "
            "AND type IN ('index', 'trigger')"
        ),
        "name_terms": rows("SELECT kind, term, phon FROM name_term"),
        "trigram_hits": {
            fragment: rows(
                "SELECT s.dod_id FROM spouse_fts JOIN spouse s ON s.seq = spouse_fts.rowid "
                f"WHERE spouse_fts MATCH '\"{fragment}\"'"
            )
            for fragment in ("lindq", "nunez", "mary ann", "oconn")
        },
    }


def test_a_store_filled_with_its_indexes_deferred_ends_as_one_filled_with_them(
    tmp_path: Path,
) -> None:
    live = Store.open(tmp_path / "live.seco", [os.urandom(32)], create=True)
    deferred = Store.open(tmp_path / "deferred.seco", [os.urandom(32)], create=True)
    try:
        seed(live)
        with deferred.write() as conn:
            deferred_indexes.defer(conn)
        seed(deferred)
        with deferred.read() as conn:
            assert deferred_indexes.is_deferred(conn)
            assert conn.exec_driver_sql("SELECT count(*) FROM name_term").scalar() == 0
        with deferred.write() as conn:
            assert deferred_indexes.restore(conn)
        with live.read() as conn:
            expected = _built(conn)
        with deferred.read() as conn:
            assert not deferred_indexes.is_deferred(conn)
            got = _built(conn)
        assert expected["name_terms"]
        assert {kind for kind, _, _ in expected["name_terms"]} == {"first", "last"}
        assert all(expected["trigram_hits"].values())
        assert got == expected
    finally:
        live.close()
        deferred.close()
