"""Fixtures for ``seco-admin`` tests: stores made through the services with fast Argon2,
then driven through ``seco_desktop.cli.main.main`` in-process."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from seco_desktop.cli.main import main
from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import records
from seco_desktop.services.clock import system_clock
from seco_desktop.services.session import add_user, create_store, sign_in

ADMIN, ADMIN_PASSWORD = "admin", "Admin password for the cli 1!"
AGENT, AGENT_PASSWORD = "agent1", "Agent password for the cli 1!"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class CliStore:
    path: Path
    recovery_key: str
    spouses: tuple[Spouse, ...]

    def as_user(self, user: str = ADMIN) -> list[str]:
        return ["--store", str(self.path), "--user", user, "--password-stdin"]


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run("search", ..., stdin="pw\\n")``: the exit status and what was printed."""

    def _run(*argv: str, stdin: str = "") -> Result:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture(scope="session")
def cli_template(tmp_path_factory: pytest.TempPathFactory) -> CliStore:
    """Made once: an administrator, an agent and 40 generated spouses (registered today)."""
    path = tmp_path_factory.mktemp("cli-template") / "office.seco"
    recovery = create_store(
        path,
        admin_username=ADMIN,
        admin_display_name="CLI Administrator",
        admin_password=ADMIN_PASSWORD,
        argon2=FAST_ARGON2_FOR_TESTS,
    )
    session = sign_in(path, ADMIN, ADMIN_PASSWORD)
    try:
        add_user(
            session, AGENT, "CLI Agent", Role.AGENT, AGENT_PASSWORD, argon2=FAST_ARGON2_FOR_TESTS
        )
        spouses = tuple(generate_spouses(40, seed=99, today=system_clock().date()))
        for spouse in spouses:
            records.register(session, spouse)
        session.store.checkpoint()
    finally:
        session.close()
    return CliStore(path, recovery, spouses)


@pytest.fixture
def office(cli_template: CliStore, tmp_path: Path) -> CliStore:
    """A private copy of the template store, for tests that change it."""
    for name in (cli_template.path.name, f"{cli_template.path.name}.keys"):
        shutil.copyfile(cli_template.path.parent / name, tmp_path / name)
    return CliStore(
        tmp_path / cli_template.path.name, cli_template.recovery_key, cli_template.spouses
    )
