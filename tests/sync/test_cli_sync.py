"""``seco-admin central init|enroll`` and ``seco-admin sync`` end to end on PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seco_desktop.services import records
from seco_desktop.services.session import sign_in
from seco_desktop.store import spouses
from seco_desktop.store.meta import set_meta
from tests.cli.conftest import Run, run  # noqa: F401  (the in-process runner fixture)
from tests.services.support import ADMIN, ADMIN_PASSWORD, make_spouses

pytestmark = pytest.mark.postgres


@pytest.fixture
def first(office_template: tuple[Path, str], tmp_path: Path) -> Path:
    source, _ = office_template
    folder = tmp_path / "first"
    folder.mkdir()
    for name in (source.name, f"{source.name}.keys"):
        shutil.copyfile(source.parent / name, folder / name)
    return folder / source.name


def _as_admin(path: Path) -> list[str]:
    return ["--store", str(path), "--user", ADMIN, "--password-stdin"]


def test_init_enroll_and_sync_from_the_command_line(
    run: Run,  # noqa: F811
    first: Path,
    tmp_path: Path,
    pg_url: str,
) -> None:
    spouse = make_spouses(1, seed=4)[0]
    session = sign_in(first, ADMIN, ADMIN_PASSWORD)
    records.register(session, spouse)
    session.close()
    pw = ADMIN_PASSWORD + "\n"

    init = run("central", "init", *_as_admin(first), "--url", pg_url, stdin=pw)
    assert init.code == 0, init.err
    synced = run("sync", *_as_admin(first), stdin=pw)
    assert synced.code == 0, synced.err
    assert "sent" in synced.out

    second = tmp_path / "second" / "office.seco"
    enrolled = run(
        "central", "enroll", "--store", str(second), "--user", ADMIN, "--url", pg_url,
        "--password-stdin", stdin=pw,
    )  # fmt: skip
    assert enrolled.code == 0, enrolled.err
    session = sign_in(second, ADMIN, ADMIN_PASSWORD)
    with session.store.read() as conn:
        assert spouses.get_spouse(conn, spouse.id).dod_id == spouse.dod_id
    session.close()


def test_sync_without_a_central_store_fails_with_one_clear_line(
    run: Run,  # noqa: F811
    first: Path,
) -> None:
    result = run("sync", *_as_admin(first), stdin=ADMIN_PASSWORD + "\n")
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert "No central store is configured" in result.err


def test_sync_with_the_central_store_down_fails_with_one_clear_line(
    run: Run,  # noqa: F811
    first: Path,
    pg_url: str,
) -> None:
    pw = ADMIN_PASSWORD + "\n"
    assert run("central", "init", *_as_admin(first), "--url", pg_url, stdin=pw).code == 0
    session = sign_in(first, ADMIN, ADMIN_PASSWORD)
    with session.store.write() as conn:
        set_meta(conn, "central.url", "postgresql+psycopg://postgres@127.0.0.1:1/nothing")
    session.close()

    result = run("sync", *_as_admin(first), stdin=pw)

    assert result.code == 2
    assert result.err.startswith("seco-admin: error: The central database did not answer")
    assert result.err.strip().count("\n") == 0


def test_a_plain_connection_beyond_this_computer_is_refused(
    run: Run,  # noqa: F811
    first: Path,
) -> None:
    url = "postgresql://seco@db.office.example/seco"
    result = run("central", "init", *_as_admin(first), "--url", url, stdin=ADMIN_PASSWORD + "\n")
    assert result.code == 2
    assert "without TLS" in result.err
    assert "sslmode=verify-full" in result.err
