"""PostgreSQL's fast forms of a push's and a pull's statements (``server.CentralStore`` on other
dialects uses plain SQLAlchemy).

A thousand version-guarded writes as a thousand pipelined statements cost more than the rows
themselves; here a batch is ``COPY``-ed into a per-connection temporary table and written with
one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` (new records) and one ``UPDATE … FROM`` (the
version guard ``row_version = base``), the operation ids with one ``COPY``, and lookups take
the ids as one array (``= ANY(%s)``). Every ``COPY`` is in the binary format (a payload goes
as its bytes, not as hex text the server parses back). Same transaction, same lock, same
outcomes. A pull page is read in psycopg's binary format (the payloads arrive as bytes, not
hex text to decode), without SQLAlchemy's per-row processing: half the cost per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import psycopg
import psycopg.errors
from sqlalchemy import Connection

if TYPE_CHECKING:
    from seco_desktop.central.server import PushOp

_Row = TypeVar("_Row")

_STAGE = (
    "CREATE TEMPORARY TABLE IF NOT EXISTS push_stage (tbl varchar(16) NOT NULL, "
    "id varchar(36) NOT NULL, base_version integer NOT NULL, usn bigint NOT NULL, "
    "key_version integer NOT NULL, payload bytea NOT NULL, bi_dod integer, bi_last integer, "
    "last_op varchar(36) NOT NULL) ON COMMIT DELETE ROWS"
)
_COPY_STAGE = (
    "COPY push_stage (tbl, id, base_version, usn, key_version, payload, bi_dod, bi_last, "
    "last_op) FROM STDIN (FORMAT BINARY)"
)
_INSERT_NEW = (
    "INSERT INTO record (tbl, id, row_version, usn, key_version, payload, bi_dod, bi_last, "
    "last_op) SELECT tbl, id, 1, usn, key_version, payload, bi_dod, bi_last, last_op "
    "FROM push_stage WHERE base_version = 0 ORDER BY usn ON CONFLICT (tbl, id) DO NOTHING"
)
_UPDATE_CHANGED = (
    "UPDATE record r SET row_version = s.base_version + 1, usn = s.usn, "
    "key_version = s.key_version, payload = s.payload, bi_dod = s.bi_dod, bi_last = s.bi_last, "
    "last_op = s.last_op FROM push_stage s WHERE s.base_version > 0 AND r.tbl = s.tbl "
    "AND r.id = s.id AND r.row_version = s.base_version"
)
_COPY_NEW = (
    "COPY record (tbl, id, row_version, usn, key_version, payload, bi_dod, bi_last, last_op) "
    "FROM STDIN (FORMAT BINARY)"
)
_COPY_APPLIED = (
    "COPY applied_op (op_id, tbl, record_id, row_version, usn, applied_at) FROM STDIN "
    "(FORMAT BINARY)"
)
#: The binary COPY's column types (``record``'s and ``push_stage``'s, ``applied_op``'s): each
#: value goes as its binary form, a payload as its bytes (the text form doubles it as hex and
#: the server parses it back).
_RECORD_TYPES = ["varchar", "varchar", "int4", "int8", "int4", "bytea", "int4", "int4", "varchar"]
_APPLIED_TYPES = ["varchar", "varchar", "varchar", "int4", "int8", "timestamp"]


def _driver(conn: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under ``conn`` (same transaction)."""
    return conn.connection.driver_connection  # type: ignore[return-value]


def can_write(ops: Sequence[PushOp]) -> bool:
    """One ``UPDATE … FROM`` applies at most one change per record: a batch with two changes
    of one record (the second built on the first) takes the statement-per-row path."""
    keys = [(op.tbl, op.record_id) for op in ops if op.base_version > 0]
    return len(keys) == len(set(keys))


