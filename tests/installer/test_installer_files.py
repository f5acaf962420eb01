"""The installer files agree with pyproject.toml and with each other."""

from __future__ import annotations

import configparser
import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

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


def test_the_windows_setup_version_comes_from_pyproject(tmp_path: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    out = tmp_path / "version.nsh"
    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "fill_version.py"), "--nsh", str(out)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert done.stdout.strip() == project["version"]
    text = out.read_text()
    assert f'!define APP_VERSION "{project["version"]}"' in text
    assert f'!define APP_PUBLISHER "{project["authors"][0]["name"]}"' in text
    nsi = (ROOT / "installer" / "windows" / "seco-desktop.nsi").read_text()
    assert '!include "version.nsh"' in nsi
    assert '"DisplayVersion" "${APP_VERSION}"' in nsi


def test_numeric_windows_version_has_four_parts() -> None:
    meta = {"version": "1.2", "description": "d", "name": "n", "publisher": "p"}
    assert '!define APP_NUMERIC_VERSION "1.2.0.0"' in _fill_version().nsh_defines(meta)


def test_a_value_that_would_break_the_nsis_script_is_refused() -> None:
    meta = {"version": "1.2", "description": 'say "hi"', "name": "n", "publisher": "p"}
    with pytest.raises(ValueError, match="NSIS"):
        _fill_version().nsh_defines(meta)


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
