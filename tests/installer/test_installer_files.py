"""The installer files agree with pyproject.toml and with each other."""

from __future__ import annotations

import configparser
import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _fill_version() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fill_version", ROOT / "installer" / "fill_version.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_inno_setup_version_comes_from_pyproject(tmp_path: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    out = tmp_path / "version.iss"
    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "fill_version.py"), "--iss", str(out)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert done.stdout.strip() == version
    text = out.read_text()
    assert f'#define AppVersion "{version}"' in text
    assert '#define AppNumericVersion "' in text
    iss = (ROOT / "installer" / "windows" / "seco-desktop.iss").read_text()
    assert '#include "version.iss"' in iss
    assert "AppVersion={#AppVersion}" in iss


def test_numeric_windows_version_has_four_parts() -> None:
    defines = _fill_version().iss_defines({"version": "1.2", "description": "d", "name": "n"})
    assert '#define AppNumericVersion "1.2.0.0"' in defines


def test_the_appstream_file_is_filled(tmp_path: Path) -> None:
    out = tmp_path / "meta.xml"
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "fill_version.py"), "--metainfo", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    text = out.read_text()
    assert "@VERSION@" not in text
    assert "@DATE@" not in text
    assert '<launchable type="desktop-id">seco-desktop.desktop</launchable>' in text


def test_the_desktop_entry_starts_the_program_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "installer" / "linux" / "seco-desktop.desktop")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "seco-desktop"
    assert section["Icon"] == "seco-desktop"
    assert (ROOT / "resources" / "icons" / f"{section['Icon']}.svg").is_file()
    assert (ROOT / "resources" / "icons" / "LICENSE").is_file()


def test_the_spec_ships_what_is_loaded_by_name() -> None:
    spec = (ROOT / "installer" / "seco-desktop.spec").read_text()
    for needed in (
        '"resources"', "store\" / \"migrations", "central\" / \"migrations", "rulesets",
        "keyring.backends", "secretstorage", "sqlcipher3", "postgresql.psycopg",
        "copy_metadata(\"seco-desktop\", recursive=True)",
    ):  # fmt: skip
        assert needed in spec, needed
