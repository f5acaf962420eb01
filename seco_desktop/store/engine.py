"""Open an SQLCipher file through SQLAlchemy with a raw 256-bit key.

The key is given as raw bytes (``PRAGMA key = "x'…'"``), so no PBKDF2 runs per pooled connection.
Two engines share the file: a reader pool whose transactions start deferred, and a single
writer connection whose transactions start with ``BEGIN IMMEDIATE`` so two writers never
deadlock on a lock upgrade. Transactions are real SQLite transactions (DDL included): pysqlite's
implicit transaction handling is turned off and SQLAlchemy's ``begin`` emits ``BEGIN`` itself.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from seco_desktop.store.errors import StoreCorrupt, StoreLocked, StoreMissing, WrongStoreKey

#: SQLCipher page size of a store created now. A spouse row is about 2 KB (its profile JSON is
#: inline), so SQLite's 4 KiB default held one row a page with much of it empty, and SQLCipher's
#: cost (encrypt, HMAC, write) is per page: 100,000 rows insert about 1.7x and their search
#: indexes build about 5x faster in 16 KiB pages (``docs/performance.md``).
PAGE_SIZE = 16384
#: Stores made before 16 KiB pages have 4 KiB ones. The page size is inside the encrypted header,
#: so it cannot be read before keying: opening tries each size, current first.
PAGE_SIZES = (PAGE_SIZE, 4096)
MIN_PAGE_SIZE = min(PAGE_SIZES)
KEY_BYTES = 32
CACHE_SIZE_PRAGMA = -65536  # 64 MiB page cache per connection (negative: KiB)


class _NoStatements(logging.Filter):
    """SQLAlchemy logs statements, parameters and rows at INFO/DEBUG: personal data. Those
    records are dropped at the source, whatever level someone sets for debugging."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


logging.getLogger("sqlalchemy.engine.Engine").addFilter(_NoStatements())


@dataclass(frozen=True, slots=True)
class Engines:
    reader: Engine
    writer: Engine
    key_index: int  # which of the candidate keys opened the file (0 = current)
    encrypted: bool
    page_size: int

    def dispose(self) -> None:
        self.reader.dispose()
        self.writer.dispose()


def open_engines(path: Path, keys: Sequence[bytes] | None, *, create: bool = False) -> Engines:
    """Open ``path`` with the first of ``keys`` that fits; ``keys=None`` opens a plain SQLite file.

    Plain files exist only so benchmarks can compare the same schema without encryption.
    """
    _check_file(path, create=create, encrypted=keys is not None)
    candidates: Sequence[bytes | None] = list(keys) if keys is not None else [None]
    if keys is not None and not candidates:
        raise WrongStoreKey("No key was given for the encrypted store")
    sizes = (PAGE_SIZE,) if create else PAGE_SIZES
    for index, key in enumerate(candidates):
        if key is not None and len(key) != KEY_BYTES:
            raise WrongStoreKey("The store key has the wrong length")
        for page_size in sizes if key is not None else (PAGE_SIZE,):
            if _key_fits(path, key, page_size):
                return Engines(
                    reader=_engine(path, key, page_size, immediate=False, pool_size=4),
                    writer=_engine(path, key, page_size, immediate=True, pool_size=1),
                    key_index=index,
                    encrypted=key is not None,
                    page_size=page_size,
                )
    if _looks_truncated(path):
        raise StoreCorrupt("The store file is truncated or damaged; it was left untouched")
    raise WrongStoreKey(
        "The store could not be opened with this key: the key is wrong or the file is damaged"
    )


def _check_file(path: Path, *, create: bool, encrypted: bool) -> None:
    if path.exists():
        if create:
            raise StoreLocked(f"A store already exists at {path}; refusing to overwrite it")
        if path.stat().st_size == 0:
            raise StoreCorrupt("The store file is empty (truncated); it was left untouched")
    elif not create:
        raise StoreMissing(f"No store at {path}")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Owner-only from the first byte; SQLite gives its -wal and -shm files the same mode.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _looks_truncated(path: Path) -> bool:
    size = path.stat().st_size
    return size == 0 or size % MIN_PAGE_SIZE != 0


def raw_connect(
    path: Path, key: bytes | None, *, read_only: bool = False, page_size: int = PAGE_SIZE
) -> sqlite3.Connection:
    """One DB-API connection keyed with ``key`` for a file of ``page_size`` pages (read-only:
    the file is never written)."""
    # sqlcipher3's connection class mirrors sqlite3.Connection; typed as such for mypy.
    target, uri = (f"{path.resolve().as_uri()}?mode=ro", True) if read_only else (str(path), False)
    conn: sqlite3.Connection = sqlcipher3.connect(target, uri=uri, check_same_thread=False)
    conn.isolation_level = None  # we issue BEGIN ourselves
    if key is not None:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key must not spam stderr
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute(f"PRAGMA cipher_page_size = {int(page_size)}")
    return conn


def page_size_of(conn: sqlite3.Connection) -> int:
    """The SQLCipher page size an open, keyed connection uses."""
    return int(conn.execute("PRAGMA cipher_page_size").fetchone()[0])


def _key_fits(path: Path, key: bytes | None, page_size: int) -> bool:
    conn = raw_connect(path, key, page_size=page_size)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA cache_size = {CACHE_SIZE_PRAGMA}")


def _engine(
    path: Path, key: bytes | None, page_size: int, *, immediate: bool, pool_size: int
) -> Engine:
    def creator() -> sqlite3.Connection:
        conn = raw_connect(path, key, page_size=page_size)
        _configure(conn)
        return conn

    engine = create_engine(
        "sqlite://",
        creator=creator,
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=0 if immediate else 4,
        pool_timeout=60,
        hide_parameters=True,  # error messages must not carry the values of a statement
    )
    begin_sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"
    _listen_begin(engine, begin_sql)
    return engine


def _listen_begin(engine: Engine, begin_sql: str) -> None:
    handler: Callable[[Any], None] = lambda conn: conn.exec_driver_sql(begin_sql)  # noqa: E731
    event.listen(engine, "begin", handler)
