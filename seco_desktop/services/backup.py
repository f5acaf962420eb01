"""Backups of the local store: make one while people work, check one, restore one.

A backup is two files, like the store: ``FILE`` (the SQLCipher copy, encrypted with the same
store key) and ``FILE.keys`` (a copy of the key file). Whoever can sign in to the store can open
the backup with the same password; without a password or the recovery key it is unreadable.

Making a backup is an administrator's key operation, audited before anything is copied (the
entry is in the backup too). Checking and restoring work on files, not on a signed-in store:
they unlock the backup's own key file with an administrator's password of the backup and
write no audit entry, since writing one would change the copy being checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from seco_desktop.domain.reference import Role
from seco_desktop.security import keyfile as kf
from seco_desktop.security import keys as keyops
from seco_desktop.security.keyfile import key_file_path
from seco_desktop.security.wrapping import open_material
from seco_desktop.services import audit
from seco_desktop.services.audit import Action
from seco_desktop.services.permissions import Permission, PermissionDenied, require
from seco_desktop.services.session import Session
from seco_desktop.store.backup import BackupCheck, check_copy, publish
from seco_desktop.store.errors import StoreCorrupt

__all__ = ["BackupCheck", "BackupResult", "backup", "restore", "verify_backup"]


@dataclass(frozen=True, slots=True)
class BackupResult:
    store_file: Path
    key_file: Path
    check: BackupCheck


def backup(session: Session, destination: Path) -> BackupResult:
    """Copy the open store to ``destination`` (and its key file to ``destination.keys``), then
    check the copy opens with that key file. Nothing is left behind if any step fails."""
    require(session, Permission.BACKUP)
    keys_destination = key_file_path(destination)
    for path in (destination, keys_destination):
        if path.exists():
            raise FileExistsError(f"{path} already exists; choose a new backup file name")
    audit.record(session, Action.KEY_OPERATION, detail={"op": "backup", "file": destination.name})
    key_file = kf.KeyFile.from_bytes(kf.read_raw(session.key_path))
    material = open_material(session.keys.master_key, key_file)
    session.store.backup_to(destination, session.keys.material.store_key)
    made = [destination]  # removed again if a later step fails; nobody else's file is
    try:
        kf.create(keys_destination, key_file)
        made.append(keys_destination)
        check = check_copy(destination, [material.store_key, *material.previous_store_keys])
        if not check.ok:
            raise StoreCorrupt(
                f"The new backup failed its check ({check.problems[0]}); it was removed"
            )
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise
    return BackupResult(destination, keys_destination, check)


def verify_backup(path: Path, username: str, password: str) -> BackupCheck:
    """Check the backup at ``path``: its key file opens with this administrator's password,
    every page passes SQLCipher's HMAC check and SQLite's integrity check.

    A truncated or damaged file raises :class:`StoreCorrupt`; problems found inside a readable
    file are in the result's ``problems``.
    """
    keys = keyops.unlock(key_file_path(path), username, password)
    check = check_copy(path, [keys.material.store_key, *keys.material.previous_store_keys])
    role = check.roles.get(username)
    if role is not None and role != Role.ADMINISTRATOR.value:
        raise PermissionDenied(Role(role), Permission.BACKUP)
    return check


def restore(backup_file: Path, store: Path, username: str, password: str) -> BackupCheck:
    """Put a checked backup in place as the store at ``store`` (which must not exist yet)."""
    keys_target = key_file_path(store)
    for path in (store, keys_target):
        if path.exists():
            raise FileExistsError(
                f"{path} already exists; move the old store and its key file aside first"
            )
    check = verify_backup(backup_file, username, password)
    if not check.ok:
        raise StoreCorrupt(
            f"The backup {backup_file.name} failed its check ({check.problems[0]}); "
            "nothing was restored"
        )
    key_file = kf.KeyFile.from_bytes(kf.read_raw(key_file_path(backup_file)))
    _copy_new(backup_file, store)
    try:
        kf.create(keys_target, key_file)
    except BaseException:
        store.unlink(missing_ok=True)
        raise
    return check


def _copy_new(source: Path, target: Path) -> None:
    """Copy to a temporary name beside ``target``, fsync, then link: whole or not at all."""
    temp = target.parent / f".{target.name}.partial"
    temp.unlink(missing_ok=True)
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        publish(temp, target)
    finally:
        temp.unlink(missing_ok=True)
