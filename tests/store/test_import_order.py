"""Each store module imports on its own, first: no import cycle hides behind the usual order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    f"seco_desktop.store.{p.stem}"
    for p in (ROOT / "seco_desktop" / "store").glob("*.py")
    if p.stem != "__init__"
)


@pytest.mark.parametrize("module", MODULES)
def test_a_store_module_imports_first(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.splitlines()[-1:]
