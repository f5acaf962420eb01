"""Help → About: the version, and the third-party packages the application runs on with their
licences, read from the installed package metadata (the frozen build ships that metadata).

Hook for the main window's menu bar (after the other menus)::

    help_menu = self.menuBar().addMenu("&Help")
    help_menu.addAction("&About SECO Desktop", lambda: AboutDialog(self).exec())
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.ui.resources import RESOURCES

DISTRIBUTION = "seco-desktop"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?")
_EXTRA = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")
_SHORT_LICENSE = 80  # longer "License" fields are the whole licence text, not its name


@dataclass(frozen=True, slots=True)
class ThirdParty:
    name: str
    version: str
    licence: str


def app_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


def licence_of(meta: metadata.PackageMetadata) -> str:
    """SPDX expression if declared, else a short License field, else the classifiers."""
    expression = meta.get_all("License-Expression") or []  # get_all: None when absent
    if expression:
        return str(expression[0])
    declared = str((meta.get_all("License") or [""])[0]).strip()
    if declared and len(declared) <= _SHORT_LICENSE and "\n" not in declared:
        return declared
    classifiers = [
        c.rsplit("::", 1)[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    return "; ".join(classifiers) or "not declared (see the package's licence file)"


def _runtime_requirements(distribution: str, extras: frozenset[str] = frozenset()) -> list[str]:
    """``name[extra,...]`` of each requirement needed at run time (markers for extras not
    asked for, such as ``dev`` or ``installer``, are left out)."""
    found = []
    for requirement in metadata.requires(distribution) or []:
        spec, _, marker = requirement.partition(";")
        extra = _EXTRA.search(marker)
        if extra and extra.group(1) not in extras:
            continue
        name = _NAME.match(spec)
        if name:
            found.append(name.group(1) + (name.group(2) or "").replace(" ", ""))
    return found


def third_party_packages(distribution: str = DISTRIBUTION) -> list[ThirdParty]:
    """Every installed runtime dependency of ``distribution``, transitively, sorted by name."""
    seen: dict[str, ThirdParty] = {}
    pending = _runtime_requirements(distribution)
    while pending:
        spec = pending.pop()
        name = spec.split("[", 1)[0]
        extras = frozenset(e.strip() for e in spec.partition("[")[2].rstrip("]").split(",") if e)
        key = re.sub(r"[-_.]+", "-", name).lower()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a platform-only dependency not installed here
        if key not in seen:
            meta = dist.metadata
            seen[key] = ThirdParty(meta["Name"], dist.version, licence_of(meta))
            pending.extend(_runtime_requirements(name))
        if extras:
            pending.extend(_runtime_requirements(name, extras))
    return sorted(seen.values(), key=lambda p: p.name.lower())


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About SECO Desktop")
        layout = QVBoxLayout(self)
        self.heading = heading = QLabel(f"<b>SECO Desktop</b> {app_version()}", self)
        heading.setAccessibleName(f"SECO Desktop version {app_version()}")
        layout.addWidget(heading)
        intro = QLabel(
            "Workstation software for SECO case work on Privacy Act records. "
            "It runs on these third-party packages, under their own licences. The report font "
            f"is DejaVu Sans (licence in {RESOURCES / 'fonts'}); the application icon is the "
            "project's own.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        packages = third_party_packages()
        self.table = QTableWidget(len(packages), 3, self)
        self.table.setHorizontalHeaderLabels(["Package", "Version", "Licence"])
        self.table.setAccessibleName("Third-party packages and their licences")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, package in enumerate(packages):
            for column, text in enumerate((package.name, package.version, package.licence)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 480)
