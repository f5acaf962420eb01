"""Central set-up: the TLS rule, the schema Alembic builds, office keys and enrolment."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from types import SimpleNamespace

import keyring
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from keyring.backends import SecretService
from sqlalchemy import func, select

from seco_desktop.central.connect import central_engine, check_transport, parse_url
from seco_desktop.central.errors import CentralError, InsecureConnection, OfficeMismatch
from seco_desktop.central.migrate import migrate
from seco_desktop.central.schema import append_log, metadata, record
from seco_desktop.central.server import CentralStore
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.query import parse_query
from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.security.errors import UnlockFailed
from seco_desktop.services import keys as key_service
from seco_desktop.services import records
from seco_desktop.services import sync as sync_module
from seco_desktop.services.session import add_user, create_store, sign_in
from seco_desktop.services.sync import SyncReport
from seco_desktop.services.sync_setup import (
    connect,
    enroll,
    init_central,
    keyring_entry,
    remember_password,
    sync_now,
)
from seco_desktop.store import deferred_indexes, outbox, spouses
from seco_desktop.store.meta import get_meta
from seco_desktop.store.schema import spouse as spouse_table
from seco_desktop.store.schema import sync_record
from seco_desktop.store.search import search
from tests.services.support import ADMIN, ADMIN_PASSWORD, STAFF, make_spouses

from .support import Office, make_office

REMOTE = "postgresql://seco@db.office.example:5432/seco"


@pytest.mark.parametrize(
    "url",
    [
        REMOTE,
        REMOTE + "?sslmode=disable",
        REMOTE + "?sslmode=prefer",
        REMOTE + "?sslmode=require",  # encrypted, but anyone's certificate would do
        REMOTE + "?sslmode=verify-ca",  # the certificate, but not that it names this host
        "postgresql://seco@10.0.0.5/seco",
        "postgresql://seco@localhost/seco?host=db.office.example",  # libpq's host wins
    ],
)
def test_connections_beyond_this_computer_without_verified_tls_are_refused(url: str) -> None:
    with pytest.raises(InsecureConnection, match="sslmode=verify-full"):
        central_engine(url)


@pytest.mark.parametrize(
    "url",
    [
        REMOTE + "?sslmode=verify-full&sslrootcert=/etc/seco/office-ca.pem",
        "postgresql://postgres@127.0.0.1:5432/seco",
        "postgresql://postgres@localhost/seco",
        "postgresql://postgres@[::1]/seco",
        "postgresql:///seco",  # a Unix socket
        "sqlite:////var/lib/seco/central.sqlite",
    ],
)
def test_verified_tls_loopback_sockets_and_files_are_allowed(url: str) -> None:
    check_transport(parse_url(url))


def test_postgresql_urls_use_psycopg_3() -> None:
    assert parse_url("postgresql://seco@127.0.0.1/seco").drivername == "postgresql+psycopg"


def test_a_password_written_into_the_url_is_refused_and_not_echoed() -> None:
    with pytest.raises(CentralError, match="OS keyring") as caught:
        parse_url("postgresql://seco:hunter2-secret@127.0.0.1/seco")
    assert "hunter2" not in str(caught.value)


@pytest.mark.postgres
def test_the_migrations_build_exactly_the_declared_central_schema(pg_url: str) -> None:
    engine = central_engine(pg_url)
    migrate(engine)
    migrate(engine)  # running it again is harmless
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_a_sqlite_file_can_serve_as_the_central_store(
    office_template: tuple[Path, str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    office = make_office(office_template, tmp_path, url, 2)
    try:
        a, b = office.workstations
        spouse = make_spouses(1, seed=8)[0]
        records.register(a.s, spouse)
        office.sync_all()
        with b.s.store.read() as conn:
            assert spouses.get_spouse(conn, spouse.id).dod_id == spouse.dod_id
    finally:
        office.close()


@pytest.mark.postgres
def test_another_office_cannot_take_over_an_initialised_central_store(
    office2: Office, tmp_path: Path
) -> None:
    other = tmp_path / "other" / "office.seco"
    create_store(
        other, admin_username="boss", admin_display_name="Other office",
        admin_password=ADMIN_PASSWORD, argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip
    session = sign_in(other, "boss", ADMIN_PASSWORD)
    try:
        with pytest.raises(OfficeMismatch, match="another office"):
            init_central(session, office2.url)
        with pytest.raises(CentralError):
            sync_now(session, central=office2.central)
    finally:
        session.close()


@pytest.mark.postgres
def test_enrolling_with_a_wrong_password_creates_nothing(office2: Office, tmp_path: Path) -> None:
    target = tmp_path / "new" / "office.seco"
    with pytest.raises(UnlockFailed):
        enroll(target, office2.url, ADMIN, "not the password at all!!")
    assert not target.exists()
    assert not Path(f"{target}.keys").exists()


@pytest.mark.postgres
def test_a_user_added_on_one_workstation_can_enrol_another(office2: Office, tmp_path: Path) -> None:
    a = office2.workstations[0]
    username, password = next(iter(STAFF.values()))  # exists in the template store
    office2.sync(a)  # publishes grants of users this workstation has

    target = tmp_path / "agent-laptop" / "office.seco"
    enroll(target, office2.url, username, password, clock=office2.clock)
    session = sign_in(target, username, password, clock=office2.clock)
    try:
        assert session.user.username == username
        assert session.keys.material.store_key != a.s.keys.material.store_key  # its own file key
        assert session.keys.material.index_key == a.s.keys.material.index_key  # shared
    finally:
        session.close()


def _registered_and_synced(office2: Office, n: int, seed: int) -> list[Spouse]:
    """``n`` spouses registered on the first workstation, synced to the central store."""
    a = office2.workstations[0]
    people = make_spouses(n, seed=seed)
    for s in people:
        records.register(a.s, s)
    office2.sync(a)
    return people


def _crashed_enrolment(
    office2: Office, target: Path, big_sync: int, bootstrap_commit: int = 10
) -> None:
    """Enrol at ``target`` with a crash at the third pull page (pages of 10 records, a
    bootstrap committing every ``bootstrap_commit`` records)."""
    pages = {"n": 0}
    real_apply = sync_module.SyncEngine._apply_page

    def crash_on_third_page(self, *args):  # type: ignore[no-untyped-def]
        pages["n"] += 1
        if pages["n"] == 3:
            raise KeyboardInterrupt
        real_apply(self, *args)

    original = sync_module.PULL_PAGE, sync_module.BIG_SYNC, sync_module.BOOTSTRAP_COMMIT
    sync_module.PULL_PAGE, sync_module.BIG_SYNC = 10, big_sync
    sync_module.BOOTSTRAP_COMMIT = bootstrap_commit
    sync_module.SyncEngine._apply_page = crash_on_third_page  # type: ignore[method-assign]
    try:
        with pytest.raises(KeyboardInterrupt):
            enroll(target, office2.url, ADMIN, ADMIN_PASSWORD, clock=office2.clock)
    finally:
        sync_module.SyncEngine._apply_page = real_apply  # type: ignore[method-assign]
        (sync_module.PULL_PAGE, sync_module.BIG_SYNC, sync_module.BOOTSTRAP_COMMIT) = original


def _interrupted_enrolment(office2: Office, target: Path, big_sync: int) -> SyncReport:
    """Enrol at ``target`` with a crash at the third pull page, then again: the second report."""
    _crashed_enrolment(office2, target, big_sync)
    original = sync_module.PULL_PAGE
    sync_module.PULL_PAGE = 10
    try:
        return enroll(target, office2.url, ADMIN, ADMIN_PASSWORD, clock=office2.clock)
    finally:
        sync_module.PULL_PAGE = original


@pytest.mark.postgres
@pytest.mark.parametrize("bulk", [False, True], ids=["record-by-record", "indexes-built-after"])
def test_enrolment_interrupted_resumes(office2: Office, tmp_path: Path, bulk: bool) -> None:
    people = _registered_and_synced(office2, 30, seed=12)
    target = tmp_path / "late" / "office.seco"

    report = _interrupted_enrolment(office2, target, big_sync=20 if bulk else 10**9)

    assert 0 < report.pulled < office2.central.last_usn()  # only what was left
    session = sign_in(target, ADMIN, ADMIN_PASSWORD)
    try:
        with session.store.read() as conn:
            assert spouses.count_spouses(conn) == len(people)
            for s in people[:5] + people[-5:]:  # found by name and by typo, as before a sync
                assert s.id in {r.id for r in search(conn, parse_query(s.name.last)).rows}
                typo = s.name.last[:-1] + ("x" if s.name.last[-1] != "x" else "y")
                assert s.id in {r.id for r in search(conn, parse_query(typo)).rows}
    finally:
        session.close()


@pytest.mark.postgres
@pytest.mark.parametrize("per_commit", [1, 2, 5])
def test_a_bootstrap_resumes_after_its_last_committed_group_of_pages(
    office2: Office, tmp_path: Path, per_commit: int
) -> None:
    """A bootstrap commits every few pages. Interrupted at the third page, it keeps whole
    committed groups only (two pages, or none when a group is larger), with the cursor at the
    last of them; the second enrolment brings the rest: nothing lost, each applied once."""
    people = _registered_and_synced(office2, 45, seed=14)
    target = tmp_path / "late" / "office.seco"

    _crashed_enrolment(office2, target, big_sync=20, bootstrap_commit=10 * per_commit)

    with office2.central.engine.connect() as conn:
        usns = sorted(int(u) for (u,) in conn.execute(select(record.c.usn)))
    if per_commit <= 2:  # the first two pages were one or two whole commits
        session = sign_in(target, ADMIN, ADMIN_PASSWORD)
        try:
            with session.store.read() as conn:
                cursor = int(get_meta(conn, sync_module.META_LAST_USN) or 0)
                applied = conn.execute(select(func.count()).select_from(sync_record)).scalar_one()
        finally:
            session.close()
        assert (cursor, applied) == (usns[19], 20)
    else:  # the first group held the third page: nothing of it stayed, not even the office's
        with pytest.raises(UnlockFailed):  # accounts (the first page), so nobody signs in yet
            sign_in(target, ADMIN, ADMIN_PASSWORD)

    enroll(target, office2.url, ADMIN, ADMIN_PASSWORD, clock=office2.clock)
    session = sign_in(target, ADMIN, ADMIN_PASSWORD)
    try:
        with session.store.read() as conn:
            assert spouses.count_spouses(conn) == len(people)
            versions = outbox.synced_versions(conn, [("spouse", s.id) for s in people])
            applied = conn.execute(select(func.count()).select_from(sync_record)).scalar_one()
        assert applied == office2.central.count_after(0)  # every central row, once
        assert len(versions) == len(people)
        assert {v for v, _ in versions.values()} == {1}  # each applied once, as pushed
    finally:
        session.close()


@pytest.mark.postgres
def test_a_bootstrap_killed_in_bulk_mode_has_its_search_indexes_on_the_next_open(
    office2: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = _registered_and_synced(office2, 30, seed=13)
    target = tmp_path / "late" / "office.seco"
    original = sync_module.PULL_PAGE, sync_module.BIG_SYNC, sync_module.BOOTSTRAP_COMMIT
    sync_module.PULL_PAGE, sync_module.BIG_SYNC, sync_module.BOOTSTRAP_COMMIT = 10, 20, 10
    real_apply = sync_module.SyncEngine._apply_page
    pages = {"n": 0}

    def crash_on_second_page(self, *args):  # type: ignore[no-untyped-def]
        pages["n"] += 1
        if pages["n"] == 2:
            raise KeyboardInterrupt
        real_apply(self, *args)

    deferred: list[bool] = []

    def defer(conn):  # type: ignore[no-untyped-def]
        deferred_indexes.defer(conn)
        deferred.append(True)

    # As if the process died before its clean-up: nothing restores the indexes in the sync.
    killed = SimpleNamespace(defer=defer, restore=lambda conn: False)
    monkeypatch.setattr(sync_module, "deferred_indexes", killed)
    sync_module.SyncEngine._apply_page = crash_on_second_page  # type: ignore[method-assign]
    try:
        with pytest.raises(KeyboardInterrupt):
            enroll(target, office2.url, ADMIN, ADMIN_PASSWORD, clock=office2.clock)
    finally:
        sync_module.SyncEngine._apply_page = real_apply  # type: ignore[method-assign]
        (sync_module.PULL_PAGE, sync_module.BIG_SYNC, sync_module.BOOTSTRAP_COMMIT) = original
    assert deferred == [True]

    session = sign_in(target, ADMIN, ADMIN_PASSWORD)  # opened, not synced
    try:
        with session.store.read() as conn:
            names = {r.name for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
            arrived = [r.id for r in conn.execute(select(spouse_table.c.id))]
            assert arrived  # the first page was applied before the crash
            for spouse_id in arrived:
                s = next(p for p in people if p.id == spouse_id)
                assert spouse_id in {r.id for r in search(conn, parse_query(s.name.last)).rows}
        assert {"ix_spouse_last_first", "ix_spouse_email", "spouse_ai", "spouse_au"} <= names
    finally:
        session.close()


needs_keyring = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="needs gnome-keyring under dbus-run-session",
)


@pytest.mark.keyring
@needs_keyring
def test_the_central_password_lives_in_the_os_keyring() -> None:
    saved = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    url = f"postgresql://seco@127.0.0.1/seco_{uuid.uuid4().hex[:8]}"
    try:
        remember_password(url, "central-db-password-123")
        backend = keyring.get_keyring()
        assert backend.get_password("SECO Desktop", keyring_entry(url)) == "central-db-password-123"
        store = connect(url)  # picks it up from the keyring
        assert store.engine.url.password == "central-db-password-123"
        assert "central-db-password-123" not in str(store.engine.url)
        store.dispose()
        backend.delete_password("SECO Desktop", keyring_entry(url))
    finally:
        keyring.set_keyring(saved)


@pytest.mark.postgres
def test_a_data_key_rotation_on_one_workstation_reaches_the_others(office2: Office) -> None:
    a, b = office2.workstations
    rotated = key_service.rotate_keys(a.s)
    spouse = records.register(a.s, make_spouses(1, seed=14)[0])

    office2.sync_all()

    with b.s.store.read() as conn:
        assert spouses.get_spouse(conn, spouse.id).dod_id == spouse.dod_id
    assert b.s.keys.material.current_data_version == rotated.data_key_version
    b.sign_in()  # the adopted key is in b's key file, not only in memory
    assert rotated.data_key_version in b.s.keys.material.data_keys


@pytest.mark.postgres
def test_a_user_added_on_one_workstation_signs_in_on_the_others(office2: Office) -> None:
    a, b = office2.workstations
    add_user(
        a.s, "coach9", "Coach Nine", Role.COACH, "Coach-nine password 9!",
        argon2=FAST_ARGON2_FOR_TESTS,
    )  # fmt: skip

    office2.sync_all()

    session = sign_in(b.path, "coach9", "Coach-nine password 9!", clock=office2.clock)
    try:
        assert session.user.role is Role.COACH
    finally:
        session.close()


def test_append_only_entries_are_kept_in_order_for_the_audit_chain(tmp_path: Path) -> None:
    store = CentralStore(central_engine(f"sqlite:///{tmp_path / 'c.db'}"))
    migrate(store.engine)
    store.append("audit-anchor", "ws-1", [b"\x01sealed-1", b"\x01sealed-2"])
    store.append("audit-anchor", "ws-2", [b"\x01sealed-3"])
    with store.engine.connect() as conn:
        rows = conn.execute(select(append_log).order_by(append_log.c.seq)).all()
    assert [(r.origin, r.body) for r in rows] == [
        ("ws-1", b"\x01sealed-1"), ("ws-1", b"\x01sealed-2"), ("ws-2", b"\x01sealed-3"),
    ]  # fmt: skip
    store.dispose()
