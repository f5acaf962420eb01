"""An uncaught exception prints and logs its type and frames, never its message."""

from __future__ import annotations

import io
import logging
import sys

import pytest
from services.support import make_spouses

from seco_desktop.ui.crash import install_crash_handler, make_hook


def _fail_with(message: str) -> None:
    raise ValueError(message)


def test_the_report_has_type_and_place_but_not_the_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    spouse = make_spouses(1)[0]
    secret = f"{spouse.name.last} {spouse.dod_id} {spouse.date_of_birth.isoformat()}"
    out = io.StringIO()
    caplog.set_level(logging.DEBUG)
    try:
        _fail_with(secret)
    except ValueError as exc:
        make_hook(out)(ValueError, exc, exc.__traceback__)

    printed = out.getvalue()
    assert "SECO Desktop internal error: ValueError" in printed
    assert "in _fail_with" in printed
    logged = " ".join(r.getMessage() for r in caplog.records)
    for text in (printed, logged):
        for part in secret.split():
            assert part not in text


def test_installing_replaces_the_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    install_crash_handler()
    assert sys.excepthook is not sys.__excepthook__
