"""The central side of the protocol: versioned, idempotent pushes and ordered pulls.

A push is one transaction: lock the one-row ``usn_counter`` (``SELECT … FOR UPDATE``), drop
operations whose id is already in ``applied_op`` (a retry), write the rest version-guarded
(``UPDATE … WHERE row_version = :base``; an insert for base 0), and read back which rows took
this batch's usns: an operation whose row did not is a conflict and changed nothing. Because
every push holds the counter lock until it commits, usns become visible in increasing order and
a puller reading ``usn > last ORDER BY usn`` never skips a row that commits later.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import NamedTuple

import psycopg
from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import InterfaceError as SAInterfaceError
from sqlalchemy.exc import OperationalError, ProgrammingError

from seco_desktop.central import copying as _copying
from seco_desktop.central.errors import CentralNotInitialised, CentralUnreachable
from seco_desktop.central.schema import (
    append_log,
    applied_op,
    central_meta,
    key_grant,
    office_keys,
    record,
    usn_counter,
)

SPOUSE_TABLE = "spouse"


@dataclass(frozen=True, slots=True)
class PushOp:
    """One record change: write ``payload`` as ``base_version + 1`` if the row is at base."""

    op_id: str
    tbl: str
    record_id: str
    base_version: int  # 0: the record is new
    key_version: int
    payload: bytes
    bi_dod: int | None = None
    bi_last: int | None = None


class Outcome(StrEnum):
    APPLIED = "applied"
    ALREADY = "already"  # this op id was applied by an earlier (retried) push
    CONFLICT = "conflict"  # the row moved past base_version: pull, merge, push again


@dataclass(frozen=True, slots=True)
class PushResult:
    op_id: str
    outcome: Outcome
    row_version: int = 0
    usn: int = 0
    possible_duplicates: tuple[str, ...] = ()  # spouse ids with the same DoD-ID blind index
    #: Each candidate's row version (aligned): a workstation holding that version already
    #: compares its own copy instead of fetching and opening the payload.
    duplicate_versions: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Appended:
    """One entry of the append-only log, as stored (``body`` is opaque ciphertext)."""

    seq: int
    kind: str
    origin: str
    body: bytes
    created_at: datetime


class CentralRow(NamedTuple):
    """One row of the central ``record`` table (a named tuple: a bootstrap pulls a million,
    and the driver's cursor makes each directly, at a fraction of a dataclass's cost)."""

    tbl: str
    record_id: str
    row_version: int
    usn: int
    key_version: int
    payload: bytes
    last_op: str


def _missing_table(exc: Exception) -> bool:
    """PostgreSQL's undefined_table (42P01), or SQLite's "no such table"."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) == "42P01" or "no such table" in str(orig)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class CentralStore:
    """Operations on one central database (an Engine); every method is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[Connection]:
        """A connection (in one transaction if ``write``); a network or server failure at any
        point becomes :class:`CentralUnreachable` (the transaction is rolled back whole)."""
        try:
            with self.engine.connect() as conn:
                if write:
                    with conn.begin():
                        yield conn
                else:
                    yield conn
        except psycopg.Error as exc:  # from the COPY path, which talks to psycopg directly
            if exc.sqlstate == "42P01":
                raise CentralNotInitialised(
                    "The central database has no SECO schema; run seco-admin central init"
                ) from None
            if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
                raise CentralUnreachable(
                    f"The central database did not answer or broke off ({type(exc).__name__})"
                ) from None
            raise
        except (OperationalError, SAInterfaceError, ProgrammingError) as exc:
            if _missing_table(exc):
                raise CentralNotInitialised(
                    "The central database has no SECO schema; run seco-admin central init"
                ) from None
            if isinstance(exc, ProgrammingError):
                raise
            raise CentralUnreachable(
                f"The central database did not answer or broke off ({type(exc.orig).__name__})"
            ) from None

    # --- protocol -------------------------------------------------------------------------

    def push(self, ops: Sequence[PushOp]) -> list[PushResult]:
        if not ops:
            return []
        with self._connect(write=True) as conn:
            return self._push(conn, ops)

    def _push(self, conn: Connection, ops: Sequence[PushOp]) -> list[PushResult]:
        counter = conn.execute(
            select(usn_counter.c.value).where(usn_counter.c.id == 1).with_for_update()
        ).scalar()
        if counter is None:
            raise CentralNotInitialised("The central database has no usn counter; run central init")
        fast = conn.dialect.name == "postgresql" and _copying.can_write(ops)
        ids = [op.op_id for op in ops]
        done = _copying.applied_ops(conn, ids) if fast else self._applied_ops(conn, ids)
        fresh: list[PushOp] = []
        seen: set[str] = set()
        for op in ops:
            if op.op_id not in done and op.op_id not in seen:
                fresh.append(op)
                seen.add(op.op_id)
        usn = {op.op_id: counter + i + 1 for i, op in enumerate(fresh)}
        if fast:
            _copying.write(conn, fresh, usn)
        else:
            self._write(conn, fresh, usn)
        landed = _copying.landed(conn, counter) if fast else self._landed(conn, counter)
        new_spouses = [op for op in fresh if op.base_version == 0]
        buckets = _copying.buckets(conn, new_spouses) if fast else self._buckets(conn, new_spouses)
        now = _now()
        applied_rows = []
        results: dict[str, PushResult] = {}
        for op in fresh:
            got = landed.get((op.tbl, op.record_id))
            if got is not None and got[0] == usn[op.op_id]:
                applied_rows.append(
                    {"op_id": op.op_id, "tbl": op.tbl, "record_id": op.record_id,
                     "row_version": got[1], "usn": got[0], "applied_at": now}
                )  # fmt: skip
                dupes = (
                    [c for c in buckets.get(op.bi_dod, ()) if c[0] != op.record_id][:50]
                    if op.base_version == 0 and op.tbl == SPOUSE_TABLE and op.bi_dod is not None
                    else []
                )
                results[op.op_id] = PushResult(
                    op.op_id, Outcome.APPLIED, got[1], got[0],
                    tuple(i for i, _ in dupes), tuple(v for _, v in dupes),
                )  # fmt: skip
            else:
                results[op.op_id] = PushResult(op.op_id, Outcome.CONFLICT)
        if applied_rows:
            if fast:
                _copying.insert_applied(conn, applied_rows)
            else:
                conn.execute(insert(applied_op), applied_rows)
        if fresh:
            top = max(u for _, (u, _) in landed.items()) if landed else counter
            conn.execute(update(usn_counter).where(usn_counter.c.id == 1).values(value=top))
        for op_id, (row_version, op_usn) in done.items():
            results[op_id] = PushResult(op_id, Outcome.ALREADY, row_version, op_usn)
        return [results[op.op_id] for op in ops]

    @staticmethod
    def _landed(conn: Connection, counter: int) -> dict[tuple[str, str], tuple[int, int]]:
        """(usn, row version) of each record written after ``counter`` (this push's rows)."""
        rows = conn.execute(
            select(record.c.tbl, record.c.id, record.c.usn, record.c.row_version).where(
                record.c.usn > counter
            )
        )
        return {(r.tbl, r.id): (int(r.usn), int(r.row_version)) for r in rows}

    @staticmethod
    def _applied_ops(conn: Connection, ids: list[str]) -> dict[str, tuple[int, int]]:
        """(row version, usn) of the operations among ``ids`` applied before."""
        rows = conn.execute(select(applied_op).where(applied_op.c.op_id.in_(ids)))
        return {r.op_id: (int(r.row_version), int(r.usn)) for r in rows}

    def _write(self, conn: Connection, ops: Sequence[PushOp], usn: dict[str, int]) -> None:
        new = [op for op in ops if op.base_version == 0]
        changed = [op for op in ops if op.base_version > 0]
        if new:
            dialect = conn.dialect.name
            ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(record)
            conn.execute(
                ins.on_conflict_do_nothing(index_elements=["tbl", "id"]),
                [self._values(op, usn[op.op_id]) | {"id": op.record_id} for op in new],
            )
        if changed:
            stmt = (
                update(record)
                .where(
                    record.c.tbl == bindparam("b_tbl"),
                    record.c.id == bindparam("b_id"),
                    record.c.row_version == bindparam("b_base"),
                )
                .values(
                    row_version=bindparam("b_version"),
                    usn=bindparam("b_usn"),
                    key_version=bindparam("b_key_version"),
                    payload=bindparam("b_payload"),
                    bi_dod=bindparam("b_bi_dod"),
                    bi_last=bindparam("b_bi_last"),
                    last_op=bindparam("b_last_op"),
                )
            )
            conn.execute(
                stmt,
                [
                    {
                        "b_tbl": op.tbl, "b_id": op.record_id, "b_base": op.base_version,
                        "b_version": op.base_version + 1, "b_usn": usn[op.op_id],
                        "b_key_version": op.key_version, "b_payload": op.payload,
                        "b_bi_dod": op.bi_dod, "b_bi_last": op.bi_last, "b_last_op": op.op_id,
                    }
                    for op in changed
                ],
            )  # fmt: skip

    @staticmethod
    def _values(op: PushOp, usn: int) -> dict[str, object]:
        return {
            "tbl": op.tbl, "row_version": op.base_version + 1, "usn": usn,
            "key_version": op.key_version, "payload": op.payload, "bi_dod": op.bi_dod,
            "bi_last": op.bi_last, "last_op": op.op_id,
        }  # fmt: skip

    @staticmethod
    def _buckets(conn: Connection, new: Sequence[PushOp]) -> dict[int, list[tuple[str, int]]]:
        """(spouse id, row version) per DoD-ID blind index, for the indexes of new spouses in
        this push: duplicate candidates, not proof (few bits on purpose)."""
        wanted = sorted(
            {op.bi_dod for op in new if op.tbl == SPOUSE_TABLE and op.bi_dod is not None}
        )
        found: dict[int, list[tuple[str, int]]] = {}
        for i in range(0, len(wanted), 1000):
            rows = conn.execute(
                select(record.c.id, record.c.bi_dod, record.c.row_version).where(
                    record.c.tbl == SPOUSE_TABLE, record.c.bi_dod.in_(wanted[i : i + 1000])
                )
            )
            for r in rows:
                found.setdefault(r.bi_dod, []).append((r.id, int(r.row_version)))
        return found

    def pull(self, after_usn: int, limit: int) -> list[CentralRow]:
        """Rows changed after ``after_usn``, in usn order, at most ``limit``."""
        with self._connect() as conn:
            if conn.dialect.name == "postgresql":
                # psycopg loads bytea as bytes: each fetched tuple is a row as it is.
                return _copying.pull_rows(conn, after_usn, limit, CentralRow._make)
            rows = conn.execute(
                select(record).where(record.c.usn > after_usn).order_by(record.c.usn).limit(limit)
            )
            return [
                CentralRow(r.tbl, r.id, r.row_version, r.usn, r.key_version, bytes(r.payload),
                           r.last_op)
                for r in rows
            ]  # fmt: skip

    def fetch(self, keys: Iterable[tuple[str, str]]) -> list[CentralRow]:
        """The current rows of the given (table, id) pairs."""
        wanted = list(keys)
        if not wanted:
            return []
        with self._connect() as conn:
            out: list[CentralRow] = []
            for tbl in {t for t, _ in wanted}:
                ids = [i for t, i in wanted if t == tbl]
                rows = conn.execute(select(record).where(record.c.tbl == tbl, record.c.id.in_(ids)))
                out += [
                    CentralRow(r.tbl, r.id, r.row_version, r.usn, r.key_version,
                               bytes(r.payload), r.last_op)
                    for r in rows
                ]  # fmt: skip
            return out

    def last_usn(self) -> int:
        with self._connect() as conn:
            top = conn.execute(select(usn_counter.c.value).where(usn_counter.c.id == 1)).scalar()
        if top is None:
            raise CentralNotInitialised("The central database has no usn counter")
        return int(top)

    def count_after(self, after_usn: int) -> int:
        with self._connect() as conn:
            return int(
                conn.execute(select(func.count()).where(record.c.usn > after_usn)).scalar_one()
            )

    # --- office keys and grants -----------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._connect() as conn:
            return conn.execute(
                select(central_meta.c.value).where(central_meta.c.key == key)
            ).scalar()

    def set_meta_if_absent(self, key: str, value: str) -> str:
        """Set once; returns the value in force (an existing one wins)."""
        with self._connect(write=True) as conn:
            current = conn.execute(
                select(central_meta.c.value).where(central_meta.c.key == key).with_for_update()
            ).scalar()
            if current is not None:
                return str(current)
            conn.execute(insert(central_meta).values(key=key, value=value))
            return value

    def put_office_keys(self, office_id: str, nonce: bytes, ciphertext: bytes) -> None:
        with self._connect(write=True) as conn:
            row = {"office_id": office_id, "nonce": nonce, "ciphertext": ciphertext,
                   "updated_at": _now()}  # fmt: skip
            found = conn.execute(
                select(office_keys.c.id).where(office_keys.c.id == 1).with_for_update()
            ).first()
            if found is None:
                conn.execute(insert(office_keys).values(id=1, **row))
            else:
                conn.execute(update(office_keys).where(office_keys.c.id == 1).values(**row))

    def get_office_keys(self) -> tuple[str, bytes, bytes] | None:
        with self._connect() as conn:
            r = conn.execute(select(office_keys).where(office_keys.c.id == 1)).first()
        return None if r is None else (r.office_id, bytes(r.nonce), bytes(r.ciphertext))

    def put_grants(self, grants: dict[str, str]) -> None:
        """Insert or replace the wrapped master key of each principal."""
        with self._connect(write=True) as conn:
            existing = set(conn.execute(select(key_grant.c.principal)).scalars())
            now = _now()
            for principal, text in sorted(grants.items()):
                values = {"grant_json": text, "updated_at": now}
                if principal in existing:
                    conn.execute(
                        update(key_grant).where(key_grant.c.principal == principal).values(**values)
                    )
                else:
                    conn.execute(insert(key_grant).values(principal=principal, **values))

    def get_grants(self) -> dict[str, str]:
        with self._connect() as conn:
            return {r.principal: r.grant_json for r in conn.execute(select(key_grant))}

    # --- append-only extension point --------------------------------------------------------

    def append(self, kind: str, origin: str, bodies: Sequence[bytes]) -> None:
        """Append opaque entries (e.g. audit-chain anchors); they are never updated or deleted."""
        if not bodies:
            return
        with self._connect(write=True) as conn:
            now = _now()
            conn.execute(
                insert(append_log),
                [{"kind": kind, "origin": origin, "body": b, "created_at": now} for b in bodies],
            )

    def anchors(self, kind: str, origin: str) -> list[Appended]:
        """Every entry of ``kind`` that ``origin`` appended (e.g. one workstation's audit
        anchors), oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                select(append_log)
                .where(append_log.c.kind == kind, append_log.c.origin == origin)
                .order_by(append_log.c.seq)
            )
            return [Appended(r.seq, r.kind, r.origin, bytes(r.body), r.created_at) for r in rows]
