"""The local store: one SQLCipher file, opened, migrated and handed out as transactions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from seco_desktop.store.backup import copy_store
from seco_desktop.store.deferred_indexes import restore_on_open
from seco_desktop.store.engine import CACHE_SIZE_PRAGMA, Engines, open_engines
from seco_desktop.store.errors import StoreLocked, WrongStoreKey
from seco_desktop.store.migrate import migrate

_CACHE_SIZE_PRAGMA = CACHE_SIZE_PRAGMA
WAL_AUTOCHECKPOINT = 1000  # pages: SQLite's default, which the store keeps
WAL_DEFERRED_PAGES = 10_000  # pages (160 MiB of 16 KiB pages) while a big sync runs
_IN_USE = "The store is open in another session; close it there and try again"


class Store:
    """An open store. ``read()`` and ``write()`` give transactions; nothing else touches SQL."""

    def __init__(self, path: Path, engines: Engines, revision: str) -> None:
        self.path = path
        self._engines = engines
        self.revision = revision

    @classmethod
    def open(cls, path: Path, keys: Sequence[bytes] | None, *, create: bool = False) -> Store:
        """Open (or create) the store at ``path`` with the first fitting key and migrate it.

        ``keys`` lists the current store key first, then previous ones (a rotation that
        re-keyed the file but did not finish writing the key file). ``None`` opens a plain,
        unencrypted SQLite file: benchmarks only.
        """
        engines = open_engines(path, keys, create=create)
        try:
            with engines.writer.begin() as conn:  # an interrupted bootstrap's bulk apply
                restore_on_open(conn)
            revision = migrate(engines.writer)
        except BaseException:
            engines.dispose()
            raise
        return cls(path, engines, revision)

    @property
    def page_size(self) -> int:
        """The file's SQLCipher page size (stores made before 16 KiB pages keep 4 KiB)."""
        return self._engines.page_size

    @property
    def opened_with_previous_key(self) -> bool:
        return self._engines.key_index > 0

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._engines.reader.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed whole on success, rolled back whole on error."""
        with self._engines.writer.begin() as conn:
            yield conn

    def integrity_check(self) -> list[str]:
        """Problems found by SQLCipher's page HMAC check and SQLite's integrity check."""
        problems: list[str] = []
        try:
            with self._engines.writer.connect() as conn:
                if self._engines.encrypted:
                    rows = conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
                    problems += [str(r[0]) for r in rows]
                rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
                problems += [str(r[0]) for r in rows if r[0] != "ok"]
        except DBAPIError as exc:
            problems.append(f"the check stopped: {type(exc.orig).__name__}, the file is damaged")
        return problems

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the file alone (no other session may have it open) for a rekey.

        Leaving WAL mode needs every other connection closed, so this is also the check that
        nobody else has the store open: ``StoreLocked`` is raised before anything changes.
        """
        self._engines.reader.dispose()
        try:
            mode = self._outside_transaction(
                "PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA journal_mode = DELETE"
            )
        except sqlcipher3.Error as exc:
            raise StoreLocked(_IN_USE) from exc
        if mode != "delete":
            raise StoreLocked(_IN_USE)
        try:
            yield
        finally:
            self._outside_transaction("PRAGMA journal_mode = WAL")

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt the whole file under ``new_key`` (key rotation); call inside ``exclusive``."""
        if len(new_key) != 32:
            raise WrongStoreKey("The new store key has the wrong length")
        try:
            self._outside_transaction(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        except sqlcipher3.Error as exc:
            raise StoreLocked(_IN_USE) from exc
        self._engines.dispose()
        self._engines = open_engines(self.path, [new_key])

    @contextmanager
    def bulk_load(self, cache_mib: int = 1024) -> Iterator[None]:
        """A large page cache for the writer while loading many rows (demo data, bootstrap):
        random-key index inserts stop re-reading and re-decrypting pages once the indexes
        outgrow the everyday cache."""
        self._outside_transaction(f"PRAGMA cache_size = -{cache_mib * 1024}")
        try:
            yield
        finally:
            self._outside_transaction(f"PRAGMA cache_size = {_CACHE_SIZE_PRAGMA}")

    @contextmanager
    def checkpoints_deferred(self, pages: int = WAL_DEFERRED_PAGES) -> Iterator[None]:
        """The writer's automatic WAL checkpoints held off until ``pages`` pages are in the WAL
        (a big sync commits a transaction per batch, and checkpointing every few of them copies
        the same hot pages to the file again and again), then one checkpoint at the end.
        Committed transactions are as durable in the WAL as in the file."""
        self._outside_transaction(f"PRAGMA wal_autocheckpoint = {pages}")
        try:
            yield
        finally:
            self._outside_transaction(
                f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT}",
                "PRAGMA wal_checkpoint(PASSIVE)",
            )

    @contextmanager
    def secure_deletes(self) -> Iterator[None]:
        """Deleted rows are overwritten with zeros in the file (retention purges), then the
        write-ahead log is folded in and truncated so no old page copy stays in it."""
        self._outside_transaction("PRAGMA secure_delete = ON")
        try:
            yield
        finally:
            self._outside_transaction("PRAGMA secure_delete = OFF")
            self.checkpoint()

    def backup_to(self, destination: Path, key: bytes) -> None:
        """An online, encrypted copy of the store as of one moment (:mod:`.backup`)."""
        raw = self._engines.reader.raw_connection()
        try:
            copy_store(raw.driver_connection, destination, key)  # type: ignore[arg-type]
        finally:
            raw.close()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (after bulk loads, before copies)."""
        self._outside_transaction("PRAGMA wal_checkpoint(TRUNCATE)")

    def _outside_transaction(self, *statements: str) -> object:
        """Run PRAGMAs that SQLite refuses inside a transaction; returns the last one's value."""
        raw = self._engines.writer.raw_connection()
        result: object = None
        try:
            for statement in statements:
                rows = raw.driver_connection.execute(statement).fetchall()  # type: ignore[union-attr]
                result = rows[0][0] if rows else None
        finally:
            raw.close()
        return result

    def close(self) -> None:
        self._engines.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
