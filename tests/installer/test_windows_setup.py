"""The Windows setup program, compiled from installer/windows/seco-desktop.nsi and run.

PyInstaller cannot build the Windows bundle on Linux, so the payload here is a small Windows
program (itself compiled by makensis) that stands where ``seco-desktop.exe`` goes and exits
with a chosen code: what is under test is the setup program, whose script, version
information, install, upgrade, self-test check and uninstall run for real under Wine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "windows" / "seco-desktop.nsi"
UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\SECO Desktop"
# The setup's own exit status when the installed program fails its self-test.
SELF_TEST_FAILED = 3

pytestmark = [
    pytest.mark.windows_setup,
    pytest.mark.skipif(
        not (shutil.which("makensis") and shutil.which("wine")),
        reason="makensis and wine are not installed (Debian packages nsis, wine, wine64)",
    ),
]

PROGRAM_NSI = """Target amd64-unicode
SilentInstall silent
RequestExecutionLevel user
OutFile "seco-desktop.exe"
Section
  SetErrorLevel ${RESULT}
SectionEnd
"""


def _makensis(*args: str, cwd: Path) -> None:
    subprocess.run(["makensis", "-V2", "-WX", *args], cwd=cwd, check=True, capture_output=True)


def _bundle(folder: Path, self_test_result: int, extra: str | None = None) -> Path:
    """A one-folder layout like PyInstaller's: the program and ``_internal/``."""
    folder.mkdir(parents=True)
    (folder / "program.nsi").write_text(PROGRAM_NSI)
    _makensis(f"-DRESULT={self_test_result}", "program.nsi", cwd=folder)
    (folder / "program.nsi").unlink()
    (folder / "_internal").mkdir()
    (folder / "_internal" / "base_library.zip").write_bytes(b"synthetic")
    if extra:
        (folder / "_internal" / extra).write_bytes(b"from an older version")
    return folder


def _setup(bundle: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    version = out / "version.nsh"
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "fill_version.py"), "--nsh", str(version)],
        check=True, capture_output=True,
    )  # fmt: skip
    shutil.copy(SCRIPT, out / SCRIPT.name)
    _makensis(f"-DBUNDLE={bundle}", f"-DOUTDIR={out}", SCRIPT.name, cwd=out)
    (made,) = out.glob("seco-desktop-*-setup.exe")
    return made


class Wine:
    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.env = os.environ | {"WINEPREFIX": str(prefix), "WINEDEBUG": "-all"}
        self.env.pop("DISPLAY", None)
        subprocess.run(["wineboot", "-i"], env=self.env, check=True, capture_output=True)

    def run(self, *args: str) -> int:
        done = subprocess.run(
            ["wine", *args], env=self.env, capture_output=True, timeout=120, check=False
        )
        subprocess.run(["wineserver", "-w"], env=self.env, check=True, timeout=120)
        return done.returncode

    def registry(self, key: str) -> str:
        done = subprocess.run(
            ["wine", "reg", "query", key], env=self.env, capture_output=True, text=True, check=False
        )
        return done.stdout if done.returncode == 0 else ""

    @property
    def program_folder(self) -> Path:
        return self.prefix / "drive_c" / "Program Files" / "SECO Desktop"

    @property
    def start_menu_entry(self) -> Path:
        programs = "ProgramData/Microsoft/Windows/Start Menu/Programs"
        return self.prefix / "drive_c" / programs / "SECO Desktop.lnk"

    def forget_installation(self) -> None:
        """Back to a machine that never had SECO Desktop (between tests sharing the prefix)."""
        subprocess.run(["wine", "reg", "delete", UNINSTALL_KEY, "/f"], env=self.env,
                       capture_output=True, check=False)  # fmt: skip
        shutil.rmtree(self.program_folder, ignore_errors=True)
        self.start_menu_entry.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def wine_prefix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    """One Wine prefix for the module: making one takes about 9 s."""
    prefix = Wine(tmp_path_factory.mktemp("wine") / "prefix")
    try:
        yield prefix
    finally:
        subprocess.run(["wineserver", "-k"], env=prefix.env, capture_output=True, check=False)


@pytest.fixture
def wine(wine_prefix: Wine) -> Wine:
    wine_prefix.forget_installation()
    return wine_prefix


def _version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def test_setup_carries_the_project_version_and_publisher(tmp_path: Path) -> None:
    made = _setup(_bundle(tmp_path / "bundle", 0), tmp_path / "out")
    assert made.name == f"seco-desktop-{_version()}-setup.exe"
    raw = made.read_bytes()
    assert raw[:2] == b"MZ"
    # The version resource (UTF-16) Windows shows in the file's properties.
    assert _version().encode("utf-16-le") in raw
    assert "DoD SECO program".encode("utf-16-le") in raw


def test_silent_install_self_test_and_uninstall(tmp_path: Path, wine: Wine) -> None:
    setup = _setup(_bundle(tmp_path / "bundle", 0), tmp_path / "out")
    assert wine.run(str(setup), "/S") == 0
    assert (wine.program_folder / "seco-desktop.exe").is_file()
    assert (wine.program_folder / "_internal" / "base_library.zip").is_file()
    assert wine.start_menu_entry.is_file()
    entry = wine.registry(UNINSTALL_KEY)
    assert f"DisplayVersion    REG_SZ    {_version()}" in entry
    assert r"UninstallString    REG_SZ    " in entry

    assert wine.run(str(wine.program_folder / "uninstall.exe"), "/S") == 0
    assert not wine.program_folder.exists()
    assert not wine.start_menu_entry.exists()
    assert wine.registry(UNINSTALL_KEY) == ""


def test_an_upgrade_leaves_no_file_of_the_older_version(tmp_path: Path, wine: Wine) -> None:
    old = _setup(_bundle(tmp_path / "old", 0, extra="only_in_old.pyd"), tmp_path / "out-old")
    assert wine.run(str(old), "/S") == 0
    assert (wine.program_folder / "_internal" / "only_in_old.pyd").is_file()
    new = _setup(_bundle(tmp_path / "new", 0), tmp_path / "out-new")
    assert wine.run(str(new), "/S") == 0
    assert not (wine.program_folder / "_internal" / "only_in_old.pyd").exists()
    assert (wine.program_folder / "_internal" / "base_library.zip").is_file()


def test_a_failed_self_test_fails_the_setup(tmp_path: Path, wine: Wine) -> None:
    setup = _setup(_bundle(tmp_path / "bundle", 7), tmp_path / "out")
    assert wine.run(str(setup), "/S") == SELF_TEST_FAILED
