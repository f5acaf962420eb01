"""Backups on a real SQLCipher store: made while someone writes, still encrypted, opened with
the same password, checked, restored; damaged copies are reported, not restored."""

from __future__ import annotations

import json
import stat
import threading
from pathlib import Path

import pytest

from seco_desktop.domain.reference import Role
from seco_desktop.security.errors import WrongPassword
from seco_desktop.services import audit_review, records
from seco_desktop.services.backup import backup, restore, verify_backup
from seco_desktop.services.permissions import PermissionDenied
from seco_desktop.services.session import Session, sign_in
from seco_desktop.store.engine import PAGE_SIZE
from seco_desktop.store.errors import StoreCorrupt

from .support import ADMIN, ADMIN_PASSWORD, STAFF, Office, make_spouses


def _register(session: Session, count: int, seed: int) -> list[str]:
    return [records.register(session, s).id for s in make_spouses(count, seed=seed)]


def test_backup_is_encrypted_and_opens_with_the_same_password(
    office: Office, tmp_path: Path
) -> None:
    admin = office.sign_in()
    spouses = make_spouses(12, seed=3)
    ids = [records.register(admin, s).id for s in spouses]
    target = tmp_path / "backups" / "office-monday.seco"
    target.parent.mkdir()

    result = backup(admin, target)

    assert result.check.ok
    assert result.check.counts["spouse"] == 12
    assert result.key_file == tmp_path / "backups" / "office-monday.seco.keys"
    raw = target.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert spouses[0].dod_id.encode() not in raw
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "office-monday.seco",
        "office-monday.seco.keys",
    ]
    copy = sign_in(target, ADMIN, ADMIN_PASSWORD, clock=office.clock)
    try:
        assert records.open_record(copy, ids[5]).spouse.dod_id == spouses[5].dod_id
        assert copy.store.integrity_check() == []
    finally:
        copy.close()


def test_backup_while_another_session_writes_is_a_consistent_moment(
    office: Office, tmp_path: Path
) -> None:
    admin = office.sign_in()
    agent = office.sign_in_as(Role.AGENT)
    before = len(_register(agent, 5, seed=11))
    started, stop, written = threading.Event(), threading.Event(), [before]
    errors: list[BaseException] = []

    def keep_writing() -> None:
        try:
            for spouse in make_spouses(400, seed=12):
                records.register(agent, spouse)
                written[0] += 1
                started.set()
                if stop.is_set():
                    return
        except BaseException as exc:
            errors.append(exc)
            started.set()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    started.wait(30)
    try:
        result = backup(admin, tmp_path / "during.seco")
    finally:
        stop.set()
        writer.join(60)
    assert errors == []

    check = verify_backup(tmp_path / "during.seco", ADMIN, ADMIN_PASSWORD)
    assert check.ok, check.problems
    assert before < check.counts["spouse"] <= written[0]
    assert check.counts == result.check.counts


def test_verify_reports_a_truncated_backup_clearly(office: Office, tmp_path: Path) -> None:
    admin = office.sign_in()
    _register(admin, 3, seed=4)
    target = tmp_path / "cut.seco"
    backup(admin, target)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) - 1000])

    with pytest.raises(StoreCorrupt, match=r"The backup cut\.seco is truncated"):
        verify_backup(target, ADMIN, ADMIN_PASSWORD)


def test_verify_names_the_damaged_pages_of_a_corrupt_backup(office: Office, tmp_path: Path) -> None:
    admin = office.sign_in()
    _register(admin, 30, seed=5)
    target = tmp_path / "bitrot.seco"
    backup(admin, target)
    data = bytearray(target.read_bytes())
    page = PAGE_SIZE * 3 + 200  # inside the fourth page: the file still opens
    data[page : page + 16] = bytes(16)
    target.write_bytes(bytes(data))

    check = verify_backup(target, ADMIN, ADMIN_PASSWORD)

    assert not check.ok
    assert any("page 4" in problem for problem in check.problems), check.problems


