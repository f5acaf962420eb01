"""``seco-desktop --self-test`` in-process: the desktop's main() with the Qt step."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from seco_desktop.ui import app

pytestmark = pytest.mark.slow


def test_main_with_self_test_passes_and_shows_no_window(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app.main(["--self-test"]) == app.EXIT_OK
    out = capsys.readouterr().out
    assert "ok  summary PDF" in out
    assert "ok  Qt widgets" in out
    assert "third-party licences" in out
    assert "icons, 3 themes" in out
    assert out.rstrip().splitlines()[-1].startswith("self-test passed in ")
    assert not [w for w in qapp.topLevelWidgets() if w.isVisible()]