def write(conn: Connection, ops: Sequence[PushOp], usn: dict[str, int]) -> None:
    """Write ``ops`` version-guarded, each with its usn (see ``CentralStore._write``).

    New records are first ``COPY``-ed straight into ``record`` under a savepoint: if one of
    them exists already (a conflict), the savepoint is rolled back and they go through the
    staging table with ``ON CONFLICT DO NOTHING`` like the changed ones.
    """
    new = [op for op in ops if op.base_version == 0]
    staged = [op for op in ops if op.base_version > 0]
    with _driver(conn).cursor() as cur:
        if new:
            cur.execute("SAVEPOINT push_new")
            try:
                with cur.copy(_COPY_NEW) as copy:
                    copy.set_types(_RECORD_TYPES)
                    for op in new:
                        copy.write_row(_new_row(op, usn[op.op_id]))
            except psycopg.errors.UniqueViolation:
                cur.execute("ROLLBACK TO SAVEPOINT push_new")
                staged = list(ops)
            else:
                cur.execute("RELEASE SAVEPOINT push_new")
        if not staged:
            return
        cur.execute(_STAGE)
        with cur.copy(_COPY_STAGE) as copy:
            copy.set_types(_RECORD_TYPES)
            for op in staged:
                copy.write_row(
                    (op.tbl, op.record_id, op.base_version, usn[op.op_id], op.key_version,
                     op.payload, op.bi_dod, op.bi_last, op.op_id)
                )  # fmt: skip
        if any(op.base_version == 0 for op in staged):
            cur.execute(_INSERT_NEW)
        if any(op.base_version > 0 for op in staged):
            cur.execute(_UPDATE_CHANGED)
        # Emptied at commit (ON COMMIT DELETE ROWS): one push per transaction.


def _new_row(op: PushOp, usn: int) -> tuple[object, ...]:
    return (
        op.tbl, op.record_id, 1, usn, op.key_version, op.payload, op.bi_dod, op.bi_last,
        op.op_id,
    )  # fmt: skip


def insert_applied(conn: Connection, rows: list[dict[str, Any]]) -> None:
    with _driver(conn).cursor() as cur, cur.copy(_COPY_APPLIED) as copy:
        copy.set_types(_APPLIED_TYPES)
        for r in rows:
            copy.write_row(
                (r["op_id"], r["tbl"], r["record_id"], r["row_version"], r["usn"], r["applied_at"])
            )


def applied_ops(conn: Connection, ids: list[str]) -> dict[str, tuple[int, int]]:
    """(row version, usn) of the operations among ``ids`` applied before."""
    with _driver(conn).cursor() as cur:
        cur.execute("SELECT op_id, row_version, usn FROM applied_op WHERE op_id = ANY(%s)", (ids,))
        return {str(op_id): (int(v), int(u)) for op_id, v, u in cur.fetchall()}


def landed(conn: Connection, counter: int) -> dict[tuple[str, str], tuple[int, int]]:
    """(usn, row version) of each record written after ``counter`` (this push's rows)."""
    with _driver(conn).cursor() as cur:
        cur.execute("SELECT tbl, id, usn, row_version FROM record WHERE usn > %s", (counter,))
        return {(str(t), str(i)): (int(u), int(v)) for t, i, u, v in cur.fetchall()}


def buckets(conn: Connection, new: Sequence[PushOp]) -> dict[int, list[tuple[str, int]]]:
    """(spouse id, row version) per DoD-ID blind index of the new spouses in ``new``."""
    wanted = sorted({op.bi_dod for op in new if op.tbl == "spouse" and op.bi_dod is not None})
    found: dict[int, list[tuple[str, int]]] = {}
    if not wanted:
        return found
    with _driver(conn).cursor() as cur:
        cur.execute(
            "SELECT id, bi_dod, row_version FROM record WHERE tbl = 'spouse' AND bi_dod = ANY(%s)",
            (wanted,),
        )
        for record_id, bi_dod, version in cur.fetchall():
            found.setdefault(int(bi_dod), []).append((str(record_id), int(version)))
    return found


_PULL = (
    "SELECT tbl, id, row_version, usn, key_version, payload, last_op FROM record "
    "WHERE usn > %s ORDER BY usn LIMIT %s"
)


def pull_rows(
    conn: Connection, after_usn: int, limit: int, make_row: Callable[[Sequence[Any]], _Row]
) -> list[_Row]:
    """``make_row((tbl, id, row_version, usn, key_version, payload, last_op))`` of each row
    after ``after_usn``, made by the cursor as it loads the row (no list of tuples between)."""
    with _driver(conn).cursor(binary=True, row_factory=lambda _cursor: make_row) as cur:
        cur.execute(_PULL, (after_usn, limit))
        return cur.fetchall()