def test_a_backup_whose_first_page_is_damaged_cannot_be_opened(
    office: Office, tmp_path: Path
) -> None:
    admin = office.sign_in()
    target = tmp_path / "head.seco"
    backup(admin, target)
    data = bytearray(target.read_bytes())
    data[100:132] = bytes(32)
    target.write_bytes(bytes(data))

    with pytest.raises(StoreCorrupt, match="cannot be read with its key file"):
        verify_backup(target, ADMIN, ADMIN_PASSWORD)


def test_verify_needs_an_administrators_password(office: Office, tmp_path: Path) -> None:
    target = tmp_path / "b.seco"
    backup(office.sign_in(), target)
    with pytest.raises(WrongPassword):
        verify_backup(target, ADMIN, "Not the password at all 1!")
    with pytest.raises(PermissionDenied, match="The agent role may not backup"):
        verify_backup(target, *STAFF[Role.AGENT])


def test_backup_never_overwrites_and_leaves_nothing_when_refused(
    office: Office, tmp_path: Path
) -> None:
    admin = office.sign_in()
    existing = tmp_path / "old.seco"
    existing.write_bytes(b"an older backup")
    with pytest.raises(FileExistsError, match="already exists"):
        backup(admin, existing)
    assert existing.read_bytes() == b"an older backup"
    assert not (tmp_path / "old.seco.keys").exists()

    with pytest.raises(FileNotFoundError, match="does not exist"):
        backup(admin, tmp_path / "no-such-folder" / "b.seco")
    assert not (tmp_path / "no-such-folder").exists()


def test_backup_is_audited_as_a_key_operation(office: Office, tmp_path: Path) -> None:
    admin = office.sign_in()
    backup(admin, tmp_path / "audited.seco")
    entries = [e for e in audit_review.entries(admin) if e.action == "key_operation"]
    assert [json.loads(e.detail) for e in entries] == [{"op": "backup", "file": "audited.seco"}]
    assert entries[0].actor == ADMIN


def test_restore_puts_a_checked_backup_in_place(office: Office, tmp_path: Path) -> None:
    admin = office.sign_in()
    ids = _register(admin, 4, seed=8)
    source = tmp_path / "monday.seco"
    backup(admin, source)
    office.close_all()

    with pytest.raises(FileExistsError, match="move the old store"):
        restore(source, office.path, ADMIN, ADMIN_PASSWORD)

    restored = tmp_path / "restored" / "office.seco"
    restored.parent.mkdir()
    check = restore(source, restored, ADMIN, ADMIN_PASSWORD)
    assert check.counts["spouse"] == 4
    session = sign_in(restored, ADMIN, ADMIN_PASSWORD, clock=office.clock)
    try:
        assert {records.open_record(session, i).spouse.id for i in ids} == set(ids)
    finally:
        session.close()


def test_restore_refuses_a_damaged_backup_and_writes_nothing(
    office: Office, tmp_path: Path
) -> None:
    admin = office.sign_in()
    _register(admin, 30, seed=9)
    source = tmp_path / "bad.seco"
    backup(admin, source)
    data = bytearray(source.read_bytes())
    data[PAGE_SIZE * 3 + 200 : PAGE_SIZE * 3 + 216] = bytes(16)
    source.write_bytes(bytes(data))

    target = tmp_path / "restored.seco"
    with pytest.raises(StoreCorrupt, match="failed its check"):
        restore(source, target, ADMIN, ADMIN_PASSWORD)
    assert not target.exists()
    assert not (tmp_path / "restored.seco.keys").exists()


def test_a_backup_drive_without_hard_links_still_gets_its_backup(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and exFAT drives refuse hard links: the copy is renamed into place instead."""

    def no_links(_src: object, _dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("seco_desktop.store.backup.os.link", no_links)
    monkeypatch.setattr("seco_desktop.security.keyfile.os.link", no_links)
    admin = office.sign_in()
    _register(admin, 3, seed=12)
    result = backup(admin, tmp_path / "usb.seco")
    assert result.check.counts["spouse"] == 3
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("usb")) == [
        "usb.seco",
        "usb.seco.keys",
    ]
