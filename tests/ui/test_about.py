"""Help → About: the version and every runtime dependency with a licence, none of the dev tools."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pytestqt.qtbot import QtBot

from seco_desktop.ui.about import AboutDialog, app_version, third_party_packages

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_the_runtime_dependencies_are_listed_with_licences_and_no_dev_tools() -> None:
    packages = {p.name.lower().replace("_", "-"): p for p in third_party_packages()}
    for needed in ("sqlalchemy", "alembic", "sqlcipher3", "keyring", "secretstorage",
                   "pyside6-essentials", "reportlab", "psycopg", "psycopg-binary"):  # fmt: skip
        assert needed in packages, needed
    assert packages["pyside6-essentials"].licence.startswith("LGPL-3.0")
    assert all(p.licence for p in packages.values())
    for dev_only in ("pytest", "mypy", "ruff", "pyinstaller", "hypothesis"):
        assert dev_only not in packages


def test_the_about_dialog_shows_the_version_and_the_table(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    version = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    assert app_version() == version
    assert version in dialog.heading.text()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "SQLAlchemy" in names
    assert dialog.table.rowCount() == len(third_party_packages())
