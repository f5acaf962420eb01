"""An online copy of the SQLCipher store that stays encrypted, and a check of such a copy.

The copy uses SQLite's backup API from a connection keyed with the store key to a new file keyed
with the same key: SQLCipher encrypts every page it writes to the copy, so the copy opens with
the same key (and so with the same key file and passwords). All pages are copied in one step
inside one read transaction: in WAL mode writers carry on meanwhile and the copy is the store as
of one moment. The copy is written to a temporary name in the destination folder, fsynced and
then linked to its final name, so a failed or interrupted backup never leaves a partial file
under the name asked for.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from seco_desktop.store.engine import MIN_PAGE_SIZE, PAGE_SIZES, page_size_of, raw_connect
from seco_desktop.store.errors import StoreCorrupt, StoreLocked, StoreMissing, WrongStoreKey

#: Tables whose row counts a check reports (what a person recognises in the copy).
COUNTED_TABLES = ("spouse", "note", "follow_up", "app_user", "audit_entry")


@dataclass(frozen=True, slots=True)
class BackupCheck:
    """What a check of a copy found: problems (empty when sound) and the rows it holds."""

    problems: tuple[str, ...]
    counts: dict[str, int]
    size_bytes: int
    roles: dict[str, str]  # user name -> role, from the copy's accounts

    @property
    def ok(self) -> bool:
        return not self.problems


def copy_store(source: sqlite3.Connection, destination: Path, key: bytes) -> None:
    """Copy the store open on ``source`` to the new file ``destination``, encrypted with ``key``.

    Refuses (:class:`FileExistsError`) to overwrite anything at ``destination``.
    """
    if destination.exists():
        raise FileExistsError(f"{destination} already exists; choose a new backup file name")
    folder = destination.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"The folder {folder} does not exist")
    temp = folder / f".{destination.name}.partial"
    temp.unlink(missing_ok=True)
    # Owner-only from the first byte, like the store itself.
    os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        target = raw_connect(temp, key, page_size=page_size_of(source))
        try:
            source.backup(target, pages=-1)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
        _fsync(temp)
        publish(temp, destination)
    except sqlcipher3.OperationalError as exc:
        raise StoreLocked(f"The backup could not read the store: {exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(f"{temp}{suffix}").unlink(missing_ok=True)
    _fsync_folder(folder)


def check_copy(path: Path, keys: list[bytes]) -> BackupCheck:
    """Open the copy at ``path`` read-only with the first fitting key and check every page.

    :class:`StoreCorrupt` when the file is truncated or cannot be read with any of ``keys``
    (which, for a copy whose key file opened, means it is damaged).
    """
    if not path.is_file():
        raise StoreMissing(f"No backup file at {path}")
    size = path.stat().st_size
    if size == 0 or size % MIN_PAGE_SIZE != 0:
        raise StoreCorrupt(
            f"The backup {path.name} is truncated ({size:,} bytes, not a whole number of "
            f"{MIN_PAGE_SIZE}-byte pages); it cannot be restored"
        )
    conn = _open_read_only(path, keys)
    problems: list[str] = []
    counts: dict[str, int] = {}
    roles: dict[str, str] = {}
    try:
        # Page by page first: SQLCipher names each page whose HMAC fails.
        problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
        problems += [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        counts = {t: _count(conn, t) for t in COUNTED_TABLES}
        roles = {str(u): str(r) for u, r in conn.execute("SELECT username, role FROM app_user")}
    except sqlcipher3.DatabaseError as exc:
        problems.append(f"the check stopped ({type(exc).__name__}): the backup is damaged")
    finally:
        conn.close()
    return BackupCheck(tuple(problems), counts, size, roles)


def _open_read_only(path: Path, keys: list[bytes]) -> sqlite3.Connection:
    if not keys:
        raise WrongStoreKey("No key was given for the backup")
    for key in keys:
        for page_size in PAGE_SIZES:
            conn = raw_connect(path, key, read_only=True, page_size=page_size)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher3.DatabaseError:
                conn.close()
                continue
            return conn
    raise StoreCorrupt(
        f"The backup {path.name} cannot be read with its key file: it is damaged, or the key "
        "file beside it belongs to another store"
    )


def _count(conn: sqlite3.Connection, table: str) -> int:
    exists = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()[0]
    if not exists:
        return 0
    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # noqa: S608


def publish(temp: Path, destination: Path) -> None:
    """Give the finished ``temp`` its final name, never replacing a file that is there.

    A hard link is atomic and refuses an existing name; file systems without hard links (FAT
    and exFAT backup drives, some network shares) get a checked rename instead.
    """
    try:
        os.link(temp, destination)
    except FileExistsError:
        raise FileExistsError(f"{destination} already exists; it was left as it is") from None
    except OSError:
        if destination.exists():
            raise FileExistsError(f"{destination} already exists; it was left as it is") from None
        temp.rename(destination)


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # Windows cannot open a folder for fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
