"""``seco-admin backup``, ``backup verify`` and ``restore`` on a real store: what an
administrator types and reads, and one-line errors with exit 2."""

from __future__ import annotations

from pathlib import Path

from seco_desktop.store.engine import PAGE_SIZE

from .conftest import ADMIN, ADMIN_PASSWORD, AGENT, AGENT_PASSWORD, CliStore, Run
from .test_errors import assert_one_line_error

PW = f"{ADMIN_PASSWORD}\n"


def test_backup_then_verify_then_restore(run: Run, office: CliStore, tmp_path: Path) -> None:
    target = tmp_path / "friday.seco"
    made = run("backup", *office.as_user(), "--to", str(target), stdin=PW)
    assert made.code == 0, made.err
    assert f"Backed up {office.path} to {target} and {target}.keys." in made.out
    assert "40 records" in made.out

    checked = run("backup", "verify", str(target), "--user", ADMIN, "--password-stdin", stdin=PW)
    assert checked.code == 0, checked.err
    assert "is sound" in checked.out
    assert "40 records" in checked.out

    restored = tmp_path / "again" / "office.seco"
    restored.parent.mkdir()
    args = ["--from", str(target), "--store", str(restored), "--user", ADMIN, "--password-stdin"]
    done = run("restore", *args, stdin=PW)
    assert done.code == 0, done.err
    found = run("search", "--store", str(restored), "--user", ADMIN, "--password-stdin",
                office.spouses[0].dod_id, stdin=PW)  # fmt: skip
    assert found.code == 0
    assert f"{office.spouses[0].id}" in found.out


def test_an_agent_may_not_back_up(run: Run, office: CliStore, tmp_path: Path) -> None:
    target = tmp_path / "agent.seco"
    result = run("backup", *office.as_user(AGENT), "--to", str(target), stdin=f"{AGENT_PASSWORD}\n")
    assert_one_line_error(result, "The agent role may not backup")
    assert not target.exists()


def test_verify_of_a_truncated_backup_is_one_line(
    run: Run, office: CliStore, tmp_path: Path
) -> None:
    target = tmp_path / "cut.seco"
    assert run("backup", *office.as_user(), "--to", str(target), stdin=PW).code == 0
    target.write_bytes(target.read_bytes()[:-5000])
    result = run("backup", "verify", str(target), "--user", ADMIN, "--password-stdin", stdin=PW)
    assert_one_line_error(result, "truncated")


def test_verify_of_a_damaged_page_exits_1_and_names_it(
    run: Run, office: CliStore, tmp_path: Path
) -> None:
    target = tmp_path / "rot.seco"
    assert run("backup", *office.as_user(), "--to", str(target), stdin=PW).code == 0
    data = bytearray(target.read_bytes())
    data[PAGE_SIZE * 5 + 64 : PAGE_SIZE * 5 + 96] = bytes(32)
    target.write_bytes(bytes(data))
    result = run("backup", "verify", str(target), "--user", ADMIN, "--password-stdin", stdin=PW)
    assert result.code == 1
    assert "DAMAGED" in result.out
    assert "page 6" in result.out


def test_backup_without_a_destination_is_one_line(run: Run, office: CliStore) -> None:
    result = run("backup", "--store", str(office.path), "--user", ADMIN, stdin=PW)
    assert_one_line_error(result, "--to required")


def test_restore_over_an_existing_store_is_refused(
    run: Run, office: CliStore, tmp_path: Path
) -> None:
    target = tmp_path / "b.seco"
    assert run("backup", *office.as_user(), "--to", str(target), stdin=PW).code == 0
    before = office.path.read_bytes()
    result = run("restore", "--from", str(target), "--store", str(office.path), "--user", ADMIN,
                 "--password-stdin", stdin=PW)  # fmt: skip
    assert_one_line_error(result, "move the old store and its key file aside first")
    assert office.path.read_bytes() == before
