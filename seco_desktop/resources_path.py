"""Where the application's ``resources/`` folder is, from source, a wheel or a frozen bundle.

One answer for every finder (notice texts, report fonts, icons), in this order:

1. a PyInstaller bundle: ``resources/`` inside the bundle (``sys._MEIPASS``), which the spec in
   ``installer/`` copies there;
2. a source checkout or an editable install: ``resources/`` next to the ``seco_desktop``
   package;
3. a wheel install: ``<prefix>/share/seco-desktop/resources`` (the wheel's data files).

The first folder that exists wins; if none does, the source-checkout path is returned so the
error a finder raises names a sensible place. This module imports nothing from the project.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["candidates", "is_frozen", "resources_dir"]

_PACKAGE_ROOT = Path(__file__).resolve().parent


def is_frozen() -> bool:
    """True inside a PyInstaller (or similar) bundle."""
    return bool(getattr(sys, "frozen", False))


def candidates() -> list[Path]:
    """The folders looked at, in order."""
    found: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if is_frozen() and bundle:
        found.append(Path(bundle) / "resources")
    found.append(_PACKAGE_ROOT.parent / "resources")
    found.append(Path(sys.prefix) / "share" / "seco-desktop" / "resources")
    return found


def resources_dir() -> Path:
    """The ``resources/`` folder of this installation."""
    for folder in candidates():
        if folder.is_dir():
            return folder
    return _PACKAGE_ROOT.parent / "resources"
