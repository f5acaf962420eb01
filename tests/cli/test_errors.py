"""``seco-admin`` failures: one line on stderr, exit status 2, never a traceback; and help."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from seco_desktop.cli.main import build_parser

from .conftest import ADMIN_PASSWORD, AGENT, AGENT_PASSWORD, CliStore, Result, Run


def assert_one_line_error(result: Result, *words: str) -> None:
    assert result.code == 2, (result.code, result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("seco-admin: error: ")
    assert "Traceback" not in result.err + result.out
    for word in words:
        assert word in lines[0]


def test_a_wrong_password_is_one_line(run: Run, office: CliStore) -> None:
    result = run("search", *office.as_user(), "a", stdin="not the right password\n")

    assert_one_line_error(result, "User name or password is incorrect")
    assert result.out == ""


def test_an_unknown_user_gets_the_same_line_as_a_wrong_password(run: Run, office: CliStore) -> None:
    unknown = run("search", *office.as_user("nobody"), "a", stdin=f"{ADMIN_PASSWORD}\n")
    wrong = run("search", *office.as_user(), "a", stdin="not the right password\n")

    assert_one_line_error(unknown)
    assert unknown.err == wrong.err


def test_a_missing_store_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run(
        "user", "list", "--store", str(tmp_path / "nowhere.seco"), "--user", "admin",
        "--password-stdin", stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip

    assert_one_line_error(result, "key file")


def test_an_agent_adding_a_user_is_refused_and_nothing_changes(run: Run, office: CliStore) -> None:
    keys_before = Path(f"{office.path}.keys").read_bytes()

    result = run(
        "user", "add", *office.as_user(AGENT), "--new", "sneaky", "--role", "administrator",
        stdin=f"{AGENT_PASSWORD}\nsneaky password that is long\n",
    )  # fmt: skip

    assert_one_line_error(result, "The agent role may not manage users")
    assert Path(f"{office.path}.keys").read_bytes() == keys_before


def test_a_ruleset_file_with_a_bad_key_is_refused_naming_the_key(
    run: Run, office: CliStore, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"program": "mycaa", "version": "x-1", "effective_from": "2030-01-01"}),
        encoding="utf-8",
    )

    result = run("ruleset", "add", *office.as_user(), str(bad), stdin=f"{ADMIN_PASSWORD}\n")

    assert_one_line_error(result)
    assert "description" in result.err or "params" in result.err


def test_a_ruleset_file_that_is_not_json_is_refused(
    run: Run, office: CliStore, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"program": "mycaa",\n  "version": ', encoding="utf-8")

    result = run("ruleset", "add", *office.as_user(), str(bad), stdin=f"{ADMIN_PASSWORD}\n")

    assert_one_line_error(result, "not valid JSON", "line 2")


def test_a_missing_ruleset_file_is_one_line(run: Run, office: CliStore, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"

    result = run("ruleset", "add", *office.as_user(), str(missing), stdin=f"{ADMIN_PASSWORD}\n")

    assert_one_line_error(result, "No such file or directory", str(missing))


def test_show_of_an_unknown_record_is_one_line(run: Run, office: CliStore) -> None:
    result = run("show", *office.as_user(), "0000000001", stdin=f"{ADMIN_PASSWORD}\n")

    assert_one_line_error(result, "No spouse is registered with this DoD ID")


def test_stdin_running_out_of_passwords_is_one_line(run: Run, office: CliStore) -> None:
    result = run("search", *office.as_user(), "a", stdin="")

    assert_one_line_error(result, "standard input ended")


def test_init_with_a_short_password_is_one_line_and_creates_nothing(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "new.seco"

    result = run(
        "init", "--store", str(path), "--admin", "boss", "--password-stdin", stdin="short\n"
    )

    assert_one_line_error(result, "at least 15 characters")
    assert list(tmp_path.iterdir()) == []


def test_a_mistyped_recovery_key_is_one_line(run: Run, office: CliStore) -> None:
    key = office.recovery_key
    typo = key[:-1] + ("7" if key[-1] != "7" else "8")

    result = run(
        "keys", "reset-password", "--store", str(office.path), "--target", AGENT,
        "--password-stdin", stdin=f"{typo}\nNew agent password long 1!\n",
    )  # fmt: skip

    assert_one_line_error(result, "typo")


@pytest.mark.parametrize("option", [["--limit", "0"], ["--page", "-1"]], ids=["limit0", "page-1"])
def test_a_bad_page_option_is_a_user_error(run: Run, office: CliStore, option: list[str]) -> None:
    result = run("search", *office.as_user(), *option, "a", stdin=f"{ADMIN_PASSWORD}\n")

    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.err.startswith("seco-admin: error:")


def test_a_ruleset_file_that_is_not_utf8_is_a_user_error(
    run: Run, office: CliStore, tmp_path: Path
) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{"description": "Größe"}'.encode("latin-1"))

    result = run("ruleset", "add", *office.as_user(), str(bad), stdin=f"{ADMIN_PASSWORD}\n")

    assert_one_line_error(result)


def test_demo_with_a_negative_record_count_is_a_user_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "demo.seco"

    result = run(
        "demo", "--store", str(path), "--records", "-5", "--password-stdin",
        stdin="demo password long enough\n",
    )  # fmt: skip

    assert_one_line_error(result, "records")
    assert not path.exists()


# --- help ------------------------------------------------------------------------------------


def _commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((*prefix, name))
                found += _commands(sub, (*prefix, name))
    return found


ALL_COMMANDS = _commands(build_parser())


def test_the_command_list_covers_the_documented_commands() -> None:
    names = {" ".join(c) for c in ALL_COMMANDS}
    assert {
        "init", "user add", "user list", "demo", "search", "show", "ruleset add",
        "ruleset list", "keys rotate", "keys new-recovery", "keys reset-password", "check",
    } <= names  # fmt: skip


@pytest.mark.parametrize("command", [(), *ALL_COMMANDS], ids=lambda c: " ".join(c) or "top")
def test_help_for_every_command_exits_0(run: Run, command: tuple[str, ...]) -> None:
    result = run(*command, "--help")

    assert result.code == 0
    assert result.out.startswith(f"usage: seco-admin {' '.join(command)}".rstrip())
    assert result.err == ""


# --- the installed entry point ---------------------------------------------------------------


def _entry_point() -> list[str]:
    installed = Path(sys.executable).parent / "seco-admin"
    if installed.exists():
        return [str(installed)]
    found = shutil.which("seco-admin")
    return [found] if found else [sys.executable, "-m", "seco_desktop.cli.main"]


def test_the_installed_command_reports_a_wrong_password_without_a_traceback(
    office: CliStore,
) -> None:
    done = subprocess.run(
        [*_entry_point(), "search", *office.as_user(), "a"],
        input="not the right password\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "seco-admin: error: User name or password is incorrect\n"
