"""The SQLCipher file itself: encryption at rest, bad keys, damage, migrations, crashes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.store import spouses
from seco_desktop.store.backup import check_copy
from seco_desktop.store.engine import PAGE_SIZE, open_engines, raw_connect
from seco_desktop.store.errors import MigrationFailed, StoreCorrupt, StoreMissing, WrongStoreKey
from seco_desktop.store.migrate import MIGRATIONS_DIR, current_revision, head_revision, migrate
from seco_desktop.store.schema import metadata
from seco_desktop.store.store import Store

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 12, 0)


def _make_store(path: Path, key: bytes, records: int = 50) -> None:
    with Store.open(path, [key], create=True) as store:
        with store.write() as conn:
            spouses.insert_many(conn, generate_spouses(records, seed=7, today=TODAY), NOW)
        store.checkpoint()


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}


def test_file_is_encrypted_at_rest(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key)
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    first = next(generate_spouses(1, seed=7, today=TODAY))
    assert first.name.last.encode() not in raw
    assert first.dod_id.encode() not in raw


def test_store_files_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "s.seco"
    _make_store(path, os.urandom(32))
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert modes
    assert all(mode == 0o600 for mode in modes.values()), modes


def test_reopen_with_right_key_reads_records(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key)
    with Store.open(path, [key]) as store, store.read() as conn:
        assert spouses.count_spouses(conn) == 50


def _with_4k_pages(path: Path, key: bytes) -> Path:
    """A copy of the store at ``path`` in 4 KiB pages, as every store was made before 16 KiB."""
    legacy = path.with_name("legacy.seco")
    conn = raw_connect(path, key)
    try:
        conn.execute(f"ATTACH DATABASE '{legacy}' AS legacy KEY \"x'{key.hex()}'\"")
        conn.execute("PRAGMA legacy.cipher_page_size = 4096")
        conn.execute("SELECT sqlcipher_export('legacy')")
        conn.execute("DETACH DATABASE legacy")
    finally:
        conn.close()
    return legacy


def test_a_new_store_has_16k_pages(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key)
    with Store.open(path, [key]) as store:
        assert store.page_size == PAGE_SIZE == 16384
    assert path.stat().st_size % 16384 == 0


def test_a_store_made_with_4k_pages_opens_reads_writes_and_backs_up(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key, records=120)
    legacy = _with_4k_pages(path, key)
    with Store.open(path, [key]) as store, store.read() as conn:
        expected = [spouses.get_spouse(conn, r.id) for r in conn.execute(spouses.t.select())]
    with Store.open(legacy, [os.urandom(32), key]) as store:
        assert store.page_size == 4096
        assert store.opened_with_previous_key
        with store.read() as conn:
            assert [spouses.get_spouse(conn, s.id) for s in expected if s] == expected
        with store.write() as conn:
            spouses.insert_many(conn, generate_spouses(30, seed=8, today=TODAY), NOW)
        assert store.integrity_check() == []
        store.backup_to(tmp_path / "copy.seco", key)
    checked = check_copy(tmp_path / "copy.seco", [key])
    assert checked.ok, checked.problems
    assert checked.counts["spouse"] == 150
    with Store.open(legacy, [key]) as store:
        assert store.page_size == 4096
    with pytest.raises(WrongStoreKey):
        Store.open(legacy, [os.urandom(32)])


def test_wrong_key_is_refused_and_file_untouched(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key)
    before = _files(path)
    with pytest.raises(WrongStoreKey, match="key is wrong or the file is damaged"):
        Store.open(path, [os.urandom(32)])
    assert _files(path) == before


def test_previous_key_still_opens_after_interrupted_rotation(tmp_path: Path) -> None:
    path, old = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, old)
    with Store.open(path, [os.urandom(32), old]) as store:
        assert store.opened_with_previous_key


def test_missing_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing, match="No store at"):
        Store.open(tmp_path / "nowhere.seco", [os.urandom(32)])


@pytest.mark.parametrize("keep", [0, 1000, 4096 * 3 + 17])
def test_truncated_file_is_refused_and_untouched(tmp_path: Path, keep: int) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key)
    path.write_bytes(path.read_bytes()[:keep])
    before = _files(path)
    with pytest.raises(StoreCorrupt, match="truncated"):
        Store.open(path, [key])
    assert _files(path) == before


def test_tampered_page_is_detected(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key, records=400)
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2
    raw[middle] ^= 0x01
    path.write_bytes(bytes(raw))
    try:
        store = Store.open(path, [key])
    except (WrongStoreKey, StoreCorrupt):
        return  # refused at open: fine
    with store:
        problems = store.integrity_check()
    assert problems, "a flipped bit in a data page must be reported"
    assert path.read_bytes() == bytes(raw), "the damaged file must not be rewritten"


def test_creating_over_an_existing_store_is_refused(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key)
    before = _files(path)
    with pytest.raises(Exception, match="refusing to overwrite"):
        Store.open(path, [key], create=True)
    assert _files(path) == before


def test_migrations_build_exactly_the_declared_schema(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.seco", [os.urandom(32)], create=True)
    with store, store.read() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    # The FTS5 index and its shadow tables are made by raw DDL, not declared as tables.
    unexpected = [
        d for d in diffs if not (d[0] == "remove_table" and d[1].name.startswith("spouse_fts"))
    ]
    assert unexpected == []


def test_failed_migration_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key)
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts)
    head = head_revision(scripts)
    (scripts / "versions" / "0002_broken.py").write_text(
        textwrap.dedent(
            '''
            """A migration that fails half way."""
            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "HEAD_REVISION"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
                op.add_column("spouse", sa.Column("extra", sa.Text))
                op.execute("UPDATE spouse SET first_name = 'CHANGED'")
                raise RuntimeError("simulated failure")


            def downgrade() -> None:
                pass
            '''
        ).replace("HEAD_REVISION", head)
    )
    engines = open_engines(path, [key])
    try:
        with pytest.raises(MigrationFailed, match="left as it was"):
            migrate(engines.writer, scripts)
        with engines.reader.connect() as conn:
            assert current_revision(conn) == head
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
            assert "half_done" not in tables
            columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(spouse)")}
            assert "extra" not in columns
            changed = conn.exec_driver_sql(
                "SELECT count(*) FROM spouse WHERE first_name = 'CHANGED'"
            ).scalar()
            assert changed == 0
    finally:
        engines.dispose()


_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, datetime
    from pathlib import Path
    from seco_desktop.demo.generator import generate_spouses
    from seco_desktop.store import spouses
    from seco_desktop.store.store import Store

    path, key, seed = Path(sys.argv[1]), bytes.fromhex(sys.argv[2]), int(sys.argv[3])
    store = Store.open(path, [key])
    batch = list(generate_spouses(200, seed=seed, today=date(2026, 11, 23)))
    print("ready", flush=True)
    n = 0
    while True:
        for s in batch:
            s.id = f"{seed}-{n}-{s.id[8:]}"
        n += 1
        with store.write() as conn:
            spouses.insert_many(conn, batch, datetime(2026, 11, 23, 12))
    """
)


@pytest.mark.slow
def test_killed_writer_leaves_no_partial_batch(tmp_path: Path) -> None:
    """SIGKILL a process in the middle of its write transactions, several times."""
    path, key = tmp_path / "s.seco", os.urandom(32)
    _make_store(path, key, records=0)
    for attempt in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), key.hex(), str(attempt)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.2 + 0.15 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Store.open(path, [key]) as store:
            assert store.integrity_check() == []
            with store.read() as conn:
                count = spouses.count_spouses(conn)
            assert count % 200 == 0, f"a partial batch survived ({count} rows)"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=2**31))
def test_store_round_trip_keeps_every_field(tmp_path: Path, seed: int) -> None:
    path = tmp_path / f"rt-{seed}.seco"
    with Store.open(path, [os.urandom(32)], create=True) as store:
        originals = list(generate_spouses(5, seed=seed, today=TODAY))
        with store.write() as conn:
            stored = [spouses.insert_spouse(conn, s, NOW) for s in originals]
        with store.read() as conn:
            for s in stored:
                assert spouses.get_spouse(conn, s.id) == s
