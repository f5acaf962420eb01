"""Suite-wide settings: no display, and in CI the real services may not be skipped."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REAL_SERVICE_MARKERS = ("postgres", "keyring", "windows_setup")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With SECO_REQUIRE_REAL_SERVICES=1 (CI), a skipped PostgreSQL or keyring test fails."""
    outcome = yield
    report = outcome.get_result()
    if not os.environ.get("SECO_REQUIRE_REAL_SERVICES"):
        return
    needs_real = [m for m in REAL_SERVICE_MARKERS if item.get_closest_marker(m)]
    if needs_real and report.skipped:
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} needs {', '.join(needs_real)} and was skipped; "
            "CI must exercise the real service"
        )
